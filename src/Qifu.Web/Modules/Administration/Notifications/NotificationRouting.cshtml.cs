using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Administration.Notifications;

/// <summary>The routing table, read-only: who hears of which step on which channel.</summary>
[Authorize(Policy = Permissions.ManageDictionaries)]
public sealed class NotificationRoutingModel : PageModel
{
    public void OnGet() { }
}
