using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Needs.Operate;

/// <summary>/manage/needs (all needs in scope, the moderation queue with Status=PendingReview) and /manage/needs/follow-ups.</summary>
[Authorize(Policy = Permissions.ManageNeeds)]
public sealed class ListModel(NeedQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [PageNumber] public int? PageNumber { get; set; }
    public bool FollowUps { get; private set; }
    public Paged<NeedSummary> Result { get; private set; } = new([], 0, 1, 20);

    public async Task OnGetAsync()
    {
        FollowUps = Request.Path.Value?.EndsWith("/follow-ups", StringComparison.OrdinalIgnoreCase) == true;
        Result = await queries.ListAsync(User, new NeedFilter { Status = FollowUps ? null : Status, Q = Q, Page = PageNumber }, FollowUps);
    }
}
