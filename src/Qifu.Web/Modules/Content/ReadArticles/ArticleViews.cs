using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Platform.Database;

namespace Qifu.Web.Modules.Content.ReadArticles;

/// <summary>
/// View counts (浏览次数) gathered in memory and written at most every few seconds per node, one UPDATE per article read since —
/// instead of a write per page view, which a busy article page cannot afford (SQLite serialises writers). Each node adds its own
/// views (ViewCount = ViewCount + n), so several nodes sum correctly. A page shows the stored count plus this node's pending
/// views; what was pending when a node stops is written on the way down. A page served from the output cache counts too
/// (<see cref="PagePolicy"/>, docs/decisions/0026).
/// </summary>
public sealed class ArticleViews(IServiceScopeFactory scopes, ArticlePages pages, ILogger<ArticleViews> log) : IHostedService
{
    /// <summary>The output-cache policy of the article page: <see cref="Platform.Web.PublicPages"/> that counts a view for every copy it
    /// serves, as the page counts one when it renders.</summary>
    public const string PagePolicy = "public-page-article";

    public static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<Guid, int> _pending = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private long _lastFlush = Stopwatch.GetTimestamp();

    public int Pending(Guid id) => _pending.GetValueOrDefault(id);

    /// <summary>A read of the article page counts as a view unless it asks for another font size or the print view.</summary>
    public static bool Counts(IQueryCollection query) => string.IsNullOrEmpty(query["size"]) && string.IsNullOrEmpty(query["print"]);

    /// <summary>Counts one view; the request that finds the last write older than <see cref="FlushEvery"/> writes them all.</summary>
    public async ValueTask AddAsync(Guid id)
    {
        _pending.AddOrUpdate(id, 1, (_, n) => n + 1);
        if (Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastFlush)) >= FlushEvery && _flushing.Wait(0))
        {
            try
            {
                using var scope = scopes.CreateScope();
                await FlushAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());
            }
            finally { _flushing.Release(); }
        }
    }

    /// <summary>The output cache served a copy of <c>/articles/{id}</c> (<see cref="PagePolicy"/>).</summary>
    public static ValueTask CountCachedPageAsync(HttpContext http) =>
        http.Request.RouteValues["id"] is string value && Guid.TryParse(value, out var id) && Counts(http.Request.Query)
            ? http.RequestServices.GetRequiredService<ArticleViews>().AddAsync(id)
            : ValueTask.CompletedTask;

    private async Task FlushAsync(AppDbContext db)
    {
        Interlocked.Exchange(ref _lastFlush, Stopwatch.GetTimestamp());
        foreach (var id in _pending.Keys)
        {
            if (!_pending.TryRemove(id, out var n) || n == 0) continue;
            try
            {
                await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ViewCount, a => a.ViewCount + n));
                pages.ViewsWritten(id, n);
            }
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
