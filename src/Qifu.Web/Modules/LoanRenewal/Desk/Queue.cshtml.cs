using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.LoanRenewal.Data;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.LoanRenewal.Desk;

[Authorize(Policy = Permissions.LoanRenewalDesk)]
public sealed class QueueModel(RenewalQueries queries, RenewalAccess access) : PageModel
{
    [BindProperty(SupportsGet = true)] public RenewalFilter Filter { get; set; } = new();
    public Paged<RenewalRow> Result { get; private set; } = null!;
    public RowsView Rows => new(Result, "/manage/loan-renewals", "续贷申请，按时限排列");
    public List<(RenewalStatus Status, int Count)> Counts { get; private set; } = [];
    public string ScopeName { get; private set; } = "";

    public async Task OnGetAsync()
    {
        Result = await queries.ListAsync(User, Filter);
        var counts = await access.Visible(User).GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Counts = Enum.GetValues<RenewalStatus>().Where(s => s != RenewalStatus.Draft)
            .Select(s => (s, counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0)).ToList();
        var scope = DataScope.Of(User);
        ScopeName = scope.All ? "全市" : RegionCodes.NameOf(scope.RegionCode ?? "");
    }
}
