using Qifu.Web.Modules.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Qifu.Web.Modules.Institutions.FindInstitutions;

/// <summary>全站搜索 for now finds institutions by name; services and policies join when the marketplace (Search module) lands.</summary>
[AllowAnonymous]
public sealed class SearchModel(PublicInstitutions institutions) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    public Paged<PublicInstitution> Result { get; private set; } = new([], 0, 1, 20);

    public async Task OnGetAsync()
    {
        if (!string.IsNullOrWhiteSpace(Q)) Result = await institutions.ListAsync(new PublicFilter { Q = Q, Page = PageNumber });
    }
}
