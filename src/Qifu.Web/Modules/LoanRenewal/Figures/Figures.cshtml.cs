using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.LoanRenewal.Figures;

[Authorize(Policy = Permissions.LoanRenewalDesk)]
public sealed class FiguresModel(RenewalFigures figures) : PageModel
{
    public DeskFigures Figures { get; private set; } = null!;

    public async Task OnGetAsync() => Figures = await figures.ForAsync(User);
}
