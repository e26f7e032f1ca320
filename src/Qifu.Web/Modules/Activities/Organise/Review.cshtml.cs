using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Activities.Organise;

/// <summary>/review/activities: institutions' proposals waiting for the operator of their region.</summary>
[Authorize(Policy = Permissions.ReviewActivities)]
public sealed class ReviewModel(OrganiseHandler organise) : PageModel
{
    public List<Activity> Pending { get; private set; } = [];

    public async Task OnGetAsync() => Pending = await organise.PendingReviewAsync(User);
}
