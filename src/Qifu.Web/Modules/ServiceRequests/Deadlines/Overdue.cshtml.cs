using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.ServiceRequests.Deadlines;

/// <summary>超期服务申请 in the operator's region (the city: all), the oldest deadline first.</summary>
[Authorize(Policy = Permissions.Operate)]
public sealed class OverdueModel(RequestQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [PageNumber] public int? PageNumber { get; set; }
    public Paged<RequestRow> Result { get; private set; } = new([], 0, 1, 20);
    public DataScope Scope { get; private set; } = new(false, null);

    public async Task OnGetAsync()
    {
        Scope = DataScope.Of(User);
        Result = await queries.ListAsync(User, new RequestFilter { Stage = RequestStages.Overdue, Region = Region, Page = PageNumber });
    }
}
