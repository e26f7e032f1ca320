using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Needs.PostNeeds;

/// <summary>/enterprise/needs/{id}: the need, its proposals side by side (pick one), and closing it.</summary>
[Authorize(Policy = Permissions.ActAsEnterprise)]
public sealed class DetailModel(NeedQueries queries, NeedHandler needs) : PageModel
{
    public NeedDetail Need { get; private set; } = null!;
    [BindProperty] public NeedReasonInput Closing { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCloseAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!ModelState.IsValid)
        {
            Response.StatusCode = 422;
            return Page();
        }
        if (await needs.CloseAsync(User, id, Closing.Reason) is null) return NotFound();
        TempData["Flash"] = "需求已关闭";
        return Redirect($"/enterprise/needs/{id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var d = await queries.DetailAsync(User, id);
        if (d is null) return false;
        Need = d;
        return true;
    }
}
