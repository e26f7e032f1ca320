using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Needs.PostNeeds;

/// <summary>/enterprise/needs: the enterprise's needs, newest first.</summary>
[Authorize(Policy = Permissions.ActAsEnterprise)]
public sealed class MineModel(NeedQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [PageNumber] public int? PageNumber { get; set; }
    public Paged<NeedSummary> Result { get; private set; } = new([], 0, 1, 20);

    public async Task OnGetAsync() => Result = await queries.ListAsync(User, new NeedFilter { Status = Status, Q = Q, Page = PageNumber });
}
