using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Accounts.Data;
using Qifu.Web.Modules.Accounts.OperatorAccounts;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Modules.Enterprises.RegisterEnterprise;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Enterprises.MyEnterprise;

public sealed record AddStaffRequest
{
    [Required(ErrorMessage = "请填写员工姓名")]
    [StringLength(50, ErrorMessage = "姓名不能超过50字")]
    public string DisplayName { get; init; } = "";

    [Required(ErrorMessage = "请填写员工手机号")]
    public string Phone { get; init; } = "";
}

public sealed record StaffMember(Guid Id, string Name, string Phone, bool MustChangePassword);

/// <summary>The enterprise's own side: correct and resubmit after a rejection, and add staff accounts.</summary>
public sealed class MyEnterpriseHandler(AppDbContext db, NewAccounts accounts, FileStore files, AuditTrail audit, TimeProvider clock)
{
    public async Task<Enterprise?> FindOwnAsync(ClaimsPrincipal user) =>
        CurrentUser.EnterpriseId(user) is { } id ? await db.Enterprises.FirstOrDefaultAsync(e => e.Id == id) : null;

    public async Task<Enterprise?> ResubmitAsync(ClaimsPrincipal user, EnterpriseProfileInput input, IFormFile? newLicence)
    {
        var enterprise = await FindOwnAsync(user);
        if (enterprise is null) return null;
        enterprise.EnsureEditable();
        var profile = await RegisterEnterpriseHandler.CheckProfileAsync(db, input, enterprise.Id);
        var before = enterprise.Snapshot();
        var now = clock.GetUtcNow().UtcDateTime;
        StoredFile? file = null;
        if (newLicence is not null)
        {
            file = await files.SaveAsync(newLicence, UploadRule.BusinessLicence, "enterprise", enterprise.Id, CurrentUser.Id(user), "licence", CancellationToken.None);
            db.Files.Add(file);
            enterprise.LicenceFileId = file.Id;
        }
        RegisterEnterpriseHandler.Apply(enterprise, profile);
        enterprise.Submit(now);
        audit.Record("修改后重新提交", "企业", enterprise.Id, enterprise.RegionCode, before, enterprise.Snapshot());
        try { await db.SaveChangesAsync(); }
        catch
        {
            if (file is not null) files.Discard([file]);
            throw;
        }
        return enterprise;
    }

    public async Task<List<StaffMember>> StaffAsync(Guid enterpriseId) =>
        (await db.Users.AsNoTracking().Where(u => u.EnterpriseId == enterpriseId).OrderBy(u => u.CreatedAt).ToListAsync())
        .Select(u => new StaffMember(u.Id, u.DisplayName, PhoneNumber.Mask(u.PhoneNumber), u.MustChangePassword)).ToList();

    /// <summary>Adds a staff account with a one-time password that must be changed at first sign-in.</summary>
    public async Task<CreatedOperator?> AddStaffAsync(ClaimsPrincipal user, AddStaffRequest request)
    {
        var enterprise = await FindOwnAsync(user);
        if (enterprise is null) return null;
        var phone = await accounts.CheckAsync(request.Phone, password: null);
        var password = CreateOperatorHandler.InitialPassword();
        return await db.InTransactionAsync(async () =>
        {
            var staff = await accounts.CreateAsync(phone, password, request.DisplayName, Roles.Enterprise, mustChangePassword: true,
                u => u.EnterpriseId = enterprise.Id);
            audit.Record("添加员工账号", "企业", enterprise.Id, enterprise.RegionCode, after: new { staff.DisplayName, Phone = PhoneNumber.Mask(phone) });
            await db.SaveChangesAsync();
            return new CreatedOperator(staff.Id, phone, password);
        });
    }
}
