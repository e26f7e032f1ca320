using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.LoanRenewal.Desk;

[Authorize(Policy = Permissions.LoanRenewalDesk)]
public sealed class DetailModel(RenewalQueries queries, DeskActions actions) : PageModel
{
    public RenewalDetail Detail { get; private set; } = null!;
    [BindProperty] public DeskNote Acceptance { get; set; } = new();
    [BindProperty] public ReturnDecision Return { get; set; } = new();
    [BindProperty] public DeskNote Forwarding { get; set; } = new();

    public bool May(string action) => Detail.Actions.Contains(action);

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAcceptAsync(Guid id) =>
        await LoadAsync(id)
            ? await RenewalPageForms.ActAsync(this, nameof(Acceptance), async () => await actions.AcceptAsync(id, Acceptance.Note, User), "已受理，请及时推送银行", CaseUrl(id))
            : NotFound();

    public async Task<IActionResult> OnPostReturnAsync(Guid id) =>
        await LoadAsync(id)
            ? await RenewalPageForms.ActAsync(this, nameof(Return), async () => await actions.ReturnAsync(id, Return, User), "已退回补正，企业将收到通知", CaseUrl(id))
            : NotFound();

    public async Task<IActionResult> OnPostForwardAsync(Guid id) =>
        await LoadAsync(id)
            ? await RenewalPageForms.ActAsync(this, nameof(Forwarding), async () => await actions.ForwardAsync(id, Forwarding.Note, User), "已推送银行", CaseUrl(id))
            : NotFound();

    private static string CaseUrl(Guid id) => $"/manage/loan-renewals/{id}";

    private async Task<bool> LoadAsync(Guid id)
    {
        var d = await queries.DetailAsync(User, id);
        if (d is null) return false;
        Detail = d;
        return true;
    }
}
