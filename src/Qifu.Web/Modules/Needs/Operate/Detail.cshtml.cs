using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Needs.Operate;

/// <summary>/manage/needs/{id}: moderate (approve, reject with a reason), dispatch to institutions, record a follow-up.</summary>
[Authorize(Policy = Permissions.ManageNeeds)]
public sealed class DetailModel(NeedQueries queries, NeedHandler needs, NeedAccess access) : PageModel
{
    public NeedDetail Need { get; private set; } = null!;
    public List<(Guid Id, string Name, bool Serves, bool Dispatched)> Candidates { get; private set; } = [];
    [BindProperty] public NeedReasonInput Decision { get; set; } = new();
    [BindProperty] public DispatchInput Dispatch { get; set; } = new();
    [BindProperty] public FollowUpInput FollowUp { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostApproveAsync(Guid id) => ActAsync(id, async () => await needs.ApproveAsync(User, id) is null ? null : "需求已审核通过并发布");

    public Task<IActionResult> OnPostRejectAsync(Guid id) => ActAsync(id, async () => await needs.RejectAsync(User, id, Decision.Reason) is null ? null : "已驳回，企业会看到驳回原因");

    public Task<IActionResult> OnPostDispatchAsync(Guid id) =>
        ActAsync(id, async () => await needs.DispatchAsync(User, id, Dispatch) is { } rows ? $"已派单给 {rows.Count} 家服务机构" : null);

    public Task<IActionResult> OnPostFollowUpAsync(Guid id) =>
        ActAsync(id, async () => await needs.RecordFollowUpAsync(User, id, FollowUp.Note) is null ? null : "跟进情况已记录");

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<string?>> act)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!ModelState.IsValid)
        {
            Response.StatusCode = 422;
            return Page();
        }
        var flash = await act();
        if (flash is null) return NotFound();
        TempData["Flash"] = flash;
        return Redirect($"/manage/needs/{id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var d = await queries.DetailAsync(User, id);
        if (d is null) return false;
        Need = d;
        if (d.Status == "Open")
        {
            var need = await access.Managed(User).FirstAsync(n => n.Id == id);
            Candidates = await queries.DispatchCandidatesAsync(need);
        }
        return true;
    }
}
