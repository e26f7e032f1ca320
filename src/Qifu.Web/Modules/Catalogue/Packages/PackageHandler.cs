using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.Search;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Registration;

namespace Qifu.Web.Modules.Catalogue.Packages;

public sealed record PackageInput
{
    [Required(ErrorMessage = "请填写服务包名称")]
    [StringLength(100, MinimumLength = 2, ErrorMessage = "服务包名称应为2至100字")]
    public string Title { get; init; } = "";

    [StringLength(2000, ErrorMessage = "服务包简介不能超过2000字")]
    public string? Summary { get; init; }

    [Required(ErrorMessage = "请选择有效期开始日期")]
    public DateOnly? ValidFrom { get; init; }

    [Required(ErrorMessage = "请选择有效期结束日期")]
    public DateOnly? ValidUntil { get; init; }
}

public sealed record PackageItemRow(Guid ItemId, string Title, string InstitutionName, string PriceLabel, bool IsLive, int Claims);

/// <summary>An activity or a policy shown in a package (<see cref="PackageEntryKinds"/>); Live: still published and not over.</summary>
public sealed record PackageLinkRow(string Kind, Guid TargetId, string Title, string Url, string Note, bool Live);
public sealed record PackageDetail(ServicePackage Package, IReadOnlyList<PackageItemRow> Items, IReadOnlySet<Guid> ClaimedByMe)
{
    public IReadOnlyList<PackageLinkRow> Links { get; init; } = [];
}

public sealed record PackageLinkInput
{
    [Required(ErrorMessage = "请选择加入的类型（activity 活动或 policy 政策）")]
    [RegularExpression("^(activity|policy)$", ErrorMessage = "类型只能是 activity（活动）或 policy（政策）")]
    public string? Kind { get; init; }
    [Required(ErrorMessage = "请选择要加入的活动或政策")]
    public Guid? TargetId { get; init; }
}

public sealed record UptakeRow(string Key, string Label, int Claims, int Enterprises);

public sealed record Uptake(int Claims, int Enterprises, IReadOnlyList<UptakeRow> ByItem, IReadOnlyList<UptakeRow> ByRegion);

/// <summary>
/// 服务包: operators curate a themed bundle for a window (a county operator for its own sub-site, the city for all);
/// approved enterprises take up the whole package or single items; uptake is counted per item and per region.
/// </summary>
public sealed class PackageHandler(AppDbContext db, AuditTrail audit, TimeProvider clock)
{
    public const string AuditEntityType = "服务包";

    public Task<List<ServicePackage>> ListManagedAsync(ClaimsPrincipal user) =>
        DataScope.Of(user).Apply(db.ServicePackages.AsNoTracking(), p => p.RegionCode).Include(p => p.Entries)
            .OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync();

    /// <summary>Packages open today, newest window first.</summary>
    public Task<List<ServicePackage>> ListOpenAsync()
    {
        var today = HengyangCalendar.Today(clock);
        return db.ServicePackages.AsNoTracking().Include(p => p.Entries)
            .Where(p => p.Status == PackageStatus.Published && p.ValidFrom <= today && p.ValidUntil >= today)
            .OrderByDescending(p => p.ValidFrom).ThenBy(p => p.Title).ToListAsync();
    }

    public async Task<PackageDetail?> FindOpenAsync(Guid id, ClaimsPrincipal user)
    {
        var today = HengyangCalendar.Today(clock);
        var package = await db.ServicePackages.AsNoTracking().Include(p => p.Entries).FirstOrDefaultAsync(p => p.Id == id);
        if (package is null || !package.IsOpenOn(today)) return null;
        var mine = CurrentUser.EnterpriseId(user) is { } e
            ? (await db.PackageClaims.Where(c => c.PackageId == id && c.EnterpriseId == e).Select(c => c.ItemId).ToListAsync()).ToHashSet()
            : [];
        var items = (await RowsAsync(package)).Where(r => r.IsLive).ToList();
        return new PackageDetail(package, items, mine) { Links = (await LinksAsync(package)).Where(l => l.Live).ToList() };
    }

    public async Task<PackageDetail?> FindManagedAsync(Guid id, ClaimsPrincipal user)
    {
        var package = await DataScope.Of(user).Apply(db.ServicePackages.AsNoTracking(), p => p.RegionCode).Include(p => p.Entries)
            .FirstOrDefaultAsync(p => p.Id == id);
        return package is null ? null : new PackageDetail(package, await RowsAsync(package), new HashSet<Guid>()) { Links = await LinksAsync(package) };
    }

    public async Task<ServicePackage> CreateAsync(ClaimsPrincipal user, PackageInput input)
    {
        var (from, until) = CheckWindow(input);
        var scope = DataScope.Of(user);
        var package = new ServicePackage
        {
            Id = Guid.NewGuid(), Title = input.Title.Trim(), Summary = input.Summary?.Trim() ?? "", RegionCode = scope.All ? RegionCodes.City : scope.RegionCode!,
            ValidFrom = from, ValidUntil = until, CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = CurrentUser.Id(user),
        };
        db.ServicePackages.Add(package);
        audit.Record("新建服务包", AuditEntityType, package.Id, package.RegionCode, null, Snapshot(package));
        await db.SaveChangesAsync();
        return package;
    }

    public async Task<ServicePackage?> UpdateAsync(ClaimsPrincipal user, Guid id, PackageInput input)
    {
        var package = await TrackedAsync(user, id);
        if (package is null) return null;
        var (from, until) = CheckWindow(input);
        var before = Snapshot(package);
        package.Title = input.Title.Trim();
        package.Summary = input.Summary?.Trim() ?? "";
        package.ValidFrom = from;
        package.ValidUntil = until;
        package.Touch();
        audit.Record("修改服务包", AuditEntityType, id, package.RegionCode, before, Snapshot(package));
        await db.SaveChangesAsync();
        return package;
    }

    public async Task<ServicePackage?> AddItemAsync(ClaimsPrincipal user, Guid id, Guid itemId)
    {
        var package = await TrackedAsync(user, id);
        if (package is null) return null;
        var item = await db.ServiceItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId && i.Status == ItemStatus.Published);
        if (item is null)
            throw new RuleViolationException("ITEM_NOT_PUBLISHED", "只能加入已发布的服务项目", "itemId", 422);
        if (package.Entries.Any(e => e.Kind == PackageEntryKinds.Item && e.TargetId == itemId))
            throw new RuleViolationException("ITEM_ALREADY_IN_PACKAGE", "该服务项目已在服务包中", "itemId", 409);
        var entry = new PackageEntry { Id = Guid.NewGuid(), PackageId = id, TargetId = itemId, Position = package.Entries.Count + 1 };
        db.Add(entry);
        package.Entries.Add(entry);
        package.Touch();
        audit.Record("服务包加入服务项目", AuditEntityType, id, package.RegionCode, null, new { item.Id, item.Content.Title });
        await db.SaveChangesAsync();
        return package;
    }

    public async Task<ServicePackage?> RemoveItemAsync(ClaimsPrincipal user, Guid id, Guid itemId)
    {
        var package = await TrackedAsync(user, id);
        if (package is null) return null;
        var entry = package.Entries.FirstOrDefault(e => e.Kind == PackageEntryKinds.Item && e.TargetId == itemId);
        if (entry is null) return null;
        if (package.Status == PackageStatus.Published && package.Entries.Count(e => e.Kind == PackageEntryKinds.Item) == 1)
            throw new RuleViolationException("PACKAGE_EMPTY", "已发布的服务包至少要保留一个服务项目，如需停用请撤回服务包", "itemId", 422);
        package.Entries.Remove(entry);
        db.Remove(entry);
        package.Touch();
        audit.Record("服务包移出服务项目", AuditEntityType, id, package.RegionCode, new { ItemId = itemId }, null);
        await db.SaveChangesAsync();
        return package;
    }

    /// <summary>Shows a published activity or a published policy in the package (issue 4: activities and policies join packages).</summary>
    public async Task<ServicePackage?> AddLinkAsync(ClaimsPrincipal user, Guid id, PackageLinkInput input)
    {
        var package = await TrackedAsync(user, id);
        if (package is null) return null;
        var kind = input.Kind!;
        var targetId = input.TargetId!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var title = kind == PackageEntryKinds.Activity
            ? await db.Activities.Where(a => a.Id == targetId && a.Status == Activities.Data.ActivityStatus.Published && a.EndsAt > now).Select(a => a.Title).FirstOrDefaultAsync()
            : await db.Articles.Where(a => a.Id == targetId && a.Kind == Content.Data.ArticleKind.Policy && a.Status == Content.Data.ArticleStatus.Published && a.PublishAt <= now)
                .Select(a => a.Title).FirstOrDefaultAsync();
        if (title is null)
            throw kind == PackageEntryKinds.Activity
                ? new RuleViolationException("ACTIVITY_NOT_OPEN", "只能加入已发布且尚未结束的活动", "targetId", 422)
                : new RuleViolationException("POLICY_NOT_PUBLISHED", "只能加入已发布的政策文件", "targetId", 422);
        if (package.Entries.Any(e => e.Kind == kind && e.TargetId == targetId))
            throw new RuleViolationException("ALREADY_IN_PACKAGE", kind == PackageEntryKinds.Activity ? "该活动已在服务包中" : "该政策已在服务包中", "targetId", 409);
        var entry = new PackageEntry { Id = Guid.NewGuid(), PackageId = id, Kind = kind, TargetId = targetId, Position = package.Entries.Count + 1 };
        db.Add(entry);
        package.Entries.Add(entry);
        package.Touch();
        audit.Record(kind == PackageEntryKinds.Activity ? "服务包加入活动" : "服务包加入政策", AuditEntityType, id, package.RegionCode, null, new { Id = targetId, Title = title });
        await db.SaveChangesAsync();
        return package;
    }

    public async Task<ServicePackage?> RemoveLinkAsync(ClaimsPrincipal user, Guid id, string kind, Guid targetId)
    {
        var package = await TrackedAsync(user, id);
        var entry = package?.Entries.FirstOrDefault(e => PackageEntryKinds.IsLink(kind) && e.Kind == kind && e.TargetId == targetId);
        if (package is null || entry is null) return null;
        package.Entries.Remove(entry);
        db.Remove(entry);
        package.Touch();
        audit.Record(kind == PackageEntryKinds.Activity ? "服务包移出活动" : "服务包移出政策", AuditEntityType, id, package.RegionCode, new { Id = targetId }, null);
        await db.SaveChangesAsync();
        return package;
    }

    public Task<ServicePackage?> PublishAsync(ClaimsPrincipal user, Guid id) => ChangeStatusAsync(user, id, p => p.Publish(), "发布服务包");

    public Task<ServicePackage?> WithdrawAsync(ClaimsPrincipal user, Guid id) => ChangeStatusAsync(user, id, p => p.Withdraw(), "撤回服务包");

    /// <summary>Takes up one item (<paramref name="itemId"/>) or every live item of the package. Taking up twice changes nothing.</summary>
    public async Task<int?> ClaimAsync(ClaimsPrincipal user, Guid id, Guid? itemId)
    {
        var today = HengyangCalendar.Today(clock);
        var package = await db.ServicePackages.AsNoTracking().Include(p => p.Entries).FirstOrDefaultAsync(p => p.Id == id);
        if (package is null || package.Status != PackageStatus.Published) return null;
        var enterpriseId = CurrentUser.EnterpriseId(user);
        var enterprise = enterpriseId is null ? null : await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.Id == enterpriseId);
        if (enterprise?.Status != RegistrationStatus.Approved)
            throw new RuleViolationException("ENTERPRISE_NOT_APPROVED", "企业注册信息审核通过后才能领取服务包");
        package.EnsureClaimable(today);
        var wanted = package.Entries.Where(e => e.Kind == PackageEntryKinds.Item && (itemId is null || e.TargetId == itemId)).Select(e => e.TargetId).ToList();
        if (itemId is not null && wanted.Count == 0) return null;
        var live = await db.ServiceItems.AsNoTracking().Where(i => wanted.Contains(i.Id) && i.Status == ItemStatus.Published)
            .Select(i => i.Id).ToListAsync();
        var already = await db.PackageClaims.Where(c => c.PackageId == id && c.EnterpriseId == enterprise.Id).Select(c => c.ItemId).ToListAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        var fresh = live.Except(already).ToList();
        if (fresh.Count == 0) return 0;
        foreach (var item in fresh)
        {
            db.PackageClaims.Add(new PackageClaim
            {
                Id = Guid.NewGuid(), PackageId = id, ItemId = item, EnterpriseId = enterprise.Id, RegionCode = enterprise.RegionCode, ClaimedAt = now,
                ClaimedBy = CurrentUser.Id(user),
            });
            SearchLog.Changed(db, ItemSearchKinds.Item, item, now);
        }
        audit.Record("领取服务包", AuditEntityType, id, enterprise.RegionCode, null, new { Items = fresh.Count }, $"{enterprise.Name}领取{fresh.Count}项服务");
        try
        {
            // The counter is raised in the database, not read-modify-written: many enterprises claim the same item at once.
            await db.InTransactionAsync(async () =>
            {
                await db.SaveChangesAsync();
                return await db.ServiceItems.Where(i => fresh.Contains(i.Id)).ExecuteUpdateAsync(u => u.SetProperty(i => i.ClaimCount, i => i.ClaimCount + 1));
            });
        }
        catch (DbUpdateException)
        {
            // The same enterprise claiming twice at once: the unique index keeps one; the second answer is "already taken".
            throw new RuleViolationException("ALREADY_CLAIMED", "已领取，请勿重复提交");
        }
        return fresh.Count;
    }

    public async Task<Uptake?> UptakeAsync(ClaimsPrincipal user, Guid id)
    {
        var package = await DataScope.Of(user).Apply(db.ServicePackages.AsNoTracking(), p => p.RegionCode).FirstOrDefaultAsync(p => p.Id == id);
        if (package is null) return null;
        var claims = await db.PackageClaims.AsNoTracking().Where(c => c.PackageId == id).Select(c => new { c.ItemId, c.EnterpriseId, c.RegionCode }).ToListAsync();
        var itemIds = claims.Select(c => c.ItemId).Distinct().ToList();
        var titles = await db.ServiceItems.Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Content.Title);
        var byItem = claims.GroupBy(c => c.ItemId)
            .Select(g => new UptakeRow(g.Key.ToString(), titles.GetValueOrDefault(g.Key, "—"), g.Count(), g.Select(c => c.EnterpriseId).Distinct().Count()))
            .OrderByDescending(r => r.Claims).ThenBy(r => r.Label).ToList();
        var byRegion = claims.GroupBy(c => c.RegionCode)
            .Select(g => new UptakeRow(g.Key, RegionCodes.NameOf(g.Key), g.Count(), g.Select(c => c.EnterpriseId).Distinct().Count()))
            .OrderByDescending(r => r.Claims).ThenBy(r => r.Key).ToList();
        return new Uptake(claims.Count, claims.Select(c => c.EnterpriseId).Distinct().Count(), byItem, byRegion);
    }

    private async Task<ServicePackage?> ChangeStatusAsync(ClaimsPrincipal user, Guid id, Action<ServicePackage> change, string action)
    {
        var package = await TrackedAsync(user, id);
        if (package is null) return null;
        var before = Snapshot(package);
        change(package);
        audit.Record(action, AuditEntityType, id, package.RegionCode, before, Snapshot(package));
        await db.SaveChangesAsync();
        return package;
    }

    private Task<ServicePackage?> TrackedAsync(ClaimsPrincipal user, Guid id) =>
        DataScope.Of(user).Apply(db.ServicePackages, p => p.RegionCode).Include(p => p.Entries).FirstOrDefaultAsync(p => p.Id == id);

    private async Task<List<PackageItemRow>> RowsAsync(ServicePackage package)
    {
        var ids = package.Entries.Where(e => e.Kind == PackageEntryKinds.Item).OrderBy(e => e.Position).Select(e => e.TargetId).ToList();
        var items = await db.ServiceItems.AsNoTracking().Where(i => ids.Contains(i.Id)).ToListAsync();
        var institutionIds = items.Select(i => i.InstitutionId).Distinct().ToList();
        var names = await db.Institutions.Where(i => institutionIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name);
        var claims = await db.PackageClaims.Where(c => c.PackageId == package.Id).GroupBy(c => c.ItemId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        return ids.Select(id => items.FirstOrDefault(i => i.Id == id)).OfType<ServiceItem>()
            .Select(i => new PackageItemRow(i.Id, i.Content.Title, names.GetValueOrDefault(i.InstitutionId, ""), ItemStatuses.PriceLabel(i.Content), i.IsLive,
                claims.GetValueOrDefault(i.Id))).ToList();
    }

    private async Task<List<PackageLinkRow>> LinksAsync(ServicePackage package)
    {
        var entries = package.Entries.Where(e => PackageEntryKinds.IsLink(e.Kind)).OrderBy(e => e.Position).ToList();
        if (entries.Count == 0) return [];
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = entries.Select(e => e.TargetId).ToList();
        var activities = await db.Activities.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id);
        var policies = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id);
        var rows = new List<PackageLinkRow>();
        foreach (var e in entries)
        {
            if (e.Kind == PackageEntryKinds.Activity && activities.TryGetValue(e.TargetId, out var a))
                rows.Add(new PackageLinkRow(e.Kind, a.Id, a.Title, $"/activities/{a.Id}",
                    $"{Activities.Data.ActivityLabels.Schedule(a.StartsAt, a.EndsAt)} · {RegionCodes.NameOf(a.RegionCode)} · {Activities.Data.ActivityLabels.Label(a.Type)}",
                    a.Status == Activities.Data.ActivityStatus.Published && a.EndsAt > now));
            else if (e.Kind == PackageEntryKinds.Policy && policies.TryGetValue(e.TargetId, out var p))
                rows.Add(new PackageLinkRow(e.Kind, p.Id, p.Title, $"/articles/{p.Id}",
                    string.Join(" · ", new[] { p.Policy?.Issuer, p.Policy?.DocumentNumber }.Where(x => !string.IsNullOrEmpty(x))),
                    p.Status == Content.Data.ArticleStatus.Published && p.PublishAt <= now));
        }
        return rows;
    }

    private static (DateOnly From, DateOnly Until) CheckWindow(PackageInput input)
    {
        var from = input.ValidFrom!.Value;
        var until = input.ValidUntil!.Value;
        if (until < from)
            throw new RuleViolationException("PERIOD_INVALID", "有效期结束日期不能早于开始日期", "validUntil", 400);
        return (from, until);
    }

    private static object Snapshot(ServicePackage p) => new { p.Title, p.ValidFrom, p.ValidUntil, Status = p.Status.ToString(), Items = p.Entries.Count(e => e.Kind == PackageEntryKinds.Item), Links = p.Entries.Count(e => e.Kind != PackageEntryKinds.Item) };
}
