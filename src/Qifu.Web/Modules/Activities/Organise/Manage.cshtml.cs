using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Activities.Organise;

/// <summary>/manage/activities: operators (their scope) and institutions (their own) list what they organise.</summary>
[Authorize(Policy = Permissions.ManageActivities)]
public sealed class ManageModel(OrganiseHandler organise) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [PageNumber] public int PageNumber { get; set; } = 1;
    public Paged<Activity> Result { get; private set; } = new([], 0, 1, 20);

    public async Task OnGetAsync() => Result = await organise.ListManagedAsync(User, new ManagedFilter { Status = Status, Q = Q, Page = PageNumber });
}
