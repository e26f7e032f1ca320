using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts.Data;
using Qifu.Web.Platform.Database;

namespace Qifu.Web.Modules.Accounts;

/// <summary>
/// Keeps sign-in sessions as database rows (SECURITY.md SE-02, D5): the cookie carries only a 256-bit random key,
/// so any web node can read the session and an operator can end it. Idle 30 min, absolute 12 h.
/// </summary>
internal sealed class SessionStore(IServiceScopeFactory scopes, TimeProvider clock, IHttpContextAccessor http) : ITicketStore
{
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan Absolute = TimeSpan.FromHours(12);

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await SaveAsync(key, ticket);
        return key;
    }

    /// <summary>
    /// The cookie handler renews (rather than stores) when someone already signed in signs in again, e.g. after changing
    /// their password, which ended all their sessions first; so a missing row is written afresh for the new ticket.
    /// </summary>
    public Task RenewAsync(string key, AuthenticationTicket ticket) => SaveAsync(key, ticket);

    private async Task SaveAsync(string key, AuthenticationTicket ticket)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var userId = Guid.Parse(ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var bytes = TicketSerializer.Default.Serialize(ticket);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var session = await db.SignInSessions.FirstOrDefaultAsync(s => s.Key == key);
        if (session is not null && session.UserId == userId)
        {
            session.Ticket = bytes;
        }
        else
        {
            if (session is not null) db.SignInSessions.Remove(session);
            var request = http.HttpContext?.Request;
            db.SignInSessions.Add(new SignInSession
            {
                Key = session is null ? key : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
                UserId = userId,
                Ticket = bytes,
                CreatedAt = now,
                LastSeenAt = now,
                ExpiresAt = now + Absolute,
                Ip = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
                UserAgent = request?.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua[..Math.Min(ua.Length, 300)] : null,
            });
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Every signed-in request looks its session up: compiled once, not tracked.</summary>
    private static readonly Func<AppDbContext, string, Task<SignInSession?>> FindSession =
        EF.CompileAsyncQuery((AppDbContext db, string key) => db.SignInSessions.AsNoTracking().FirstOrDefault(s => s.Key == key));

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var session = await FindSession(db, key);
        if (session is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        if (now >= session.ExpiresAt || now - session.LastSeenAt > Idle)
        {
            await db.SignInSessions.Where(s => s.Key == key).ExecuteDeleteAsync();
            return null;
        }
        // Touch at most once a minute so reads stay cheap.
        if (now - session.LastSeenAt > TimeSpan.FromMinutes(1))
            await db.SignInSessions.Where(s => s.Key == key).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now));
        return TicketSerializer.Default.Deserialize(session.Ticket);
    }

    public async Task RemoveAsync(string key)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.SignInSessions.Where(s => s.Key == key).ExecuteDeleteAsync();
    }

    public static async Task EndAllForAsync(AppDbContext db, Guid userId) =>
        await db.SignInSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync();
}

internal sealed class SessionStoreSetup(SessionStore store) : Microsoft.Extensions.Options.IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        if (name == Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme)
            options.SessionStore = store;
    }
}
