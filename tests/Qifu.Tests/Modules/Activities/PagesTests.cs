using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Activities.Data;

namespace Qifu.Tests.Modules.Activities;

[Collection(ActivitiesCollection.Name)]
public sealed class PagesTests(QifuApp app)
{
    [Fact]
    public async Task An_enterprise_registers_on_the_page_and_staff_check_it_in_by_typed_code()
    {
        var id = await app.PublishedActivityAsync(capacity: 1, operatorPhone: Http.ZhuhuiOperator);
        var anonymous = await app.Browser().GetStringAsync($"/activities/{id}");
        Assert.Contains("企业用户登录", anonymous);
        Assert.Contains($"/activities/{id}/calendar.ics", anonymous);
        Assert.Contains(id.ToString(), await app.Browser().GetStringAsync("/activities"));

        var ent = await app.SignedInAsync(Http.ApprovedEnterprise);
        var empty = await ent.PostFormAsync($"/activities/{id}?handler=Register", new() { ["Attendees[0].Name"] = "" });
        Assert.Equal((HttpStatusCode)422, empty.StatusCode);
        Assert.Contains("请至少填写一名参会人的姓名和手机号", await empty.Content.ReadAsStringAsync());

        var ok = await ent.PostFormAsync($"/activities/{id}?handler=Register",
            new() { ["Attendees[0].Name"] = "王建国", ["Attendees[0].Phone"] = "13807349999", ["Attendees[0].Position"] = "总经理" });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var page = await ent.GetStringAsync($"/activities/{id}");
        Assert.Contains("签到二维码", page);
        Assert.Contains($"/activities/registrations/", page);
        var rid = await app.WithDbAsync(db => db.ActivityRegistrations.Where(r => r.ActivityId == id).Select(r => r.Id).FirstAsync());
        var qr = await ent.GetAsync($"/activities/registrations/{rid}/qr.svg");
        Assert.Equal("image/svg+xml", qr.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<svg", await qr.Content.ReadAsStringAsync());
        var code = await app.WithDbAsync(db => db.ActivityRegistrations.Where(r => r.ActivityId == id).Select(r => r.Code).FirstAsync());
        Assert.Contains(code, await ent.GetStringAsync("/enterprise/activities"));
        Assert.Contains("待参加的活动报名", await ent.GetStringAsync("/workbench"));

        var startsAt = await app.WithDbAsync(db => db.Activities.Where(a => a.Id == id).Select(a => a.StartsAt).FirstAsync());
        app.Clock.SetUtcNow(startsAt.AddMinutes(-10));
        var staff = await app.SignedInAsync(Http.ZhuhuiOperator);
        var checkin = await staff.GetStringAsync("/checkin");
        Assert.Contains(id.ToString(), checkin);
        var first = await staff.PostFormAsync("/checkin", new() { ["ActivityId"] = id.ToString(), ["Entry.Code"] = code });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("签到成功", await first.Content.ReadAsStringAsync());
        var second = await staff.PostFormAsync("/checkin", new() { ["ActivityId"] = id.ToString(), ["Entry.Code"] = code });
        Assert.Equal((HttpStatusCode)422, second.StatusCode);
        Assert.Contains("不能重复签到", await second.Content.ReadAsStringAsync());
        Assert.Contains("场活动今日签到", await staff.GetStringAsync("/workbench"));
    }

    [Fact]
    public async Task An_operator_creates_an_activity_on_the_form_and_bad_input_is_shown_next_to_the_fields()
    {
        var op = await app.SignedInAsync(Http.CityOperator);
        var start = app.BeijingNow().Date.AddDays(5).AddHours(14);
        var fields = new Dictionary<string, string>
        {
            ["Input.Type"] = "Training", ["Input.Title"] = "中小企业数字化转型实务培训", ["Input.Description"] = "<p>讲解工业互联网平台选型、上云用数赋智的实际做法。</p>",
            ["Input.RegionCode"] = "430400", ["Input.StartsAt"] = start.ToString("yyyy-MM-ddTHH:mm"), ["Input.EndsAt"] = start.AddHours(-2).ToString("yyyy-MM-ddTHH:mm"),
            ["Input.Venue"] = "衡阳市工业和信息化局三楼会议室", ["Input.Capacity"] = "80", ["Input.Reserved"] = "5",
            ["Input.RegistrationOpensAt"] = app.BeijingNow().ToString("yyyy-MM-ddTHH:mm"), ["Input.RegistrationClosesAt"] = start.AddDays(-1).ToString("yyyy-MM-ddTHH:mm"),
            ["Input.IsPublicInterest"] = "true",
        };
        var bad = await op.PostFormAsync("/manage/activities/new", fields);
        Assert.Equal((HttpStatusCode)422, bad.StatusCode);
        Assert.Contains("结束时间须晚于开始时间", await bad.Content.ReadAsStringAsync());

        fields["Input.EndsAt"] = start.AddHours(3).ToString("yyyy-MM-ddTHH:mm");
        var ok = await op.PostFormAsync("/manage/activities/new", fields);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var id = Guid.Parse(ok.Headers.Location!.ToString().Split('/').Last());
        var a = await app.WithDbAsync(db => db.Activities.FirstAsync(x => x.Id == id));
        Assert.Equal(ActivityStatus.Published, a.Status);
        Assert.Equal(75, a.Available);
        Assert.Equal(start.AddHours(-8), a.StartsAt);
        Assert.Contains("中小企业数字化转型实务培训", await op.GetStringAsync("/manage/activities"));
        Assert.Contains("中小企业数字化转型实务培训", await app.Browser().GetStringAsync("/activities?type=Training"));
        var zhuhui = await app.SignedInAsync(Http.ZhuhuiOperator);
        Assert.Equal(HttpStatusCode.NotFound, (await zhuhui.GetAsync($"/manage/activities/{id}")).StatusCode);
    }
}

[Collection(ActivitiesCollection.Name)]
public sealed class DemoAndSearchTests(QifuApp app)
{
    [Fact]
    public async Task The_demo_has_held_upcoming_and_full_activities_and_activities_are_found_in_site_search()
    {
        var (held, full, pending) = await app.WithDbAsync(async db => (
            await db.Activities.CountAsync(a => a.Status == ActivityStatus.Finished),
            await db.Activities.CountAsync(a => a.Status == ActivityStatus.Published && a.Taken >= a.Capacity - a.Reserved
                && db.ActivityRegistrations.Any(r => r.ActivityId == a.Id && r.Status == RegistrationStatus.Waitlisted)),
            await db.Activities.CountAsync(a => a.Status == ActivityStatus.PendingReview)));
        Assert.True(held >= 5);
        Assert.True(full >= 1);
        Assert.True(pending >= 1);
        Assert.True(await app.WithDbAsync(db => db.ActivityRegistrations.CountAsync(r => r.Feedback != null)) > 10);

        var home = await app.Browser().GetStringAsync("/");
        Assert.DoesNotContain("活动模块上线后统计", home);

        var client = app.CreateClient();
        System.Text.Json.JsonElement result = default;
        for (var i = 0; i < 40; i++)
        {
            result = await (await client.GetAsync("/api/v1/search?q=" + Uri.EscapeDataString("银企对接") + "&kind=activity")).JsonAsync();
            if (result.GetProperty("total").GetInt32() > 0) break;
            await Task.Delay(250);
        }
        Assert.True(result.GetProperty("total").GetInt32() > 0);
        Assert.Contains("/activities/", result.GetRawText());
    }
}
