using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Surveys.Data;
using Qifu.Web.Platform.Standards;

namespace Qifu.Tests.Modules.Surveys;

[Collection(SurveysCollection.Name)]
public sealed class BatchTests(QifuApp app)
{
    [Fact]
    public async Task A_batch_goes_draft_to_open_to_closed_and_answers_are_taken_only_while_open()
    {
        var op = await app.ApiAsync(Http.CityOperator);
        var (qid, k) = await op.QuestionnaireAsync();
        var id = await op.BatchAsync(qid, regions: ["430405"], open: false, app: app);
        var ent = (await app.EnterprisesAsync(1))[0];

        // A draft does not exist for enterprises.
        Assert.Equal(HttpStatusCode.NotFound, (await ent.Client.GetAsync($"/api/v1/surveys/mine/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ent.Client.AnswerAsync(id, SurveyArrange.Answer(k))).StatusCode);

        var opened = await op.PostAsync($"/api/v1/surveys/batches/{id}/open", null);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("Open", (await opened.JsonAsync()).GetProperty("batch").GetProperty("status").GetString());
        var again = await op.PostAsync($"/api/v1/surveys/batches/{id}/open", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("BATCH_STATUS_CONFLICT", await again.CodeOf());
        var edit = await op.PutAsJsonAsync($"/api/v1/surveys/batches/{id}", new { questionnaireId = qid, title = "改名", closesAt = app.Clock.GetUtcNow().UtcDateTime.AddDays(3).ToString("s") });
        Assert.Equal("BATCH_STATUS_CONFLICT", await edit.CodeOf());

        Assert.Equal(HttpStatusCode.Created, (await ent.Client.AnswerAsync(id, SurveyArrange.Answer(k))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ent.Client.AnswerAsync(id, SurveyArrange.Answer(k, single: 2))).StatusCode);

        var closed = await op.PostAsync($"/api/v1/surveys/batches/{id}/close", null);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal("Closed", (await closed.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal("BATCH_STATUS_CONFLICT", await (await op.PostAsync($"/api/v1/surveys/batches/{id}/close", null)).CodeOf());
        var late = await ent.Client.AnswerAsync(id, SurveyArrange.Answer(k, single: 1));
        Assert.Equal((HttpStatusCode)422, late.StatusCode);
        Assert.Equal("SURVEY_CLOSED", await late.CodeOf());
        // The closed response is still the enterprise's to read, with the last answer it saved.
        var mine = await (await ent.Client.GetAsync($"/api/v1/surveys/mine/{id}")).JsonAsync();
        Assert.Equal(k.SingleOptions[2], mine.GetProperty("response").GetProperty("answers").GetProperty(k.Single).GetProperty("choices")[0].GetString());
    }

    [Fact]
    public async Task The_window_ends_at_the_closing_time_without_anyone_pressing_close()
    {
        var op = await app.ApiAsync(Http.CityOperator);
        var (qid, k) = await op.QuestionnaireAsync();
        var id = await op.BatchAsync(qid, regions: ["430421"], app: app);
        var ent = (await app.EnterprisesAsync(1, region: "430421"))[0];
        Assert.Equal(HttpStatusCode.Created, (await ent.Client.AnswerAsync(id, SurveyArrange.Answer(k))).StatusCode);
        var closes = await app.WithDbAsync(db => db.SurveyBatches.Where(b => b.Id == id).Select(b => b.ClosesAt).FirstAsync());
        // The shared fake clock only moves forward; every test here arranges its own batches relative to it.
            app.Clock.SetUtcNow(closes.AddSeconds(-1));
            Assert.Equal(HttpStatusCode.OK, (await ent.Client.AnswerAsync(id, SurveyArrange.Answer(k, single: 1))).StatusCode);
            app.Clock.SetUtcNow(closes);
            var late = await ent.Client.AnswerAsync(id, SurveyArrange.Answer(k, single: 2));
            Assert.Equal((HttpStatusCode)422, late.StatusCode);
            Assert.Equal("SURVEY_CLOSED", await late.CodeOf());
            op = await app.ApiAsync(Http.CityOperator); // the operator's one-hour token ran out while the clock moved on
            Assert.Equal("Closed", (await (await op.GetAsync($"/api/v1/surveys/batches/{id}")).JsonAsync()).GetProperty("status").GetString());
            var mine = await (await ent.Client.GetAsync("/api/v1/surveys/mine")).JsonAsync();
            Assert.DoesNotContain(mine.GetProperty("open").EnumerateArray(), m => m.GetProperty("batch").GetProperty("id").GetGuid() == id);
            Assert.Contains(mine.GetProperty("answered").EnumerateArray(), m => m.GetProperty("batch").GetProperty("id").GetGuid() == id);
        var past = await op.PostAsJsonAsync("/api/v1/surveys/batches", new { questionnaireId = qid, title = "过期批次", closesAt = "2020-01-01T00:00:00" });
        Assert.Equal("CLOSES_AT_INVALID", await past.CodeOf());
    }

    [Fact]
    public async Task Only_enterprises_in_the_audience_see_the_batch_and_get_the_inbox_message()
    {
        var op = await app.ApiAsync(Http.CityOperator);
        var (qid, k) = await op.QuestionnaireAsync();
        // 珠晖区 manufacturers (section C), small or micro.
        var id = await op.BatchAsync(qid, regions: ["430405"], industries: ["C"], sizes: ["Small", "Micro"], app: app);
        var inside = (await app.EnterprisesAsync(1, region: "430405", section: "C", size: SizeClass.Micro))[0];
        var otherRegion = (await app.EnterprisesAsync(1, region: "430421", section: "C", size: SizeClass.Small))[0];
        var otherIndustry = (await app.EnterprisesAsync(1, region: "430405", section: "I", division: "65", size: SizeClass.Small))[0];
        var otherSize = (await app.EnterprisesAsync(1, region: "430405", section: "C", size: SizeClass.Medium))[0];

        var open = await (await inside.Client.GetAsync("/api/v1/surveys/mine")).JsonAsync();
        Assert.Contains(open.GetProperty("open").EnumerateArray(), m => m.GetProperty("batch").GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.Created, (await inside.Client.AnswerAsync(id, SurveyArrange.Answer(k))).StatusCode);
        foreach (var outsider in new[] { otherRegion, otherIndustry, otherSize })
        {
            var list = await (await outsider.Client.GetAsync("/api/v1/surveys/mine")).JsonAsync();
            Assert.DoesNotContain(list.GetProperty("open").EnumerateArray(), m => m.GetProperty("batch").GetProperty("id").GetGuid() == id);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.Client.GetAsync($"/api/v1/surveys/mine/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.Client.AnswerAsync(id, SurveyArrange.Answer(k))).StatusCode);
        }
        Assert.Equal(1, await app.WithDbAsync(db => db.SurveyResponses.CountAsync(r => r.BatchId == id)));

        // Inbox: the demo enterprise 衡阳恒远机械 (珠晖区, 通用设备制造, medium? — whatever it is, the message follows the audience rule).
        var link = $"/enterprise/surveys/{id}";
        var (messages, expected) = await app.WithDbAsync(async db =>
        {
            var sent = await db.InboxMessages.Where(m => m.Link == link && m.Topic == "survey.opened").Select(m => m.UserId).ToListAsync();
            var audienceUsers = await db.Users.Where(u => u.EnterpriseId != null && !u.IsDisabled && db.Enterprises.Any(e => e.Id == u.EnterpriseId
                && e.Status == Qifu.Web.Platform.Registration.RegistrationStatus.Approved && e.RegionCode == "430405" && e.IndustrySection == "C"
                && (e.SizeClass == SizeClass.Small || e.SizeClass == SizeClass.Micro))).Select(u => u.Id).ToListAsync();
            return (sent, audienceUsers);
        });
        Assert.Equal(expected.Order(), messages.Order());
    }

    [Fact]
    public async Task A_county_operators_batch_reaches_its_own_county_only_and_other_counties_cannot_touch_it()
    {
        var zhuhui = await app.ApiAsync(Http.ZhuhuiOperator);
        var (qid, k) = await zhuhui.QuestionnaireAsync("珠晖区摸排问卷");
        // Asking for another county too is narrowed to its own.
        var id = await zhuhui.BatchAsync(qid, regions: ["430421", "430405"], app: app);
        var batch = await (await zhuhui.GetAsync($"/api/v1/surveys/batches/{id}")).JsonAsync();
        Assert.Equal(["430405"], batch.GetProperty("audience").GetProperty("regions").EnumerateArray().Select(r => r.GetString()!).ToArray());
        var hengyangEnterprise = (await app.EnterprisesAsync(1, region: "430421"))[0];
        Assert.Equal(HttpStatusCode.NotFound, (await hengyangEnterprise.Client.AnswerAsync(id, SurveyArrange.Answer(k))).StatusCode);

        var hengyang = await app.ApiAsync(Http.HengyangCountyOperator);
        Assert.Equal(HttpStatusCode.NotFound, (await hengyang.GetAsync($"/api/v1/surveys/batches/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hengyang.GetAsync($"/api/v1/surveys/batches/{id}/results")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hengyang.GetAsync($"/api/v1/surveys/batches/{id}/responses.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hengyang.PostAsync($"/api/v1/surveys/batches/{id}/close", null)).StatusCode);
        // A county operator reads a city batch but cannot run it.
        var city = await app.ApiAsync(Http.CityOperator);
        var cityBatch = await city.BatchAsync(qid, app: app);
        Assert.Equal(HttpStatusCode.OK, (await zhuhui.GetAsync($"/api/v1/surveys/batches/{cityBatch}/results")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await zhuhui.PostAsync($"/api/v1/surveys/batches/{cityBatch}/close", null)).StatusCode);
        Assert.Equal(BatchStatus.Open, await app.WithDbAsync(db => db.SurveyBatches.Where(b => b.Id == cityBatch).Select(b => b.Status).FirstAsync()));
    }
}
