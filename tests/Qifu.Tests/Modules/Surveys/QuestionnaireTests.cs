using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qifu.Tests.Support;

namespace Qifu.Tests.Modules.Surveys;

[Collection(SurveysCollection.Name)]
public sealed class QuestionnaireTests(QifuApp app)
{
    private static object One(object question) => new { title = "校验用问卷", sections = new[] { new { title = "", questions = new[] { question } } } };

    [Fact]
    public async Task Bad_questionnaires_are_refused_with_the_question_named_and_nothing_saved()
    {
        var op = await app.ApiAsync(Http.CityOperator);
        var before = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Questionnaires));
        var cases = new (object Body, string Message)[]
        {
            (One(new { type = "SingleChoice", title = "经营状况", options = new[] { new { label = "好转" } } }), "第1题“经营状况”至少需要2个选项"),
            (One(new { type = "MultipleChoice", title = "需要的服务", maxChoices = 5, options = new[] { new { label = "融资" }, new { label = "培训" } } }),
                "第1题“需要的服务”的最多可选项数应在1至2之间"),
            (One(new { type = "SingleChoice", title = "规模", options = new[] { new { label = "小" }, new { label = "小" } } }), "第1题“规模”的选项“小”重复"),
            (One(new { type = "Number", title = "职工人数", min = 100, max = 10 }), "第1题“职工人数”的最小值不能大于最大值"),
            (One(new { type = "Matrix", title = "满意度", rows = new[] { new { label = "融资" } }, columns = new[] { new { label = "满意" } } }), "第1题“满意度”至少需要2列"),
            (One(new { type = "ShortText", title = "" }), "第1题未填写题目"),
        };
        foreach (var (body, message) in cases)
        {
            var response = await op.PostAsJsonAsync("/api/v1/surveys/questionnaires", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var json = await response.JsonAsync();
            Assert.Equal("QUESTIONNAIRE_INVALID", json.GetProperty("code").GetString());
            Assert.Equal(message, json.GetProperty("title").GetString());
        }
        var noTitle = await op.PostAsJsonAsync("/api/v1/surveys/questionnaires", new { title = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noTitle.StatusCode);
        Assert.Contains("请填写问卷名称", await noTitle.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Questionnaires)));
    }

    [Fact]
    public async Task Editing_a_draft_keeps_the_keys_of_what_stayed_and_a_questionnaire_is_frozen_once_a_batch_opens()
    {
        var op = await app.ApiAsync(Http.CityOperator);
        var (id, k) = await op.QuestionnaireAsync("键稳定测试问卷");
        var current = await (await op.GetAsync($"/api/v1/surveys/questionnaires/{id}")).JsonAsync();
        var sections = JsonSerializer.Deserialize<List<Dictionary<string, JsonElement>>>(current.GetProperty("sections").GetRawText())!;

        // Reorder: move the second section first, reword the single-choice question, add a question without a key.
        var edited = new object[]
        {
            sections[1],
            new
            {
                key = sections[0]["key"].GetString(), title = "经营情况（修订）",
                questions = new object[]
                {
                    new { key = k.Single, type = "SingleChoice", title = "今年经营状况（修订）", required = true,
                        options = new[] { new { key = (string?)k.SingleOptions[0], label = "好转" }, new { key = (string?)k.SingleOptions[2], label = "下降" }, new { key = (string?)null, label = "持平" } } },
                    new { type = "ShortText", title = "新增的题目" },
                },
            },
        };
        var put = await op.PutAsJsonAsync($"/api/v1/surveys/questionnaires/{id}", new { title = "键稳定测试问卷", sections = edited });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var after = await put.JsonAsync();
        var questions = after.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("questions").EnumerateArray()).ToList();
        var single = questions.Single(q => q.GetProperty("key").GetString() == k.Single);
        Assert.Equal("今年经营状况（修订）", single.GetProperty("title").GetString());
        var options = single.GetProperty("options").EnumerateArray().Select(o => (o.GetProperty("key").GetString(), o.GetProperty("label").GetString())).ToList();
        Assert.Equal((k.SingleOptions[0], "好转"), options[0]);
        Assert.Equal((k.SingleOptions[2], "下降"), options[1]);
        // The new option and question get keys never used before.
        var used = new string?[] { k.Single, k.Multi, k.Number, k.Short, k.Long, k.Matrix }.Concat(k.SingleOptions).Concat(k.MultiOptions).Concat(k.Rows).Concat(k.Columns).ToHashSet<string?>();
        Assert.DoesNotContain(options[2].Item1, used);
        var added = questions.Single(q => q.GetProperty("title").GetString() == "新增的题目").GetProperty("key").GetString();
        Assert.DoesNotContain(added, used);
        Assert.Contains(questions, q => q.GetProperty("key").GetString() == k.Matrix);

        await op.BatchAsync(id, app: app);
        var frozen = await op.PutAsJsonAsync($"/api/v1/surveys/questionnaires/{id}", new { title = "键稳定测试问卷", sections = edited });
        Assert.Equal(HttpStatusCode.Conflict, frozen.StatusCode);
        Assert.Equal("QUESTIONNAIRE_FROZEN", await frozen.CodeOf());
        Assert.True((await (await op.GetAsync($"/api/v1/surveys/questionnaires/{id}")).JsonAsync()).GetProperty("frozen").GetBoolean());
        // The title may still change, and a copy is a new, editable draft with the same questions.
        Assert.Equal(HttpStatusCode.OK, (await op.PutAsJsonAsync($"/api/v1/surveys/questionnaires/{id}", new { title = "键稳定测试问卷（已用）" })).StatusCode);
        var copy = await op.PostAsync($"/api/v1/surveys/questionnaires/{id}/copy", null);
        Assert.Equal(HttpStatusCode.Created, copy.StatusCode);
        var copyBody = await copy.JsonAsync();
        Assert.False(copyBody.GetProperty("frozen").GetBoolean());
        Assert.Equal(questions.Count, copyBody.GetProperty("sections").EnumerateArray().Sum(s => s.GetProperty("questions").GetArrayLength()));
        var delete = await op.DeleteAsync($"/api/v1/surveys/questionnaires/{id}");
        Assert.Equal("QUESTIONNAIRE_IN_USE", await delete.CodeOf());
    }

    [Fact]
    public async Task A_county_operator_reads_city_questionnaires_but_changes_only_its_own()
    {
        var city = await app.ApiAsync(Http.CityOperator);
        var (cityQ, _) = await city.QuestionnaireAsync("市级问卷");
        var zhuhui = await app.ApiAsync(Http.ZhuhuiOperator);
        var (ownQ, _) = await zhuhui.QuestionnaireAsync("珠晖区问卷");
        var hengyang = await app.ApiAsync(Http.HengyangCountyOperator);

        Assert.Equal(HttpStatusCode.OK, (await zhuhui.GetAsync($"/api/v1/surveys/questionnaires/{cityQ}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await zhuhui.PutAsJsonAsync($"/api/v1/surveys/questionnaires/{cityQ}", new { title = "改市级问卷" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hengyang.GetAsync($"/api/v1/surveys/questionnaires/{ownQ}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hengyang.PostAsync($"/api/v1/surveys/questionnaires/{ownQ}/copy", null)).StatusCode);
        var list = await (await hengyang.GetAsync("/api/v1/surveys/questionnaires")).JsonAsync();
        Assert.DoesNotContain(list.EnumerateArray(), q => q.GetProperty("id").GetGuid() == ownQ);
        var enterprise = await app.ApiAsync(Http.ApprovedEnterprise);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync("/api/v1/surveys/questionnaires")).StatusCode);
    }
}
