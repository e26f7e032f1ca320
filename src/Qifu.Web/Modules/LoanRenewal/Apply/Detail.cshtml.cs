using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.LoanRenewal.Apply;

[Authorize(Policy = Permissions.ActAsEnterprise)]
public sealed class DetailModel(RenewalQueries queries, EnterpriseActions actions) : PageModel
{
    public RenewalDetail Detail { get; private set; } = null!;
    [BindProperty] public DocumentsNote Upload { get; set; } = new();
    [BindProperty] public SubmitDecision Submission { get; set; } = new();
    [BindProperty] public WithdrawDecision Withdrawal { get; set; } = new();

    public bool May(string action) => Detail.Actions.Contains(action);

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDocumentsAsync(Guid id) =>
        await LoadAsync(id)
            ? await RenewalPageForms.ActAsync(this, nameof(Upload), async () => await actions.AddDocumentsAsync(id, Upload.Note, Request.Form.Files, User),
                "材料已上传", CaseUrl(id))
            : NotFound();

    public async Task<IActionResult> OnPostSubmitAsync(Guid id) =>
        await LoadAsync(id)
            ? await RenewalPageForms.ActAsync(this, nameof(Submission), async () => await actions.SubmitAsync(id, Submission, User),
                "续贷申请已提交，续贷受理中心将审核材料", CaseUrl(id))
            : NotFound();

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id) =>
        await LoadAsync(id)
            ? await RenewalPageForms.ActAsync(this, nameof(Withdrawal), async () => await actions.WithdrawAsync(id, Withdrawal.Reason, User),
                "已撤回续贷申请", CaseUrl(id))
            : NotFound();

    private static string CaseUrl(Guid id) => $"/enterprise/loan-renewals/{id}";

    private async Task<bool> LoadAsync(Guid id)
    {
        var d = await queries.DetailAsync(User, id);
        if (d is null) return false;
        Detail = d;
        return true;
    }
}
