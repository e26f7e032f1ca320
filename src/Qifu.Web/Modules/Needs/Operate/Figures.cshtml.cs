using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Needs.Operate;

/// <summary>/manage/needs/figures: 需求对接情况 per region in the operator's scope.</summary>
[Authorize(Policy = Permissions.ManageNeeds)]
public sealed class FiguresModel(NeedFigures figures) : PageModel
{
    public List<RegionFigures> Rows { get; private set; } = [];

    public async Task OnGetAsync() => Rows = await figures.ForAsync(User);
}
