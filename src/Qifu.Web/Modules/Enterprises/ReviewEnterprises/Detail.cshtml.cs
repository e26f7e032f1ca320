using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Enterprises.ReviewEnterprises;

[Authorize(Policy = Permissions.ReviewRegistrations)]
public sealed class DetailModel(EnterpriseQueries queries, ReviewEnterpriseHandler review, RevealContactHandler revealer) : PageModel
{
    public Enterprise Enterprise { get; private set; } = null!;
    public List<AuditEntry> History { get; private set; } = [];
    [BindProperty] public ReviewDecision Decision { get; set; } = new();
    public RevealRequest Reveal { get; private set; } = new();
    public RevealedContact? Revealed { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    // Handlers load the record first, so a refused decision can show the page again with its message.
    public async Task<IActionResult> OnPostApproveAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (await review.ApproveAsync(id, User) is null) return NotFound();
        TempData["Flash"] = "已审核通过";
        return Redirect($"/review/enterprises/{id}");
    }

    public async Task<IActionResult> OnPostRejectAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!ModelState.IsValid) return Page();
        if (await review.RejectAsync(id, Decision.Reason, User) is null) return NotFound();
        TempData["Flash"] = "已驳回，企业将看到驳回原因";
        return Redirect($"/review/enterprises/{id}");
    }

    public async Task<IActionResult> OnPostRevealAsync(Guid id, [Bind(Prefix = nameof(Reveal))] RevealRequest reveal)
    {
        if (!await LoadAsync(id)) return NotFound();
        Reveal = reveal;
        ModelState.Clear();
        if (!TryValidateModel(reveal, nameof(Reveal))) return Page();
        Revealed = await revealer.HandleAsync(id, reveal.Reason, User);
        History = await queries.HistoryAsync(id);
        return Revealed is null ? NotFound() : Page();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var e = await queries.FindAsync(User, id);
        if (e is null) return false;
        Enterprise = e;
        History = await queries.HistoryAsync(id);
        return true;
    }
}
