using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Registration;

namespace Qifu.Web.Modules.LoanRenewal.Data;

/// <summary>
/// The case statuses of DOMAIN.md §4.6, as far as the desk follows them (decisions/0014):
/// 草稿 → 已提交 → 退回补正 ⇄ 已补正 → 已受理 → 已推送银行 → 尽职调查中 → 银行已批准 | 银行未批准; 银行已批准 → 续贷完成;
/// 已撤回 from any state before the bank decides.
/// </summary>
public enum RenewalStatus
{
    Draft = 0,
    Submitted = 1,
    Incomplete = 2,
    Resubmitted = 3,
    Accepted = 4,
    PushedToBank = 5,
    DueDiligence = 6,
    Approved = 7,
    Rejected = 8,
    Disbursed = 9,
    Withdrawn = 10,
}

/// <summary>Who acted on a case: the timeline shows it next to each step.</summary>
public enum RenewalParty { Enterprise = 0, Desk = 1, Bank = 2, System = 3 }

public sealed record RenewalActor(RenewalParty Party, Guid? UserId, string Name);

/// <summary>One document the desk asks to be completed (退回补正), with the reason.</summary>
public sealed record Correction(string Document, string Reason);

/// <summary>
/// A no-repayment loan renewal case (无还本续贷) of one enterprise with one partner bank: the maturing loan, what is asked
/// for, the documents (files on the timeline), and each party's step. Amounts are whole 元.
/// </summary>
public sealed class RenewalCase
{
    public Guid Id { get; init; }
    /// <summary>XD + yyMMdd + six characters.</summary>
    public required string Number { get; init; }
    public Guid EnterpriseId { get; init; }
    public required string EnterpriseName { get; init; }
    public required string CreditCode { get; init; }
    /// <summary>The enterprise's operating region: its county operator works the case at the desk.</summary>
    public required string RegionCode { get; init; }
    public Guid BankId { get; init; }
    public required string BankName { get; init; }
    public required string ContractNumber { get; init; }
    public long LoanAmount { get; init; }
    public DateOnly MaturityOn { get; init; }
    public required string Purpose { get; init; }
    public long RequestedAmount { get; init; }
    public int RequestedTermMonths { get; init; }
    public required string ContactName { get; init; }
    public required string ContactPhone { get; init; }
    public Guid? ConsentId { get; private set; }

    public RenewalStatus Status { get; private set; }
    public string? StatusNote { get; private set; }
    /// <summary>Applied closer to maturity than the desk recommends (loan-renewal.min-days-before-maturity): a warning, not a refusal.</summary>
    public bool ShortNotice { get; private set; }
    /// <summary>The last return for completion, as JSON (document code + reason); cleared when accepted.</summary>
    public string? Corrections { get; private set; }
    public int ReturnCount { get; private set; }
    /// <summary>The deadline of the step the case waits for, in working days (desk acceptance, forwarding, bank decision) or the maturity.</summary>
    public DateOnly? DueOn { get; private set; }

    public DateTime CreatedAt { get; init; }
    public DateTime? SubmittedAt { get; private set; }
    public DateTime? ResubmittedAt { get; private set; }
    public DateTime? AcceptedAt { get; private set; }
    public DateTime? ForwardedAt { get; private set; }
    public DateTime? DueDiligenceAt { get; private set; }
    public DateOnly? DueDiligenceOn { get; private set; }
    public string? DueDiligenceNotes { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public long? ApprovedAmount { get; private set; }
    public int? ApprovedTermMonths { get; private set; }
    public string? NewContractNumber { get; private set; }
    public string? DeclineReason { get; private set; }
    public DateOnly? DisbursedOn { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    public DateTime? WithdrawnAt { get; private set; }
    public int Version { get; private set; }

    public bool IsForwarded => ForwardedAt is not null;

    /// <summary>The enterprise may withdraw until the bank decides.</summary>
    public bool MayWithdraw => Status is RenewalStatus.Draft or RenewalStatus.Submitted or RenewalStatus.Incomplete or RenewalStatus.Resubmitted
        or RenewalStatus.Accepted or RenewalStatus.PushedToBank or RenewalStatus.DueDiligence;

    public bool MayAddDocuments => Status is RenewalStatus.Draft or RenewalStatus.Incomplete;

    public IReadOnlyList<Correction> CorrectionList =>
        string.IsNullOrEmpty(Corrections) ? [] : System.Text.Json.JsonSerializer.Deserialize<List<Correction>>(Corrections) ?? [];

    public void MarkShortNotice(bool shortNotice) => ShortNotice = shortNotice;

    /// <summary>Documents added to a draft or a returned case (补正材料): a timeline step without a status change.</summary>
    public RenewalEvent AddDocuments(string? note, RenewalActor by, DateTime now)
    {
        if (!MayAddDocuments) throw Illegal("补充材料");
        return Move(Status, "documents", StatusNote ?? RenewalStatuses.Label(Status), by, now, note);
    }

    /// <summary>Submits a draft, or resubmits a returned case; the separate consent is given on the first submission.</summary>
    public RenewalEvent Submit(Guid? consentId, DateOnly deskDueOn, string? note, RenewalActor by, DateTime now)
    {
        if (Status == RenewalStatus.Draft)
        {
            ConsentId ??= consentId;
            SubmittedAt = now;
            DueOn = deskDueOn;
            return Move(RenewalStatus.Submitted, "submit", $"等待续贷受理中心受理（受理期限 {deskDueOn:yyyy-MM-dd}）", by, now, note);
        }
        if (Status == RenewalStatus.Incomplete)
        {
            ResubmittedAt = now;
            DueOn = deskDueOn;
            return Move(RenewalStatus.Resubmitted, "resubmit", $"已补正，等待续贷受理中心审核（期限 {deskDueOn:yyyy-MM-dd}）", by, now, note);
        }
        throw Illegal(Status == RenewalStatus.Submitted || Status == RenewalStatus.Resubmitted ? "重复提交" : "提交");
    }

    public RenewalEvent ReturnForCompletion(IReadOnlyList<Correction> corrections, string? note, RenewalActor by, DateTime now)
    {
        if (Status is not (RenewalStatus.Submitted or RenewalStatus.Resubmitted)) throw Illegal("退回补正");
        if (corrections.Count == 0)
            throw new RuleViolationException("CORRECTIONS_REQUIRED", "请至少写明一项需要补正的材料及原因", "items", 400);
        Corrections = System.Text.Json.JsonSerializer.Serialize(corrections);
        ReturnCount++;
        DueOn = null;
        var text = string.Join("；", corrections.Select(c => $"{Checklist.Label(c.Document)}：{c.Reason}"));
        var comment = string.IsNullOrWhiteSpace(note) ? text : text + "。" + note.Trim();
        return Move(RenewalStatus.Incomplete, "return", "材料需补正：" + text, by, now, comment);
    }

    public RenewalEvent Accept(DateOnly forwardDueOn, string? note, RenewalActor by, DateTime now)
    {
        if (Status is not (RenewalStatus.Submitted or RenewalStatus.Resubmitted)) throw Illegal("受理");
        AcceptedAt = now;
        Corrections = null;
        DueOn = forwardDueOn;
        return Move(RenewalStatus.Accepted, "accept", "续贷受理中心已受理，材料齐全，即将推送银行", by, now, note);
    }

    public RenewalEvent Forward(DateOnly decisionDueOn, string? note, RenewalActor by, DateTime now)
    {
        Expect(RenewalStatus.Accepted, "推送银行");
        ForwardedAt = now;
        DueOn = decisionDueOn;
        return Move(RenewalStatus.PushedToBank, "forward", $"已推送{BankName}，银行将开展尽职调查（决定期限 {decisionDueOn:yyyy-MM-dd}）", by, now, note);
    }

    /// <summary>A due-diligence record (尽职调查); the first one moves the case into 尽职调查中, later ones add notes.</summary>
    public RenewalEvent RecordDueDiligence(DateOnly on, string notes, RenewalActor by, DateTime now)
    {
        if (Status is not (RenewalStatus.PushedToBank or RenewalStatus.DueDiligence)) throw Illegal("记录尽职调查");
        DueDiligenceAt ??= now;
        DueDiligenceOn = on;
        DueDiligenceNotes = notes.Length > 2000 ? notes[..2000] : notes;
        return Move(RenewalStatus.DueDiligence, "due-diligence", $"{BankName}正在尽职调查", by, now, $"调查日期 {on:yyyy-MM-dd}：{notes}");
    }

    public RenewalEvent Approve(long amount, int termMonths, string? newContractNumber, string? note, RenewalActor by, DateTime now)
    {
        Expect(RenewalStatus.DueDiligence, "作出审批决定");
        DecidedAt = now;
        ApprovedAmount = amount;
        ApprovedTermMonths = termMonths;
        NewContractNumber = string.IsNullOrWhiteSpace(newContractNumber) ? null : newContractNumber.Trim();
        DueOn = MaturityOn;
        return Move(RenewalStatus.Approved, "approve", $"{BankName}已批准续贷，请按银行通知签订新借款合同，放款后原贷款结清", by, now, note);
    }

    public RenewalEvent Decline(string? reason, RenewalActor by, DateTime now)
    {
        Expect(RenewalStatus.DueDiligence, "作出审批决定");
        DeclineReason = RegistrationStatuses.RequireReason(reason, "不予续贷");
        DecidedAt = now;
        DueOn = null;
        return Move(RenewalStatus.Rejected, "decline", $"{BankName}未批准续贷：{DeclineReason}", by, now, DeclineReason);
    }

    public RenewalEvent Disburse(DateOnly on, string? note, RenewalActor by, DateTime now)
    {
        Expect(RenewalStatus.Approved, "登记放款");
        DisbursedOn = on;
        CompletedAt = now;
        DueOn = null;
        return Move(RenewalStatus.Disbursed, "disburse", $"续贷完成：新贷款已于 {on:yyyy-MM-dd} 发放并结清原贷款", by, now, note);
    }

    public RenewalEvent Withdraw(string? reason, RenewalActor by, DateTime now)
    {
        if (!MayWithdraw) throw Illegal("撤回");
        WithdrawnAt = now;
        DueOn = null;
        return Move(RenewalStatus.Withdrawn, "withdraw", "企业已撤回续贷申请", by, now, reason);
    }

    private RenewalEvent Move(RenewalStatus to, string action, string statusNote, RenewalActor by, DateTime now, string? comment)
    {
        var from = Status;
        Status = to;
        StatusNote = statusNote.Length > 500 ? statusNote[..500] : statusNote;
        Version++;
        var c = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        return new RenewalEvent
        {
            Id = Guid.NewGuid(), CaseId = Id, At = now, Action = action, FromStatus = from, ToStatus = to, Party = by.Party, ActorId = by.UserId,
            ActorName = by.Name, Comment = c is { Length: > 2000 } ? c[..2000] : c, Sequence = Version,
        };
    }

    private void Expect(RenewalStatus expected, string action)
    {
        if (Status != expected) throw Illegal(action);
    }

    private RuleViolationException Illegal(string action) =>
        new("RENEWAL_STATUS_CONFLICT", $"当前状态为“{RenewalStatuses.Label(Status)}”，不能{action}");
}

/// <summary>One step on a case's timeline (办理记录): who, when, from → to, note; files (documents) hang off it.</summary>
public sealed class RenewalEvent
{
    public Guid Id { get; init; }
    public Guid CaseId { get; init; }
    public DateTime At { get; init; }
    public required string Action { get; init; }
    public RenewalStatus FromStatus { get; init; }
    public RenewalStatus ToStatus { get; init; }
    public RenewalParty Party { get; init; }
    public Guid? ActorId { get; init; }
    public required string ActorName { get; init; }
    public string? Comment { get; init; }
    /// <summary>The case's version after the step: orders steps taken within the same instant.</summary>
    public int Sequence { get; init; }
}

public static class RenewalStatuses
{
    public static string Label(RenewalStatus s) => s switch
    {
        RenewalStatus.Draft => "草稿",
        RenewalStatus.Submitted => "已提交",
        RenewalStatus.Incomplete => "退回补正",
        RenewalStatus.Resubmitted => "已补正",
        RenewalStatus.Accepted => "已受理",
        RenewalStatus.PushedToBank => "已推送银行",
        RenewalStatus.DueDiligence => "尽职调查中",
        RenewalStatus.Approved => "银行已批准",
        RenewalStatus.Rejected => "银行未批准",
        RenewalStatus.Disbursed => "续贷完成",
        RenewalStatus.Withdrawn => "已撤回",
        _ => s.ToString(),
    };

    public static string Css(RenewalStatus s) => s switch
    {
        RenewalStatus.Submitted or RenewalStatus.Resubmitted or RenewalStatus.Incomplete => "tag tag-pending",
        RenewalStatus.Approved or RenewalStatus.Disbursed => "tag tag-ok",
        RenewalStatus.Rejected => "tag tag-bad",
        RenewalStatus.Withdrawn or RenewalStatus.Draft => "tag tag-muted",
        _ => "tag",
    };

    public static string ActionLabel(string action) => action switch
    {
        "create" => "填写申请",
        "documents" => "补充材料",
        "submit" => "提交申请",
        "resubmit" => "补正后重新提交",
        "return" => "退回补正",
        "accept" => "受理",
        "forward" => "推送银行",
        "due-diligence" => "尽职调查",
        "approve" => "批准续贷",
        "decline" => "不予续贷",
        "disburse" => "放款（续贷完成）",
        "withdraw" => "撤回申请",
        _ => action,
    };

    public static string PartyLabel(RenewalParty p) => p switch
    {
        RenewalParty.Enterprise => "申请企业",
        RenewalParty.Desk => "续贷受理中心",
        RenewalParty.Bank => "合作银行",
        RenewalParty.System => "系统",
        _ => p.ToString(),
    };
}
