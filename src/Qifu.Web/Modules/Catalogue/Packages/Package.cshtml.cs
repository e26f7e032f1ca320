using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Regions;
using Microsoft.AspNetCore.OutputCaching;
using Qifu.Web.Platform.Web;

namespace Qifu.Web.Modules.Catalogue.Packages;

[AllowAnonymous]
[OutputCache(PolicyName = PublicPages.Policy)]
public sealed class PackageModel(PackageHandler packages) : PageModel
{
    public PackageDetail Detail { get; private set; } = null!;
    public bool MayClaim => Permissions.Has(User, Permissions.ActAsEnterprise);

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostClaimAsync(Guid id, Guid? itemId)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        if (!MayClaim) return Forbid();
        if (!await LoadAsync(id)) return NotFound();
        var added = await packages.ClaimAsync(User, id, itemId);
        if (added is null) return NotFound();
        TempData["Flash"] = added == 0 ? "这些服务您已领取过" : $"已领取 {added} 项服务，可在下方点击“申请服务”提出具体需求";
        return Redirect($"/packages/{id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await packages.FindOpenAsync(id, User) is not { } d) return false;
        Detail = d;
        return true;
    }
}
