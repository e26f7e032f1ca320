using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Shared;
using Microsoft.AspNetCore.OutputCaching;
using Qifu.Web.Platform.Web;

namespace Qifu.Web.Modules.Activities.Browse;

/// <summary>/activities: the public list, filters in the URL so a filtered list can be bookmarked and shared.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPages.Policy)]
public sealed class ListModel(PublicActivities activities) : PageModel
{
    public ActivityFilter Filter { get; private set; } = new();
    public Paged<ActivityRow> Result { get; private set; } = new([], 0, 1, 20);

    // Page from the query only: otherwise Razor Pages' own "page" route value (this page's path) is read first and paging stays on 1.
    public async Task OnGetAsync(string? type, string? region, string? when, bool? publicInterest, [FromQuery(Name = "Page")] int? page)
    {
        Filter = new ActivityFilter { Type = type, Region = region, When = when == "past" ? "past" : "upcoming", PublicInterest = publicInterest, Page = page };
        Result = await activities.ListAsync(Filter);
    }
}
