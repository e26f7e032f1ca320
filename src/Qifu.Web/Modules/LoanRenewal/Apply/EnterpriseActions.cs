using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.LoanRenewal.Data;

namespace Qifu.Web.Modules.LoanRenewal.Apply;

public sealed record SubmitDecision
{
    /// <summary>The separate consent; needed the first time a draft is submitted.</summary>
    public bool Consent { get; init; }

    [StringLength(500, ErrorMessage = "补正说明不能超过500字")]
    public string? Note { get; init; }
}

public sealed record WithdrawDecision
{
    [StringLength(500, ErrorMessage = "撤回原因不能超过500字")]
    public string? Reason { get; init; }
}

public sealed record DocumentsNote
{
    [StringLength(500, ErrorMessage = "材料说明不能超过500字")]
    public string? Note { get; init; }
}

/// <summary>
/// The applying enterprise's steps: add documents to a draft or a returned case (补正), submit or resubmit, withdraw
/// until the bank decides. Another enterprise's case does not exist for the caller (null → 404).
/// </summary>
public sealed class EnterpriseActions(RenewalAccess access, RenewalSteps steps, ApplyHandler apply)
{
    public async Task<RenewalCase?> AddDocumentsAsync(Guid id, string? note, IReadOnlyList<IFormFile>? documents, ClaimsPrincipal user)
    {
        var c = await access.ForAsync(user, id, RenewalViewer.Enterprise);
        if (c is null) return null;
        if (note?.Length > 500)
            throw new Platform.Errors.RuleViolationException("NOTE_TOO_LONG", "材料说明不能超过500字", "note", 400);
        var real = (documents ?? []).Count(f => !(f.Length == 0 && string.IsNullOrEmpty(f.FileName)));
        if (real == 0 && c.MayAddDocuments)
            throw new Platform.Errors.RuleViolationException("DOCUMENTS_REQUIRED", "请选择要上传的材料文件", "documents", 400);
        await steps.TakeAsync(c, "补充续贷材料", now => c.AddDocuments(note, RenewalAccess.ActorOf(user), now),
            x => x.Status == RenewalStatus.Incomplete
                ? [new RenewalNotice("loan.documents", $"续贷申请 {x.Number} 已上传补正材料", "材料已上传。确认齐全后请点击“补正后重新提交”，续贷受理中心才会重新审核。")]
                : [], documents, CurrentUser.Id(user));
        return c;
    }

    public Task<RenewalCase?> SubmitAsync(Guid id, SubmitDecision decision, ClaimsPrincipal user) =>
        apply.SubmitAsync(id, decision.Consent, decision.Note, user, access);

    public async Task<RenewalCase?> WithdrawAsync(Guid id, string? reason, ClaimsPrincipal user)
    {
        var c = await access.ForAsync(user, id, RenewalViewer.Enterprise);
        if (c is null) return null;
        await steps.TakeAsync(c, "撤回续贷申请", now => c.Withdraw(reason, RenewalAccess.ActorOf(user), now),
            x => [new RenewalNotice("loan.withdrawn", $"续贷申请 {x.Number} 已撤回", $"{x.EnterpriseName}已撤回向{x.BankName}申请的无还本续贷。")]);
        return c;
    }
}
