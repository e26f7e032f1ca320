using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Support;

namespace Qifu.Tests.Modules.Activities;

[Collection(ActivitiesCollection.Name)]
public sealed class OrganiseTests(QifuApp app)
{
    [Fact]
    public async Task An_institution_proposes_and_the_regions_operator_rejects_with_a_reason_then_approves()
    {
        var inst = await app.ApiAsync(Http.Institution);
        var created = await inst.PostAsJsonAsync("/api/v1/activities", ActivityArrange.Body(app, 30, title: "小微企业财税合规公益讲座"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        Assert.Equal("PendingReview", body.GetProperty("status").GetString());
        Assert.Equal("430405", body.GetProperty("regionCode").GetString());
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/v1/activities/{id}")).StatusCode);

        var other = await app.ApiAsync(Http.HengyangCountyOperator);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/activities/{id}/approve", null)).StatusCode);
        var zhuhui = await app.ApiAsync(Http.ZhuhuiOperator);
        var queue = await zhuhui.GetStringAsync("/api/v1/activities/managed?status=PendingReview");
        Assert.Contains(id.ToString(), queue);
        var noReason = await zhuhui.PostAsJsonAsync($"/api/v1/activities/{id}/reject", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal("REASON_REQUIRED", await noReason.CodeOf());
        var rejected = await zhuhui.PostAsJsonAsync($"/api/v1/activities/{id}/reject", new { reason = "请补充主讲人资质和场地安排" });
        Assert.Equal("Draft", (await rejected.JsonAsync()).GetProperty("status").GetString());
        var mine = await (await inst.GetAsync($"/api/v1/activities/managed/{id}")).JsonAsync();
        Assert.Equal("请补充主讲人资质和场地安排", mine.GetProperty("rejectReason").GetString());

        Assert.Equal(HttpStatusCode.OK, (await inst.PostAsync($"/api/v1/activities/{id}/publish", null)).StatusCode);
        var approved = await zhuhui.PostAsync($"/api/v1/activities/{id}/approve", null);
        Assert.Equal("Published", (await approved.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/api/v1/activities/{id}")).StatusCode);
        var again = await zhuhui.PostAsync($"/api/v1/activities/{id}/approve", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_county_operator_cannot_touch_another_regions_activity()
    {
        var id = await app.PublishedActivityAsync(capacity: 10, operatorPhone: Http.ZhuhuiOperator);
        var other = await app.ApiAsync(Http.HengyangCountyOperator);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsJsonAsync($"/api/v1/activities/{id}", ActivityArrange.Body(app, 50))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/activities/{id}/cancel", new { reason = "测试" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/activities/{id}/registrations")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/activities/{id}/registrations.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/activities/managed/{id}")).StatusCode);
        Assert.DoesNotContain(id.ToString(), await other.GetStringAsync("/api/v1/activities/managed"));
        var city = await app.ApiAsync(Http.CityOperator);
        Assert.Equal(HttpStatusCode.OK, (await city.GetAsync($"/api/v1/activities/managed/{id}")).StatusCode);
    }

    [Fact]
    public async Task Bad_activity_input_names_both_fields_and_saves_nothing()
    {
        var op = await app.ApiAsync(Http.CityOperator);
        var start = app.BeijingNow().Date.AddDays(3).AddHours(9);
        var bad = await op.PostAsJsonAsync("/api/v1/activities", new
        {
            type = "Training", title = "数字化转型培训", description = "<p>面向制造业中小企业的数字化转型实操培训。</p><script>alert(1)</script>",
            startsAt = start, endsAt = start.AddHours(-1), venue = "衡阳市会展中心", capacity = 10, reserved = 10,
            registrationOpensAt = start.AddDays(-2), registrationClosesAt = start.AddHours(1),
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("endsAt", out _));
        Assert.True(errors.TryGetProperty("startsAt", out _));
        Assert.True(errors.TryGetProperty("reserved", out _));
        Assert.True(errors.TryGetProperty("registrationClosesAt", out _));
    }

    [Fact]
    public async Task The_organiser_reads_the_answers_to_the_registration_questions_on_the_page_in_the_api_and_in_the_export()
    {
        var id = await app.PublishedActivityAsync(capacity: 10, operatorPhone: Http.ZhuhuiOperator, questions: "贵单位所属细分行业？\n今年是否计划申报专精特新？");
        var clients = await app.EnterpriseClientsAsync(2);
        object Registration(string name, string phone, params string[] answers) =>
            new { attendees = new[] { new { name, phone, position = "办公室主任" } }, answers };
        Assert.Equal(HttpStatusCode.Created, (await clients[0].PostAsJsonAsync($"/api/v1/activities/{id}/registrations",
            Registration("赵海燕", "13907341111", "机械零部件加工", "=HYPERLINK(\"http://x\",\"y\")"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await clients[1].PostAsJsonAsync($"/api/v1/activities/{id}/registrations",
            Registration("钱立群", "13907342222", "新能源电池材料", "是，已在准备申报材料"))).StatusCode);

        var op = await app.ApiAsync(Http.ZhuhuiOperator);
        var list = (await (await op.GetAsync($"/api/v1/activities/{id}/registrations")).JsonAsync()).EnumerateArray().ToList();
        var answers = list[1].GetProperty("answers").EnumerateArray().Select(a => (a.GetProperty("question").GetString(), a.GetProperty("answer").GetString())).ToList();
        Assert.Equal([("贵单位所属细分行业？", "新能源电池材料"), ("今年是否计划申报专精特新？", "是，已在准备申报材料")], answers);

        var page = await (await app.SignedInAsync(Http.ZhuhuiOperator)).GetStringAsync($"/manage/activities/{id}");
        Assert.Contains("<th scope=\"col\">报名问题回答</th>", page);
        Assert.Contains("<dt>贵单位所属细分行业？</dt><dd>机械零部件加工</dd>", page);
        Assert.Contains("<dt>今年是否计划申报专精特新？</dt><dd>是，已在准备申报材料</dd>", page);

        var xlsx = await op.GetAsync($"/api/v1/activities/{id}/registrations.xlsx");
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("机械零部件加工", rows[0]["问题1：贵单位所属细分行业？"]);
        Assert.Equal("'=HYPERLINK(\"http://x\",\"y\")", rows[0]["问题2：今年是否计划申报专精特新？"]);
        Assert.Equal("是，已在准备申报材料", rows[1]["问题2：今年是否计划申报专精特新？"]);
        Assert.Equal(["139****1111", "139****2222"], rows.Select(r => (string?)r["手机号"]));
    }

    [Fact]
    public async Task Operators_and_institutions_enter_the_organiser_and_an_empty_one_is_the_default()
    {
        static System.Text.Json.Nodes.JsonObject With(object body, string? organiser)
        {
            var json = JsonSerializer.SerializeToNode(body)!.AsObject();
            json["organiserName"] = organiser;
            return json;
        }
        const string Joint = "衡阳市珠晖区工业和信息化局、珠晖区中小企业服务分站";
        var zhuhui = await app.ApiAsync(Http.ZhuhuiOperator);
        var created = await zhuhui.PostAsJsonAsync("/api/v1/activities", With(ActivityArrange.Body(app, 20, title: "工业企业安全生产标准化培训"), Joint));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        Assert.Equal(Joint, body.GetProperty("organiserName").GetString());
        var id = body.GetProperty("id").GetGuid();
        Assert.Contains($"<dd>{Joint}（珠晖区）</dd>", await app.Browser().GetStringAsync($"/activities/{id}"));
        Assert.Contains($"value=\"{Joint}\"", await (await app.SignedInAsync(Http.ZhuhuiOperator)).GetStringAsync($"/manage/activities/{id}"));

        var cleared = await zhuhui.PutAsJsonAsync($"/api/v1/activities/{id}", With(ActivityArrange.Body(app, 20, title: "工业企业安全生产标准化培训"), " "));
        Assert.Equal("珠晖区中小企业服务分站", (await cleared.JsonAsync()).GetProperty("organiserName").GetString());
        var tooLong = await zhuhui.PutAsJsonAsync($"/api/v1/activities/{id}", With(ActivityArrange.Body(app, 20), new string('衡', 101)));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.True((await tooLong.JsonAsync()).GetProperty("errors").TryGetProperty("organiserName", out _));
        Assert.Equal("珠晖区中小企业服务分站", await app.WithDbAsync(db => db.Activities.Where(a => a.Id == id).Select(a => a.OrganiserName).FirstAsync()));

        var inst = await app.ApiAsync(Http.Institution);
        var own = await (await inst.PostAsJsonAsync("/api/v1/activities", ActivityArrange.Body(app, 30, publish: false, title: "小微企业劳动用工合规讲座"))).JsonAsync();
        var institutionName = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == Http.Institution)
            .Join(db.Institutions, u => u.InstitutionId, i => i.Id, (u, i) => i.Name).FirstAsync());
        Assert.Equal(institutionName, own.GetProperty("organiserName").GetString());
        var joint = await (await inst.PutAsJsonAsync($"/api/v1/activities/{own.GetProperty("id").GetGuid()}",
            With(ActivityArrange.Body(app, 30, publish: false, title: "小微企业劳动用工合规讲座"), $"{institutionName}、衡阳市总工会"))).JsonAsync();
        Assert.Equal($"{institutionName}、衡阳市总工会", joint.GetProperty("organiserName").GetString());

        // The form: the same field, the default named in its hint.
        var page = await app.SignedInAsync(Http.ZhuhuiOperator);
        var form = await page.GetStringAsync("/manage/activities/new");
        Assert.Contains("name=\"Input.OrganiserName\"", form);
        Assert.Contains("留空时为“珠晖区中小企业服务分站”", form);
        var start = app.BeijingNow().Date.AddDays(6).AddHours(9);
        var ok = await page.PostFormAsync("/manage/activities/new", new()
        {
            ["Input.Type"] = "Matchmaking", ["Input.Title"] = "珠晖区装备制造产业链供需对接会", ["Input.OrganiserName"] = "珠晖区商务局",
            ["Input.Description"] = "<p>组织本区装备制造龙头企业与配套中小企业面对面洽谈采购需求。</p>",
            ["Input.StartsAt"] = start.ToString("yyyy-MM-ddTHH:mm"), ["Input.EndsAt"] = start.AddHours(3).ToString("yyyy-MM-ddTHH:mm"),
            ["Input.Venue"] = "珠晖区政务服务中心二楼会议室", ["Input.Capacity"] = "60", ["Input.Reserved"] = "0",
            ["Input.RegistrationOpensAt"] = app.BeijingNow().ToString("yyyy-MM-ddTHH:mm"), ["Input.RegistrationClosesAt"] = start.AddDays(-1).ToString("yyyy-MM-ddTHH:mm"),
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var pageId = Guid.Parse(ok.Headers.Location!.ToString().Split('/').Last());
        Assert.Equal("珠晖区商务局", await app.WithDbAsync(db => db.Activities.Where(a => a.Id == pageId).Select(a => a.OrganiserName).FirstAsync()));
    }

    [Fact]
    public async Task The_calendar_file_follows_rfc_5545()
    {
        var id = await app.PublishedActivityAsync(capacity: 10);
        var response = await app.CreateClient().GetAsync($"/activities/{id}/calendar.ics");
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", text);
        Assert.Contains($"UID:activity-{id:N}@qifu\r\n", text);
        Assert.Matches("DTSTART:\\d{8}T010000Z\r\n", text);
        Assert.DoesNotMatch("[^\r]\n", text);
        Assert.All(text.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line));
        Assert.Contains("LOCATION:衡阳市中小企业服务中心三楼报告厅", text.Replace("\r\n ", ""));
    }
}
