using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.LoanRenewal.Data;
using Qifu.Web.Platform.Calendar;
using Qifu.Web.Platform.Errors;

namespace Qifu.Web.Modules.LoanRenewal.Bank;

public sealed record DueDiligenceInput
{
    [Required(ErrorMessage = "请填写尽职调查日期")]
    public DateOnly? On { get; init; }

    [Required(ErrorMessage = "请填写尽职调查情况")]
    [StringLength(2000, ErrorMessage = "尽职调查情况不能超过2000字")]
    public string Notes { get; init; } = "";
}

public sealed record DecisionInput
{
    /// <summary>true 批准续贷; false 不予续贷.</summary>
    [Required(ErrorMessage = "请选择审批结论")]
    public bool? Approve { get; init; }

    [Range(1, 1_000_000_000_000, ErrorMessage = "批准金额应为1元至1万亿元的整数")]
    public long? Amount { get; init; }

    [Range(1, 60, ErrorMessage = "批准期限应为1至60个月")]
    public int? TermMonths { get; init; }

    [StringLength(50, ErrorMessage = "新借款合同编号不能超过50个字符")]
    public string? NewContractNumber { get; init; }

    [StringLength(500, ErrorMessage = "原因或说明不能超过500字")]
    public string? Reason { get; init; }
}

public sealed record DisbursementInput
{
    [Required(ErrorMessage = "请填写放款日期")]
    public DateOnly? DisbursedOn { get; init; }

    [StringLength(500, ErrorMessage = "说明不能超过500字")]
    public string? Note { get; init; }
}

/// <summary>
/// The partner bank's steps on a case forwarded to it: due diligence (尽职调查), the decision (批准 with amount and term,
/// or 不予续贷 with a reason), and the disbursement date (放款 = 续贷完成). Another bank's case, or one not forwarded yet,
/// does not exist for the caller (null → 404).
/// </summary>
public sealed class BankActions(RenewalAccess access, RenewalSteps steps, WorkingCalendar calendar)
{
    public async Task<RenewalCase?> DueDiligenceAsync(Guid id, DueDiligenceInput input, IReadOnlyList<IFormFile>? attachments, ClaimsPrincipal user)
    {
        var c = await access.ForAsync(user, id, RenewalViewer.Bank);
        if (c is null) return null;
        if (input.On is not { } on || on > calendar.Today)
            throw new RuleViolationException("DATE_IN_FUTURE", "尽职调查日期不能晚于今天", "on", 400);
        await steps.TakeAsync(c, "记录尽职调查", now => c.RecordDueDiligence(on, input.Notes.Trim(), RenewalAccess.ActorOf(user), now),
            x => [new RenewalNotice("loan.due-diligence", $"续贷申请 {x.Number} 银行尽职调查中", $"{x.BankName}已开展尽职调查，可能与您联系核实经营情况。")],
            attachments, CurrentUser.Id(user), bankFiles: true);
        return c;
    }

    public async Task<RenewalCase?> DecideAsync(Guid id, DecisionInput input, ClaimsPrincipal user)
    {
        var c = await access.ForAsync(user, id, RenewalViewer.Bank);
        if (c is null) return null;
        var actor = RenewalAccess.ActorOf(user);
        if (input.Approve == true)
        {
            if (input.Amount is not { } amount)
                throw new RuleViolationException("AMOUNT_REQUIRED", "批准续贷时请填写批准金额", "amount", 400);
            if (input.TermMonths is not { } term)
                throw new RuleViolationException("TERM_REQUIRED", "批准续贷时请填写批准期限（月）", "termMonths", 400);
            await steps.TakeAsync(c, "银行批准续贷", now => c.Approve(amount, term, input.NewContractNumber, input.Reason, actor, now),
                x => [new RenewalNotice("loan.approved", $"续贷申请 {x.Number} 银行已批准", $"{x.BankName}已批准您的无还本续贷，请按银行通知签订新借款合同，在原贷款到期前完成放款。")]);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(input.Reason))
                throw new RuleViolationException("REASON_REQUIRED", "不予续贷时请填写原因", "reason", 400);
            await steps.TakeAsync(c, "银行不予续贷", now => c.Decline(input.Reason, actor, now),
                x => [new RenewalNotice("loan.rejected", $"续贷申请 {x.Number} 银行未批准", $"{x.BankName}未批准续贷，原因：{x.DeclineReason}。续贷受理中心可协助对接应急转贷或担保。")]);
        }
        return c;
    }

    public async Task<RenewalCase?> DisburseAsync(Guid id, DisbursementInput input, ClaimsPrincipal user)
    {
        var c = await access.ForAsync(user, id, RenewalViewer.Bank);
        if (c is null) return null;
        if (input.DisbursedOn is not { } on || on > calendar.Today)
            throw new RuleViolationException("DATE_IN_FUTURE", "放款日期不能晚于今天", "disbursedOn", 400);
        if (c.DecidedAt is { } decided && on < Platform.Regions.HengyangCalendar.DayOf(decided))
            throw new RuleViolationException("DATE_BEFORE_DECISION", "放款日期不能早于审批日期", "disbursedOn", 400);
        await steps.TakeAsync(c, "登记续贷放款", now => c.Disburse(on, input.Note, RenewalAccess.ActorOf(user), now),
            x => [new RenewalNotice("loan.disbursed", $"续贷申请 {x.Number} 续贷完成", $"{x.BankName}已于 {on:yyyy-MM-dd} 发放新贷款并结清原贷款，续贷完成。")]);
        return c;
    }
}
