using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.LoanRenewal.Apply;

namespace Qifu.Web.Modules.LoanRenewal.About;

/// <summary>/loan-renewal: the public page of the desk (process, checklist, partner banks), linked from the main navigation.</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Qifu.Web.Platform.Web.PublicPages.Policy)]
public sealed class AboutModel(ApplyHandler apply) : PageModel
{
    public List<PartnerBank> Banks { get; private set; } = [];
    public int MinDays { get; private set; }

    public async Task OnGetAsync()
    {
        Banks = await apply.BanksAsync();
        MinDays = await apply.MinDaysAsync();
    }
}
