using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Institutions.Data;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Institutions.ReviewInstitutions;

[Authorize(Policy = Permissions.ReviewRegistrations)]
public sealed class DetailModel(InstitutionQueries queries, ReviewInstitutionHandler review, QualificationFiles qualifications, TimeProvider clock)
    : PageModel
{
    public Institution Institution { get; private set; } = null!;
    public List<StoredFile> Files { get; private set; } = [];
    public List<AuditEntry> History { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public bool MayMarkCore => Permissions.Has(User, Permissions.MarkCoreInstitution);
    [BindProperty] public RejectDecision Rejection { get; set; } = new();
    [BindProperty] public SuspendDecision Suspension { get; set; } = new();
    [BindProperty] public CoreDecision Core { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Core = new CoreDecision { CoreFrom = Institution.CoreFrom ?? Today, CoreUntil = Institution.CoreUntil ?? Today.AddYears(3).AddDays(-1) };
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(Guid id) =>
        ActAsync(id, null, () => review.ApproveAsync(id, User), "已审核通过，机构将在平台展示");

    public Task<IActionResult> OnPostRejectAsync(Guid id) =>
        ActAsync(id, nameof(Rejection), () => review.RejectAsync(id, Rejection.Reason, User), "已驳回，机构将看到驳回原因");

    public Task<IActionResult> OnPostSuspendAsync(Guid id) =>
        ActAsync(id, nameof(Suspension), () => review.SuspendAsync(id, Suspension.Reason, User), "已暂停，该机构不再在平台展示");

    public Task<IActionResult> OnPostResumeAsync(Guid id) =>
        ActAsync(id, null, () => review.ResumeAsync(id, User), "已恢复服务");

    public async Task<IActionResult> OnPostMarkCoreAsync(Guid id)
    {
        if (!MayMarkCore) return Forbid();
        return await ActAsync(id, nameof(Core), () => review.MarkCoreAsync(id, Core.CoreFrom!.Value, Core.CoreUntil!.Value, User), "已认定为核心服务机构");
    }

    public async Task<IActionResult> OnPostUnmarkCoreAsync(Guid id)
    {
        if (!MayMarkCore) return Forbid();
        return await ActAsync(id, null, () => review.UnmarkCoreAsync(id, User), "已取消核心服务机构认定");
    }

    /// <summary>Every form on this page is bound on every post; only the posted one (<paramref name="form"/>) is validated.</summary>
    private async Task<IActionResult> ActAsync(Guid id, string? form, Func<Task<Institution?>> act, string done)
    {
        if (!await LoadAsync(id)) return NotFound();
        foreach (var key in ModelState.Keys.Where(k => form is null || !k.StartsWith(form + ".")).ToList()) ModelState.Remove(key);
        if (!ModelState.IsValid) return Page();
        if (await act() is null) return NotFound();
        TempData["Flash"] = done;
        return Redirect($"/review/institutions/{id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var i = await queries.FindAsync(User, id);
        if (i is null) return false;
        Institution = i;
        Files = await qualifications.ListAsync(id);
        History = await queries.HistoryAsync(id);
        Today = HengyangCalendar.Today(clock);
        return true;
    }
}
