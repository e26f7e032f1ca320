using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.Search;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Notifications;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Catalogue.ReviewItems;

public sealed record ItemReviewFilter
{
    /// <summary>pending (default): new items and edits waiting for review; or an ItemStatus name.</summary>
    public string? Status { get; init; }
    public string? Region { get; init; }
    public string? Q { get; init; }
    public int? Page { get; init; }
    public int? PageSize { get; init; }
}

public sealed record ItemReviewRow(Guid Id, string Title, string CategoryCode, string InstitutionName, string RegionCode, ItemStatus Status,
    bool HasPendingRevision, DateTime UpdatedAt);

/// <summary>What the reviewer sees: the live item, the edit waiting (if any), and both sides' attachments.</summary>
public sealed record ItemUnderReview(ServiceItem Item, string InstitutionName, ServiceItemRevision? Pending, IReadOnlyList<StoredFile> Files,
    IReadOnlyList<StoredFile> PendingFiles);

/// <summary>
/// Operators review new items and edits to published ones (their own region; the city all), and may take an item off the
/// shelf with a reason. Approving an edit swaps the content in place, so the item's address and history stay.
/// </summary>
public sealed class ReviewItemHandler(AppDbContext db, ItemAttachments attachments, AuditTrail audit, Notifier notifier, TimeProvider clock)
{
    public async Task<Paged<ItemReviewRow>> ListAsync(ClaimsPrincipal user, ItemReviewFilter f)
    {
        var q = DataScope.Of(user).Apply(db.ServiceItems.AsNoTracking(), i => i.RegionCode);
        if (string.IsNullOrEmpty(f.Status) || f.Status == "pending")
            q = q.Where(i => i.Status == ItemStatus.Submitted
                             || db.ServiceItemRevisions.Any(r => r.ItemId == i.Id && r.Status == RevisionStatus.Pending));
        else if (Enum.TryParse<ItemStatus>(f.Status, out var status))
            q = q.Where(i => i.Status == status);
        if (!string.IsNullOrWhiteSpace(f.Region)) q = q.Where(i => i.RegionCode == f.Region);
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var term = f.Q.Trim();
            q = q.Where(i => i.Content.Title.Contains(term));
        }
        var rows = q.OrderBy(i => i.UpdatedAt).ThenBy(i => i.Id).Select(i => new ItemReviewRow(i.Id, i.Content.Title, i.Content.CategoryCode,
            db.Institutions.Where(n => n.Id == i.InstitutionId).Select(n => n.Name).First(), i.RegionCode, i.Status,
            db.ServiceItemRevisions.Any(r => r.ItemId == i.Id && r.Status == RevisionStatus.Pending), i.UpdatedAt));
        return await Paged<ItemReviewRow>.OfAsync(rows, f.Page, f.PageSize, r => r);
    }

    public async Task<ItemUnderReview?> FindAsync(ClaimsPrincipal user, Guid id)
    {
        var item = await DataScope.Of(user).Apply(db.ServiceItems.AsNoTracking(), i => i.RegionCode).FirstOrDefaultAsync(i => i.Id == id);
        if (item is null) return null;
        var name = await db.Institutions.Where(i => i.Id == item.InstitutionId).Select(i => i.Name).FirstAsync();
        var pending = await PendingAsync(id, tracked: false);
        return new ItemUnderReview(item, name, pending, await attachments.ListAsync(id), pending is null ? [] : await attachments.ListAsync(pending.Id));
    }

    /// <summary>Approves what is waiting: a new item (published) or an edit (the live content is replaced).</summary>
    public async Task<ServiceItem?> ApproveAsync(Guid id, ClaimsPrincipal user)
    {
        var item = await TrackedInScopeAsync(user, id);
        if (item is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var before = item.Snapshot();
        List<StoredFile> replaced = [];
        if (item.Status == ItemStatus.Submitted)
        {
            item.Approve(now);
            audit.Record("服务项目审核通过", CatalogueModule.AuditEntityType, id, item.RegionCode, before, item.Snapshot());
        }
        else
        {
            var revision = await PendingAsync(id, tracked: true) ?? throw Nothing();
            revision.Approve(now);
            item.ApplyRevision(revision.Content, now);
            var revisionFiles = await attachments.ListAsync(revision.Id, tracked: true);
            if (revisionFiles.Count > 0)
            {
                replaced = await attachments.ListAsync(id, tracked: true);
                db.Files.RemoveRange(replaced);
                foreach (var f in revisionFiles) f.OwnerId = id;
            }
            audit.Record("服务项目修改审核通过", CatalogueModule.AuditEntityType, id, item.RegionCode, before, item.Snapshot(), $"第{item.PublishedVersion}版");
        }
        SearchLog.Changed(db, ItemSearchKinds.Item, id, now);
        await notifier.NotifyAsync("item.approved", new Parties(InstitutionId: item.InstitutionId), $"服务项目已发布：{item.Content.Title}",
            "您的服务项目已通过审核，已在服务超市展示。", $"/institution/items/{id}");
        await db.SaveChangesAsync();
        attachments.Discard(replaced);
        return item;
    }

    public async Task<ServiceItem?> RejectAsync(Guid id, string? reason, ClaimsPrincipal user)
    {
        var item = await TrackedInScopeAsync(user, id);
        if (item is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var before = item.Snapshot();
        string why;
        if (item.Status == ItemStatus.Submitted)
        {
            item.Reject(reason, now);
            why = item.RejectReason!;
        }
        else
        {
            var revision = await PendingAsync(id, tracked: true) ?? throw Nothing();
            revision.Reject(reason, now);
            item.Touch(now);
            why = revision.RejectReason!;
        }
        audit.Record(item.Status == ItemStatus.Rejected ? "服务项目审核驳回" : "服务项目修改审核驳回", CatalogueModule.AuditEntityType, id, item.RegionCode,
            before, item.Snapshot(), why);
        await notifier.NotifyAsync("item.rejected", new Parties(InstitutionId: item.InstitutionId), $"服务项目未通过审核：{item.Content.Title}",
            $"驳回原因：{why}", $"/institution/items/{id}");
        await db.SaveChangesAsync();
        return item;
    }

    public async Task<ServiceItem?> TakeOffShelfAsync(Guid id, string? reason, ClaimsPrincipal user)
    {
        var item = await TrackedInScopeAsync(user, id);
        if (item is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var before = item.Snapshot();
        item.TakeOffShelf(reason, reasonRequired: true, now);
        audit.Record("运营下架服务项目", CatalogueModule.AuditEntityType, id, item.RegionCode, before, item.Snapshot(), item.OffShelfReason);
        SearchLog.Changed(db, ItemSearchKinds.Item, id, now);
        await notifier.NotifyAsync("item.off-shelf", new Parties(InstitutionId: item.InstitutionId), $"服务项目已被下架：{item.Content.Title}",
            $"下架原因：{item.OffShelfReason}", $"/institution/items/{id}");
        await db.SaveChangesAsync();
        return item;
    }

    private Task<ServiceItem?> TrackedInScopeAsync(ClaimsPrincipal user, Guid id) =>
        DataScope.Of(user).Apply(db.ServiceItems, i => i.RegionCode).FirstOrDefaultAsync(i => i.Id == id);

    private Task<ServiceItemRevision?> PendingAsync(Guid itemId, bool tracked) =>
        (tracked ? db.ServiceItemRevisions : db.ServiceItemRevisions.AsNoTracking())
        .Where(r => r.ItemId == itemId && r.Status == RevisionStatus.Pending).OrderByDescending(r => r.SubmittedAt).FirstOrDefaultAsync();

    private static RuleViolationException Nothing() => new("ITEM_STATUS_CONFLICT", "该服务项目没有待审核的内容");
}
