using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Catalogue.Packages;

public sealed record Candidate(Guid Id, string Title, string PriceLabel);

[Authorize(Policy = Permissions.ManagePackages)]
public sealed class ManagePackageModel(PackageHandler packages, AppDbContext db) : PageModel
{
    public PackageDetail Detail { get; private set; } = null!;
    public Uptake Uptake { get; private set; } = null!;
    [BindProperty] public PackageInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public List<Candidate> Candidates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var p = Detail.Package;
        Input = new PackageInput { Title = p.Title, Summary = p.Summary, ValidFrom = p.ValidFrom, ValidUntil = p.ValidUntil };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!ModelState.IsValid) return Page();
        await packages.UpdateAsync(User, id, Input);
        return Done(id, "服务包已保存");
    }

    public Task<IActionResult> OnPostAddAsync(Guid id, Guid itemId) => ActAsync(id, () => packages.AddItemAsync(User, id, itemId), "已加入服务包");

    public Task<IActionResult> OnPostRemoveAsync(Guid id, Guid itemId) => ActAsync(id, () => packages.RemoveItemAsync(User, id, itemId), "已移出服务包");

    public Task<IActionResult> OnPostPublishAsync(Guid id) => ActAsync(id, () => packages.PublishAsync(User, id), "服务包已发布，企业可在有效期内领取");

    public Task<IActionResult> OnPostWithdrawAsync(Guid id) => ActAsync(id, () => packages.WithdrawAsync(User, id), "服务包已撤回");

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<ServicePackage?>> act, string done)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear();
        if (await act() is null) return NotFound();
        return Done(id, done);
    }

    private RedirectResult Done(Guid id, string message)
    {
        TempData["Flash"] = message;
        return Redirect($"/manage/packages/{id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await packages.FindManagedAsync(id, User) is not { } detail) return false;
        Detail = detail;
        Uptake = (await packages.UptakeAsync(User, id))!;
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var term = Q.Trim();
            var inPackage = detail.Items.Select(i => i.ItemId).ToList();
            Candidates = (await db.ServiceItems.AsNoTracking()
                    .Where(i => i.Status == ItemStatus.Published && i.Content.Title.Contains(term) && !inPackage.Contains(i.Id))
                    .OrderBy(i => i.Content.Title).ThenBy(i => i.Id).Take(20).ToListAsync())
                .Select(i => new Candidate(i.Id, i.Content.Title, ItemStatuses.PriceLabel(i.Content))).ToList();
        }
        return true;
    }
}
