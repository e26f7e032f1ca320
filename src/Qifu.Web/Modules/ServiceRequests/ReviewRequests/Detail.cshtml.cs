using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.ServiceRequests.ReviewRequests;

/// <summary>An operator's read-only view of a request in their scope: timeline, files, evaluation, follow-up (contact masked).</summary>
[Authorize(Policy = Permissions.Operate)]
public sealed class DetailModel(RequestQueries queries) : PageModel
{
    public RequestDetail Detail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var d = await queries.DetailAsync(User, id);
        if (d is null) return NotFound();
        Detail = d;
        return Page();
    }
}
