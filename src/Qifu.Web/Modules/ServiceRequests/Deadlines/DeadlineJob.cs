using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Platform.Calendar;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Jobs;
using Qifu.Web.Platform.Notifications;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.ServiceRequests.Deadlines;

/// <summary>What one sweep did; a conflict is a request another node (or person) changed first.</summary>
public sealed record DeadlineRun(int Overdue, int Confirmed, int ClosedUnrated, int Conflicts);

/// <summary>
/// The deadline sweep (every few minutes, on every web node):
/// a request not accepted by its 受理期限, or not completed by its 办结期限, is marked overdue once and escalated to the
/// institution and the county operator; a completed request whose reopen window has passed is confirmed by the system;
/// a request still unrated when its evaluation window closes is closed as 未评价 — never given a rating.
/// Each request is changed in its own unit of work under its concurrency token, so two nodes sweeping at once change it
/// once: the loser's save fails with a concurrency conflict, which is skipped.
/// </summary>
public sealed class DeadlineJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DeadlineJob> log) : IScheduledWork
{
    private const int Batch = 500;

    /// <summary>Test hook: runs after a request was changed in memory and before it is saved.</summary>
    internal Func<Guid, Task>? BeforeSave { get; set; }

    async Task IScheduledWork.RunAsync(CancellationToken ct) => await RunAsync(ct);

    public async Task<DeadlineRun> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = HengyangCalendar.DayOf(now);
        List<Guid> late, toConfirm, toClose;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var requests = db.ServiceRequests.AsNoTracking();
            late = await requests.Where(r => r.OverdueSince == null && (
                    (r.Status == RequestStatus.Submitted && r.AcceptDueOn < today)
                    || ((r.Status == RequestStatus.Accepted || r.Status == RequestStatus.InService) && r.CompleteDueOn < today)))
                .OrderBy(r => r.SubmittedAt).Select(r => r.Id).Take(Batch).ToListAsync(ct);
            toConfirm = await requests.Where(r => r.Status == RequestStatus.Completed && r.ReopenUntil < now)
                .OrderBy(r => r.ReopenUntil).Select(r => r.Id).Take(Batch).ToListAsync(ct);
            toClose = await requests.Where(r => r.Status == RequestStatus.AwaitingEvaluation && r.EvaluateUntil < now)
                .OrderBy(r => r.EvaluateUntil).Select(r => r.Id).Take(Batch).ToListAsync(ct);
        }

        int overdue = 0, confirmed = 0, closed = 0, conflicts = 0;
        foreach (var id in late)
            Count(await OneAsync(id, now, MarkOverdueAsync, ct), ref overdue, ref conflicts);
        foreach (var id in toConfirm)
            Count(await OneAsync(id, now, ConfirmAsync, ct), ref confirmed, ref conflicts);
        foreach (var id in toClose)
            Count(await OneAsync(id, now, CloseUnratedAsync, ct), ref closed, ref conflicts);
        var run = new DeadlineRun(overdue, confirmed, closed, conflicts);
        if (overdue + confirmed + closed + conflicts > 0)
            log.LogInformation("Deadline sweep: {Overdue} overdue, {Confirmed} confirmed, {Closed} closed unrated, {Conflicts} changed elsewhere",
                overdue, confirmed, closed, conflicts);
        return run;
    }

    private static void Count(bool? outcome, ref int done, ref int conflicts)
    {
        if (outcome == true) done++;
        else if (outcome is null) conflicts++;
    }

    /// <summary>true: changed; false: nothing (left) to do; null: someone else changed it first.</summary>
    private async Task<bool?> OneAsync(Guid id, DateTime now, Func<IServiceProvider, ServiceRequest, DateTime, Task<Outcome>> step, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        try
        {
            var r = await db.ServiceRequests.FirstOrDefaultAsync(x => x.Id == id, ct);
            if (r is null) return false;
            var outcome = await step(services, r, now);
            if (!outcome.Changed) return false;
            if (BeforeSave is { } hook) await hook(id);
            await RequestCommit.SaveAsync(db, services.GetRequiredService<FileStore>(), [], outcome.Counts, now);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another node (or the institution itself) changed the request between our read and our write.
            return null;
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            log.LogWarning(ex, "Deadline sweep could not save request {RequestId}", id);
            return null;
        }
    }

    private sealed record Outcome(bool Changed, ItemCounts? Counts = null);

    private static async Task<Outcome> MarkOverdueAsync(IServiceProvider services, ServiceRequest r, DateTime now)
    {
        var today = HengyangCalendar.DayOf(now);
        var (due, step) = r.Status switch
        {
            RequestStatus.Submitted => (r.AcceptDueOn, "受理"),
            RequestStatus.Accepted or RequestStatus.InService when r.CompleteDueOn is { } d => (d, "办结"),
            _ => (DateOnly.MaxValue, ""),
        };
        if (due >= today || !r.MarkOverdue(now)) return new Outcome(false);
        var calendar = services.GetRequiredService<WorkingCalendar>();
        var late = -await calendar.WorkingDaysLeftAsync(due, today);
        var db = services.GetRequiredService<AppDbContext>();
        var note = $"{step}期限 {due:yyyy-MM-dd} 已过（超期 {late} 个工作日），已提醒服务机构并报{RegionCodes.NameOf(r.RegionCode)}运营人员督办";
        db.RequestEvents.Add(new RequestEvent
        {
            Id = Guid.NewGuid(), RequestId = r.Id, At = now, Action = "overdue", FromStatus = r.Status, ToStatus = r.Status, Party = Party.System,
            ActorName = Actor.System.Name, Comment = note,
        });
        await services.GetRequiredService<Notifier>().NotifyAsync("request.overdue", RequestNotices.Parties(r),
            $"服务申请超期未{step}：{r.Number}", $"{r.InstitutionName}：{r.EnterpriseName}申请的“{r.ItemTitle}”{note}。", RequestNotices.Link(r));
        return new Outcome(true);
    }

    private static async Task<Outcome> ConfirmAsync(IServiceProvider services, ServiceRequest r, DateTime now)
    {
        if (r.Status != RequestStatus.Completed || !(r.ReopenUntil < now)) return new Outcome(false);
        var window = await services.GetRequiredService<SiteSettings>().GetIntAsync(Settings.EvaluationWindowDays);
        services.GetRequiredService<AppDbContext>().RequestEvents.Add(r.Confirm(window, Actor.System, now));
        await services.GetRequiredService<Notifier>().NotifyAsync("request.confirmed", RequestNotices.Parties(r),
            $"服务申请已确认办结 {r.Number}", $"“{r.ItemTitle}”确认期满，系统视为企业已确认办结。", RequestNotices.Link(r));
        return new Outcome(true, new ItemCounts(r.ItemId, Completed: 1));
    }

    private static async Task<Outcome> CloseUnratedAsync(IServiceProvider services, ServiceRequest r, DateTime now)
    {
        if (r.Status != RequestStatus.AwaitingEvaluation || !(r.EvaluateUntil < now)) return new Outcome(false);
        services.GetRequiredService<AppDbContext>().RequestEvents.Add(r.CloseUnrated(now));
        await services.GetRequiredService<Notifier>().NotifyAsync("request.closed-unrated", RequestNotices.Parties(r),
            $"服务申请已关闭（未评价）{r.Number}", $"“{r.ItemTitle}”评价期满未评价，已关闭，不计入评分。", RequestNotices.Link(r));
        return new Outcome(true);
    }
}
