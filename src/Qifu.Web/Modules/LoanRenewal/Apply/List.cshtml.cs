using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.LoanRenewal.Apply;

[Authorize(Policy = Permissions.ActAsEnterprise)]
public sealed class ListModel(RenewalQueries queries, ApplyHandler apply) : PageModel
{
    [BindProperty(SupportsGet = true)] public RenewalFilter Filter { get; set; } = new();
    public Paged<RenewalRow> Result { get; private set; } = null!;
    public RowsView Rows => new(Result, "/enterprise/loan-renewals", "本企业的续贷申请");
    public int MinDays { get; private set; }

    public async Task OnGetAsync()
    {
        Result = await queries.ListAsync(User, Filter);
        MinDays = await apply.MinDaysAsync();
    }
}
