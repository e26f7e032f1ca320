using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Registration;

namespace Qifu.Web.Modules.Catalogue.Data;

/// <summary>收费方式: 免费 / 公益 / 优惠 / 市场价.</summary>
public enum FeeType { Free = 0, PublicInterest = 1, Discounted = 2, Market = 3 }

/// <summary>服务方式: 线上 / 线下 / 线上线下.</summary>
public enum ServiceMode { Online = 0, OnSite = 1, Both = 2 }

/// <summary>草稿 → 待审核 → 已发布 (or 已驳回); 已下架 and back.</summary>
public enum ItemStatus { Draft = 0, Submitted = 1, Published = 2, Rejected = 3, OffShelf = 4 }

/// <summary>
/// What an institution says about a service item. Kept as one complex value so the live item and a pending
/// revision of it (an edit under review) hold exactly the same fields.
/// </summary>
public sealed record ItemContent
{
    public string Title { get; set; } = "";
    public string CategoryCode { get; set; } = "";
    public string SubCategory { get; set; } = "";
    /// <summary>Rich text, sanitised when saved (SECURITY.md EN-03).</summary>
    public string Description { get; set; } = "";
    public string Deliverables { get; set; } = "";
    public FeeType FeeType { get; set; }
    /// <summary>Yuan; null means 面议 (for 优惠 and 市场价) or nothing to pay (免费, 公益).</summary>
    public decimal? Price { get; set; }
    public ServiceMode Mode { get; set; }
    /// <summary>Region codes served, comma separated.</summary>
    public string ServiceRegions { get; set; } = "";
    /// <summary>Working days from acceptance to completion (办理时限).</summary>
    public int LeadTimeDays { get; set; }
    public string ContactName { get; set; } = "";
    public string ContactPhone { get; set; } = "";

    public IEnumerable<string> ServiceRegionCodes => ServiceRegions.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A service item (服务项目) an institution offers in the 服务超市.</summary>
public sealed class ServiceItem
{
    public Guid Id { get; init; }
    public Guid InstitutionId { get; init; }
    /// <summary>The institution's region: its operator reviews the item.</summary>
    public required string RegionCode { get; init; }
    public ItemContent Content { get; set; } = new();
    public ItemStatus Status { get; private set; }
    public string? RejectReason { get; private set; }
    public string? OffShelfReason { get; private set; }
    /// <summary>1 once first published; each approved revision adds one.</summary>
    public int PublishedVersion { get; private set; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? SubmittedAt { get; private set; }
    public DateTime? PublishedAt { get; private set; }
    /// <summary>Counters kept by the service-request module in the same transaction as the change they count.</summary>
    public int RequestCount { get; set; }
    public int CompletedCount { get; set; }
    public int EvaluationCount { get; set; }
    public int EvaluationTotal { get; set; }
    public int ClaimCount { get; set; }
    public int Version { get; private set; }

    public bool IsLive => Status == ItemStatus.Published;
    public double? AverageRating => EvaluationCount == 0 ? null : Math.Round((double)EvaluationTotal / EvaluationCount, 1);

    public void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }

    public void EnsureEditableBeforePublishing()
    {
        if (Status is not (ItemStatus.Draft or ItemStatus.Rejected))
            throw new RuleViolationException("ITEM_STATUS_CONFLICT", $"当前状态为“{ItemStatuses.Label(Status)}”，不能直接修改");
    }

    public void Submit(DateTime now)
    {
        if (Status is not (ItemStatus.Draft or ItemStatus.Rejected))
            throw new RuleViolationException("ITEM_STATUS_CONFLICT", $"当前状态为“{ItemStatuses.Label(Status)}”，不能提交审核");
        Status = ItemStatus.Submitted;
        SubmittedAt = now;
        Touch(now);
    }

    public void Approve(DateTime now)
    {
        if (Status != ItemStatus.Submitted)
            throw new RuleViolationException("ITEM_STATUS_CONFLICT", $"当前状态为“{ItemStatuses.Label(Status)}”，不能审核");
        Status = ItemStatus.Published;
        RejectReason = null;
        PublishedAt = now;
        PublishedVersion = 1;
        Touch(now);
    }

    public void Reject(string? reason, DateTime now)
    {
        if (Status != ItemStatus.Submitted)
            throw new RuleViolationException("ITEM_STATUS_CONFLICT", $"当前状态为“{ItemStatuses.Label(Status)}”，不能审核");
        RejectReason = RegistrationStatuses.RequireReason(reason);
        Status = ItemStatus.Rejected;
        Touch(now);
    }

    /// <summary>An approved revision replaces the live content; the item stays published throughout.</summary>
    public void ApplyRevision(ItemContent content, DateTime now)
    {
        Content = content with { };
        PublishedVersion++;
        Touch(now);
    }

    /// <summary>下架: by the institution itself, or by an operator (who must say why).</summary>
    public void TakeOffShelf(string? reason, bool reasonRequired, DateTime now)
    {
        if (Status != ItemStatus.Published)
            throw new RuleViolationException("ITEM_STATUS_CONFLICT", "只有已发布的服务项目可以下架");
        OffShelfReason = reasonRequired ? RegistrationStatuses.RequireReason(reason, "下架") : string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        Status = ItemStatus.OffShelf;
        Touch(now);
    }

    public void PutBackOnShelf(DateTime now)
    {
        if (Status != ItemStatus.OffShelf)
            throw new RuleViolationException("ITEM_STATUS_CONFLICT", "只有已下架的服务项目可以重新上架");
        Status = ItemStatus.Published;
        OffShelfReason = null;
        Touch(now);
    }

    public object Snapshot() => new
    {
        Content.Title, Content.CategoryCode, Content.SubCategory, FeeType = Content.FeeType.ToString(), Content.Price,
        Mode = Content.Mode.ToString(), Content.ServiceRegions, Content.LeadTimeDays, Status = Status.ToString(), RejectReason,
        OffShelfReason, PublishedVersion,
    };
}

/// <summary>A pending change to a published item (修改待审核). The live item is untouched until an operator approves it.</summary>
public sealed class ServiceItemRevision
{
    public Guid Id { get; init; }
    public Guid ItemId { get; init; }
    public ItemContent Content { get; set; } = new();
    public RevisionStatus Status { get; private set; }
    public string? RejectReason { get; private set; }
    public DateTime SubmittedAt { get; set; }
    public DateTime? ReviewedAt { get; private set; }
    public Guid? SubmittedBy { get; init; }
    public int Version { get; private set; }

    public void Approve(DateTime now)
    {
        EnsurePending();
        Status = RevisionStatus.Approved;
        ReviewedAt = now;
        Version++;
    }

    public void Reject(string? reason, DateTime now)
    {
        EnsurePending();
        RejectReason = RegistrationStatuses.RequireReason(reason);
        Status = RevisionStatus.Rejected;
        ReviewedAt = now;
        Version++;
    }

    /// <summary>The institution replaces its pending edit with a newer one before review.</summary>
    public void Replace(ItemContent content, DateTime now)
    {
        EnsurePending();
        Content = content;
        SubmittedAt = now;
        Version++;
    }

    private void EnsurePending()
    {
        if (Status != RevisionStatus.Pending)
            throw new RuleViolationException("ITEM_STATUS_CONFLICT", "该修改已审核，不能再处理");
    }
}

public enum RevisionStatus { Pending = 0, Approved = 1, Rejected = 2 }

public static class ItemStatuses
{
    public static string Label(ItemStatus s) => s switch
    {
        ItemStatus.Draft => "草稿",
        ItemStatus.Submitted => "待审核",
        ItemStatus.Published => "已发布",
        ItemStatus.Rejected => "已驳回",
        ItemStatus.OffShelf => "已下架",
        _ => s.ToString(),
    };

    public static string CssClass(ItemStatus s) => s switch
    {
        ItemStatus.Published => "tag tag-ok",
        ItemStatus.Submitted => "tag tag-pending",
        ItemStatus.Rejected => "tag tag-bad",
        _ => "tag tag-muted",
    };

    public static string Label(FeeType f) => f switch
    {
        FeeType.Free => "免费",
        FeeType.PublicInterest => "公益",
        FeeType.Discounted => "优惠",
        FeeType.Market => "市场价",
        _ => f.ToString(),
    };

    public static string Label(ServiceMode m) => m switch
    {
        ServiceMode.Online => "线上",
        ServiceMode.OnSite => "线下",
        ServiceMode.Both => "线上线下",
        _ => m.ToString(),
    };

    /// <summary>What a price shows as: 免费, 公益, ¥3,000 起 style figures, or 面议.</summary>
    public static string PriceLabel(ItemContent c) => c.FeeType switch
    {
        FeeType.Free => "免费",
        FeeType.PublicInterest => "公益（免费）",
        _ when c.Price is { } p => $"{ItemStatuses.Label(c.FeeType)} ¥{p:#,0.##}",
        _ => $"{ItemStatuses.Label(c.FeeType)} 面议",
    };
}
