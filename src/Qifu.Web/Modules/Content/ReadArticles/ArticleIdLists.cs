using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Content.Data;
using Qifu.Web.Platform.Database;

namespace Qifu.Web.Modules.Content.ReadArticles;

/// <summary>
/// The order of a public article list — a column, a kind or all news, each optionally in one region — as this node's copy of
/// the ids, pinned first, then newest (docs/decisions/0028). A page of a list is then a slice of ids and one lookup by key,
/// whatever its number: no COUNT and no OFFSET over hundreds of thousands of rows. A list (column, kind or all) is read once per
/// <see cref="Search.ContentVersion"/> from a covering index, by one request while the others wait for it; its regions are
/// filtered from it in memory. About 20 bytes per article per list held.
/// </summary>
public sealed class ArticleIdLists(Search.ContentVersion contentVersion, IServiceScopeFactory scopes, TimeProvider clock)
{
    private Generation _current = new("");

    /// <summary>The ids of a list in reading order, for <paramref name="column"/> (a column code), else <paramref name="kind"/>,
    /// else every visible article; then only those of <paramref name="region"/> when given.</summary>
    public async Task<Guid[]> GetAsync(string? column, ArticleKind? kind, string? region)
    {
        var version = await contentVersion.CurrentAsync();
        var generation = Volatile.Read(ref _current);
        if (generation.Version != version)
        {
            var fresh = new Generation(version);
            generation = Interlocked.CompareExchange(ref _current, fresh, generation) == generation ? fresh : Volatile.Read(ref _current);
        }
        var source = column is not null ? $"column|{column}" : kind is { } k ? $"kind|{k}" : "all";
        var load = generation.Lists.GetOrAdd(source, _ => new Lazy<Task<IdList>>(() => LoadAsync(column, kind)));
        IdList whole;
        try
        {
            whole = await load.Value;
        }
        catch
        {
            generation.Lists.TryRemove(new(source, load)); // the next request tries again
            throw;
        }
        if (string.IsNullOrEmpty(region)) return whole.Ids;
        return generation.Regions.GetOrAdd($"{source}|{region}", _ => whole.InRegion(region));
    }

    private Task<IdList> LoadAsync(string? column, ArticleKind? kind) => Task.Run(() =>
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var q = db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published && a.PublishAt <= now);
        if (column is not null) q = q.Where(a => a.Column == column);
        else if (kind is { } k) q = q.Where(a => a.Kind == k);
        // The order of ArticleReader's lists; the indexes in ContentConfiguration hold exactly these columns in this order.
        // Read synchronously on a pool thread: per row, EF's async reading cost several times the index scan itself.
        var rows = q.OrderByDescending(a => a.IsPinned).ThenByDescending(a => a.PublishAt).ThenBy(a => a.Id).Select(a => new { a.Id, a.RegionCode });
        var ids = new List<Guid>();
        var regionOf = new List<ushort>();
        var regions = new Dictionary<string, ushort>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!regions.TryGetValue(row.RegionCode, out var r)) regions[row.RegionCode] = r = checked((ushort)regions.Count);
            ids.Add(row.Id);
            regionOf.Add(r);
        }
        return new IdList(ids.ToArray(), regionOf.ToArray(), regions);
    });

    private sealed class Generation(string version)
    {
        public readonly string Version = version;
        public readonly ConcurrentDictionary<string, Lazy<Task<IdList>>> Lists = new(StringComparer.Ordinal);
        public readonly ConcurrentDictionary<string, Guid[]> Regions = new(StringComparer.Ordinal);
    }

    /// <param name="RegionOf">Per id, its region's number in <paramref name="Regions"/>.</param>
    private sealed record IdList(Guid[] Ids, ushort[] RegionOf, Dictionary<string, ushort> Regions)
    {
        public Guid[] InRegion(string region)
        {
            if (!Regions.TryGetValue(region, out var r)) return [];
            var result = new List<Guid>();
            for (var i = 0; i < Ids.Length; i++)
                if (RegionOf[i] == r) result.Add(Ids[i]);
            return result.ToArray();
        }
    }
}
