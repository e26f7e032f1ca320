using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Institutions.Data;
using Qifu.Web.Modules.LoanRenewal.Data;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Calendar;
using Qifu.Web.Platform.Consent;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Notifications;
using Qifu.Web.Platform.Registration;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.LoanRenewal.Apply;

/// <summary>What the enterprise fills in (pages: Input.*; API: multipart fields of the same names, documents in doc_{code}).</summary>
public record RenewalInput
{
    [Required(ErrorMessage = "请选择贷款银行")]
    public Guid? BankId { get; init; }

    [Required(ErrorMessage = "请填写原借款合同编号")]
    [StringLength(50, ErrorMessage = "原借款合同编号不能超过50个字符")]
    public string ContractNumber { get; init; } = "";

    [Required(ErrorMessage = "请填写原贷款金额")]
    [Range(1, 1_000_000_000_000, ErrorMessage = "原贷款金额应为1元至1万亿元的整数")]
    public long? LoanAmount { get; init; }

    [Required(ErrorMessage = "请填写原贷款到期日")]
    public DateOnly? MaturityOn { get; init; }

    [Required(ErrorMessage = "请填写贷款用途")]
    [StringLength(500, ErrorMessage = "贷款用途不能超过500字")]
    public string Purpose { get; init; } = "";

    [Required(ErrorMessage = "请填写申请续贷金额")]
    [Range(1, 1_000_000_000_000, ErrorMessage = "申请续贷金额应为1元至1万亿元的整数")]
    public long? RequestedAmount { get; init; }

    [Required(ErrorMessage = "请填写申请续贷期限")]
    [Range(1, 60, ErrorMessage = "申请续贷期限应为1至60个月")]
    public int? RequestedTermMonths { get; init; }

    [Required(ErrorMessage = "请填写联系人")]
    [StringLength(50, ErrorMessage = "联系人不能超过50字")]
    public string ContactName { get; init; } = "";

    [Required(ErrorMessage = "请填写联系电话")]
    [StringLength(20, ErrorMessage = "联系电话不能超过20位")]
    public string ContactPhone { get; init; } = "";

    /// <summary>Submit now (true) or keep as a draft (false).</summary>
    public bool Submit { get; init; }

    /// <summary>The separate consent (PI-04) to give the listed fields to the desk and the chosen bank; needed to submit.</summary>
    public bool Consent { get; init; }
}

/// <summary>A partner bank the enterprise may choose: an approved institution of kind 合作银行.</summary>
public sealed record PartnerBank(Guid Id, string Name, string RegionCode);

/// <summary>
/// 申请续贷: an approved enterprise fills in its maturing loan and what it asks for, uploads the checklist documents and
/// either keeps a draft or submits with the separate consent. The case, its first timeline step with the files, the
/// consent, the notices and the audit entry are saved together or not at all.
/// </summary>
public sealed class ApplyHandler(AppDbContext db, RenewalFiles files, WorkingCalendar calendar, SiteSettings settings, Notifier notifier,
    AuditTrail audit, IHttpContextAccessor http, TimeProvider clock)
{
    public const string DeskName = "衡阳市中小企业续贷受理中心";

    /// <summary>Exactly the fields the desk and the bank receive, as the consent block lists them.</summary>
    public const string SharedFields = "企业名称、统一社会信用代码、联系人、联系电话、原借款合同编号、原贷款金额、到期日、贷款用途、申请续贷金额与期限、申请材料";

    public static string PurposeOf(string bank) =>
        $"由{DeskName}受理并推送{bank}办理无还本续贷（尽职调查、审批、签约和放款）";

    public Task<List<PartnerBank>> BanksAsync() =>
        db.Institutions.AsNoTracking().Where(i => i.Kind == InstitutionKind.Bank && i.Status == RegistrationStatus.Approved)
            .OrderBy(i => i.Name).Select(i => new PartnerBank(i.Id, i.Name, i.RegionCode)).ToListAsync();

    public async Task<int> MinDaysAsync() => await settings.GetIntAsync(Settings.LoanRenewalMinDaysBeforeMaturity);

    /// <summary>The maturity warning (a warning, not a refusal): null when there is time enough.</summary>
    public static string? MaturityWarning(DateOnly maturity, DateOnly today, int minDays)
    {
        var days = maturity.DayNumber - today.DayNumber;
        return days < minDays ? $"距原贷款到期仅剩 {days} 天，建议至少提前 {minDays} 天申请；银行可能来不及在到期前完成尽职调查和审批，请尽快与银行联系。" : null;
    }

    public async Task<RenewalCase?> CreateAsync(RenewalInput input, IReadOnlyList<IFormFile>? documents, ClaimsPrincipal user)
    {
        var enterprise = CurrentUser.EnterpriseId(user) is { } eid ? await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eid) : null;
        if (enterprise is null) return null;
        if (enterprise.Status != RegistrationStatus.Approved)
            throw new RuleViolationException("ENTERPRISE_NOT_APPROVED", "企业注册审核通过后才能申请续贷", null, 403);
        var bank = await db.Institutions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == input.BankId);
        if (bank is null || bank.Kind != InstitutionKind.Bank || bank.Status != RegistrationStatus.Approved)
            throw new RuleViolationException("BANK_INVALID", "请选择本平台的合作银行", "bankId", 400);
        var today = calendar.Today;
        if (input.MaturityOn is not { } maturity || maturity < today)
            throw new RuleViolationException("MATURITY_PASSED", "原贷款到期日不能早于今天：已到期的贷款不能办理无还本续贷", "maturityOn", 400);
        if (maturity > today.AddYears(1))
            throw new RuleViolationException("MATURITY_TOO_FAR", "原贷款到期日应在一年以内", "maturityOn", 400);
        var phone = PhoneNumber.Normalize(input.ContactPhone);
        if (!PhoneNumber.IsContactNumber(phone))
            throw new RuleViolationException("PHONE_INVALID", "联系电话应为11位手机号或带区号的固定电话", "contactPhone", 400);
        if (input.Submit && !input.Consent)
            throw new RuleViolationException("SEPARATE_CONSENT_REQUIRED", ConsentMessage(bank.Name), "consent", 400);

        var me = CurrentUser.Id(user);
        var saved = await files.SaveAsync(documents, me);
        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var actor = RenewalAccess.ActorOf(user);
            var c = new RenewalCase
            {
                Id = Guid.NewGuid(), Number = await NewNumberAsync(today), EnterpriseId = enterprise.Id, EnterpriseName = enterprise.Name,
                CreditCode = enterprise.CreditCode, RegionCode = enterprise.RegionCode, BankId = bank.Id, BankName = bank.Name,
                ContractNumber = input.ContractNumber.Trim(), LoanAmount = input.LoanAmount!.Value, MaturityOn = maturity, Purpose = input.Purpose.Trim(),
                RequestedAmount = input.RequestedAmount!.Value, RequestedTermMonths = input.RequestedTermMonths!.Value, ContactName = input.ContactName.Trim(),
                ContactPhone = phone, CreatedAt = now,
            };
            var created = new RenewalEvent
            {
                Id = Guid.NewGuid(), CaseId = c.Id, At = now, Action = "create", FromStatus = RenewalStatus.Draft, ToStatus = RenewalStatus.Draft,
                Party = RenewalParty.Enterprise, ActorId = actor.UserId, ActorName = actor.Name, Comment = saved.Count > 0 ? $"上传材料 {saved.Count} 个" : null,
            };
            foreach (var f in saved) f.OwnerId = created.Id;
            db.RenewalCases.Add(c);
            db.RenewalEvents.Add(created);
            db.Files.AddRange(saved);
            if (input.Submit)
            {
                var consent = Consent(c, me, now);
                db.DataSharingConsents.Add(consent);
                await SubmitStepAsync(c, consent.Id, null, actor, now, today);
            }
            else
            {
                audit.Record("保存续贷申请草稿", LoanRenewalModule.AuditEntityType, c.Id, c.RegionCode, after: RenewalText.Snapshot(c));
            }
            c.MarkShortNotice(MaturityWarning(maturity, today, await MinDaysAsync()) is not null);
            await db.SaveChangesAsync();
            return c;
        }
        catch
        {
            files.Discard(saved);
            throw;
        }
    }

    /// <summary>Submits a draft (with the consent) or resubmits a returned case; null when the case is not the caller's.</summary>
    public async Task<RenewalCase?> SubmitAsync(Guid id, bool consentGiven, string? note, ClaimsPrincipal user, RenewalAccess access)
    {
        var c = await access.ForAsync(user, id, RenewalViewer.Enterprise);
        if (c is null) return null;
        if (c.Status == RenewalStatus.Draft && !consentGiven)
            throw new RuleViolationException("SEPARATE_CONSENT_REQUIRED", ConsentMessage(c.BankName), "consent", 400);
        if (c.Status is not (RenewalStatus.Draft or RenewalStatus.Incomplete))
            throw new RuleViolationException("RENEWAL_STATUS_CONFLICT", $"当前状态为“{RenewalStatuses.Label(c.Status)}”，不能提交");
        var now = clock.GetUtcNow().UtcDateTime;
        var today = calendar.Today;
        Guid? consentId = null;
        if (c.ConsentId is null)
        {
            var consent = Consent(c, CurrentUser.Id(user), now);
            db.DataSharingConsents.Add(consent);
            consentId = consent.Id;
        }
        await SubmitStepAsync(c, consentId, note, RenewalAccess.ActorOf(user), now, today);
        c.MarkShortNotice(MaturityWarning(c.MaturityOn, today, await MinDaysAsync()) is not null);
        await db.SaveChangesAsync();
        return c;
    }

    private async Task SubmitStepAsync(RenewalCase c, Guid? consentId, string? note, RenewalActor actor, DateTime now, DateOnly today)
    {
        var before = RenewalText.Snapshot(c);
        var resubmit = c.Status == RenewalStatus.Incomplete;
        var due = await calendar.AddWorkingDaysAsync(today, await settings.GetIntAsync(Settings.LoanRenewalAcceptWorkingDays));
        var step = c.Submit(consentId, due, note, actor, now);
        db.RenewalEvents.Add(step);
        var warning = MaturityWarning(c.MaturityOn, today, await MinDaysAsync());
        await notifier.NotifyAsync(resubmit ? "loan.resubmitted" : "loan.submitted", RenewalText.Parties(c),
            resubmit ? $"续贷申请 {c.Number} 已补正重新提交" : $"续贷申请 {c.Number} 已提交",
            $"{c.EnterpriseName}向{c.BankName}申请无还本续贷，续贷受理中心将在 {due:yyyy-MM-dd} 前完成材料审核（受理或退回补正）。" + (warning is null ? "" : "提醒：" + warning),
            RenewalText.Link(c));
        audit.Record(resubmit ? "补正后重新提交续贷申请" : "提交续贷申请", LoanRenewalModule.AuditEntityType, c.Id, c.RegionCode, before, RenewalText.Snapshot(c),
            consentId is null ? null : $"单独同意向{DeskName}及{c.BankName}提供：{SharedFields}");
    }

    private DataSharingConsent Consent(RenewalCase c, Guid userId, DateTime now) => new()
    {
        Id = Guid.NewGuid(), EnterpriseId = c.EnterpriseId, UserId = userId, RecipientKind = "bank", RecipientId = c.BankId,
        RecipientName = c.BankName.Length > 100 ? c.BankName[..100] : c.BankName, Purpose = Trim(PurposeOf(c.BankName), 200), Fields = SharedFields,
        GivenAt = now, Ip = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
    };

    public static string ConsentMessage(string bank) =>
        $"请勾选同意向{DeskName}及{bank}提供企业信息、贷款信息和申请材料，否则无法提交续贷申请";

    private static string Trim(string s, int max) => s.Length > max ? s[..max] : s;

    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    private async Task<string> NewNumberAsync(DateOnly today)
    {
        while (true)
        {
            var number = "XD" + today.ToString("yyMMdd") + string.Concat(Enumerable.Range(0, 6).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]));
            if (!await db.RenewalCases.AnyAsync(r => r.Number == number)) return number;
        }
    }
}
