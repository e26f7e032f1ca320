using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.LoanRenewal.Apply;
using Microsoft.AspNetCore.OutputCaching;
using Qifu.Web.Platform.Web;

namespace Qifu.Web.Modules.LoanRenewal.About;

/// <summary>/loan-renewal: the public page of the desk (process, checklist, partner banks), linked from the main navigation.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPages.Policy)]
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
