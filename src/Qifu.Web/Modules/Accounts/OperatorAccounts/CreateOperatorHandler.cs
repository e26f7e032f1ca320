using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Qifu.Web.Modules.Accounts.Data;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Accounts.OperatorAccounts;

public sealed record CreateOperatorRequest
{
    [Required(ErrorMessage = "请填写姓名")]
    [StringLength(50, ErrorMessage = "姓名不能超过50字")]
    public string DisplayName { get; init; } = "";

    [Required(ErrorMessage = "请填写手机号")]
    public string Phone { get; init; } = "";

    [Required(ErrorMessage = "请选择所属区划")]
    public string RegionCode { get; init; } = "";
}

public sealed record CreatedOperator(Guid Id, string Phone, string InitialPassword);

/// <summary>
/// A city operator creates an operator account for the city or a county. The initial password is random,
/// shown once, and must be changed at first sign-in (SECURITY.md AU-09).
/// </summary>
public sealed class CreateOperatorHandler(NewAccounts accounts, AppDbContext db, AuditTrail audit)
{
    public async Task<CreatedOperator> HandleAsync(CreateOperatorRequest request)
    {
        if (!RegionCodes.Exists(request.RegionCode))
            throw new RuleViolationException("REGION_INVALID", "所属区划不存在", "regionCode", 400);
        var phone = await accounts.CheckAsync(request.Phone, password: null);
        var role = request.RegionCode == RegionCodes.City ? Roles.CityOperator : Roles.CountyOperator;
        var password = InitialPassword();
        return await db.InTransactionAsync(async () =>
        {
            var user = await accounts.CreateAsync(phone, password, request.DisplayName, role, mustChangePassword: true,
                u => u.RegionCode = request.RegionCode);
            audit.Record("创建运营账号", "用户", user.Id, request.RegionCode,
                after: new { user.DisplayName, Phone = PhoneNumber.Mask(phone), Role = Roles.Label(role), request.RegionCode });
            await db.SaveChangesAsync();
            return new CreatedOperator(user.Id, phone, password);
        });
    }

    /// <summary>16 characters from all four classes, without look-alike characters.</summary>
    public static string InitialPassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnpqrstuvwxyz", digits = "23456789", symbols = "!@#$%^&*-_+=";
        var all = upper + lower + digits + symbols;
        var chars = new List<char> { Pick(upper), Pick(lower), Pick(digits), Pick(symbols) };
        while (chars.Count < 16) chars.Add(Pick(all));
        return new string(chars.OrderBy(_ => RandomNumberGenerator.GetInt32(1000)).ToArray());
        static char Pick(string s) => s[RandomNumberGenerator.GetInt32(s.Length)];
    }
}
