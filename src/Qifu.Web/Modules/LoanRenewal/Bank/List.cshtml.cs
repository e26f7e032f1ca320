using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Institutions.Data;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.LoanRenewal.Bank;

[Authorize(Policy = Permissions.ActAsInstitution)]
public sealed class ListModel(RenewalQueries queries, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public RenewalFilter Filter { get; set; } = new();
    public Paged<RenewalRow> Result { get; private set; } = null!;
    public RowsView Rows => new(Result, "/institution/loan-renewals", "推送至本行的续贷申请");
    public bool IsBank { get; private set; }

    public async Task OnGetAsync()
    {
        var me = CurrentUser.InstitutionId(User);
        IsBank = await db.Institutions.AnyAsync(i => i.Id == me && i.Kind == InstitutionKind.Bank);
        Result = await queries.ListAsync(User, Filter);
    }
}
