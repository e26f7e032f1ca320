using System.Net;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Support;

namespace Qifu.Tests.Modules.Surveys;

[Collection(SurveysCollection.Name)]
public sealed class ResponseTests(QifuApp app)
{
    [Fact]
    public async Task Bad_answers_are_refused_with_the_question_named_and_nothing_saved()
    {
        var op = await app.ApiAsync(Http.CityOperator);
        var (qid, k) = await op.QuestionnaireAsync();
        var id = await op.BatchAsync(qid, regions: ["430405"], app: app);
        var ent = (await app.EnterprisesAsync(1))[0];

        async Task<Dictionary<string, string>> Errors(object body)
        {
            var response = await ent.Client.AnswerAsync(id, body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var json = await response.JsonAsync();
            Assert.Equal("VALIDATION_FAILED", json.GetProperty("code").GetString());
            return json.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value[0].GetString()!);
        }

        var empty = await Errors(new { answers = new Dictionary<string, object>() });
        Assert.Equal("请回答第1题“经营状况”", empty[$"answers.{k.Single}"]);
        Assert.Equal("请回答第2题“最需要的服务”", empty[$"answers.{k.Multi}"]);
        Assert.Equal("请回答第3题“职工人数”", empty[$"answers.{k.Number}"]);
        Assert.Equal("第6题“满意度”的“融资服务”一行未选择", empty[$"answers.{k.Matrix}"]);
        Assert.False(empty.ContainsKey($"answers.{k.Short}"));

        var tooMany = await Errors(SurveyArrange.Answer(k, multi: [k.MultiOptions[0], k.MultiOptions[1], k.MultiOptions[2]]));
        Assert.Equal("第2题“最需要的服务”最多选择2项，您选择了3项", tooMany[$"answers.{k.Multi}"]);
        var otherWithoutText = await Errors(SurveyArrange.Answer(k, multi: [k.MultiOptions[0], "other"]));
        Assert.Equal("第2题“最需要的服务”选择了“其他”，请填写具体内容", otherWithoutText[$"answers.{k.Multi}"]);
        var outOfRange = await Errors(SurveyArrange.Answer(k, number: 1001));
        Assert.Equal("第3题“职工人数”应在0至1000之间", outOfRange[$"answers.{k.Number}"]);
        var unknownOption = await Errors(SurveyArrange.Answer(k, multi: ["o999"]));
        Assert.Equal("第2题“最需要的服务”没有“o999”这个选项", unknownOption[$"answers.{k.Multi}"]);

        Assert.Equal(0, await app.WithDbAsync(db => db.SurveyResponses.CountAsync(r => r.BatchId == id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.SurveyAnswers.CountAsync(a => a.BatchId == id)));
        var ok = await ent.Client.AnswerAsync(id, SurveyArrange.Answer(k, multi: [k.MultiOptions[0], "other"], other: "厂房租赁"));
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
    }

    [Fact]
    public async Task Ten_simultaneous_submissions_by_one_enterprise_end_with_exactly_one_response_and_no_server_error()
    {
        var op = await app.ApiAsync(Http.CityOperator);
        var (qid, k) = await op.QuestionnaireAsync();
        var id = await op.BatchAsync(qid, regions: ["430405"], app: app);
        foreach (var ent in await app.EnterprisesAsync(3))
        {
            using var start = new SemaphoreSlim(0);
            var tasks = Enumerable.Range(0, 10).Select(async i =>
            {
                await start.WaitAsync();
                var response = await ent.Client.AnswerAsync(id, SurveyArrange.Answer(k, single: i % 3, number: i));
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            }).ToList();
            start.Release(10);
            var results = await Task.WhenAll(tasks);
            Assert.All(results, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)r.StatusCode}: {r.Body}"));
            Assert.True(results.Count(r => r.StatusCode == HttpStatusCode.Created) <= 1);
            var (responses, numberAnswers) = await app.WithDbAsync(async db => (
                await db.SurveyResponses.CountAsync(r => r.BatchId == id && r.EnterpriseId == ent.Id),
                await db.SurveyAnswers.CountAsync(a => a.BatchId == id && a.QuestionKey == k.Number
                    && db.SurveyResponses.Any(r => r.Id == a.ResponseId && r.EnterpriseId == ent.Id))));
            Assert.Equal(1, responses);
            // Edits replace the answers: one number answer, not one per request.
            Assert.Equal(1, numberAnswers);
        }
    }

    [Fact]
    public async Task Live_counts_count_each_chosen_option_once_and_match_a_recount_from_the_rows()
    {
        var op = await app.ApiAsync(Http.CityOperator);
        var (qid, k) = await op.QuestionnaireAsync("计数测试问卷");
        var id = await op.BatchAsync(qid, regions: ["430405", "430421"], app: app);
        var ents = await app.EnterprisesAsync(4);
        var m = k.MultiOptions;
        await ents[0].Client.AnswerAsync(id, SurveyArrange.Answer(k, single: 0, multi: [m[0], m[1]]));
        await ents[1].Client.AnswerAsync(id, SurveyArrange.Answer(k, single: 0, multi: [m[0]]));
        await ents[2].Client.AnswerAsync(id, SurveyArrange.Answer(k, single: 1, multi: [m[1], "other"], other: "用地"));
        await ents[3].Client.AnswerAsync(id, SurveyArrange.Answer(k, single: 2, multi: [m[2]]));
        // An edit moves the count instead of adding to it.
        await ents[3].Client.AnswerAsync(id, SurveyArrange.Answer(k, single: 2, multi: [m[0], m[2]]));

        var results = await (await op.GetAsync($"/api/v1/surveys/batches/{id}/results")).JsonAsync();
        Assert.Equal(4, results.GetProperty("responses").GetInt32());
        var multi = results.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("key").GetString() == k.Multi);
        var counts = multi.GetProperty("options").EnumerateArray().ToDictionary(o => o.GetProperty("key").GetString()!, o => o.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { [m[0]] = 3, [m[1]] = 2, [m[2]] = 1, ["other"] = 1 }, counts);
        Assert.Equal(4, multi.GetProperty("answered").GetInt32());

        // Recount from the rows: one answer row per chosen option.
        var recount = await app.WithDbAsync(db => db.SurveyAnswers.Where(a => a.BatchId == id && a.QuestionKey == k.Multi)
            .GroupBy(a => a.OptionKey!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        Assert.Equal(recount, counts.Where(c => c.Value > 0).ToDictionary());
        var single = results.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("key").GetString() == k.Single);
        Assert.Equal([2, 1, 1], single.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("count").GetInt32()).ToArray());
        var matrix = results.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("key").GetString() == k.Matrix);
        Assert.Equal(4, matrix.GetProperty("matrix")[0].GetProperty("columns")[0].GetProperty("count").GetInt32());
        var rates = results.GetProperty("regions").EnumerateArray().ToDictionary(r => r.GetProperty("regionCode").GetString()!, r => r.GetProperty("responses").GetInt32());
        Assert.Equal(4, rates["430405"]);

        // The page shows the same numbers in its table and draws a bar per option.
        var page = await (await app.SignedInAsync(Http.CityOperator)).GetStringAsync($"/manage/surveys/batches/{id}/results");
        Assert.Contains("<th scope=\"row\">融资</th><td>3</td>", page);
        Assert.Contains($"data-option=\"{m[0]}\" data-count=\"3\"", page);
        Assert.Contains("aria-hidden=\"true\"", page);
    }
}
