using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>The count itself, as the inbox page and API show it (uncached).</summary>
    public static Task<int> CountAsync(Database.AppDbContext db, Guid userId) =>
        db.InboxMessages.CountAsync(m => m.UserId == userId && m.ReadAt == null);

    public void Forget(Guid userId)
    {
        Interlocked.Increment(ref _forgotten);
        _counts.TryRemove(userId, out _);
    }
}

/// <summary>Clears the kept unread count of every user whose messages a unit of work adds, reads or deletes, before and after it commits.</summary>
internal sealed class UnreadCountInterceptor(UnreadCounts counts) : Database.AfterCommitInterceptor<HashSet<Guid>>
{
    protected override HashSet<Guid>? Collect(DbContext context, HashSet<Guid>? pending)
    {
        foreach (var entry in context.ChangeTracker.Entries<InboxMessage>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            (pending ??= []).Add(entry.Entity.UserId);
            counts.Forget(entry.Entity.UserId);
        }
        return pending;
    }

    protected override void Committed(HashSet<Guid> pending)
    {
        foreach (var user in pending) counts.Forget(user);
    }
}
