using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Catalogue.PublishItems;

[Authorize(Policy = Permissions.ActAsInstitution)]
public sealed class MyItemsModel(PublishItemHandler handler) : PageModel
{
    [BindProperty(SupportsGet = true)] public ItemStatus? Status { get; set; }
    [PageNumber] public int PageNumber { get; set; } = 1;
    public Paged<ServiceItem> Result { get; private set; } = new([], 0, 1, 20);

    public async Task OnGetAsync() => Result = await handler.ListOwnAsync(User, Status, PageNumber);
}
