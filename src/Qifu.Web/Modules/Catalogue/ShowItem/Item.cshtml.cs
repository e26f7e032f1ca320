using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.ServiceRequests;
using Qifu.Web.Modules.Shared;
using Microsoft.AspNetCore.OutputCaching;
using Qifu.Web.Platform.Web;

namespace Qifu.Web.Modules.Catalogue.ShowItem;

[AllowAnonymous]
[OutputCache(PolicyName = PublicPages.Policy)]
public sealed class ItemModel(PublicItems items, PublicEvaluations evaluations) : PageModel
{
    public ShownItem Shown { get; private set; } = null!;
    public Paged<PublicEvaluation> Evaluations { get; private set; } = new([], 0, 1, 10);
    [PageNumber] public int PageNumber { get; set; } = 1;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await items.FindAsync(id) is not { } shown) return NotFound();
        Shown = shown;
        Evaluations = await evaluations.ForItemAsync(id, PageNumber);
        return Page();
    }
}
