using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Notifications;

namespace Qifu.Web.Modules.Portal.Inbox;

/// <summary>A user's own inbox (站内信): only ever their own messages.</summary>
public sealed class InboxHandler(AppDbContext db, TimeProvider clock, UnreadCounts unread)
{
    public Task<Paged<InboxMessage>> ListAsync(ClaimsPrincipal user, bool unreadOnly, int? page)
    {
        var id = CurrentUser.Id(user);
        var q = db.InboxMessages.AsNoTracking().Where(m => m.UserId == id);
        if (unreadOnly) q = q.Where(m => m.ReadAt == null);
        return Paged<InboxMessage>.OfAsync(q.OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id), page, 20, m => m);
    }

    public Task<int> UnreadAsync(ClaimsPrincipal user)
    {
        var id = CurrentUser.Id(user);
        return UnreadCounts.CountAsync(db, id);
    }

    /// <summary>Marks one message read and returns it (null if it is not the user's).</summary>
    public async Task<InboxMessage?> ReadAsync(ClaimsPrincipal user, Guid messageId)
    {
        var id = CurrentUser.Id(user);
        var message = await db.InboxMessages.FirstOrDefaultAsync(m => m.Id == messageId && m.UserId == id);
        if (message is null) return null;
        message.ReadAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        return message;
    }

    public async Task<int> ReadAllAsync(ClaimsPrincipal user)
    {
        var id = CurrentUser.Id(user);
        var now = clock.GetUtcNow().UtcDateTime;
        var read = await db.InboxMessages.Where(m => m.UserId == id && m.ReadAt == null).ExecuteUpdateAsync(u => u.SetProperty(m => m.ReadAt, now));
        unread.Forget(id);
        return read;
    }
}
