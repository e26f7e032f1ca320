using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Modules.Search;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Jobs;
using Qifu.Web.Platform.Notifications;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Activities.Register;

public sealed record ReminderRun(int Activities, int Enterprises, int Finished);

/// <summary>
/// The day-before reminder (every 30 minutes on every node): a published activity starting tomorrow (Beijing date) is
/// claimed by setting its ReminderSentAt with a conditional UPDATE — only one node, once — and each enterprise with a
/// confirmed registration gets an inbox message (and SMS). Activities that have ended are marked finished.
/// </summary>
public sealed class ReminderJob(IServiceScopeFactory scopes, TimeProvider clock) : IScheduledWork
{
    async Task IScheduledWork.RunAsync(CancellationToken ct) => await RunAsync(ct);

    public async Task<ReminderRun> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var tomorrow = HengyangCalendar.DayOf(now).AddDays(1);
        var from = DateTime.SpecifyKind(tomorrow.ToDateTime(TimeOnly.MinValue).AddHours(-8), DateTimeKind.Utc);
        var to = from.AddDays(1);
        List<Guid> due, ended;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            due = await db.Activities.AsNoTracking()
                .Where(a => a.Status == ActivityStatus.Published && a.ReminderSentAt == null && a.StartsAt >= from && a.StartsAt < to)
                .Select(a => a.Id).ToListAsync(ct);
            ended = await db.Activities.AsNoTracking().Where(a => a.Status == ActivityStatus.Published && a.EndsAt < now).Select(a => a.Id).ToListAsync(ct);
        }
        int activities = 0, enterprises = 0, finished = 0;
        foreach (var id in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
            var sent = await db.InTransactionAsync(async () =>
            {
                db.ChangeTracker.Clear();
                var claimed = await db.Activities.Where(a => a.Id == id && a.ReminderSentAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.ReminderSentAt, now), ct);
                if (claimed == 0) return -1;
                var a = await db.Activities.AsNoTracking().FirstAsync(x => x.Id == id, ct);
                var regs = await db.ActivityRegistrations.AsNoTracking()
                    .Where(r => r.ActivityId == id && r.Status == RegistrationStatus.Registered && r.EnterpriseId != null)
                    .Select(r => new { r.EnterpriseId, r.Code }).ToListAsync(ct);
                foreach (var r in regs)
                    await notifier.NotifyAsync("activity.reminder", new Parties(EnterpriseId: r.EnterpriseId), $"活动提醒：{a.Title}（明天）",
                        $"活动时间 {ActivityLabels.Schedule(a.StartsAt, a.EndsAt)}，地点 {a.Venue ?? a.OnlineLink}。报名码 {r.Code}，请凭报名码或二维码签到。",
                        $"/activities/{id}");
                await db.SaveChangesAsync(ct);
                return regs.Count;
            });
            if (sent < 0) continue;
            activities++;
            enterprises += sent;
        }
        foreach (var id in ended)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var a = await db.Activities.FirstOrDefaultAsync(x => x.Id == id, ct);
            if (a is null) continue;
            a.Finish(now);
            SearchLog.Changed(db, ActivitySearchSource.KindCode, id, now);
            try
            {
                await db.SaveChangesAsync(ct);
                finished++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another node (or the organiser) changed it first.
            }
        }
        return new ReminderRun(activities, enterprises, finished);
    }
}
