using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Content.MatchPolicies;

[Authorize(Policy = Permissions.ActAsEnterprise)]
public sealed class MineModel(PolicyMatches matches) : PageModel
{
    public MyPolicies Mine { get; private set; } = null!;

    // From the query only: a bound property named Page would read Razor Pages' own "page" route value (the page's path) first.
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? page)
    {
        if (await matches.ForAsync(User, page) is not { } mine) return NotFound();
        Mine = mine;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(bool subscribe)
    {
        if (await matches.SubscribeAsync(User, subscribe) is null) return NotFound();
        TempData["Flash"] = subscribe ? "已订阅：有新的适用政策或申报即将截止时，将通过站内信通知您" : "已取消订阅";
        return Redirect("/enterprise/policies");
    }
}
