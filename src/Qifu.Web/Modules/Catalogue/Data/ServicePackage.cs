using Qifu.Web.Platform.Errors;

namespace Qifu.Web.Modules.Catalogue.Data;

public enum PackageStatus { Draft = 0, Published = 1, Withdrawn = 2 }

/// <summary>
/// A themed bundle (服务包, e.g. 援企线上服务包) an operator curates for a validity window. Entries are service items
/// and, shown beside them, activities and policies (<see cref="PackageEntry.Kind"/>); only items are claimed.
/// </summary>
public sealed class ServicePackage
{
    public Guid Id { get; init; }
    public required string Title { get; set; }
    public string Summary { get; set; } = "";
    /// <summary>The curating site: 430400 for the city, a county code for a county sub-site.</summary>
    public required string RegionCode { get; init; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly ValidUntil { get; set; }
    public PackageStatus Status { get; private set; }
    public DateTime CreatedAt { get; init; }
    public Guid? CreatedBy { get; init; }
    public int Version { get; private set; }
    public List<PackageEntry> Entries { get; init; } = [];
    /// <summary>Service items in the package (activities and policies are shown beside them, not counted).</summary>
    public int ItemCount => Entries.Count(e => e.Kind == PackageEntryKinds.Item);

    public bool IsOpenOn(DateOnly day) => Status == PackageStatus.Published && ValidFrom <= day && day <= ValidUntil;

    public void Touch() => Version++;

    public void Publish()
    {
        if (Status == PackageStatus.Published)
            throw new RuleViolationException("PACKAGE_STATUS_CONFLICT", "服务包已发布");
        if (Entries.Count == 0)
            throw new RuleViolationException("PACKAGE_EMPTY", "服务包至少要包含一个服务项目", "entries", 422);
        Status = PackageStatus.Published;
        Version++;
    }

    public void Withdraw()
    {
        if (Status != PackageStatus.Published)
            throw new RuleViolationException("PACKAGE_STATUS_CONFLICT", "只有已发布的服务包可以撤回");
        Status = PackageStatus.Withdrawn;
        Version++;
    }

    public void EnsureClaimable(DateOnly today)
    {
        if (!IsOpenOn(today))
            throw new RuleViolationException("PACKAGE_NOT_OPEN", "该服务包不在有效期内，不能领取");
    }
}

public static class PackageEntryKinds
{
    public const string Item = "item";
    /// <summary>An activity (活动) shown in the package: enterprises register for it on its own page.</summary>
    public const string Activity = "activity";
    /// <summary>A policy (政策文件) shown in the package: read on its own page.</summary>
    public const string Policy = "policy";

    public static bool IsLink(string? kind) => kind is Activity or Policy;
}

public sealed class PackageEntry
{
    public Guid Id { get; init; }
    public Guid PackageId { get; init; }
    public string Kind { get; init; } = PackageEntryKinds.Item;
    public Guid TargetId { get; init; }
    public int Position { get; set; }
}

/// <summary>An enterprise took up (领取) one item of a package. Uptake is counted per item and per the enterprise's region.</summary>
public sealed class PackageClaim
{
    public Guid Id { get; init; }
    public Guid PackageId { get; init; }
    public Guid ItemId { get; init; }
    public Guid EnterpriseId { get; init; }
    public required string RegionCode { get; init; }
    public DateTime ClaimedAt { get; init; }
    public Guid? ClaimedBy { get; init; }
}
