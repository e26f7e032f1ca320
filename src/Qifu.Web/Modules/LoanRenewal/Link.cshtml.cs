using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Qifu.Web.Modules.LoanRenewal;

/// <summary>/loan-renewals/{id}: the one link notices carry; each reader lands on their own view of the case, or 404.</summary>
public sealed class LinkModel(RenewalAccess access) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await access.Visible(User).AnyAsync(c => c.Id == id)) return NotFound();
        return RenewalAccess.ViewerOf(User) switch
        {
            RenewalViewer.Enterprise => Redirect($"/enterprise/loan-renewals/{id}"),
            RenewalViewer.Bank => Redirect($"/institution/loan-renewals/{id}"),
            RenewalViewer.Desk => Redirect($"/manage/loan-renewals/{id}"),
            _ => NotFound(),
        };
    }
}
