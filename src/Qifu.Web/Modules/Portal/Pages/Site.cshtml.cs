using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Regions;
using Microsoft.AspNetCore.OutputCaching;
using Qifu.Web.Platform.Web;

namespace Qifu.Web.Modules.Portal.Pages;

/// <summary>A county site (区县分站): the same catalogue, with figures for that region.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPages.WithFigures)]
public sealed class SiteModel(HeadlineFigures figures) : PageModel
{
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public IReadOnlyList<Figure> Figures { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code)
    {
        if (!RegionCodes.Exists(code)) return NotFound();
        Code = code;
        Name = RegionCodes.NameOf(code);
        Figures = await figures.ForAsync(code == RegionCodes.City ? null : code);
        return Page();
    }
}
