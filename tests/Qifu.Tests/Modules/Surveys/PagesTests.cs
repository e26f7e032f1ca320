using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Surveys.Data;
using Qifu.Web.Modules.Surveys.ReadResults;

namespace Qifu.Tests.Modules.Surveys;

[Collection(SurveysCollection.Name)]
public sealed partial class PagesTests(QifuApp app)
{
    [Fact]
    public async Task A_county_operator_builds_a_questionnaire_and_opens_a_batch_on_the_pages_and_an_enterprise_answers_on_the_form()
    {
        var op = await app.SignedInAsync(Http.ZhuhuiOperator);
        var created = await op.PostFormAsync("/manage/surveys", new() { ["Input.Title"] = "珠晖区企业用工需求摸排", ["Input.Description"] = "了解用工缺口" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;

        var bad = await op.PostFormAsync(url + "?handler=AddQuestion", new() { ["Question.Type"] = "SingleChoice", ["Question.Title"] = "缺工岗位", ["Question.Options"] = "普工" }, url);
        Assert.Equal((HttpStatusCode)422, bad.StatusCode);
        Assert.Contains("第1题“缺工岗位”至少需要2个选项", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await op.PostFormAsync(url + "?handler=AddQuestion",
            new() { ["Question.Type"] = "MultipleChoice", ["Question.Title"] = "缺工岗位", ["Question.Options"] = "普工\n技工\n销售", ["Question.MaxChoices"] = "2",
                ["Question.AllowOther"] = "true", ["Question.Required"] = "true" }, url)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await op.PostFormAsync(url + "?handler=AddQuestion",
            new() { ["Question.Type"] = "Number", ["Question.Title"] = "缺工人数", ["Question.Min"] = "0", ["Question.Max"] = "500", ["Question.Required"] = "true" }, url)).StatusCode);
        var qid = Guid.Parse(url.Split('/').Last());
        var definition = await app.WithDbAsync(async db => (await db.Questionnaires.FirstAsync(q => q.Id == qid)).Definition());
        Assert.Equal(["缺工岗位", "缺工人数"], definition.Questions.Select(q => q.Title).ToArray());
        // Move the number question up: order changes, keys stay.
        var numberKey = definition.Questions.Last().Key;
        Assert.Equal(HttpStatusCode.Redirect, (await op.PostFormAsync($"{url}?handler=Move&key={numberKey}&by=-1", new(), url)).StatusCode);
        definition = await app.WithDbAsync(async db => (await db.Questionnaires.FirstAsync(q => q.Id == qid)).Definition());
        Assert.Equal(numberKey, definition.Questions.First().Key);
        var multi = definition.Questions.Last();

        var closes = app.Clock.GetUtcNow().UtcDateTime.AddHours(8).AddDays(7).ToString("yyyy-MM-ddTHH:mm");
        var batch = await op.PostFormAsync("/manage/surveys/batches/new", new()
        {
            ["Input.QuestionnaireId"] = qid.ToString(), ["Input.Title"] = "2026年第4批 珠晖区用工需求摸排", ["Input.ClosesAt"] = closes,
        });
        Assert.Equal(HttpStatusCode.Redirect, batch.StatusCode);
        var batchUrl = batch.Headers.Location!.OriginalString;
        var batchId = Guid.Parse(batchUrl.Split('/').Last());
        var opened = await op.PostFormAsync(batchUrl + "?handler=Open", new(), batchUrl);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Contains("进行中", await op.GetStringAsync(batchUrl));

        // The demo enterprise (珠晖区) sees it on its workbench and in its list, and answers on the form.
        var ent = await app.SignedInAsync(Http.ApprovedEnterprise);
        Assert.Matches(new Regex("<span class=\"card-value\">\\d+</span> 份需求摸排问卷待填写"), await ent.GetStringAsync("/workbench"));
        Assert.Contains($"/enterprise/surveys/{batchId}", await ent.GetStringAsync("/enterprise/surveys"));
        var form = $"/enterprise/surveys/{batchId}";
        var invalid = await ent.PostFormAsync(form, new()
        {
            [$"Input.Answers[{multi.Key}].Choices"] = "other", [$"Input.Answers[{numberKey}].Text"] = "600",
        });
        Assert.Equal((HttpStatusCode)422, invalid.StatusCode);
        var html = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("第2题“缺工岗位”选择了“其他”，请填写具体内容", html);
        Assert.Contains("第1题“缺工人数”应在0至500之间", html);
        var ok = await ent.PostFormAsync(form, new()
        {
            [$"Input.Answers[{multi.Key}].Choices"] = multi.Options[1].Key, [$"Input.Answers[{multi.Key}].Other"] = "", [$"Input.Answers[{numberKey}].Text"] = "12",
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var again = await ent.GetStringAsync(form);
        Assert.Contains("保存修改", again);
        Assert.Contains("value=\"12\"", again);

        // The operator's results show it, and the response page carries the readable text and the actions area.
        var results = await op.GetStringAsync($"/manage/surveys/batches/{batchId}/results");
        Assert.Contains("<th scope=\"row\">技工</th><td>1</td>", results);
        var responseId = await app.WithDbAsync(db => db.SurveyResponses.Where(r => r.BatchId == batchId).Select(r => r.Id).FirstAsync());
        var detail = await op.GetStringAsync($"/manage/surveys/responses/{responseId}");
        Assert.Contains("缺工岗位（多选）", detail);
        Assert.Contains("response-actions", detail);
        var text = await app.WithDbAsync(db => SurveyResponseText.DescribeAsync(db, responseId));
        Assert.Equal("1. 缺工人数：12\n2. 缺工岗位（多选）：技工", text);
    }

    [Fact]
    public async Task The_demo_has_a_closed_batch_with_fifteen_responses_and_an_open_one_and_every_page_answers()
    {
        var (closed, open) = await app.WithDbAsync(async db => (
            await db.SurveyBatches.FirstAsync(b => b.Title == "2026年第3批 企业需求摸排"),
            await db.SurveyBatches.FirstAsync(b => b.Title == "2026年第4批 企业需求摸排")));
        Assert.Equal(BatchStatus.Closed, closed.Status);
        Assert.Equal(BatchStatus.Open, open.Status);
        Assert.Equal(15, await app.WithDbAsync(db => db.SurveyResponses.CountAsync(r => r.BatchId == closed.Id)));
        var types = await app.WithDbAsync(async db => (await db.Questionnaires.FirstAsync(q => q.Id == closed.QuestionnaireId)).Definition().Questions.Select(q => q.Type).ToHashSet());
        Assert.Equal(Enum.GetValues<QuestionType>().ToHashSet(), types);

        var op = await app.SignedInAsync(Http.CityOperator);
        foreach (var page in new[] { "/manage/surveys", $"/manage/surveys/batches/{closed.Id}", $"/manage/surveys/batches/{closed.Id}/results",
                     $"/manage/surveys/batches/{closed.Id}/responses", $"/manage/surveys/questionnaires/{closed.QuestionnaireId}", "/manage/surveys/batches/new",
                     $"/manage/surveys/batches/{closed.Id}/results?Industry=C&Size=Small" })
            Assert.Equal(HttpStatusCode.OK, (await op.GetAsync(page)).StatusCode);
        // The page's export link works with the sign-in cookie, and the file has one row per response.
        var xlsx = await op.GetAsync($"/api/v1/surveys/batches/{closed.Id}/responses.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (var book = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
            Assert.Equal(16, book.Worksheets.First().RowsUsed().Count());
        var ent = await app.SignedInAsync(Http.ApprovedEnterprise);
        var mine = await ent.GetStringAsync("/enterprise/surveys");
        Assert.Contains("2026年第3批 企业需求摸排", mine);
        var past = await ent.GetStringAsync($"/enterprise/surveys/{closed.Id}");
        Assert.Contains("答卷不能再修改", past);
        Assert.Contains("我的答卷", past);
        Assert.NotEqual(HttpStatusCode.OK, (await ent.GetAsync($"/manage/surveys/batches/{closed.Id}")).StatusCode);
    }
}
