using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Catalogue.ReviewItems;

[Authorize(Policy = Permissions.ReviewItems)]
public sealed class QueueModel(ReviewItemHandler review) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [PageNumber] public int PageNumber { get; set; } = 1;
    public Paged<ItemReviewRow> Result { get; private set; } = new([], 0, 1, 20);
    public DataScope Scope => DataScope.Of(User);

    public async Task OnGetAsync() =>
        Result = await review.ListAsync(User, new ItemReviewFilter { Status = Status, Region = Region, Q = Q, Page = PageNumber });
}
