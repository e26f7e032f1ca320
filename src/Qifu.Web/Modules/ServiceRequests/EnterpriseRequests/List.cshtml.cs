using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.ServiceRequests.EnterpriseRequests;

[Authorize(Policy = Permissions.ActAsEnterprise)]
public sealed class ListModel(RequestQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public RequestFilter Filter { get; set; } = new();
    public Paged<RequestRow> Result { get; private set; } = new([], 0, 1, 20);

    public async Task OnGetAsync() => Result = await queries.ListAsync(User, Filter);
}
