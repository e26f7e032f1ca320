using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Search.Data;
using Qifu.Web.Platform.Database;

namespace Qifu.Web.Modules.Search;

/// <summary>
/// The version of everything public pages show from searchable records, held in memory on each node (docs/decisions/0022):
/// the newest id of the search change log (which every publish, edit or removal writes in its own transaction), read again at
/// most every <c>Search:PollMilliseconds</c> (250 ms) by whichever request comes first, plus a count of this node's own commits
/// that wrote to the log (<see cref="ContentChangeInterceptor"/>), so this node sees its own changes at once and the others
/// within a poll. Caches of public pages and lists key on <see cref="CurrentAsync"/>; a request pays no query, and when the
/// database cannot be reached the last version stands, so cached pages keep serving.
/// </summary>
public sealed class ContentVersion(IServiceScopeFactory scopes, IConfiguration config, ILogger<ContentVersion> log)
{
    private readonly long _pollTicks = TimeSpan.FromMilliseconds(Math.Clamp(config.GetValue("Search:PollMilliseconds", 250), 20, 60_000)).Ticks;
    private readonly SemaphoreSlim _reading = new(1, 1);
    private long _logId = -1;
    private long _localCommits;
    private long _readAt;
    private string _current = "";

    /// <summary>The version as a cache key part; reads the change log first when the last read is older than the poll interval.</summary>
    public async ValueTask<string> CurrentAsync(CancellationToken ct = default)
    {
        if ((Interlocked.Read(ref _logId) < 0 || Environment.TickCount64 * TimeSpan.TicksPerMillisecond - Interlocked.Read(ref _readAt) >= _pollTicks)
            && await _reading.WaitAsync(0, ct))
        {
            try
            {
                using var scope = scopes.CreateScope();
                var id = await SearchLog.VersionAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), ct);
                Interlocked.Exchange(ref _logId, id);
                Interlocked.Exchange(ref _readAt, Environment.TickCount64 * TimeSpan.TicksPerMillisecond);
                Refresh();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Keep serving on the last version; try again after one more interval.
                Interlocked.Exchange(ref _readAt, Environment.TickCount64 * TimeSpan.TicksPerMillisecond);
                log.LogWarning(ex, "Reading the search change log version failed; public caches keep the last version");
            }
            finally
            {
                _reading.Release();
            }
        }
        return Volatile.Read(ref _current);
    }

    /// <summary>This node committed a change to the log: caches must not serve what they hold from before it.</summary>
    public void LocalChangeCommitted()
    {
        Interlocked.Increment(ref _localCommits);
        Refresh();
    }

    private void Refresh() => Volatile.Write(ref _current, $"{Interlocked.Read(ref _logId)}.{Interlocked.Read(ref _localCommits)}");
}

/// <summary>Tells <see cref="ContentVersion"/> when a unit of work that wrote to the search change log has committed.</summary>
internal sealed class ContentChangeInterceptor(ContentVersion version) : AfterCommitInterceptor<object>
{
    private static readonly object Wrote = new();

    protected override object? Collect(DbContext context, object? pending) =>
        pending ?? (context.ChangeTracker.Entries<SearchChange>().Any(e => e.State == EntityState.Added) ? Wrote : null);

    protected override void Committed(object pending) => version.LocalChangeCommitted();
}
