using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qifu.Tests.Support;
using Qifu.Web.Modules.ServiceRequests.Data;
using Quartz;

namespace Qifu.Tests.Modules.ServiceRequests;

[Collection(RequestsCollection.Name)]
public sealed class DeadlineTests(RequestsApp app)
{
    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));

    private Task SetAsync(Guid id, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<ServiceRequest>> set) =>
        app.WithDbAsync(db => db.ServiceRequests.Where(r => r.Id == id).ExecuteUpdateAsync(set));

    private Task<List<string>> TopicsAsync(Guid id) =>
        app.WithDbAsync(db => db.InboxMessages.Where(m => m.Link == $"/requests/{id}").Select(m => m.Topic).ToListAsync());

    [Fact]
    public async Task A_request_not_accepted_in_time_is_marked_overdue_once_and_escalated_to_the_county()
    {
        var id = await app.RequestInAsync(RequestStatus.Submitted);
        var due = Today.AddDays(-3);
        await SetAsync(id, s => s.SetProperty(r => r.AcceptDueOn, due));

        await app.RunDeadlinesAsync();
        var r = await app.LoadAsync(id);
        Assert.NotNull(r.OverdueSince);
        Assert.NotNull(r.EscalatedAt);
        Assert.Equal(RequestStatus.Submitted, r.Status);
        var overdue = await app.WithDbAsync(db => db.RequestEvents.SingleAsync(e => e.RequestId == id && e.Action == "overdue"));
        Assert.Equal(Party.System, overdue.Party);
        Assert.Contains($"受理期限 {due:yyyy-MM-dd} 已过", overdue.Comment);
        var recipients = await app.WithDbAsync(db => db.InboxMessages.Where(m => m.Link == $"/requests/{id}" && m.Topic == "request.overdue")
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.UserName).ToListAsync());
        Assert.Contains(Http.Institution, recipients);
        Assert.Contains(Http.ZhuhuiOperator, recipients);
        Assert.DoesNotContain(Http.HengyangCountyOperator, recipients);

        await app.RunDeadlinesAsync();
        Assert.Equal(1, await app.WithDbAsync(db => db.RequestEvents.CountAsync(e => e.RequestId == id && e.Action == "overdue")));
        Assert.Equal(recipients.Count, (await TopicsAsync(id)).Count(t => t == "request.overdue"));

        var op = await app.SignedInAsync(Http.ZhuhuiOperator);
        var page = await op.GetStringAsync("/review/overdue-requests");
        Assert.Contains($"/review/requests/{id}", page);
        Assert.Contains("已超期", page);
        Assert.Contains("超期督办", await op.GetStringAsync($"/review/requests/{id}"));
        var other = await app.SignedInAsync(Http.HengyangCountyOperator);
        Assert.DoesNotContain($"/review/requests/{id}", await other.GetStringAsync("/review/overdue-requests"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/review/requests/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await op.GetAsync($"/requests/{id}")).StatusCode);

        var inst = await app.ApiAsync(Http.Institution);
        await Requests.Ok(await inst.PostAsync($"/api/v1/requests/{id}/accept", null));
        Assert.Null((await app.LoadAsync(id)).OverdueSince);
        var api = await app.ApiAsync(Http.ZhuhuiOperator);
        var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/requests?Stage=overdue&PageSize=100");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), x => x.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task A_request_not_completed_in_time_is_overdue_too()
    {
        var id = await app.RequestInAsync(RequestStatus.InService);
        var due = Today.AddDays(-1);
        await SetAsync(id, s => s.SetProperty(r => r.CompleteDueOn, due));
        await app.RunDeadlinesAsync();
        var overdue = await app.WithDbAsync(db => db.RequestEvents.SingleAsync(e => e.RequestId == id && e.Action == "overdue"));
        Assert.Contains($"办结期限 {due:yyyy-MM-dd} 已过", overdue.Comment);
        var inst = await app.SignedInAsync(Http.Institution);
        Assert.Contains("已超期", await inst.GetStringAsync("/institution/requests?Stage=overdue"));
    }

    [Fact]
    public async Task After_the_windows_the_system_confirms_and_then_closes_as_unrated_never_with_a_rating()
    {
        var item = await app.PublishedItemAsync();
        var id = await app.RequestInAsync(RequestStatus.Completed, item.Id);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.RunDeadlinesAsync();
        Assert.Equal(RequestStatus.Completed, (await app.LoadAsync(id)).Status); // the window is still open

        await SetAsync(id, s => s.SetProperty(r => r.ReopenUntil, now.AddMinutes(-1)));
        await app.RunDeadlinesAsync();
        var r = await app.LoadAsync(id);
        Assert.Equal(RequestStatus.AwaitingEvaluation, r.Status);
        Assert.Equal(now.AddDays(15), r.EvaluateUntil);
        var confirm = await app.WithDbAsync(db => db.RequestEvents.SingleAsync(e => e.RequestId == id && e.Action == "auto-confirm"));
        Assert.Equal("系统", confirm.ActorName);
        Assert.Equal(1, (await app.ItemAsync(item.Id)).CompletedCount);

        await SetAsync(id, s => s.SetProperty(r => r.EvaluateUntil, now.AddMinutes(-1)));
        await app.RunDeadlinesAsync();
        r = await app.LoadAsync(id);
        Assert.Equal(RequestStatus.ClosedUnrated, r.Status);
        Assert.False(await app.WithDbAsync(db => db.Evaluations.AnyAsync(e => e.RequestId == id)));
        var stored = await app.ItemAsync(item.Id);
        Assert.Equal((1, 0, 0), (stored.CompletedCount, stored.EvaluationCount, stored.EvaluationTotal));
        Assert.Contains("request.closed-unrated", await TopicsAsync(id));

        var ent = await app.ApiAsync(Http.ApprovedEnterprise);
        var late = await ent.PostJsonAsync($"/api/v1/requests/{id}/evaluation", new { overall = 5, timeliness = 5, professionalism = 5, attitude = 5 });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("EVALUATION_NOT_ALLOWED", await Requests.CodeOf(late));
    }

    [Fact]
    public async Task Two_nodes_sweeping_at_the_same_moment_change_each_request_once()
    {
        var item = await app.PublishedItemAsync();
        var late = await app.RequestInAsync(RequestStatus.Submitted, item.Id);
        var done = await app.RequestInAsync(RequestStatus.Completed, item.Id);
        await SetAsync(late, s => s.SetProperty(r => r.AcceptDueOn, Today.AddDays(-5)));
        var past = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1);
        await SetAsync(done, s => s.SetProperty(r => r.ReopenUntil, past));

        // The first node has read and changed each request in memory; before it saves, the second node sweeps completely.
        var raced = new HashSet<Guid>();
        var run = await app.RunDeadlinesAsync(async id =>
        {
            if ((id == late || id == done) && raced.Add(id)) await app.RunDeadlinesAsync();
        });
        Assert.True(run.Conflicts >= 1, $"conflicts: {run.Conflicts}");

        Assert.Equal(1, await app.WithDbAsync(db => db.RequestEvents.CountAsync(e => e.RequestId == late && e.Action == "overdue")));
        Assert.Equal(1, await app.WithDbAsync(db => db.RequestEvents.CountAsync(e => e.RequestId == done && e.Action == "auto-confirm")));
        Assert.Equal(RequestStatus.AwaitingEvaluation, (await app.LoadAsync(done)).Status);
        Assert.Equal(1, (await app.ItemAsync(item.Id)).CompletedCount);
        var overdueMessages = (await TopicsAsync(late)).Count(t => t == "request.overdue");
        Assert.Equal(2, overdueMessages); // the institution's user and the county operator, once each
    }

    [Fact]
    public async Task The_scheduler_is_registered_but_off_when_jobs_are_disabled()
    {
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.Equal(SchedulerStatus.Created, scheduler.Status);
        Assert.True(await scheduler.Exists(new JobKey("request-deadlines", "qifu")));
    }
}

/// <summary>An app with the scheduler at its default (on), as in production.</summary>
public sealed class JobsOnApp : QifuApp
{
    protected override Dictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Qifu:Jobs:Enabled"] = "true";
            return settings;
        }
    }
}

public sealed class SchedulerDefaultTests(JobsOnApp app) : IClassFixture<JobsOnApp>
{
    [Fact]
    public async Task The_deadline_sweep_is_scheduled_every_five_minutes_by_default()
    {
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        for (var i = 0; i < 50 && scheduler.Status != SchedulerStatus.Running; i++) await Task.Delay(100);
        Assert.Equal(SchedulerStatus.Running, scheduler.Status);
        var trigger = await scheduler.GetTrigger(new TriggerKey("request-deadlines-every", "qifu"));
        Assert.Equal(TimeSpan.FromMinutes(5), Assert.IsAssignableFrom<ISimpleTrigger>(trigger).RepeatInterval);
    }
}
