using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Needs.Proposals;

/// <summary>/institution/needs/{id}: the need (without the enterprise's name) and this institution's proposal: write, change, withdraw.</summary>
[Authorize(Policy = Permissions.ActAsInstitution)]
public sealed class DetailModel(NeedQueries queries, ProposalHandler proposals) : PageModel
{
    public NeedDetail Need { get; private set; } = null!;
    public ProposalView? Mine { get; private set; }
    public List<OwnItem> Items { get; private set; } = [];
    [BindProperty] public ProposalInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = Mine is { } p && p.Status == "Live"
            ? new ProposalInput { ItemId = p.ItemId, Scope = p.Scope, Price = p.Price, PriceNegotiable = p.Price is null, DaysNeeded = p.DaysNeeded }
            : new ProposalInput { ItemId = Items.FirstOrDefault(i => i.CategoryCode == Need.CategoryCode)?.Id };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!ModelState.IsValid)
        {
            Response.StatusCode = 422;
            return Page();
        }
        var wasLive = Mine?.Status == "Live";
        if (await proposals.ProposeAsync(User, id, Input) is null) return NotFound();
        TempData["Flash"] = wasLive ? "方案已修改" : "方案已提交，企业会收到通知";
        return Redirect($"/institution/needs/{id}");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear();
        if (await proposals.WithdrawAsync(User, id) is null) return NotFound();
        TempData["Flash"] = "方案已撤回，截止前可重新提交";
        return Redirect($"/institution/needs/{id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var d = await queries.DetailAsync(User, id);
        if (d is null) return false;
        Need = d;
        Mine = d.Proposals.FirstOrDefault();
        Items = await proposals.ItemsAsync(User, d.CategoryCode);
        return true;
    }
}
