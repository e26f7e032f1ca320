using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts.Data;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Platform.Notifications;

public enum Audience { Enterprise, Institution, CountyOperator, CityOperators }

public enum Channel { Inbox, Sms, Email }

/// <summary>Who a notice is about: the enterprise and institution involved and the region whose operator follows it.</summary>
public sealed record Parties(Guid? EnterpriseId = null, Guid? InstitutionId = null, string? RegionCode = null);

/// <summary>
/// Tells people about a step. The routing table decides who hears of which topic on which channel; inbox messages are
/// added to the caller's unit of work (saved with the change they describe), SMS and e-mail go through their senders.
/// </summary>
public sealed class Notifier(AppDbContext db, OutgoingMessages outgoing, TimeProvider clock)
{
    private readonly List<OutgoingMessage> _held = [];
    private bool _watching;

    public async Task NotifyAsync(string topic, Parties parties, string title, string body, string? link = null)
    {
        WatchTheSave();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var route in NotificationRoutes.For(topic))
        {
            foreach (var user in await RecipientsAsync(route.Audience, parties))
            {
                switch (route.Channel)
                {
                    case Channel.Inbox:
                        db.InboxMessages.Add(new InboxMessage
                        {
                            Id = Guid.NewGuid(), UserId = user.Id, Topic = topic, Title = title, Body = body, Link = link, CreatedAt = now,
                        });
                        break;
                    case Channel.Sms when !string.IsNullOrEmpty(user.PhoneNumber):
                        _held.Add(new OutgoingMessage(Channel.Sms, user.PhoneNumber, $"【衡阳中小企业服务平台】{title}", ""));
                        break;
                    case Channel.Email when !string.IsNullOrEmpty(user.Email):
                        _held.Add(new OutgoingMessage(Channel.Email, user.Email, title, body));
                        break;
                }
            }
        }
    }

    /// <summary>
    /// SMS and e-mail leave only once the change they announce is saved: a refused step, or a deadline sweep that lost the
    /// race to another web node, sends nothing.
    /// </summary>
    private void WatchTheSave()
    {
        if (_watching) return;
        _watching = true;
        db.SavedChanges += (_, _) =>
        {
            foreach (var m in _held) outgoing.Enqueue(m);
            _held.Clear();
        };
        db.SaveChangesFailed += (_, _) => _held.Clear();
    }

    private async Task<List<AppUser>> RecipientsAsync(Audience audience, Parties p)
    {
        var users = db.Users.AsNoTracking().Where(u => !u.IsDisabled);
        switch (audience)
        {
            case Audience.Enterprise when p.EnterpriseId is { } e:
                return await users.Where(u => u.EnterpriseId == e).ToListAsync();
            case Audience.Institution when p.InstitutionId is { } i:
                return await users.Where(u => u.InstitutionId == i).ToListAsync();
            case Audience.CountyOperator when p.RegionCode is { } r:
                return await InRoleAsync(users, Roles.CountyOperator, r);
            case Audience.CityOperators:
                return await InRoleAsync(users, Roles.CityOperator, null);
            default:
                return [];
        }
    }

    private async Task<List<AppUser>> InRoleAsync(IQueryable<AppUser> users, string role, string? region)
    {
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).FirstOrDefaultAsync();
        var q = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId));
        if (region is not null) q = q.Where(u => u.RegionCode == region);
        return await q.ToListAsync();
    }
}

public interface ISmsSender
{
    Task SendAsync(string phone, string text);
}

public interface IEmailSender
{
    Task SendAsync(string address, string subject, string body);
}

/// <summary>The default senders write to the log: no SMS gateway or mail server is configured on a fresh install.</summary>
internal sealed class LogSmsSender(ILogger<LogSmsSender> log) : ISmsSender
{
    public Task SendAsync(string phone, string text)
    {
        log.LogInformation("SMS to {Phone}: {Text}", Standards.PhoneNumber.Mask(phone), text);
        return Task.CompletedTask;
    }
}

internal sealed class LogEmailSender(ILogger<LogEmailSender> log) : IEmailSender
{
    public Task SendAsync(string address, string subject, string body)
    {
        log.LogInformation("E-mail to {Address}: {Subject}", address, subject);
        return Task.CompletedTask;
    }
}
