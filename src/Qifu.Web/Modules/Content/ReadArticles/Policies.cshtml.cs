using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Content.Data;
using Qifu.Web.Modules.Shared;
using Microsoft.AspNetCore.OutputCaching;
using Qifu.Web.Platform.Web;

namespace Qifu.Web.Modules.Content.ReadArticles;

/// <summary>政策库: filters live in the query string, so a filtered list can be bookmarked and shared.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPages.Policy)]
public sealed class PoliciesModel(ArticleReader reader, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public PolicyLevel? Level { get; set; }
    [BindProperty(SupportsGet = true)] public string? Issuer { get; set; }
    [BindProperty(SupportsGet = true)] public string? Theme { get; set; }
    [BindProperty(SupportsGet = true)] public PolicyValidity? Validity { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [PageNumber] public int PageNumber { get; set; } = 1;
    public Paged<ArticleRow> Result { get; private set; } = new([], 0, 1, 20);
    public List<string> Issuers { get; private set; } = [];
    /// <summary>The China day validity is judged on.</summary>
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync()
    {
        Today = Platform.Regions.HengyangCalendar.Today(clock);
        Result = await reader.PoliciesAsync(new PolicyFilter { Level = Level, Issuer = Issuer, Theme = Theme, Validity = Validity, Q = Q, Page = PageNumber });
        Issuers = await reader.IssuersAsync();
    }
}
