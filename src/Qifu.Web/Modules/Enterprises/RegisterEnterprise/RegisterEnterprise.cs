using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts.Data;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Enterprises.RegisterEnterprise;

/// <summary>The company part of a registration; shared by first registration and correction after a rejection.</summary>
public record EnterpriseProfileInput
{
    [Required(ErrorMessage = "请填写统一社会信用代码")]
    [Display(Name = "统一社会信用代码")]
    public string CreditCode { get; init; } = "";

    [Required(ErrorMessage = "请填写企业名称")]
    [StringLength(100, MinimumLength = 2, ErrorMessage = "企业名称应为2至100字")]
    public string Name { get; init; } = "";

    [Required(ErrorMessage = "请填写法定代表人")]
    [StringLength(50, ErrorMessage = "法定代表人不能超过50字")]
    public string LegalRepresentative { get; init; } = "";

    [Required(ErrorMessage = "请选择经营所在区县")]
    public string RegionCode { get; init; } = "";

    [Required(ErrorMessage = "请选择所属行业（大类）")]
    public string IndustryDivision { get; init; } = "";

    [RegularExpression("^70[1-49]$", ErrorMessage = "房地产业中类应为701至704或709")]
    public string? IndustryGroup { get; init; }

    [Required(ErrorMessage = "请填写从业人员数")]
    [Range(0, 10_000_000, ErrorMessage = "从业人员数应为0至10000000之间的整数")]
    public int? Employees { get; init; }

    [Required(ErrorMessage = "请填写上年营业收入")]
    [Range(typeof(decimal), "0", "100000000", ErrorMessage = "营业收入应为0至1亿万元之间的数字")]
    public decimal? RevenueWan { get; init; }

    [Required(ErrorMessage = "请填写资产总额")]
    [Range(typeof(decimal), "0", "100000000", ErrorMessage = "资产总额应为0至1亿万元之间的数字")]
    public decimal? AssetsWan { get; init; }

    /// <summary>Enterprise tag codes from the operators' dictionary (optional).</summary>
    public List<string>? Tags { get; init; } = [];

    [Required(ErrorMessage = "请填写联系人")]
    [StringLength(50, ErrorMessage = "联系人不能超过50字")]
    public string ContactName { get; init; } = "";

    [Required(ErrorMessage = "请填写联系电话")]
    [StringLength(20, ErrorMessage = "联系电话不能超过20位")]
    public string ContactPhone { get; init; } = "";
}

public sealed record EnterpriseRegistrationRequest : EnterpriseProfileInput
{
    [Required(ErrorMessage = "请填写登录手机号")]
    public string Phone { get; init; } = "";

    [Required(ErrorMessage = "请设置密码")]
    [StringLength(128, ErrorMessage = "密码不能超过128位")]
    public string Password { get; init; } = "";

    [Range(typeof(bool), "true", "true", ErrorMessage = "请阅读并同意《个人信息处理规则》")]
    public bool Consent { get; init; }
}

public sealed record RegisteredEnterprise(Guid Id, string CreditCode, string Status, string SizeClass, string SizeReason, string? Warning);

/// <summary>
/// 企业注册: a login account (by mobile number) and the company, which then waits for its county operator's review.
/// Everything is written in one transaction; the licence file is removed again if anything fails.
/// </summary>
public sealed class RegisterEnterpriseHandler(Accounts.NewAccounts accounts, AppDbContext db, FileStore files,
    AuditTrail audit, TimeProvider clock)
{
    public async Task<RegisteredEnterprise> HandleAsync(EnterpriseRegistrationRequest request, IFormFile? licence)
    {
        // An enterprise an operator imported has no account yet: registering with its credit code claims it (reviewed as usual).
        var code = CreditCode.Normalize(request.CreditCode);
        var claimable = await db.Enterprises.FirstOrDefaultAsync(e => e.CreditCode == code && !db.Users.Any(u => u.EnterpriseId == e.Id));
        var profile = await CheckProfileAsync(db, request, claimable?.Id);
        var phone = await accounts.CheckAsync(request.Phone, request.Password, profile.CreditCode);
        if (licence is null)
            throw new RuleViolationException("LICENCE_REQUIRED", "请上传营业执照（PDF、JPG 或 PNG，不超过10MB）", "licence", 400);

        var now = clock.GetUtcNow().UtcDateTime;
        var before = claimable?.Snapshot();
        var enterprise = claimable ?? NewEnterprise(profile, now);
        var file = await files.SaveAsync(licence, UploadRule.BusinessLicence, "enterprise", enterprise.Id, null, "licence", CancellationToken.None);
        enterprise.LicenceFileId = file.Id;
        if (claimable is null) enterprise.Submit(now);
        else
        {
            Apply(enterprise, profile);
            enterprise.Claim(now);
        }
        try
        {
            await db.InTransactionAsync(async () =>
            {
                if (claimable is null) db.Enterprises.Add(enterprise);
                db.Files.Add(file);
                await db.SaveChangesAsync();
                await accounts.CreateAsync(phone, request.Password, profile.Input.ContactName, Roles.Enterprise, mustChangePassword: false,
                    u => u.EnterpriseId = enterprise.Id);
                audit.Record(claimable is null ? "企业注册" : "认领并注册", "企业", enterprise.Id, enterprise.RegionCode, before, enterprise.Snapshot(),
                    comment: Platform.Web.PrivacyNotice.ConsentNote, actorName: enterprise.ContactName + "（申请人）");
                await db.SaveChangesAsync();
                return true;
            });
        }
        catch (Exception ex)
        {
            files.Discard([file]);
            if (ex is DbUpdateException && await db.Enterprises.AsNoTracking().AnyAsync(e => e.CreditCode == profile.CreditCode))
                throw Taken();
            throw;
        }
        return new RegisteredEnterprise(enterprise.Id, enterprise.CreditCode, enterprise.Status.ToString(),
            SizeClasses.Label(enterprise.SizeClass), enterprise.SizeReason, profile.Warning);
    }

    public static RuleViolationException Taken() =>
        new("USCC_TAKEN", "该统一社会信用代码已注册，可找回账号", "creditCode", 409);

    public sealed record CheckedProfile(string CreditCode, string? Warning, EnterpriseProfileInput Input, IndustryDivision Division,
        SizeClassResult Size, string ContactPhone);

    /// <summary>The company checks shared by registration and correction. The import applies the same rules, in the same order and
    /// with the same messages, without the per-row queries (<c>EnterpriseImport.CheckRow</c>): change both together.</summary>
    public static async Task<CheckedProfile> CheckProfileAsync(AppDbContext db, EnterpriseProfileInput input, Guid? self)
    {
        var code = CreditCode.Check(input.CreditCode);
        if (!code.IsValid)
            throw new RuleViolationException("USCC_INVALID", code.Error!, "creditCode", 400);
        if (await db.Enterprises.AnyAsync(e => e.CreditCode == code.Normalized && e.Id != self))
            throw Taken();
        if (!RegionCodes.Exists(input.RegionCode))
            throw new RuleViolationException("REGION_INVALID", "请选择经营所在区县", "regionCode", 400);
        var division = Industries.FindDivision(input.IndustryDivision)
            ?? throw new RuleViolationException("INDUSTRY_INVALID", "所属行业不在国民经济行业分类（GB/T 4754-2017）中", "industryDivision", 400);
        var contactPhone = PhoneNumber.Normalize(input.ContactPhone);
        if (!PhoneNumber.IsContactNumber(contactPhone))
            throw new RuleViolationException("PHONE_INVALID", "联系电话应为11位手机号或带区号的固定电话", "contactPhone", 400);
        var tags = (input.Tags ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Distinct().ToList();
        var knownTags = await db.DictionaryItems.Where(d => d.Kind == Platform.Dictionaries.DictionaryKinds.EnterpriseTag && d.IsEnabled && tags.Contains(d.Code))
            .CountAsync();
        if (knownTags != tags.Count)
            throw new RuleViolationException("TAG_INVALID", "企业标签不在平台字典中或已停用，请重新选择", "tags", 400);
        var group = division.Code == "70" ? input.IndustryGroup : null;
        var size = SizeClassifier.Classify(division.Code, group, input.Employees, input.RevenueWan, input.AssetsWan);
        return new CheckedProfile(code.Normalized, code.Warning, input, division, size, contactPhone);
    }

    public static Enterprise NewEnterprise(CheckedProfile p, DateTime now)
    {
        var e = new Enterprise
        {
            Id = Guid.NewGuid(), CreditCode = p.CreditCode, Name = "", LegalRepresentative = "", RegionCode = "",
            IndustrySection = "", IndustryDivision = "", ContactName = "", ContactPhone = "", CreatedAt = now,
        };
        Apply(e, p);
        return e;
    }

    public static void Apply(Enterprise e, CheckedProfile p)
    {
        e.CreditCode = p.CreditCode;
        e.Name = p.Input.Name.Trim();
        e.LegalRepresentative = p.Input.LegalRepresentative.Trim();
        e.RegionCode = p.Input.RegionCode;
        e.IndustrySection = p.Division.SectionCode;
        e.IndustryDivision = p.Division.Code;
        e.IndustryGroup = p.Division.Code == "70" ? p.Input.IndustryGroup : null;
        e.Employees = p.Input.Employees ?? 0;
        e.RevenueWan = p.Input.RevenueWan ?? 0;
        e.AssetsWan = p.Input.AssetsWan ?? 0;
        e.SizeClass = p.Size.SizeClass;
        e.SizeReason = p.Size.Reason.Length > 300 ? p.Size.Reason[..300] : p.Size.Reason;
        e.ContactName = p.Input.ContactName.Trim();
        e.ContactPhone = p.ContactPhone;
        e.Tags = string.Join(',', (p.Input.Tags ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Distinct());
    }
}
