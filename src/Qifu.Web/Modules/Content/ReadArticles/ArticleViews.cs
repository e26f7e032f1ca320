using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Platform.Database;

namespace Qifu.Web.Modules.Content.ReadArticles;

/// <summary>
/// View counts (浏览次数) gathered in memory and written at most every few seconds per node, one UPDATE per article read since —
/// instead of a write per page view, which a busy article page cannot afford (SQLite serialises writers). Each node adds its own
/// views (ViewCount = ViewCount + n), so several nodes sum correctly. A page shows the stored count plus this node's pending
/// views; what was pending when a node stops is written on the way down.
/// </summary>
public sealed class ArticleViews(IServiceScopeFactory scopes, ILogger<ArticleViews> log) : IHostedService
{
    public static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<Guid, int> _pending = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private long _lastFlush = Stopwatch.GetTimestamp();

    public int Pending(Guid id) => _pending.GetValueOrDefault(id);

    /// <summary>Counts one view; the request that finds the last write older than <see cref="FlushEvery"/> writes them all.</summary>
    public async Task AddAsync(AppDbContext db, Guid id)
    {
        _pending.AddOrUpdate(id, 1, (_, n) => n + 1);
        if (Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastFlush)) >= FlushEvery && _flushing.Wait(0))
        {
            try { await FlushAsync(db); }
            finally { _flushing.Release(); }
        }
    }

    private async Task FlushAsync(AppDbContext db)
    {
        Interlocked.Exchange(ref _lastFlush, Stopwatch.GetTimestamp());
        foreach (var id in _pending.Keys)
        {
            if (!_pending.TryRemove(id, out var n) || n == 0) continue;
            try { await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ViewCount, a => a.ViewCount + n)); }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                _pending.AddOrUpdate(id, n, (_, m) => m + n); // tried again at the next flush
                log.LogWarning(ex, "浏览次数写入失败，稍后重试");
                return;
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_pending.IsEmpty) return;
        using var scope = scopes.CreateScope();
        await _flushing.WaitAsync(cancellationToken);
        try { await FlushAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>()); }
        finally { _flushing.Release(); }
    }
}
