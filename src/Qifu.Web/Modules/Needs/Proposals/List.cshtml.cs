using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Needs.Proposals;

/// <summary>/institution/needs: needs this institution can answer (its category and region), dispatched to it, or answered.</summary>
[Authorize(Policy = Permissions.ActAsInstitution)]
public sealed class ListModel(NeedQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Dispatched { get; set; }
    [PageNumber] public int? PageNumber { get; set; }
    public Paged<NeedSummary> Result { get; private set; } = new([], 0, 1, 20);

    public async Task OnGetAsync() =>
        Result = await queries.ListAsync(User, new NeedFilter { Status = Status, Q = Q, Dispatched = Dispatched, Page = PageNumber });
}
