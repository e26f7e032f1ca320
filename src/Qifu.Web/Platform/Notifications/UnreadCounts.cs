using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Qifu.Web.Platform.Notifications;

/// <summary>
/// The unread count the layout shows on every signed-in page (站内信（N 条未读）), kept per user for <c>Qifu:Inbox:UnreadCacheSeconds</c>
/// (10) so a page costs no count query (decision 0023). A message written or read on this node clears its user's count at once
/// (<see cref="UnreadCountInterceptor"/>, and <see cref="Forget"/> after a bulk update); on other nodes the badge follows within
/// the interval. The inbox page and API count afresh.
/// </summary>
public sealed class UnreadCounts(IConfiguration config)
{
    private readonly long _keepMs = (long)(config.GetValue("Qifu:Inbox:UnreadCacheSeconds", 10.0) * 1000);
    private readonly ConcurrentDictionary<Guid, (int Count, long At)> _counts = new();
    private long _forgotten;

    public async Task<int> GetAsync(Guid userId, Func<Task<int>> count)
    {
        var now = Environment.TickCount64;
        if (_keepMs > 0 && _counts.TryGetValue(userId, out var kept) && now - kept.At < _keepMs) return kept.Count;
        // A count that raced with a change is not kept: the next page counts again.
        var before = Interlocked.Read(ref _forgotten);
        var n = await count();
        if (_keepMs > 0 && Interlocked.Read(ref _forgotten) == before)
        {
            if (_counts.Count > 100_000) _counts.Clear();
            _counts[userId] = (n, now);
        }
        return n;
    }

    public void Forget(Guid userId)
    {
        Interlocked.Increment(ref _forgotten);
        _counts.TryRemove(userId, out _);
    }
}

/// <summary>Clears the kept unread count of every user whose messages a unit of work adds, reads or deletes, before and after it commits.</summary>
internal sealed class UnreadCountInterceptor(UnreadCounts counts) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<Guid>> _pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken ct = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries<InboxMessage>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            _pending.GetOrCreateValue(context).Add(entry.Entity.UserId);
            counts.Forget(entry.Entity.UserId);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var users)) return;
        foreach (var user in users) counts.Forget(user);
        if (context.Database.CurrentTransaction is null) _pending.Remove(context);
    }

    private void Committed(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var users)) return;
        _pending.Remove(context);
        foreach (var user in users) counts.Forget(user);
    }
}
