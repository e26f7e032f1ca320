using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Qifu.Web.Modules.Catalogue.ShowItem;

[AllowAnonymous]
public sealed class ItemModel(PublicItems items) : PageModel
{
    public ShownItem Shown { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await items.FindAsync(id) is not { } shown) return NotFound();
        Shown = shown;
        return Page();
    }
}
