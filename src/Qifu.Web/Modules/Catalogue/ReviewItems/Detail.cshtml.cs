using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.Institutions.ReviewInstitutions;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Catalogue.ReviewItems;

[Authorize(Policy = Permissions.ReviewItems)]
public sealed class DetailModel(ReviewItemHandler review, AppDbContext db) : PageModel
{
    public ItemUnderReview Review { get; private set; } = null!;
    public List<AuditEntry> History { get; private set; } = [];
    [BindProperty] public RejectDecision Rejection { get; set; } = new();
    [BindProperty] public SuspendDecision Takedown { get; set; } = new();

    public bool HasSomethingToReview => Review.Item.Status == ItemStatus.Submitted || Review.Pending is not null;

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostApproveAsync(Guid id) =>
        ActAsync(id, null, () => review.ApproveAsync(id, User), "已审核通过，服务超市展示的是最新版本");

    public Task<IActionResult> OnPostRejectAsync(Guid id) =>
        ActAsync(id, nameof(Rejection), () => review.RejectAsync(id, Rejection.Reason, User), "已驳回，机构将看到驳回原因");

    public Task<IActionResult> OnPostTakedownAsync(Guid id) =>
        ActAsync(id, nameof(Takedown), () => review.TakeOffShelfAsync(id, Takedown.Reason, User), "已下架，机构将收到通知");

    private async Task<IActionResult> ActAsync(Guid id, string? form, Func<Task<ServiceItem?>> act, string done)
    {
        if (!await LoadAsync(id)) return NotFound();
        foreach (var key in ModelState.Keys.Where(k => form is null || !k.StartsWith(form + ".")).ToList()) ModelState.Remove(key);
        if (!ModelState.IsValid) return Page();
        if (await act() is null) return NotFound();
        TempData["Flash"] = done;
        return Redirect($"/review/items/{id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await review.FindAsync(User, id) is not { } r) return false;
        Review = r;
        var key = id.ToString();
        History = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == CatalogueModule.AuditEntityType && a.EntityId == key)
            .OrderBy(a => a.At).ThenBy(a => a.Id).ToListAsync();
        return true;
    }
}
