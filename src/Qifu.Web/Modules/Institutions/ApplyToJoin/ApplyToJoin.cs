using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Accounts.Data;
using Qifu.Web.Modules.Institutions.Data;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Registration;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Institutions.ApplyToJoin;

/// <summary>The institution part of an application; shared by the first application and later corrections.</summary>
public record InstitutionProfileInput
{
    [Required(ErrorMessage = "请填写统一社会信用代码")]
    public string CreditCode { get; init; } = "";

    [Required(ErrorMessage = "请填写机构名称")]
    [StringLength(100, MinimumLength = 2, ErrorMessage = "机构名称应为2至100字")]
    public string Name { get; init; } = "";

    [Required(ErrorMessage = "请选择机构类型")]
    public InstitutionKind? Kind { get; init; }

    [Required(ErrorMessage = "请选择机构所在区县")]
    public string RegionCode { get; init; } = "";

    // Required as well: the API's form binding leaves an absent list null, which MinLength lets through.
    [Required(ErrorMessage = "请至少选择一个服务类别")]
    [MinLength(1, ErrorMessage = "请至少选择一个服务类别")]
    public List<string> Categories { get; init; } = [];

    [Required(ErrorMessage = "请至少选择一个服务区域")]
    [MinLength(1, ErrorMessage = "请至少选择一个服务区域")]
    public List<string> ServiceRegions { get; init; } = [];

    [Required(ErrorMessage = "请填写服务人员数")]
    [Range(1, 1_000_000, ErrorMessage = "服务人员数应为1至1000000之间的整数")]
    public int? StaffCount { get; init; }

    [Required(ErrorMessage = "请填写面向小微企业的收费优惠政策")]
    [StringLength(1000, ErrorMessage = "收费优惠政策不能超过1000字")]
    public string FeePolicy { get; init; } = "";

    [StringLength(2000, ErrorMessage = "机构简介不能超过2000字")]
    public string? Introduction { get; init; }

    [Required(ErrorMessage = "请填写联系人")]
    [StringLength(50, ErrorMessage = "联系人不能超过50字")]
    public string ContactName { get; init; } = "";

    [Required(ErrorMessage = "请填写联系电话")]
    [StringLength(20, ErrorMessage = "联系电话不能超过20位")]
    public string ContactPhone { get; init; } = "";
}

public sealed record InstitutionApplicationRequest : InstitutionProfileInput
{
    [Required(ErrorMessage = "请填写登录手机号")]
    public string Phone { get; init; } = "";

    [Required(ErrorMessage = "请设置密码")]
    [StringLength(128, ErrorMessage = "密码不能超过128位")]
    public string Password { get; init; } = "";

    [Range(typeof(bool), "true", "true", ErrorMessage = "请阅读并同意《个人信息处理规则》")]
    public bool Consent { get; init; }

    /// <summary>true: keep it as a draft (保存草稿); false: submit it for review (提交入驻申请).</summary>
    public bool SaveAsDraft { get; init; }
}

public sealed record AppliedInstitution(Guid Id, string CreditCode, string Status, string StatusLabel);

/// <summary>
/// 服务机构入驻申请: a login account (by mobile number) and the institution, saved as a draft or submitted for the
/// review of its region's operator. One transaction; the qualification files are removed again if anything fails.
/// </summary>
public sealed partial class ApplyToJoinHandler(NewAccounts accounts, AppDbContext db, QualificationFiles qualifications,
    AuditTrail audit, TimeProvider clock)
{
    public async Task<AppliedInstitution> HandleAsync(InstitutionApplicationRequest request, IReadOnlyList<IFormFile> files)
    {
        var profile = await CheckProfileAsync(db, request, null);
        var phone = await accounts.CheckAsync(request.Phone, request.Password, profile.CreditCode);

        var now = clock.GetUtcNow().UtcDateTime;
        var institution = new Institution
        {
            Id = Guid.NewGuid(), CreditCode = "", Name = "", RegionCode = "", ContactName = "", ContactPhone = "", CreatedAt = now,
        };
        Apply(institution, profile);
        if (!request.SaveAsDraft) institution.Submit(now);
        var saved = await qualifications.SaveAsync(files, institution.Id, null);
        try
        {
            await db.InTransactionAsync(async () =>
            {
                db.Institutions.Add(institution);
                db.Files.AddRange(saved);
                await db.SaveChangesAsync();
                await accounts.CreateAsync(phone, request.Password, profile.Input.ContactName, Roles.Institution, mustChangePassword: false,
                    u => u.InstitutionId = institution.Id);
                audit.Record(request.SaveAsDraft ? "保存入驻草稿" : "提交入驻申请", InstitutionsModule.AuditEntityType, institution.Id, institution.RegionCode,
                    after: institution.Snapshot(), comment: Platform.Web.PrivacyNotice.ConsentNote + (saved.Count > 0 ? $"；资质证明 {saved.Count} 个文件" : ""), actorName: institution.ContactName + "（申请人）");
                await db.SaveChangesAsync();
                return true;
            });
        }
        catch (Exception ex)
        {
            qualifications.Discard(saved);
            if (ex is DbUpdateException && await db.Institutions.AsNoTracking().AnyAsync(i => i.CreditCode == profile.CreditCode))
                throw Taken();
            throw;
        }
        return new AppliedInstitution(institution.Id, institution.CreditCode, institution.Status.ToString(),
            RegistrationStatuses.Label(institution.Status));
    }

    public static RuleViolationException Taken() =>
        new("USCC_TAKEN", "该统一社会信用代码已申请入驻", "creditCode", 409);

    public sealed record CheckedProfile(string CreditCode, InstitutionProfileInput Input, string ContactPhone);

    /// <summary>The checks shared by the first application and corrections (<paramref name="self"/> is the institution being corrected).</summary>
    public static async Task<CheckedProfile> CheckProfileAsync(AppDbContext db, InstitutionProfileInput input, Guid? self)
    {
        var code = CreditCode.Check(input.CreditCode);
        if (!code.IsValid)
            throw new RuleViolationException("USCC_INVALID", code.Error!, "creditCode", 400);
        Institution.EnsureEligible(code.Normalized);
        if (await db.Institutions.AnyAsync(i => i.CreditCode == code.Normalized && i.Id != self))
            throw Taken();
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
            throw new RuleViolationException("KIND_INVALID", "请选择机构类型", "kind", 400);
        if (!RegionCodes.Exists(input.RegionCode))
            throw new RuleViolationException("REGION_INVALID", "请选择机构所在区县", "regionCode", 400);
        if (input.Categories.Count == 0 || !input.Categories.All(ServiceCategories.Exists))
            throw new RuleViolationException("CATEGORY_INVALID", "请从列表中选择服务类别", "categories", 400);
        if (input.ServiceRegions.Count == 0 || !input.ServiceRegions.All(RegionCodes.Exists))
            throw new RuleViolationException("REGION_INVALID", "请从列表中选择服务区域", "serviceRegions", 400);
        var contactPhone = PhoneNumber.Normalize(input.ContactPhone);
        if (!PhoneNumber.IsContactNumber(contactPhone))
            throw new RuleViolationException("PHONE_INVALID", "联系电话应为11位手机号或带区号的固定电话", "contactPhone", 400);
        return new CheckedProfile(code.Normalized, input, contactPhone);
    }

    public static void Apply(Institution i, CheckedProfile p)
    {
        i.CreditCode = p.CreditCode;
        i.Name = p.Input.Name.Trim();
        i.Kind = p.Input.Kind!.Value;
        i.RegionCode = p.Input.RegionCode;
        // Stored in dictionary order so the same choice always reads the same.
        i.Categories = string.Join(',', ServiceCategories.All.Select(c => c.Code).Where(p.Input.Categories.Contains));
        i.ServiceRegions = string.Join(',', RegionCodes.Hengyang.Select(r => r.Code).Where(p.Input.ServiceRegions.Contains));
        i.StaffCount = p.Input.StaffCount ?? 0;
        i.FeePolicy = p.Input.FeePolicy.Trim();
        i.Introduction = p.Input.Introduction?.Trim() ?? "";
        i.ContactName = p.Input.ContactName.Trim();
        i.ContactPhone = p.ContactPhone;
    }

}
