using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Qifu.Web.Modules.ServiceRequests.ReviewRequests;

/// <summary>
/// /requests/{id}: the one link notices carry (a message may go to the enterprise, the institution and an operator);
/// each reader lands on their own view of the request, or gets 404 if it is not theirs to see.
/// </summary>
public sealed class RequestLinkModel(RequestAccess access) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(access.Visible(User), r => r.Id == id)) return NotFound();
        return RequestAccess.ViewerOf(User) switch
        {
            Viewer.Enterprise => Redirect($"/enterprise/requests/{id}"),
            Viewer.Institution => Redirect($"/institution/requests/{id}"),
            Viewer.Operator => Redirect($"/review/requests/{id}"),
            _ => NotFound(),
        };
    }
}
