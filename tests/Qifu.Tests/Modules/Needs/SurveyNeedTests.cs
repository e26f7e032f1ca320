using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Support;

namespace Qifu.Tests.Modules.Needs;

/// <summary>需求摸排 → 企业需求: an operator turns a response into a need for its enterprise, within the operator's scope.</summary>
[Collection(NeedsCollection.Name)]
public sealed class SurveyNeedTests(QifuApp app)
{
    private Task<(Guid Id, string Region, Guid EnterpriseId)> DemoResponseAsync(string? region = null) => app.WithDbAsync(async db =>
    {
        var r = await db.SurveyResponses.Where(x => region == null || x.RegionCode == region).OrderBy(x => x.SubmittedAt).ThenBy(x => x.Id)
            .Select(x => new { x.Id, x.RegionCode, x.EnterpriseId }).FirstAsync();
        return (r.Id, r.RegionCode, r.EnterpriseId);
    });

    [Fact]
    public async Task An_operator_turns_a_response_into_a_need_that_goes_to_review_for_the_enterprise()
    {
        var (response, region, enterpriseId) = await DemoResponseAsync();
        var city = await app.ApiAsync(Http.CityOperator);

        var draft = await (await app.SignedInAsync(Http.CityOperator)).GetStringAsync($"/manage/surveys/responses/{response}/need");
        Assert.Contains("把答卷转为企业需求", draft);
        Assert.Contains($"/manage/surveys/responses/{response}/need", await (await app.SignedInAsync(Http.CityOperator)).GetStringAsync($"/manage/surveys/responses/{response}"));

        var bad = await city.PostAsJsonAsync($"/api/v1/needs/from-survey-responses/{response}", new { categoryCode = "finance", title = "短", description = "希望了解续贷政策和办理材料清单。" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("需求标题", await bad.Content.ReadAsStringAsync());
        var before = await app.WithDbAsync(db => db.Needs.CountAsync());

        var created = await city.PostAsJsonAsync($"/api/v1/needs/from-survey-responses/{response}",
            new { categoryCode = "finance", title = "流动资金贷款续贷需求（摸排反映）", description = "摸排中企业反映流动资金贷款三个月后到期，希望了解无还本续贷办理条件。" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var needId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var need = await app.WithDbAsync(db => db.Needs.SingleAsync(n => n.Id == needId));
        Assert.Equal(before + 1, await app.WithDbAsync(db => db.Needs.CountAsync()));
        Assert.Equal(enterpriseId, need.EnterpriseId);
        Assert.Equal(region, need.RegionCode);
        Assert.Equal("survey", need.Source);
        Assert.Equal(response, need.SourceId);
        Assert.Equal(Qifu.Web.Modules.Needs.Data.NeedStatus.PendingReview, need.Status);
        Assert.False(string.IsNullOrWhiteSpace(need.SourceText));

        // The draft page now lists the need made from this response.
        Assert.Contains(need.Title, await (await app.SignedInAsync(Http.CityOperator)).GetStringAsync($"/manage/surveys/responses/{response}/need"));
    }

    [Fact]
    public async Task A_county_operator_cannot_turn_another_countys_response_into_a_need()
    {
        var response = await app.WithDbAsync(db => db.SurveyResponses.Where(r => r.RegionCode != "430421").Select(r => r.Id).FirstAsync());
        var county = await app.ApiAsync(Http.HengyangCountyOperator);
        var before = await app.WithDbAsync(db => db.Needs.CountAsync());
        var post = await county.PostAsJsonAsync($"/api/v1/needs/from-survey-responses/{response}",
            new { categoryCode = "finance", title = "越权转为需求的尝试", description = "不应当被允许的转换，范围之外的答卷。" });
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInAsync(Http.HengyangCountyOperator)).GetAsync($"/manage/surveys/responses/{response}/need")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiAsync(Http.ApprovedEnterprise)).PostAsJsonAsync($"/api/v1/needs/from-survey-responses/{response}",
            new { categoryCode = "finance", title = "企业自己不能调用", description = "企业账号调用运营接口应被拒绝。" })).StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.Needs.CountAsync()));
    }
}
