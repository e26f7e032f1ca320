using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Support;

namespace Qifu.Tests.Modules.Activities;

[Collection(ActivitiesCollection.Name)]
public sealed class CheckInTests(QifuApp app)
{
    [Fact]
    public async Task Staff_check_in_by_code_or_signed_qr_once_and_attendees_give_feedback_once()
    {
        var id = await app.PublishedActivityAsync(capacity: 2, operatorPhone: Http.ZhuhuiOperator);
        var clients = await app.EnterpriseClientsAsync(3);
        var a = await (await clients[0].PostAsJsonAsync($"/api/v1/activities/{id}/registrations", ActivityArrange.OnePerson())).JsonAsync();
        var b = await (await clients[1].PostAsJsonAsync($"/api/v1/activities/{id}/registrations", ActivityArrange.OnePerson())).JsonAsync();
        var w = await (await clients[2].PostAsJsonAsync($"/api/v1/activities/{id}/registrations", ActivityArrange.OnePerson())).JsonAsync();
        var token = (await (await clients[1].GetAsync($"/api/v1/activities/registrations/{b.GetProperty("id").GetInt64()}")).JsonAsync())
            .GetProperty("token").GetString()!;
        var staff = await app.ApiAsync(Http.ZhuhuiOperator);
        var url = $"/api/v1/activities/{id}/check-ins";

        var early = await staff.PostAsJsonAsync(url, new { code = a.GetProperty("code").GetString() });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("CHECKIN_NOT_OPEN", await early.CodeOf());
        var aFeedbackEarly = await clients[0].PostAsJsonAsync($"/api/v1/activities/registrations/{a.GetProperty("id").GetInt64()}/feedback", new { level = 5 });
        Assert.Equal("FEEDBACK_NOT_ALLOWED", await aFeedbackEarly.CodeOf());

        var startsAt = await app.WithDbAsync(db => db.Activities.Where(x => x.Id == id).Select(x => x.StartsAt).FirstAsync());
        app.Clock.SetUtcNow(startsAt.AddMinutes(-20));
        staff = await app.ApiAsync(Http.ZhuhuiOperator); // bearer tokens last an hour of the (advanced) clock

        var typed = a.GetProperty("code").GetString()!.ToLowerInvariant().Insert(4, " ");
        var ok = await staff.PostAsJsonAsync(url, new { code = typed });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.StartsWith("签到成功", (await ok.JsonAsync()).GetProperty("message").GetString());
        var firstAt = app.Clock.GetUtcNow().UtcDateTime.AddHours(8);

        app.Clock.Advance(TimeSpan.FromMinutes(3));
        var twice = await staff.PostAsJsonAsync(url, new { code = a.GetProperty("code").GetString() });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("ALREADY_CHECKED_IN", await twice.CodeOf());
        Assert.Contains($"已于 {firstAt:yyyy-MM-dd HH:mm:ss} 签到", (await twice.JsonAsync()).GetProperty("title").GetString());

        var forged = token[..^3] + (token[^3] == 'A' ? "B" : "A") + token[^2..];
        var bad = await staff.PostAsJsonAsync(url, new { code = forged });
        Assert.Equal((HttpStatusCode)422, bad.StatusCode);
        Assert.Equal("TOKEN_INVALID", await bad.CodeOf());
        var scanned = await staff.PostAsJsonAsync(url, new { code = token });
        Assert.Equal(HttpStatusCode.OK, scanned.StatusCode);

        var waitlisted = await staff.PostAsJsonAsync(url, new { code = w.GetProperty("code").GetString() });
        Assert.Equal("NOT_REGISTERED", await waitlisted.CodeOf());
        var unknown = await staff.PostAsJsonAsync(url, new { code = "ZZZZZZZZ" });
        Assert.Equal("CODE_NOT_FOUND", await unknown.CodeOf());

        var walkIn = await staff.PostAsJsonAsync($"/api/v1/activities/{id}/walk-ins", new { name = "周志刚", phone = "13787650000", company = "衡阳志刚五金店" });
        Assert.Equal(HttpStatusCode.OK, walkIn.StatusCode);

        var otherCounty = await app.ApiAsync(Http.HengyangCountyOperator);
        Assert.Equal(HttpStatusCode.NotFound, (await otherCounty.PostAsJsonAsync(url, new { code = w.GetProperty("code").GetString() })).StatusCode);

        var feedbackUrl = $"/api/v1/activities/registrations/{a.GetProperty("id").GetInt64()}/feedback";
        var outOfRange = await clients[0].PostAsJsonAsync(feedbackUrl, new { level = 6 });
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        var rated = await clients[0].PostAsJsonAsync(feedbackUrl, new { level = 5, comment = "讲解清楚，申报材料清单很实用" });
        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        Assert.Equal("非常满意", (await rated.JsonAsync()).GetProperty("feedbackLabel").GetString());
        var second = await clients[0].PostAsJsonAsync(feedbackUrl, new { level = 1 });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("FEEDBACK_EXISTS", await second.CodeOf());

        var list = await (await staff.GetAsync($"/api/v1/activities/{id}/registrations")).JsonAsync();
        Assert.Equal(3, list.EnumerateArray().Count(r => r.GetProperty("checkedInAt").ValueKind != System.Text.Json.JsonValueKind.Null));
        Assert.DoesNotMatch(@"(?<![\dA-Fa-f-])1[3-9]\d{9}(?![\dA-Fa-f])", await staff.GetStringAsync($"/api/v1/activities/{id}/registrations"));
        var xlsx = await staff.GetAsync($"/api/v1/activities/{id}/registrations.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
        using var stream = new MemoryStream(bytes);
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(4, rows.Count);
        Assert.Contains(rows, r => (string?)r["满意度"] == "非常满意");
        Assert.Contains(rows, r => (string?)r["报名方式"] == "现场登记");
    }
}
