using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.Search;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Notifications;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Registration;
using Qifu.Web.Platform.Standards;
using Qifu.Web.Platform.Web;

namespace Qifu.Web.Modules.Catalogue.PublishItems;

/// <summary>An item with the edit waiting for review, if there is one.</summary>
public sealed record OwnItem(ServiceItem Item, ServiceItemRevision? Pending, ServiceItemRevision? LastRejectedRevision);

/// <summary>
/// The institution's side of the catalogue: write an item, keep it as a draft or submit it; edit a published item
/// (the edit is reviewed while the old version stays live); take it off the shelf and put it back.
/// </summary>
public sealed class PublishItemHandler(AppDbContext db, ItemAttachments attachments, AuditTrail audit, Notifier notifier, TimeProvider clock)
{
    public async Task<Paged<ServiceItem>> ListOwnAsync(ClaimsPrincipal user, ItemStatus? status, int? page)
    {
        var institutionId = CurrentUser.InstitutionId(user) ?? Guid.Empty;
        var q = db.ServiceItems.AsNoTracking().Where(i => i.InstitutionId == institutionId);
        if (status is { } s) q = q.Where(i => i.Status == s);
        return await Paged<ServiceItem>.OfAsync(q.OrderByDescending(i => i.UpdatedAt).ThenBy(i => i.Id), page, 20, i => i);
    }

    public async Task<OwnItem?> FindOwnAsync(ClaimsPrincipal user, Guid id, bool tracked = false)
    {
        var institutionId = CurrentUser.InstitutionId(user);
        if (institutionId is null) return null;
        var items = tracked ? db.ServiceItems : db.ServiceItems.AsNoTracking();
        var item = await items.FirstOrDefaultAsync(i => i.Id == id && i.InstitutionId == institutionId);
        if (item is null) return null;
        var revisions = tracked ? db.ServiceItemRevisions : db.ServiceItemRevisions.AsNoTracking();
        var latest = await revisions.Where(r => r.ItemId == id).OrderByDescending(r => r.SubmittedAt).ThenBy(r => r.Id).FirstOrDefaultAsync();
        return new OwnItem(item, latest?.Status == RevisionStatus.Pending ? latest : null, latest?.Status == RevisionStatus.Rejected ? latest : null);
    }

    public async Task<ServiceItem> CreateAsync(ClaimsPrincipal user, ItemInput input, IReadOnlyList<IFormFile> files, bool submit)
    {
        var institution = await OwnInstitutionAsync(user);
        var content = Check(input);
        var now = clock.GetUtcNow().UtcDateTime;
        var item = new ServiceItem
        {
            Id = Guid.NewGuid(), InstitutionId = institution.Id, RegionCode = institution.RegionCode, Content = content, CreatedAt = now, UpdatedAt = now,
        };
        if (submit) item.Submit(now);
        var added = await attachments.SaveAsync(files, item.Id, CurrentUser.Id(user));
        db.ServiceItems.Add(item);
        db.Files.AddRange(added);
        audit.Record(submit ? "提交服务项目" : "保存服务项目草稿", CatalogueModule.AuditEntityType, item.Id, item.RegionCode, null, item.Snapshot());
        if (submit) await NotifySubmittedAsync(item, institution.Name, isRevision: false);
        await SaveOrDiscardAsync(added);
        return item;
    }

    /// <summary>
    /// A draft or a rejected item is changed in place (and submitted if asked). A published or off-shelf item gets a
    /// revision that waits for review; a newer edit replaces a revision still waiting.
    /// </summary>
    public async Task<OwnItem?> UpdateAsync(ClaimsPrincipal user, Guid id, ItemInput input, IReadOnlyList<IFormFile> files, bool submit)
    {
        var own = await FindOwnAsync(user, id, tracked: true);
        if (own is null) return null;
        var item = own.Item;
        var content = Check(input);
        var now = clock.GetUtcNow().UtcDateTime;
        var institutionName = await db.Institutions.Where(i => i.Id == item.InstitutionId).Select(i => i.Name).FirstAsync();
        var before = item.Snapshot();
        List<StoredFile> added;
        List<StoredFile> replaced = [];
        switch (item.Status)
        {
            case ItemStatus.Draft or ItemStatus.Rejected:
                added = await attachments.SaveAsync(files, item.Id, CurrentUser.Id(user));
                item.Content = content;
                item.Touch(now);
                if (submit) item.Submit(now);
                if (added.Count > 0) replaced = await attachments.ListAsync(item.Id, tracked: true);
                audit.Record(submit ? "修改后提交服务项目" : "保存服务项目草稿", CatalogueModule.AuditEntityType, item.Id, item.RegionCode, before, item.Snapshot());
                if (submit) await NotifySubmittedAsync(item, institutionName, isRevision: false);
                break;
            case ItemStatus.Published or ItemStatus.OffShelf:
                var revision = own.Pending;
                if (revision is null)
                {
                    revision = new ServiceItemRevision { Id = Guid.NewGuid(), ItemId = item.Id, Content = content, SubmittedAt = now, SubmittedBy = CurrentUser.Id(user) };
                    db.ServiceItemRevisions.Add(revision);
                }
                else
                {
                    revision.Replace(content, now);
                }
                added = await attachments.SaveAsync(files, revision.Id, CurrentUser.Id(user));
                if (added.Count > 0) replaced = await attachments.ListAsync(revision.Id, tracked: true);
                item.Touch(now);
                audit.Record("提交服务项目修改", CatalogueModule.AuditEntityType, item.Id, item.RegionCode, before, Snapshot(content), "修改审核通过前，原版本继续展示");
                await NotifySubmittedAsync(item, institutionName, isRevision: true);
                own = own with { Pending = revision };
                break;
            default:
                throw new RuleViolationException("ITEM_STATUS_CONFLICT", $"当前状态为“{ItemStatuses.Label(item.Status)}”，请等待审核后再修改");
        }
        db.Files.RemoveRange(replaced);
        db.Files.AddRange(added);
        await SaveOrDiscardAsync(added);
        attachments.Discard(replaced);
        return own;
    }

    public async Task<ServiceItem?> SubmitAsync(ClaimsPrincipal user, Guid id)
    {
        var own = await FindOwnAsync(user, id, tracked: true);
        if (own is null) return null;
        var before = own.Item.Snapshot();
        own.Item.Submit(clock.GetUtcNow().UtcDateTime);
        var institutionName = await db.Institutions.Where(i => i.Id == own.Item.InstitutionId).Select(i => i.Name).FirstAsync();
        audit.Record("提交服务项目", CatalogueModule.AuditEntityType, id, own.Item.RegionCode, before, own.Item.Snapshot());
        await NotifySubmittedAsync(own.Item, institutionName, isRevision: false);
        await db.SaveChangesAsync();
        return own.Item;
    }

    public async Task<ServiceItem?> TakeOffShelfAsync(ClaimsPrincipal user, Guid id, string? reason)
    {
        var own = await FindOwnAsync(user, id, tracked: true);
        if (own is null) return null;
        var before = own.Item.Snapshot();
        var now = clock.GetUtcNow().UtcDateTime;
        own.Item.TakeOffShelf(reason, reasonRequired: false, now);
        audit.Record("下架服务项目", CatalogueModule.AuditEntityType, id, own.Item.RegionCode, before, own.Item.Snapshot(), reason);
        SearchLog.Changed(db, ItemSearchKinds.Item, id, now);
        await db.SaveChangesAsync();
        return own.Item;
    }

    public async Task<ServiceItem?> PutBackOnShelfAsync(ClaimsPrincipal user, Guid id)
    {
        var own = await FindOwnAsync(user, id, tracked: true);
        if (own is null) return null;
        var before = own.Item.Snapshot();
        var now = clock.GetUtcNow().UtcDateTime;
        own.Item.PutBackOnShelf(now);
        audit.Record("重新上架服务项目", CatalogueModule.AuditEntityType, id, own.Item.RegionCode, before, own.Item.Snapshot());
        SearchLog.Changed(db, ItemSearchKinds.Item, id, now);
        await db.SaveChangesAsync();
        return own.Item;
    }

    /// <summary>Checks what DataAnnotations cannot and builds the content: codes exist, the price fits the fee type,
    /// the phone is a phone, the description is sanitised (and still says something after that).</summary>
    public static ItemContent Check(ItemInput input)
    {
        if (!ServiceCategories.Exists(input.CategoryCode))
            throw new RuleViolationException("CATEGORY_INVALID", "请选择有效的服务类别", "categoryCode", 400);
        if (!ServiceCategories.IsSubCategoryOf(input.CategoryCode, input.SubCategory))
            throw new RuleViolationException("SUBCATEGORY_INVALID", "服务子类与所选服务类别不符", "subCategory", 400);
        var regions = input.ServiceRegions.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).Distinct().ToList();
        if (regions.Count == 0 || regions.Any(r => !RegionCodes.Exists(r)))
            throw new RuleViolationException("REGION_INVALID", "请选择有效的服务区域", "serviceRegions", 400);
        var fee = input.FeeType!.Value;
        if (fee is FeeType.Free or FeeType.PublicInterest && input.Price is not null)
            throw new RuleViolationException("PRICE_NOT_ALLOWED", "免费或公益服务不填写价格", "price", 400);
        var phone = PhoneNumber.Normalize(input.ContactPhone);
        if (!PhoneNumber.IsContactNumber(phone))
            throw new RuleViolationException("PHONE_INVALID", "联系电话格式不正确，请填写手机号或带区号的固定电话", "contactPhone", 400);
        var description = RichText.Sanitize(input.Description);
        if (RichText.ToPlainText(description).Length < 10)
            throw new RuleViolationException("DESCRIPTION_TOO_SHORT", "服务介绍至少需要10个字", "description", 400);
        return new ItemContent
        {
            Title = input.Title.Trim(), CategoryCode = input.CategoryCode, SubCategory = input.SubCategory, Description = description,
            Deliverables = input.Deliverables.Trim(), FeeType = fee, Price = input.Price, Mode = input.Mode!.Value,
            ServiceRegions = string.Join(',', regions), LeadTimeDays = input.LeadTimeDays!.Value, ContactName = input.ContactName.Trim(),
            ContactPhone = phone,
        };
    }

    private static object Snapshot(ItemContent c) => new
    {
        c.Title, c.CategoryCode, c.SubCategory, FeeType = c.FeeType.ToString(), c.Price, Mode = c.Mode.ToString(), c.ServiceRegions, c.LeadTimeDays,
    };

    private async Task<Institutions.Data.Institution> OwnInstitutionAsync(ClaimsPrincipal user)
    {
        var id = CurrentUser.InstitutionId(user);
        var institution = id is null ? null : await db.Institutions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id);
        if (institution?.Status != RegistrationStatus.Approved)
            throw new RuleViolationException("INSTITUTION_NOT_APPROVED", "机构入驻审核通过后才能发布服务项目");
        return institution;
    }

    private Task NotifySubmittedAsync(ServiceItem item, string institutionName, bool isRevision) =>
        notifier.NotifyAsync("item.submitted", new Parties(InstitutionId: item.InstitutionId, RegionCode: item.RegionCode),
            isRevision ? $"服务项目修改待审核：{item.Content.Title}" : $"服务项目待审核：{item.Content.Title}",
            $"{institutionName}提交了{(isRevision ? "已发布服务项目的修改" : "新的服务项目")}，请审核。", $"/review/items/{item.Id}");

    private async Task SaveOrDiscardAsync(List<StoredFile> added)
    {
        try { await db.SaveChangesAsync(); }
        catch
        {
            attachments.Discard(added);
            throw;
        }
    }
}
