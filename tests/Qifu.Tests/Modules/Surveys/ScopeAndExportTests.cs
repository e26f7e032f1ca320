using System.Net;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Support;

namespace Qifu.Tests.Modules.Surveys;

[Collection(SurveysCollection.Name)]
public sealed class ScopeAndExportTests(QifuApp app)
{
    [Fact]
    public async Task A_county_operator_sees_and_exports_only_its_countys_responses_of_a_city_batch()
    {
        var city = await app.ApiAsync(Http.CityOperator);
        var (qid, k) = await city.QuestionnaireAsync("范围测试问卷");
        var id = await city.BatchAsync(qid, regions: ["430405", "430421"], app: app);
        var zhuhui = await app.EnterprisesAsync(2, region: "430405");
        var hengyang = await app.EnterprisesAsync(3, region: "430421");
        var canary = "CANARY-B-" + Guid.NewGuid().ToString("N");
        foreach (var e in zhuhui)
            Assert.Equal(HttpStatusCode.Created, (await e.Client.AnswerAsync(id, SurveyArrange.Answer(k, single: 0, longText: "珠晖区企业希望多办银企对接会"))).StatusCode);
        foreach (var e in hengyang)
            Assert.Equal(HttpStatusCode.Created, (await e.Client.AnswerAsync(id, SurveyArrange.Answer(k, single: 1, text: canary, longText: canary))).StatusCode);

        var op = await app.ApiAsync(Http.ZhuhuiOperator);
        var resultsResponse = await op.GetAsync($"/api/v1/surveys/batches/{id}/results");
        var body = await resultsResponse.Content.ReadAsStringAsync();
        Assert.DoesNotContain(canary, body);
        var results = await resultsResponse.JsonAsync();
        Assert.Equal(2, results.GetProperty("responses").GetInt32());
        Assert.Equal("430405", results.GetProperty("limitedToRegion").GetString());
        var single = results.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("key").GetString() == k.Single);
        Assert.Equal([2, 0, 0], single.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("count").GetInt32()).ToArray());
        Assert.Equal(["430405"], results.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("regionCode").GetString()!).ToArray());
        // Asking for the other county's region filter changes nothing.
        var sneaky = await (await op.GetAsync($"/api/v1/surveys/batches/{id}/results?region=430421")).JsonAsync();
        Assert.Equal(2, sneaky.GetProperty("responses").GetInt32());

        var responses = await (await op.GetAsync($"/api/v1/surveys/batches/{id}/responses")).JsonAsync();
        Assert.Equal(2, responses.GetProperty("total").GetInt32());
        Assert.DoesNotContain(canary, await (await op.GetAsync($"/api/v1/surveys/batches/{id}/texts/{k.Long}")).Content.ReadAsStringAsync());
        var otherResponse = await app.WithDbAsync(db => db.SurveyResponses.Where(r => r.BatchId == id && r.RegionCode == "430421").Select(r => r.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync($"/api/v1/surveys/responses/{otherResponse}")).StatusCode);
        var pageClient = await app.SignedInAsync(Http.ZhuhuiOperator);
        Assert.Equal(HttpStatusCode.NotFound, (await pageClient.GetAsync($"/manage/surveys/responses/{otherResponse}")).StatusCode);
        Assert.DoesNotContain(canary, await pageClient.GetStringAsync($"/manage/surveys/batches/{id}/results"));
        Assert.DoesNotContain(canary, await pageClient.GetStringAsync($"/manage/surveys/batches/{id}/responses"));

        // Export: read back with another library (ClosedXML); every row is a 珠晖区 response, the canary never appears.
        var auditsBefore = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "导出问卷结果" && a.EntityId == id.ToString()));
        var export = await op.GetAsync($"/api/v1/surveys/batches/{id}/responses.xlsx");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var rows = ReadXlsx(await export.Content.ReadAsByteArrayAsync());
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("珠晖区", r["所在区县"]));
        Assert.All(rows, r => Assert.DoesNotContain(r.Values, v => v.Contains(canary)));
        Assert.Equal(zhuhui.Select(e => e.Name).Order(), rows.Select(r => r["企业名称"]).Order());
        Assert.Equal(auditsBefore + 1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "导出问卷结果" && a.EntityId == id.ToString())));

        // The city operator's export has everything: one column per question, per multiple-choice option and per matrix row.
        var all = ReadXlsx(await (await city.GetAsync($"/api/v1/surveys/batches/{id}/responses.xlsx")).Content.ReadAsByteArrayAsync());
        Assert.Equal(5, all.Count);
        Assert.Equal(3, all.Count(r => r["所在区县"] == "衡阳县"));
        var first = all.First(r => r["所在区县"] == "衡阳县");
        Assert.Equal("持平", first["Q1 经营状况"]);
        Assert.Equal("1", first["Q2 最需要的服务 - 融资"]);
        Assert.Equal("0", first["Q2 最需要的服务 - 培训"]);
        Assert.Equal("50", first["Q3 职工人数"]);
        Assert.Equal(canary, first["Q4 希望的活动"]);
        Assert.Equal("满意", first["Q6 满意度 - 融资服务"]);
        Assert.Equal("一般", first["Q6 满意度 - 政策宣传"]);
    }

    private static List<Dictionary<string, string>> ReadXlsx(byte[] content)
    {
        using var book = new XLWorkbook(new MemoryStream(content));
        var sheet = book.Worksheets.First();
        var header = sheet.Row(1).CellsUsed().ToDictionary(c => c.Address.ColumnNumber, c => c.GetString());
        return sheet.RowsUsed().Skip(1)
            .Select(row => header.ToDictionary(h => h.Value, h => row.Cell(h.Key).GetString()))
            .ToList();
    }
}
