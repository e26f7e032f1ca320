using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.ServiceRequests.InstitutionRequests;

[Authorize(Policy = Permissions.ActAsInstitution)]
public sealed class DetailModel(RequestQueries queries, InstitutionRequestActions actions) : PageModel
{
    public RequestDetail Detail { get; private set; } = null!;
    [BindProperty] public AcceptDecision Acceptance { get; set; } = new();
    [BindProperty] public DeclineDecision Declining { get; set; } = new();
    [BindProperty] public ProgressNote Progress { get; set; } = new();
    [BindProperty] public List<IFormFile> ProgressFiles { get; set; } = [];
    [BindProperty] public CompletionNote Completion { get; set; } = new();
    [BindProperty] public List<IFormFile> CompletionFiles { get; set; } = [];

    public bool May(string action) => Detail.Actions.Contains(action);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (May("accept")) Acceptance = new AcceptDecision { CompleteDueOn = await actions.DefaultDueOnAsync(Detail.Request.ItemId) };
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(Guid id) =>
        await LoadAsync(id)
            ? await PageForms.ActAsync(this, nameof(Acceptance), async () => await actions.AcceptAsync(id, Acceptance, User), "已受理，企业将收到通知", RequestUrl(id))
            : NotFound();

    public async Task<IActionResult> OnPostDeclineAsync(Guid id) =>
        await LoadAsync(id)
            ? await PageForms.ActAsync(this, nameof(Declining), async () => await actions.DeclineAsync(id, Declining.Reason, User), "已告知企业不能受理的原因", RequestUrl(id))
            : NotFound();

    public async Task<IActionResult> OnPostProgressAsync(Guid id) =>
        await LoadAsync(id)
            ? await PageForms.ActAsync(this, nameof(Progress), async () => await actions.ProgressAsync(id, Progress, ProgressFiles, User), "已记录服务进展",
                RequestUrl(id), nameof(ProgressFiles))
            : NotFound();

    public async Task<IActionResult> OnPostCompleteAsync(Guid id) =>
        await LoadAsync(id)
            ? await PageForms.ActAsync(this, nameof(Completion), async () => await actions.CompleteAsync(id, Completion, CompletionFiles, User),
                "已办结，等待企业确认和评价", RequestUrl(id), nameof(CompletionFiles))
            : NotFound();

    private static string RequestUrl(Guid id) => $"/institution/requests/{id}";

    private async Task<bool> LoadAsync(Guid id)
    {
        var d = await queries.DetailAsync(User, id);
        if (d is null) return false;
        Detail = d;
        return true;
    }
}
