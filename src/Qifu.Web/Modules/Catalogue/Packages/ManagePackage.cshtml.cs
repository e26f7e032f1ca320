using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Catalogue.Packages;

public sealed record Candidate(Guid Id, string Title, string PriceLabel);
public sealed record LinkCandidate(Guid Id, string Label);

[Authorize(Policy = Permissions.ManagePackages)]
public sealed class ManagePackageModel(PackageHandler packages, AppDbContext db, TimeProvider clock) : PageModel
{
    public PackageDetail Detail { get; private set; } = null!;
    public Uptake Uptake { get; private set; } = null!;
    [BindProperty] public PackageInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public List<Candidate> Candidates { get; private set; } = [];
    public List<LinkCandidate> Activities { get; private set; } = [];
    public List<LinkCandidate> Policies { get; private set; } = [];

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

    public Task<IActionResult> OnPostAddLinkAsync(Guid id, string kind, Guid? targetId) =>
        ActAsync(id, () => packages.AddLinkAsync(User, id, new PackageLinkInput { Kind = kind, TargetId = targetId ?? throw NothingChosen() }), "已加入服务包");

    public Task<IActionResult> OnPostRemoveLinkAsync(Guid id, string kind, Guid targetId) =>
        ActAsync(id, () => packages.RemoveLinkAsync(User, id, kind, targetId), "已移出服务包");

    private static Platform.Errors.RuleViolationException NothingChosen() => new("TARGET_REQUIRED", "请选择要加入的活动或政策", "targetId", 400);

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
        var now = clock.GetUtcNow().UtcDateTime;
        var linked = detail.Links.Select(l => l.TargetId).ToList();
        Activities = (await db.Activities.AsNoTracking()
                .Where(a => a.Status == Modules.Activities.Data.ActivityStatus.Published && a.EndsAt > now && !linked.Contains(a.Id))
                .OrderBy(a => a.StartsAt).Take(50).Select(a => new { a.Id, a.Title, a.StartsAt, a.RegionCode }).ToListAsync())
            .Select(a => new LinkCandidate(a.Id, $"{a.StartsAt.AddHours(8):MM-dd} {a.Title}（{RegionCodes.NameOf(a.RegionCode)}）")).ToList();
        Policies = (await db.Articles.AsNoTracking()
                .Where(a => a.Kind == Modules.Content.Data.ArticleKind.Policy && a.Status == Modules.Content.Data.ArticleStatus.Published && a.PublishAt <= now && !linked.Contains(a.Id))
                .OrderByDescending(a => a.PublishAt).Take(50).Select(a => new { a.Id, a.Title }).ToListAsync())
            .Select(a => new LinkCandidate(a.Id, a.Title)).ToList();
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
