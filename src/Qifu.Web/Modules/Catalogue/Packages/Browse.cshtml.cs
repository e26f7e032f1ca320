using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Catalogue.Data;

namespace Qifu.Web.Modules.Catalogue.Packages;

[AllowAnonymous]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Qifu.Web.Platform.Web.PublicPages.Policy)]
public sealed class BrowseModel(PackageHandler packages) : PageModel
{
    public List<ServicePackage> Packages { get; private set; } = [];

    public async Task OnGetAsync() => Packages = await packages.ListOpenAsync();
}
