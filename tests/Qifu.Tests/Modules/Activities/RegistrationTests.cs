using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Modules.Activities.Register;

namespace Qifu.Tests.Modules.Activities;

[Collection(ActivitiesCollection.Name)]
public sealed class RegistrationTests(QifuApp app)
{
    [Fact]
    public async Task Seats_are_capacity_minus_reserved_then_the_waitlist_and_a_cancellation_promotes_the_first_waitlisted()
    {
        var id = await app.PublishedActivityAsync(capacity: 3, reserved: 1);
        var others = await app.EnterpriseClientsAsync(3);
        var demo = await app.ApiAsync(Http.ApprovedEnterprise);

        var first = await others[0].PostAsJsonAsync($"/api/v1/activities/{id}/registrations", ActivityArrange.OnePerson());
        var second = await others[1].PostAsJsonAsync($"/api/v1/activities/{id}/registrations", ActivityArrange.OnePerson());
        var waiting = await demo.PostAsJsonAsync($"/api/v1/activities/{id}/registrations", ActivityArrange.OnePerson("王建国"));
        var last = await others[2].PostAsJsonAsync($"/api/v1/activities/{id}/registrations", ActivityArrange.OnePerson());
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("Registered", (await first.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal("Registered", (await second.JsonAsync()).GetProperty("status").GetString());
        var waitingBody = await waiting.JsonAsync();
        Assert.Equal("Waitlisted", waitingBody.GetProperty("status").GetString());
        Assert.Equal("Waitlisted", (await last.JsonAsync()).GetProperty("status").GetString());
        var code = waitingBody.GetProperty("code").GetString()!;
        Assert.Matches("^[ACDEFGHJKMNPQRTUVWXY34679]{8}$", code);
        var detail = await (await app.CreateClient().GetAsync($"/api/v1/activities/{id}")).JsonAsync();
        Assert.Equal(0, detail.GetProperty("seatsLeft").GetInt32());

        var again = await demo.PostAsJsonAsync($"/api/v1/activities/{id}/registrations", ActivityArrange.OnePerson("王建国"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("ALREADY_REGISTERED", await again.CodeOf());

        var firstId = (await first.JsonAsync()).GetProperty("id").GetInt64();
        var cancelled = await others[0].PostAsync($"/api/v1/activities/registrations/{firstId}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("Cancelled", (await cancelled.JsonAsync()).GetProperty("status").GetString());

        var mine = await (await demo.GetAsync("/api/v1/activities/registrations/mine")).JsonAsync();
        var promoted = mine.EnumerateArray().Single(r => r.GetProperty("activityId").GetGuid() == id);
        Assert.Equal("Registered", promoted.GetProperty("status").GetString());
        var inbox = await (await demo.GetAsync("/api/v1/inbox")).JsonAsync();
        Assert.Contains(inbox.GetProperty("items").EnumerateArray(), m => m.GetProperty("title").GetString()!.StartsWith("候补成功"));
        // The later waitlisted one is still waiting: one seat freed, one promotion, in arrival order.
        var lastId = (await last.JsonAsync()).GetProperty("id").GetInt64();
        var (taken, lastStatus) = await app.WithDbAsync(async db => (
            await db.Activities.Where(a => a.Id == id).Select(a => a.Taken).FirstAsync(),
            await db.ActivityRegistrations.Where(r => r.Id == lastId).Select(r => r.Status).FirstAsync()));
        Assert.Equal(2, taken);
        Assert.Equal(RegistrationStatus.Waitlisted, lastStatus);
    }

    [Fact]
    public async Task Bad_registrations_are_refused_with_the_field_named_and_nothing_saved()
    {
        var id = await app.PublishedActivityAsync(capacity: 10, questions: "贵单位今年是否计划申报专精特新？");
        var ent = (await app.EnterpriseClientsAsync(1))[0];
        var none = await ent.PostAsJsonAsync($"/api/v1/activities/{id}/registrations", new { attendees = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal("ATTENDEES_REQUIRED", await none.CodeOf());
        var badPhone = await ent.PostAsJsonAsync($"/api/v1/activities/{id}/registrations",
            new { attendees = new[] { new { name = "张三", phone = "12345", position = "" } }, answers = new[] { "是" } });
        Assert.Equal("ATTENDEE_PHONE_INVALID", await badPhone.CodeOf());
        Assert.Contains("attendees", (await badPhone.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var noAnswer = await ent.PostAsJsonAsync($"/api/v1/activities/{id}/registrations", ActivityArrange.OnePerson());
        Assert.Equal("ANSWER_REQUIRED", await noAnswer.CodeOf());
        Assert.Equal(0, await app.WithDbAsync(db => db.ActivityRegistrations.CountAsync(r => r.ActivityId == id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Activities.Where(a => a.Id == id).Select(a => a.Taken).FirstAsync()));

        var pending = await app.ApiAsync(Http.PendingEnterprise);
        var notApproved = await pending.PostAsJsonAsync($"/api/v1/activities/{id}/registrations", ActivityArrange.OnePerson());
        Assert.Equal("ENTERPRISE_NOT_APPROVED", await notApproved.CodeOf());
    }

    [Fact]
    public async Task Cancelling_is_refused_after_the_registration_deadline()
    {
        var id = await app.PublishedActivityAsync(capacity: 5);
        var ent = (await app.EnterpriseClientsAsync(1))[0];
        var reg = await (await ent.PostAsJsonAsync($"/api/v1/activities/{id}/registrations", ActivityArrange.OnePerson())).JsonAsync();
        var closes = await app.WithDbAsync(db => db.Activities.Where(a => a.Id == id).Select(a => a.RegistrationClosesAt).FirstAsync());
        app.Clock.SetUtcNow(closes.AddSeconds(1));
        var late = await ent.PostAsync($"/api/v1/activities/registrations/{reg.GetProperty("id").GetInt64()}/cancel", null);
        Assert.Equal((HttpStatusCode)422, late.StatusCode);
        Assert.Equal("CANCEL_DEADLINE_PASSED", await late.CodeOf());
        var tooLate = await (await app.EnterpriseClientsAsync(1))[0].PostAsJsonAsync($"/api/v1/activities/{id}/registrations", ActivityArrange.OnePerson());
        Assert.Equal("DEADLINE_PASSED", await tooLate.CodeOf());
    }

    [Fact]
    public async Task One_hundred_and_fifty_enterprises_registering_at_once_for_one_hundred_seats_end_with_exactly_100_registered_and_50_waitlisted()
    {
        var id = await app.PublishedActivityAsync(capacity: 110, reserved: 10);
        var clients = await app.EnterpriseClientsAsync(150);
        using var start = new SemaphoreSlim(0);
        var tasks = clients.Select(async c =>
        {
            await start.WaitAsync();
            var response = await c.PostAsJsonAsync($"/api/v1/activities/{id}/registrations", ActivityArrange.OnePerson());
            return (response.StatusCode, Status: response.IsSuccessStatusCode ? (await response.JsonAsync()).GetProperty("status").GetString() : await response.Content.ReadAsStringAsync());
        }).ToList();
        start.Release(clients.Count);
        var results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(100, results.Count(r => r.Status == "Registered"));
        Assert.Equal(50, results.Count(r => r.Status == "Waitlisted"));
        var (taken, registered, waitlisted) = await app.WithDbAsync(async db => (
            await db.Activities.Where(a => a.Id == id).Select(a => a.Taken).FirstAsync(),
            await db.ActivityRegistrations.CountAsync(r => r.ActivityId == id && r.Status == RegistrationStatus.Registered),
            await db.ActivityRegistrations.CountAsync(r => r.ActivityId == id && r.Status == RegistrationStatus.Waitlisted)));
        Assert.Equal((100, 100, 50), (taken, registered, waitlisted));
    }

    [Fact]
    public async Task Without_a_waitlist_150_enterprises_at_once_for_100_seats_get_exactly_100_seats_and_50_refusals_in_every_one_of_20_runs()
    {
        var clients = await app.EnterpriseClientsAsync(150);
        for (var run = 1; run <= 20; run++)
        {
            var id = await app.PublishedActivityAsync(capacity: 100);
            await app.WithDbAsync(db => db.Activities.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.WithoutWaitlist, true)));
            using var start = new SemaphoreSlim(0);
            var tasks = clients.Select(async c =>
            {
                await start.WaitAsync();
                var response = await c.PostAsJsonAsync($"/api/v1/activities/{id}/registrations", ActivityArrange.OnePerson());
                return (response.StatusCode, Code: response.IsSuccessStatusCode ? "" : await response.CodeOf());
            }).ToList();
            start.Release(clients.Count);
            var results = await Task.WhenAll(tasks);

            Assert.Equal(100, results.Count(r => r.StatusCode == HttpStatusCode.Created));
            Assert.Equal(50, results.Count(r => r.StatusCode == HttpStatusCode.Conflict && r.Code == "ACTIVITY_FULL"));
            var (taken, rows) = await app.WithDbAsync(async db => (
                await db.Activities.Where(a => a.Id == id).Select(a => a.Taken).FirstAsync(),
                await db.ActivityRegistrations.CountAsync(r => r.ActivityId == id)));
            Assert.True((taken, rows) == (100, 100), $"run {run}: {taken} seats taken, {rows} registrations");
            // Gone again, so the lists other tests of this app read still show theirs on the first page.
            await app.WithDbAsync(async db =>
            {
                await db.ActivityRegistrations.Where(r => r.ActivityId == id).ExecuteDeleteAsync();
                return await db.Activities.Where(a => a.Id == id).ExecuteDeleteAsync();
            });
        }
    }

    [Fact]
    public async Task An_enterprise_never_sees_or_changes_another_enterprises_registration()
    {
        var id = await app.PublishedActivityAsync(capacity: 5);
        var clients = await app.EnterpriseClientsAsync(2);
        var reg = await (await clients[0].PostAsJsonAsync($"/api/v1/activities/{id}/registrations", ActivityArrange.OnePerson("CANARY-B"))).JsonAsync();
        var rid = reg.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NotFound, (await clients[1].GetAsync($"/api/v1/activities/registrations/{rid}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clients[1].PostAsync($"/api/v1/activities/registrations/{rid}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clients[1].GetAsync($"/activities/registrations/{rid}/qr.svg")).StatusCode);
        Assert.DoesNotContain("CANARY-B", await clients[1].GetStringAsync("/api/v1/activities/registrations/mine"));
        Assert.DoesNotContain("CANARY-B", await app.CreateClient().GetStringAsync($"/api/v1/activities/{id}"));
        Assert.Equal(HttpStatusCode.Forbidden, (await clients[1].GetAsync($"/api/v1/activities/{id}/registrations")).StatusCode);
    }

    [Fact]
    public async Task The_reminder_goes_out_once_the_day_before()
    {
        var id = await app.PublishedActivityAsync(capacity: 5);
        var demo = await app.ApiAsync(Http.ApprovedEnterprise);
        Assert.Equal(HttpStatusCode.Created, (await demo.PostAsJsonAsync($"/api/v1/activities/{id}/registrations", ActivityArrange.OnePerson())).StatusCode);
        var job = app.Scoped(s => s.GetRequiredService<ReminderJob>());
        var run = await job.RunAsync();
        Assert.True(run.Activities >= 1);
        var again = await job.RunAsync();
        Assert.Equal(0, again.Activities);
        var title = await app.WithDbAsync(db => db.Activities.Where(a => a.Id == id).Select(a => a.Title).FirstAsync());
        var reminders = await app.WithDbAsync(db => db.InboxMessages.CountAsync(m => m.Topic == "activity.reminder" && m.Link == $"/activities/{id}"));
        Assert.True(reminders >= 1);
        Assert.Equal(reminders, await app.WithDbAsync(db => db.Users.CountAsync(u => u.UserName == Http.ApprovedEnterprise)));
        Assert.NotNull(title);
    }
}
