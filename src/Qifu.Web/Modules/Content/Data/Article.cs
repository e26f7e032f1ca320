using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Registration;

namespace Qifu.Web.Modules.Content.Data;

/// <summary>新闻信息的类型 (GLOSSARY.md): 工作动态, 通知公告, 政策文件, 政策解读, 典型案例.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ArticleKind>))]
public enum ArticleKind { News = 0, Notice = 1, Policy = 2, Interpretation = 3, Case = 4 }

/// <summary>草稿 → 待审核 (county articles when the city reviews them) → 已发布 | 已驳回; 已发布 → 已撤回.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ArticleStatus>))]
public enum ArticleStatus { Draft = 0, PendingReview = 1, Published = 2, Rejected = 3, Withdrawn = 4 }

/// <summary>
/// A news item, notice, policy, interpretation or case (新闻信息). Published with a publish time that may lie ahead
/// (scheduled): readers see it once <see cref="PublishAt"/> has passed; <see cref="AnnouncedAt"/> records that search and
/// subscribers were told (at once, or by the release sweep for a scheduled one).
/// </summary>
public sealed class Article
{
    public Guid Id { get; init; }
    public ArticleKind Kind { get; set; }
    public string Column { get; set; } = "";
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    /// <summary>Rich text, sanitised when saved (SECURITY.md EN-03).</summary>
    public string Body { get; set; } = "";
    public string Source { get; set; } = "";
    public string Author { get; set; } = "";
    /// <summary>The sub-site: 430400 for the city, or a county. Decides who may change it.</summary>
    public required string RegionCode { get; set; }
    public Guid? CoverFileId { get; set; }
    /// <summary>An interpretation (政策解读) points at the policy it explains; the policy lists its interpretations.</summary>
    public Guid? InterpretsPolicyId { get; set; }
    public PolicyDetails? Policy { get; set; }
    public ArticleStatus Status { get; private set; }
    public string? RejectReason { get; private set; }
    public string? WithdrawReason { get; private set; }
    /// <summary>When readers see it: set on publishing, in the future for a scheduled article.</summary>
    public DateTime? PublishAt { get; set; }
    public DateTime? AnnouncedAt { get; private set; }
    public bool IsPinned { get; set; }
    public int ViewCount { get; set; }
    public Guid? CreatedBy { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? SubmittedAt { get; private set; }
    public int Version { get; private set; }

    public bool IsVisibleAt(DateTime now) => Status == ArticleStatus.Published && PublishAt <= now;
    public bool IsScheduledAt(DateTime now) => Status == ArticleStatus.Published && PublishAt > now;

    public void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }

    public void EnsureEditable()
    {
        if (Status == ArticleStatus.PendingReview)
            throw new RuleViolationException("ARTICLE_STATUS_CONFLICT", "文章正在等待市级审核，审核完成前不能修改");
    }

    /// <summary>Sent to the city for review (a county article while the "county articles require city review" setting is on).</summary>
    public void SubmitForReview(DateTime now)
    {
        if (Status is not (ArticleStatus.Draft or ArticleStatus.Rejected or ArticleStatus.Withdrawn or ArticleStatus.Published))
            throw new RuleViolationException("ARTICLE_STATUS_CONFLICT", $"当前状态为“{ArticleStatuses.Label(Status)}”，不能提交审核");
        Status = ArticleStatus.PendingReview;
        SubmittedAt = now;
        Touch(now);
    }

    /// <summary>Published now, or at <paramref name="publishAt"/> when that lies ahead (定时发布).</summary>
    public void Publish(DateTime? publishAt, DateTime now)
    {
        if (Status == ArticleStatus.PendingReview)
            throw new RuleViolationException("ARTICLE_STATUS_CONFLICT", "文章正在等待市级审核");
        Release(publishAt, now);
    }

    public void Approve(DateTime now)
    {
        if (Status != ArticleStatus.PendingReview)
            throw new RuleViolationException("ARTICLE_STATUS_CONFLICT", $"当前状态为“{ArticleStatuses.Label(Status)}”，不能审核");
        Release(PublishAt, now);
    }

    public void Reject(string? reason, DateTime now)
    {
        if (Status != ArticleStatus.PendingReview)
            throw new RuleViolationException("ARTICLE_STATUS_CONFLICT", $"当前状态为“{ArticleStatuses.Label(Status)}”，不能审核");
        RejectReason = RegistrationStatuses.RequireReason(reason);
        Status = ArticleStatus.Rejected;
        Touch(now);
    }

    public void Withdraw(string? reason, DateTime now)
    {
        if (Status != ArticleStatus.Published)
            throw new RuleViolationException("ARTICLE_STATUS_CONFLICT", "只有已发布的文章可以撤回");
        WithdrawReason = RegistrationStatuses.RequireReason(reason, "撤回");
        Status = ArticleStatus.Withdrawn;
        AnnouncedAt = null;
        Touch(now);
    }

    /// <summary>Search and subscribers have been told: done at once for an article published now, by the sweep for a scheduled one.</summary>
    public void MarkAnnounced(DateTime now)
    {
        AnnouncedAt = now;
        Version++;
    }

    private void Release(DateTime? publishAt, DateTime now)
    {
        var republish = Status == ArticleStatus.Published || (Status == ArticleStatus.PendingReview && AnnouncedAt is not null);
        Status = ArticleStatus.Published;
        RejectReason = null;
        WithdrawReason = null;
        // An edit to a live article keeps its date; otherwise the date asked for, or now.
        PublishAt = publishAt ?? (republish && PublishAt is not null ? PublishAt : now);
        if (PublishAt > now) AnnouncedAt = null;
        Touch(now);
    }

    public object Snapshot() => new
    {
        Kind = Kind.ToString(), Column, Title, Summary, Source, Author, RegionCode, Status = Status.ToString(), RejectReason, WithdrawReason,
        PublishAt, IsPinned, InterpretsPolicyId,
        Policy = Policy is null ? null : new
        {
            Policy.IndexNumber, Policy.Issuer, Policy.DocumentNumber, Policy.WrittenOn, Policy.IssuedOn, Validity = Policy.Validity.ToString(),
            Policy.RepealedOn, Policy.ValidFrom, Policy.ValidUntil, Level = Policy.Level.ToString(), Policy.Theme, Policy.SupportType, Policy.SizeClasses,
            Policy.IndustrySections, Policy.Regions, Policy.Qualifications, Policy.OtherConditions, Policy.ApplyFrom, Policy.ApplyUntil,
            Policy.ApplicabilityUnknown,
        },
    };
}

/// <summary>
/// 有效性. An operator stores only <see cref="Current"/> or <see cref="Repealed"/> (with the day it was repealed); the other two
/// follow the validity dates, in China time, on the day asked (<see cref="PolicyTerms.ValidityOn"/>): a policy past its end
/// date is 已失效 without anyone touching it (docs/decisions/0024).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<PolicyValidity>))]
public enum PolicyValidity { Current = 0, Repealed = 1, Expired = 2, NotYetInForce = 3 }

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<PolicyLevel>))]
public enum PolicyLevel { National = 0, Province = 1, City = 2, County = 3 }

/// <summary>
/// The metadata of a policy article (ECOSYSTEM.md §4a, DOMAIN.md §2.4) and its applicability: who it is for. List fields are
/// codes separated by commas; an empty list means "no restriction".
/// </summary>
public sealed class PolicyDetails
{
    public string IndexNumber { get; set; } = "";
    public string Issuer { get; set; } = "";
    public string DocumentNumber { get; set; } = "";
    public DateOnly? WrittenOn { get; set; }
    public DateOnly? IssuedOn { get; set; }
    /// <summary>As the operator marked it: <see cref="PolicyValidity.Current"/> or <see cref="PolicyValidity.Repealed"/>.</summary>
    public PolicyValidity Validity { get; set; }
    /// <summary>废止日期, entered when marking it repealed (none on policies repealed before it was asked for).</summary>
    public DateOnly? RepealedOn { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public PolicyLevel Level { get; set; }
    public string Theme { get; set; } = "";
    public string SupportType { get; set; } = "";
    /// <summary>SizeClass names (Small,Micro).</summary>
    public string SizeClasses { get; set; } = "";
    /// <summary>GB/T 4754 section letters (C,I).</summary>
    public string IndustrySections { get; set; } = "";
    /// <summary>Region codes; 430400 covers every county of the city.</summary>
    public string Regions { get; set; } = "";
    /// <summary>Enterprise tag codes (zjtx, gxjs…): the enterprise must hold at least one.</summary>
    public string Qualifications { get; set; } = "";
    /// <summary>Conditions the profile does not hold (研发投入占比…), one a line: shown as "not checked".</summary>
    public string OtherConditions { get; set; } = "";
    public DateOnly? ApplyFrom { get; set; }
    public DateOnly? ApplyUntil { get; set; }
    /// <summary>
    /// Imported without any applicability (no size, industry, region or qualification column filled, not even 不限): empty lists
    /// then mean "not entered", not "every enterprise", so matching leaves it out until an operator saves its conditions.
    /// </summary>
    public bool ApplicabilityUnknown { get; set; }

    public static IEnumerable<string> Codes(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public PolicyValidity ValidityOn(DateOnly day) => PolicyTerms.ValidityOn(Validity, ValidFrom, ValidUntil, day);
}

/// <summary>An enterprise that asked to hear of new policies that fit it and of application windows about to close.</summary>
public sealed class PolicySubscription
{
    public Guid EnterpriseId { get; init; }
    public DateTime CreatedAt { get; init; }
}

/// <summary>One notice told to one enterprise about one policy ("new" or "closing"); the unique key stops a second telling.</summary>
public sealed class PolicyNotice
{
    public Guid Id { get; init; }
    public Guid EnterpriseId { get; init; }
    public Guid ArticleId { get; init; }
    public required string Kind { get; init; }
    public DateTime SentAt { get; init; }
}
