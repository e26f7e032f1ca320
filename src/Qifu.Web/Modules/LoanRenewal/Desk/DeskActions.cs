using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Qifu.Web.Modules.LoanRenewal.Data;
using Qifu.Web.Platform.Calendar;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Errors;

namespace Qifu.Web.Modules.LoanRenewal.Desk;

public sealed record DeskNote
{
    [StringLength(500, ErrorMessage = "说明不能超过500字")]
    public string? Note { get; init; }
}

public sealed record CorrectionInput
{
    /// <summary>A checklist code (application, licence …).</summary>
    public string? Document { get; init; }

    [StringLength(300, ErrorMessage = "补正原因不能超过300字")]
    public string? Reason { get; init; }
}

/// <summary>退回补正: one reason per document to complete; documents left without a reason are not asked for.</summary>
public sealed record ReturnDecision
{
    public List<CorrectionInput> Items { get; init; } = [];

    [StringLength(500, ErrorMessage = "说明不能超过500字")]
    public string? Note { get; init; }
}

/// <summary>
/// The desk's steps (续贷受理中心: city operators, county operators for enterprises of their county): accept a complete
/// case (受理), return it for completion with a reason per document (退回补正), forward it to the chosen bank (推送).
/// A case outside the operator's region does not exist for them (null → 404).
/// </summary>
public sealed class DeskActions(RenewalAccess access, RenewalSteps steps, RenewalFiles files, WorkingCalendar calendar, SiteSettings settings)
{
    public async Task<RenewalCase?> AcceptAsync(Guid id, string? note, ClaimsPrincipal user)
    {
        var c = await access.ForAsync(user, id, RenewalViewer.Desk);
        if (c is null) return null;
        if (c.Status is RenewalStatus.Submitted or RenewalStatus.Resubmitted)
        {
            var missing = Checklist.Missing((await files.OfCaseAsync(c.Id)).Select(d => d.Document));
            if (missing.Count > 0)
                throw new RuleViolationException("DOCUMENTS_INCOMPLETE",
                    $"材料不齐全，不能受理：缺少{string.Join("、", missing.Select(m => m.Label))}。请退回补正。", "documents", 409);
        }
        var due = await calendar.AddWorkingDaysAsync(calendar.Today, await settings.GetIntAsync(Settings.LoanRenewalForwardWorkingDays));
        await steps.TakeAsync(c, "受理续贷申请", now => c.Accept(due, note, RenewalAccess.ActorOf(user), now),
            x => [new RenewalNotice("loan.accepted", $"续贷申请 {x.Number} 已受理", $"续贷受理中心已受理您的续贷申请，材料齐全，将于 {due:yyyy-MM-dd} 前推送{x.BankName}。")]);
        return c;
    }

    public async Task<RenewalCase?> ReturnAsync(Guid id, ReturnDecision decision, ClaimsPrincipal user)
    {
        var c = await access.ForAsync(user, id, RenewalViewer.Desk);
        if (c is null) return null;
        var corrections = new List<Correction>();
        foreach (var item in decision.Items.Where(i => !string.IsNullOrWhiteSpace(i.Reason)))
        {
            if (item.Document is null || !Checklist.IsKnown(item.Document))
                throw new RuleViolationException("DOCUMENT_UNKNOWN", $"“{item.Document}”不是续贷材料清单中的材料", "items", 400);
            if (corrections.Any(x => x.Document == item.Document))
                throw new RuleViolationException("DOCUMENT_REPEATED", $"{Checklist.Label(item.Document)}重复列出", "items", 400);
            corrections.Add(new Correction(item.Document, item.Reason!.Trim()));
        }
        await steps.TakeAsync(c, "退回补正续贷申请", now => c.ReturnForCompletion(corrections, decision.Note, RenewalAccess.ActorOf(user), now),
            x => [new RenewalNotice("loan.returned", $"续贷申请 {x.Number} 需补正材料",
                "续贷受理中心退回补正：" + string.Join("；", corrections.Select(k => $"{Checklist.Label(k.Document)}（{k.Reason}）")) + "。请上传补正材料后重新提交。")]);
        return c;
    }

    public async Task<RenewalCase?> ForwardAsync(Guid id, string? note, ClaimsPrincipal user)
    {
        var c = await access.ForAsync(user, id, RenewalViewer.Desk);
        if (c is null) return null;
        var due = await calendar.AddWorkingDaysAsync(calendar.Today, await settings.GetIntAsync(Settings.LoanRenewalDecisionWorkingDays));
        await steps.TakeAsync(c, "推送续贷申请至银行", now => c.Forward(due, note, RenewalAccess.ActorOf(user), now),
            x => [new RenewalNotice("loan.forwarded", $"续贷申请 {x.Number} 已推送{x.BankName}",
                $"续贷受理中心已将{x.EnterpriseName}的续贷申请推送{x.BankName}，银行将开展尽职调查，并在 {due:yyyy-MM-dd} 前作出审批决定。")]);
        return c;
    }
}
