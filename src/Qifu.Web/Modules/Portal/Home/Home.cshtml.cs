using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Qifu.Web.Modules.Portal.Home;

[AllowAnonymous]
public sealed class HomeModel(HeadlineFigures figures) : PageModel
{
    public IReadOnlyList<Figure> Figures { get; private set; } = [];

    public async Task OnGetAsync() => Figures = await figures.ForAsync(null);
}
