using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Catalogue.Data;
using Microsoft.AspNetCore.OutputCaching;
using Qifu.Web.Platform.Web;

namespace Qifu.Web.Modules.Catalogue.Packages;

[AllowAnonymous]
[OutputCache(PolicyName = PublicPages.Policy)]
public sealed class BrowseModel(PackageHandler packages) : PageModel
{
    public List<ServicePackage> Packages { get; private set; } = [];

    public async Task OnGetAsync() => Packages = await packages.ListOpenAsync();
}
