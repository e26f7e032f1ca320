using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qifu.Tests.Support;
using Qifu.Web.Modules.ServiceRequests;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Platform.Calendar;

namespace Qifu.Tests.Modules.ServiceRequests;

[Collection(RequestsCollection.Name)]
public sealed class EvaluationTests(RequestsApp app)
{
    private static object Scores(int overall, string? comment = null) =>
        new { overall, timeliness = overall, professionalism = overall, attitude = overall, comment };

    [Fact]
    public async Task An_evaluation_is_given_once_by_the_requesting_enterprise_with_all_scores()
    {
        var item = await app.PublishedItemAsync();
        var id = await app.RequestInAsync(RequestStatus.Completed, item.Id);
        var ent = await app.ApiAsync(Http.ApprovedEnterprise);

        var partial = await ent.PostJsonAsync($"/api/v1/requests/{id}/evaluation", new { overall = 5, timeliness = 5 });
        Assert.Equal(HttpStatusCode.BadRequest, partial.StatusCode);
        var errors = (await partial.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("professionalism", out _));
        Assert.True(errors.TryGetProperty("attitude", out _));
        var outOfRange = await ent.PostJsonAsync($"/api/v1/requests/{id}/evaluation", Scores(6));
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        var tooLong = await ent.PostJsonAsync($"/api/v1/requests/{id}/evaluation", Scores(5, new string('好', 501)));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);

        // Someone else's request does not exist for the caller.
        var (otherPhone, _, _) = await app.ApprovedEnterpriseAsync();
        var other = await app.ApiAsync(otherPhone, Requests.NewPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostJsonAsync($"/api/v1/requests/{id}/evaluation", Scores(1))).StatusCode);
        var inst = await app.ApiAsync(Http.Institution);
        Assert.Equal(HttpStatusCode.Forbidden, (await inst.PostJsonAsync($"/api/v1/requests/{id}/evaluation", Scores(5))).StatusCode);

        var created = await ent.PostJsonAsync($"/api/v1/requests/{id}/evaluation", Scores(5));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var evaluation = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("非常满意", evaluation.GetProperty("overallLabel").GetString());
        Assert.Equal("Published", evaluation.GetProperty("moderation").GetString()); // nothing to moderate without a comment
        var r = await app.LoadAsync(id);
        Assert.Equal(RequestStatus.Evaluated, r.Status);
        Assert.NotNull(r.ConfirmedAt); // evaluating a completed request confirms it
        var stored = await app.ItemAsync(item.Id);
        Assert.Equal((1, 1, 5), (stored.CompletedCount, stored.EvaluationCount, stored.EvaluationTotal));

        var before = await app.FingerprintAsync(id);
        var second = await ent.PostJsonAsync($"/api/v1/requests/{id}/evaluation", Scores(1));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("EVALUATION_EXISTS", await Requests.CodeOf(second));
        Assert.Equal(before, await app.FingerprintAsync(id));
        Assert.True(await app.WithDbAsync(db => db.InboxMessages.AnyAsync(m => m.Topic == "request.evaluated" && m.Link == $"/requests/{id}")));
    }

    [Fact]
    public async Task A_comment_waits_for_moderation_and_a_hidden_one_tells_the_author_why()
    {
        var item = await app.PublishedItemAsync();
        var id = await app.RequestInAsync(RequestStatus.AwaitingEvaluation, item.Id);
        var ent = await app.ApiAsync(Http.ApprovedEnterprise);
        var created = await ent.PostJsonAsync($"/api/v1/requests/{id}/evaluation", Scores(4, "服务不错，就是某某顾问电话 13900001111 太难打通。"));
        var evaluationId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var publicEvaluations = app.Services.CreateScope().ServiceProvider.GetRequiredService<PublicEvaluations>();
        Assert.Equal(0, (await publicEvaluations.ForItemAsync(item.Id, 1)).Total);

        var other = await app.SignedInAsync(Http.HengyangCountyOperator);
        Assert.DoesNotContain(evaluationId.ToString(), await other.GetStringAsync("/review/evaluations"));
        var op = await app.SignedInAsync(Http.ZhuhuiOperator);
        var queue = await op.GetStringAsync("/review/evaluations");
        Assert.Contains("某某顾问电话", queue);

        var noReason = await op.PostFormAsync($"/review/evaluations?id={evaluationId}", new() { ["publish"] = "false", ["reason"] = "" }, "/review/evaluations");
        Assert.Equal((HttpStatusCode)422, noReason.StatusCode);
        Assert.Contains("屏蔽时请填写屏蔽原因", await noReason.Content.ReadAsStringAsync());
        var otherCounty = await app.ApiAsync(Http.HengyangCountyOperator);
        Assert.Equal(HttpStatusCode.NotFound,
            (await otherCounty.PostJsonAsync($"/api/v1/evaluations/{evaluationId}/moderation", new { publish = false, reason = "越权" })).StatusCode);

        var hidden = await op.PostFormAsync($"/review/evaluations?id={evaluationId}", new() { ["publish"] = "false", ["reason"] = "含有他人电话号码" }, "/review/evaluations");
        Assert.Equal(HttpStatusCode.Redirect, hidden.StatusCode);
        var mine = await (await app.SignedInAsync(Http.ApprovedEnterprise)).GetStringAsync($"/enterprise/requests/{id}");
        Assert.Contains("评价内容未公开，原因：含有他人电话号码", mine);
        Assert.True(await app.WithDbAsync(db => db.InboxMessages.AnyAsync(m => m.Topic == "evaluation.hidden" && m.Link == $"/enterprise/requests/{id}")));
        var institutionView = await (await app.ApiAsync(Http.Institution)).GetFromJsonAsync<JsonElement>($"/api/v1/evaluations/{evaluationId}");
        Assert.Equal(JsonValueKind.Null, institutionView.GetProperty("evaluation").GetProperty("comment").ValueKind);
        Assert.Equal(JsonValueKind.Null, institutionView.GetProperty("evaluation").GetProperty("moderationReason").ValueKind);
        Assert.Equal(0, (await publicEvaluations.ForItemAsync(item.Id, 1)).Total);
        Assert.Equal(4.0, (await publicEvaluations.ItemStatsAsync(item.Id))!.AverageRating); // the score still counts

        var api = await app.ApiAsync(Http.CityOperator);
        var published = await api.PostJsonAsync($"/api/v1/evaluations/{evaluationId}/moderation", new { publish = true });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var list = await publicEvaluations.ForItemAsync(item.Id, 1);
        Assert.Equal("衡阳****公司", Assert.Single(list.Items).EnterpriseName);
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "服务评价" && a.EntityId == evaluationId.ToString())));
    }

    [Fact]
    public async Task A_bad_rating_opens_a_follow_up_for_the_county_operator_who_records_the_call_back()
    {
        var id = await app.RequestInAsync(RequestStatus.Completed);
        var ent = await app.ApiAsync(Http.ApprovedEnterprise);
        var created = await ent.PostJsonAsync($"/api/v1/requests/{id}/evaluation", Scores(2, "一周都没人联系。"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var followUp = await app.WithDbAsync(db => db.FollowUps.AsNoTracking().SingleAsync(f => f.RequestId == id));
        Assert.Equal("430405", followUp.RegionCode);
        var expectedDue = await app.WithDbAsync(async db =>
        {
            var calendar = new WorkingCalendar(db, app.Clock);
            return await calendar.AddWorkingDaysAsync(calendar.Today, 15);
        });
        Assert.Equal(expectedDue, followUp.DueOn);
        var zhuhui = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == Http.ZhuhuiOperator));
        Assert.True(await app.WithDbAsync(db => db.InboxMessages.AnyAsync(m => m.UserId == zhuhui.Id && m.Topic == "evaluation.bad")));

        var other = await app.SignedInAsync(Http.HengyangCountyOperator);
        Assert.DoesNotContain(followUp.Id.ToString(), await other.GetStringAsync("/review/follow-ups"));
        var otherApi = await app.ApiAsync(Http.HengyangCountyOperator);
        Assert.Equal(HttpStatusCode.NotFound, (await otherApi.PostJsonAsync($"/api/v1/follow-ups/{followUp.Id}/callback",
            new { calledBackAt = app.Clock.GetUtcNow(), callbackNote = "越权" })).StatusCode);

        var op = await app.SignedInAsync(Http.ZhuhuiOperator);
        var page = await op.GetStringAsync("/review/follow-ups");
        Assert.Contains(followUp.Id.ToString(), page);
        Assert.Matches("剩余 \\d+ 个工作日", page);
        var city = await app.ApiAsync(Http.CityOperator);
        var cityList = await city.GetFromJsonAsync<JsonElement>("/api/v1/follow-ups?Status=Open&PageSize=100");
        Assert.Contains(cityList.GetProperty("items").EnumerateArray(), f => f.GetProperty("id").GetGuid() == followUp.Id);

        var now = app.Clock.GetUtcNow().UtcDateTime.AddHours(8);
        var future = await op.PostFormAsync($"/review/follow-ups?id={followUp.Id}",
            new() { ["calledAt"] = now.AddHours(2).ToString("yyyy-MM-ddTHH:mm"), ["note"] = "已回访", ["outcome"] = "问题已解决，企业认可" }, "/review/follow-ups");
        Assert.Equal((HttpStatusCode)422, future.StatusCode);
        Assert.Contains("回访时间不能晚于现在", await future.Content.ReadAsStringAsync());

        var done = await op.PostFormAsync($"/review/follow-ups?id={followUp.Id}",
            new() { ["calledAt"] = now.AddMinutes(-30).ToString("yyyy-MM-ddTHH:mm"), ["note"] = "已电话回访企业，机构已安排顾问上门。", ["outcome"] = "部分解决，机构继续跟进" },
            "/review/follow-ups");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var stored = await app.WithDbAsync(db => db.FollowUps.AsNoTracking().SingleAsync(f => f.Id == followUp.Id));
        Assert.Equal(FollowUpStatus.Done, stored.Status);
        Assert.Equal("陈立", stored.HandledByName);
        Assert.Equal("部分解决，机构继续跟进", stored.Outcome);
        var again = await city.PostJsonAsync($"/api/v1/follow-ups/{followUp.Id}/callback", new { calledBackAt = app.Clock.GetUtcNow().AddHours(-1), callbackNote = "再次" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("FOLLOW_UP_DONE", await Requests.CodeOf(again));
    }

    [Fact]
    public async Task The_institution_replies_once_and_appeals_once_and_an_upheld_appeal_leaves_the_rating()
    {
        var item = await app.PublishedItemAsync();
        var id = await app.RequestInAsync(RequestStatus.Completed, item.Id);
        var ent = await app.ApiAsync(Http.ApprovedEnterprise);
        var created = await ent.PostJsonAsync($"/api/v1/requests/{id}/evaluation", Scores(1, "收费不透明。"));
        var evaluationId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal((1, 1), ((await app.ItemAsync(item.Id)).EvaluationCount, (await app.ItemAsync(item.Id)).EvaluationTotal));

        var bank = await app.ApiAsync(Requests.BankPhone);
        Assert.Equal(HttpStatusCode.NotFound, (await bank.PostJsonAsync($"/api/v1/evaluations/{evaluationId}/reply", new { reply = "越权" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bank.PostJsonAsync($"/api/v1/evaluations/{evaluationId}/appeal", new { reason = "越权" })).StatusCode);

        var inst = await app.SignedInAsync(Http.Institution);
        var list = await inst.GetStringAsync("/institution/evaluations?Replied=false");
        Assert.Contains("收费不透明。", list);
        var replied = await inst.PostFormAsync($"/institution/evaluations?handler=Reply&id={evaluationId}", new() { ["reply"] = "收费标准已在项目页面公示。" },
            "/institution/evaluations");
        Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        var instApi = await app.ApiAsync(Http.Institution);
        var twice = await instApi.PostJsonAsync($"/api/v1/evaluations/{evaluationId}/reply", new { reply = "再回复" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("REPLY_EXISTS", await Requests.CodeOf(twice));

        var appealed = await inst.PostFormAsync($"/institution/evaluations?handler=Appeal&id={evaluationId}", new() { ["reason"] = "通话记录显示受理次日即已联系。" },
            "/institution/evaluations");
        Assert.Equal(HttpStatusCode.Redirect, appealed.StatusCode);
        var appealAgain = await instApi.PostJsonAsync($"/api/v1/evaluations/{evaluationId}/appeal", new { reason = "再次申诉" });
        Assert.Equal(HttpStatusCode.Conflict, appealAgain.StatusCode);
        Assert.Equal("APPEAL_EXISTS", await Requests.CodeOf(appealAgain));
        Assert.True(await app.WithDbAsync(db => db.InboxMessages.AnyAsync(m => m.Topic == "evaluation.appealed" && m.Link == "/review/appeals")));

        var county = await app.ApiAsync(Http.ZhuhuiOperator);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await county.PostJsonAsync($"/api/v1/evaluations/{evaluationId}/appeal-decision", new { uphold = true, decision = "越权" })).StatusCode);
        var cityPage = await app.SignedInAsync(Http.CityOperator);
        Assert.Contains("通话记录显示受理次日即已联系。", await cityPage.GetStringAsync("/review/appeals"));
        var noChoice = await cityPage.PostFormAsync($"/review/appeals?id={evaluationId}", new() { ["decision"] = "核实" }, "/review/appeals");
        Assert.Equal((HttpStatusCode)422, noChoice.StatusCode);
        var upheld = await cityPage.PostFormAsync($"/review/appeals?id={evaluationId}", new() { ["uphold"] = "true", ["decision"] = "经核实通话记录，评价与事实不符。" },
            "/review/appeals");
        Assert.Equal(HttpStatusCode.Redirect, upheld.StatusCode);
        var stored = await app.ItemAsync(item.Id);
        Assert.Equal((0, 0), (stored.EvaluationCount, stored.EvaluationTotal));
        var city = await app.ApiAsync(Http.CityOperator);
        var decideAgain = await city.PostJsonAsync($"/api/v1/evaluations/{evaluationId}/appeal-decision", new { uphold = false, decision = "再裁定" });
        Assert.Equal(HttpStatusCode.Conflict, decideAgain.StatusCode);
        Assert.Equal("APPEAL_STATUS_CONFLICT", await Requests.CodeOf(decideAgain));

        var audits = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "服务评价" && a.EntityId == evaluationId.ToString())
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["回复评价", "申诉评价", "裁定申诉成立"], audits);
        var seen = await (await app.ApiAsync(Http.ApprovedEnterprise)).GetFromJsonAsync<JsonElement>($"/api/v1/requests/{id}");
        Assert.Equal("经核实通话记录，评价与事实不符。", seen.GetProperty("evaluation").GetProperty("appealDecision").GetString());
        Assert.False(seen.GetProperty("evaluation").GetProperty("counts").GetBoolean());
    }

    [Fact]
    public async Task Public_figures_count_requests_completions_and_ratings()
    {
        var item = await app.PublishedItemAsync();
        await app.RequestInAsync(RequestStatus.Submitted, item.Id);
        var id = await app.RequestInAsync(RequestStatus.Completed, item.Id);
        var ent = await app.ApiAsync(Http.ApprovedEnterprise);
        await Requests.Ok(await ent.PostJsonAsync($"/api/v1/requests/{id}/evaluation", Scores(4)));
        var queries = app.Services.CreateScope().ServiceProvider.GetRequiredService<PublicEvaluations>();
        var stats = await queries.ItemStatsAsync(item.Id);
        Assert.Equal(new ItemStats(2, 1, 0.5, 1, 4.0), stats);
        Assert.Equal("50%", stats!.CompletionRateText);
        var page = await queries.ForItemAsync(item.Id, 1);
        Assert.Equal(4, Assert.Single(page.Items).Overall);
        var institution = await queries.InstitutionStatsAsync(item.InstitutionId);
        Assert.True(institution.Requests >= 2);
        Assert.Null(await queries.ItemStatsAsync(Guid.NewGuid()));
    }
}
