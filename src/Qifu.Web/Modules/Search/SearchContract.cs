using Qifu.Web.Modules.Search.Data;
using Qifu.Web.Platform.Database;

namespace Qifu.Web.Modules.Search;

/// <summary>
/// What a module hands the Search module about one searchable record. Title and Body are plain text (no HTML).
/// Facets are named value lists (see <see cref="SearchFacets"/>); Url is where a hit links to.
/// </summary>
public sealed record SearchDocument
{
    public required string Kind { get; init; }
    public required Guid Id { get; init; }
    public required string Title { get; init; }
    public required string Body { get; init; }
    public required string Url { get; init; }
    /// <summary>A short line under the title: the institution, the price, the region.</summary>
    public string Meta { get; init; } = "";
    public DateTime PublishedAt { get; init; }
    /// <summary>Average evaluation 1–5, or null when there is none yet.</summary>
    public double? Rating { get; init; }
    /// <summary>Requests, claims, views: whatever "popular" means for the kind.</summary>
    public int Popularity { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Facets { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}

/// <summary>Facet names shared by every kind (a kind may leave any of them empty).</summary>
public static class SearchFacets
{
    public const string Category = "category";
    public const string SubCategory = "sub";
    public const string Region = "region";
    public const string Fee = "fee";
    public const string Mode = "mode";
    public const string RatingBand = "rating";
}

/// <summary>
/// A module that owns searchable records registers one source per kind. Load returns null when the record is no longer
/// public (withdrawn, taken off the shelf, suspended): the index then drops it.
/// </summary>
public interface ISearchSource
{
    string Kind { get; }
    string KindLabel { get; }
    Task<SearchDocument?> LoadAsync(AppDbContext db, Guid id, CancellationToken ct);
    IAsyncEnumerable<SearchDocument> LoadAllAsync(AppDbContext db, CancellationToken ct);
}

/// <summary>How a module tells the index that a record changed: one row in the change log, saved with the change itself.</summary>
public static class SearchLog
{
    public static void Changed(AppDbContext db, string kind, Guid id, DateTime now) =>
        db.SearchChanges.Add(new SearchChange { Kind = kind, EntityId = id, At = now });

    /// <summary>
    /// The newest change-log id: the version of everything public pages show from searchable records (one indexed MAX). Caches of
    /// public pages and lists key on it, so a change is visible on every node as soon as it commits.
    /// </summary>
    public static async Task<long> VersionAsync(AppDbContext db, CancellationToken ct = default) =>
        await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.MaxAsync(db.SearchChanges, c => (long?)c.Id, ct) ?? 0;
}
