using Lucene.Net.Store;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Search.Engine;
using Qifu.Web.Modules.Search.Synonyms;
using Qifu.Web.Platform.Database;

namespace Qifu.Web.Modules.Search.Following;

/// <summary>
/// Keeps this node's index current. At start it opens the index and rebuilds it from the sources when it is missing, unreadable,
/// empty while the sources are not, or ahead of the change log (another database). Then it polls the change log (SearchChanges)
/// every <c>Search:PollMilliseconds</c> (250 ms), reloads each changed record through its kind's source (null → removed), commits
/// with the last applied id and refreshes the searcher, so a change is searchable well within a second on every node.
/// </summary>
internal sealed class IndexFollower(NodeIndex node, IServiceScopeFactory scopes, IEnumerable<ISearchSource> sources, IConfiguration config,
    ILogger<IndexFollower> log) : BackgroundService
{
    /// <summary>
    /// PostgreSQL hands out ids when rows are inserted, not when they commit: a slow transaction can commit id 10 after id 11 was
    /// applied. The follower therefore re-reads the last ids of the log every time and applies the ones it has not seen yet.
    /// </summary>
    private const int LateWindow = 200;

    private const int Batch = 500;

    private readonly Dictionary<string, ISearchSource> _sources = sources.ToDictionary(s => s.Kind, StringComparer.Ordinal);
    private readonly TimeSpan _poll = TimeSpan.FromMilliseconds(Math.Clamp(config.GetValue("Search:PollMilliseconds", 250), 20, 60_000));

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await Task.Yield();
        SearchIndex index;
        try
        {
            index = node.Open();
        }
        catch (Exception ex)
        {
            // The site stays up without search (the page and the API say so) rather than the host stopping on this exception.
            node.Problem = ex is LockObtainFailedException ? "搜索索引目录正被另一个进程使用" : "搜索索引无法打开";
            log.LogError(ex, "Search index at {Path} cannot be opened; this node cannot search", node.Path);
            node.MarkReady();
            return;
        }
        if (index.ResetReason is not null)
            log.LogWarning("Search index at {Path} was unreadable and has been started empty: {Reason}", node.Path, index.ResetReason);

        await RetryAsync(() => SynonymSeed.EnsureAsync(scopes, ct), "seed synonyms", ct);
        await RetryAsync(() => CatchUpAtStartAsync(index, ct), "prepare the search index", ct);
        node.MarkReady();

        long last = index.LastChangeId;
        var seen = new HashSet<long>();
        while (!ct.IsCancellationRequested)
        {
            var more = false;
            try
            {
                (last, more) = await FollowOnceAsync(index, last, seen, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Applying search changes after {Last} failed; retrying", last);
                await DelayAsync(TimeSpan.FromSeconds(2), ct);
            }
            if (!more) await DelayAsync(_poll, ct);
        }
    }

    /// <summary>
    /// Closes the index as the host stops, after the loop has ended: the container's own disposal can run after whoever stopped
    /// the host has moved on (a test deleting the folder, a new node opening it), and the writer must have let go by then.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        node.Dispose();
    }

    private async Task CatchUpAtStartAsync(SearchIndex index, CancellationToken ct)
    {
        long maxChange;
        using (var scope = scopes.CreateScope())
            maxChange = await scope.ServiceProvider.GetRequiredService<AppDbContext>().SearchChanges.MaxAsync(c => (long?)c.Id, ct) ?? 0;
        string? reason = null;
        if (index.WasReset) reason = "missing or unreadable";
        else if (index.LastChangeId > maxChange) reason = $"ahead of the change log ({index.LastChangeId} > {maxChange})";
        else if (index.Count == 0 && await IndexRebuild.SourcesHaveDocumentsAsync(scopes, sources, ct)) reason = "empty while the sources are not";
        if (reason is null) return;
        node.IsRebuilding = true;
        try
        {
            log.LogInformation("Rebuilding the search index at {Path} ({Reason})", node.Path, reason);
            var report = await IndexRebuild.FromSourcesAsync(index, scopes, sources, ct);
            log.LogInformation("Search index rebuilt: {Documents} documents in {Seconds:0.0} s ({Rate:0} documents/s)",
                report.Documents, report.Elapsed.TotalSeconds, report.DocumentsPerSecond);
        }
        finally
        {
            node.IsRebuilding = false;
        }
    }

    /// <returns>The new last id, and whether the log has more rows waiting (then poll again at once).</returns>
    private async Task<(long Last, bool More)> FollowOnceAsync(SearchIndex index, long last, HashSet<long> seen, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var from = last - LateWindow;
        var rows = await db.SearchChanges.AsNoTracking().Where(c => c.Id > from).OrderBy(c => c.Id).Take(Batch)
            .Select(c => new { c.Id, c.Kind, c.EntityId }).ToListAsync(ct);
        var fresh = rows.Where(r => !seen.Contains(r.Id)).ToList();
        if (fresh.Count == 0) return (last, false);

        foreach (var change in fresh.DistinctBy(r => (r.Kind, r.EntityId)))
        {
            if (!_sources.TryGetValue(change.Kind, out var source))
            {
                log.LogWarning("Search change {Id} names kind {Kind}, which no source registers; skipped", change.Id, change.Kind);
                continue;
            }
            if (await source.LoadAsync(db, change.EntityId, ct) is { } document) index.Put(document);
            else index.Remove(change.Kind, change.EntityId);
        }
        var newLast = Math.Max(last, rows[^1].Id);
        index.Commit(newLast);
        foreach (var r in fresh) seen.Add(r.Id);
        seen.RemoveWhere(id => id <= newLast - LateWindow);
        log.LogDebug("Applied {Count} search changes up to {Last}", fresh.Count, newLast);
        return (newLast, rows.Count == Batch);
    }

    private async Task RetryAsync(Func<Task> work, string what, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await work();
                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Could not {What}; retrying in 5 s", what);
                await DelayAsync(TimeSpan.FromSeconds(5), ct);
            }
        }
    }

    /// <summary>Real time, not the injected TimeProvider: polling must go on when a test freezes the business clock.</summary>
    private static async Task DelayAsync(TimeSpan wait, CancellationToken ct)
    {
        try { await Task.Delay(wait, ct); }
        catch (OperationCanceledException) { }
    }
}
