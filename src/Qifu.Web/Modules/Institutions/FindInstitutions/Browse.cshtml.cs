using Qifu.Web.Modules.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Qifu.Web.Platform.Web;

namespace Qifu.Web.Modules.Institutions.FindInstitutions;

[AllowAnonymous]
[OutputCache(PolicyName = PublicPages.Policy)]
public sealed class BrowseModel(PublicInstitutions institutions) : PageModel
{
    [BindProperty(SupportsGet = true)] public PublicFilter Filter { get; set; } = new();
    public Paged<PublicInstitution> Result { get; private set; } = new([], 0, 1, 20);

    public async Task OnGetAsync() => Result = await institutions.ListAsync(Filter);
}
