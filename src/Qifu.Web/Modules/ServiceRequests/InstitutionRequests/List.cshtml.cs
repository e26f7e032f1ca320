using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.ServiceRequests.InstitutionRequests;

/// <summary>收到的服务申请, the least time left first (ECOSYSTEM.md §4b).</summary>
[Authorize(Policy = Permissions.ActAsInstitution)]
public sealed class ListModel(RequestQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public RequestFilter Filter { get; set; } = new();
    public Paged<RequestRow> Result { get; private set; } = new([], 0, 1, 20);

    public async Task OnGetAsync() => Result = await queries.ListAsync(User, Filter);
}
