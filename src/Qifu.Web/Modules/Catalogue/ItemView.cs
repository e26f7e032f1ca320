using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Catalogue;

/// <summary>An item's content as the API shows it. The description is sanitised HTML.</summary>
public sealed record ItemContentView(string Title, Named Category, string SubCategory, string DescriptionHtml, string Deliverables,
    string FeeType, string FeeLabel, decimal? Price, string PriceLabel, string Mode, string ModeLabel, IReadOnlyList<Named> ServiceRegions,
    int LeadTimeDays, string ContactName, string ContactPhone)
{
    public static ItemContentView Of(ItemContent c, bool fullContact) => new(c.Title, new Named(c.CategoryCode, ServiceCategories.NameOf(c.CategoryCode)),
        c.SubCategory, c.Description, c.Deliverables, c.FeeType.ToString(), ItemStatuses.Label(c.FeeType), c.Price, ItemStatuses.PriceLabel(c),
        c.Mode.ToString(), ItemStatuses.Label(c.Mode), c.ServiceRegionCodes.Select(r => new Named(r, RegionCodes.NameOf(r))).ToList(),
        c.LeadTimeDays, fullContact ? c.ContactName : PersonName.Mask(c.ContactName), fullContact ? c.ContactPhone : PhoneNumber.Mask(c.ContactPhone));
}

public sealed record PendingRevisionView(Guid Id, ItemContentView Content, DateTime SubmittedAt, IReadOnlyList<FileLink> Attachments);

public sealed record ItemView(Guid Id, Guid InstitutionId, string InstitutionName, ItemContentView Content, string Status, string StatusLabel,
    string? RejectReason, string? OffShelfReason, int PublishedVersion, DateTime? PublishedAt, DateTime UpdatedAt, int RequestCount,
    int CompletedCount, int EvaluationCount, double? AverageRating, IReadOnlyList<FileLink> Attachments, PendingRevisionView? PendingRevision,
    string? RevisionRejectReason)
{
    public static ItemView Of(ServiceItem i, string institutionName, bool fullContact, IReadOnlyList<StoredFile> files,
        ServiceItemRevision? pending = null, IReadOnlyList<StoredFile>? pendingFiles = null, string? revisionRejectReason = null) =>
        new(i.Id, i.InstitutionId, institutionName, ItemContentView.Of(i.Content, fullContact), i.Status.ToString(), ItemStatuses.Label(i.Status),
            i.RejectReason, i.OffShelfReason, i.PublishedVersion, i.PublishedAt, i.UpdatedAt, i.RequestCount, i.CompletedCount, i.EvaluationCount,
            i.AverageRating, files.Select(FileLink.Of).ToList(),
            pending is null ? null : new PendingRevisionView(pending.Id, ItemContentView.Of(pending.Content, fullContact), pending.SubmittedAt,
                (pendingFiles ?? []).Select(FileLink.Of).ToList()),
            revisionRejectReason);
}
