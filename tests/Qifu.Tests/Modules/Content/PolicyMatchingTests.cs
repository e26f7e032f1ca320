using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Content.Data;
using Qifu.Web.Modules.Content.MatchPolicies;
using Qifu.Web.Platform.Standards;

namespace Qifu.Tests.Modules.Content;

[Collection(ContentApp.Name)]
public sealed class PolicyMatchingTests(QifuApp app)
{
    private const string Enterprise = "衡阳恒远机械制造有限公司"; // 珠晖区, 制造业 (34), tags zjtx,gs

    [Fact]
    public async Task Hard_conditions_filter_then_targeted_policies_rank_first_with_reasons_and_unchecked_conditions()
    {
        var size = await app.WithDbAsync(db => db.Enterprises.Where(e => e.Name == Enterprise).Select(e => e.SizeClass).SingleAsync());
        var city = await app.ApiAsync(Http.CityOperator);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        var tag = Articles.Unique("");
        async Task<Guid> Add(string title, Dictionary<string, object?> body) =>
            (await Articles.CreateAsync(city, body)).GetProperty("id").GetGuid();

        var targeted = await Add("专精特新", Articles.Policy("专精特新奖补" + tag, sizes: [size.ToString(), "Micro"], sections: ["C"], regions: ["430405"],
            quals: ["zjtx"], other: "上年度研发投入占营业收入比重不低于3%", applyUntil: today.AddDays(20)));
        var citywide = await Add("全市", Articles.Policy("全市制造业技改补贴" + tag, sections: ["C"], regions: ["430400"]));
        var general = await Add("普惠", Articles.Policy("普惠性减税降费" + tag, level: "National"));
        var wrongIndustry = await Add("软件", Articles.Policy("软件企业认定奖励" + tag, sections: ["I"]));
        var otherCounty = await Add("衡阳县", Articles.Policy("衡阳县农业产业化扶持" + tag, regions: ["430421"]));
        var wrongQual = await Add("高企", Articles.Policy("高新技术企业培育" + tag, quals: ["gxjs"]));
        var repealed = await Add("废止", Articles.Policy("已废止的旧政策" + tag, validity: "Repealed"));
        var closed = await Add("已截止", Articles.Policy("申报已截止的政策" + tag, applyUntil: today.AddDays(-1)));
        var notOpen = await Add("未开始", Articles.Policy("尚未开始申报的政策" + tag, applyFrom: today.AddDays(5)));
        var wrongSize = await Add("大型", Articles.Policy("大型企业总部奖励" + tag, sizes: [size == SizeClass.Large ? "Micro" : "Large"]));

        var mine = (await Articles.AllMatchesAsync(app)).Where(m => m.GetProperty("title").GetString()!.EndsWith(tag)).ToList();
        var ids = mine.Select(m => m.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([targeted, citywide, general], ids);
        foreach (var excluded in new[] { wrongIndustry, otherCounty, wrongQual, repealed, closed, notOpen, wrongSize }) Assert.DoesNotContain(excluded, ids);

        var first = mine[0];
        var reason = first.GetProperty("reason").GetString()!;
        Assert.Contains($"规模：{SizeClasses.Label(size)}企业", reason);
        Assert.Contains("行业：制造业", reason);
        Assert.Contains("区域：珠晖区", reason);
        Assert.Contains("资质：专精特新中小企业", reason);
        Assert.Contains("申报截止", reason);
        Assert.Contains("上年度研发投入占营业收入比重不低于3%", first.GetProperty("unchecked").EnumerateArray().Select(u => u.GetString()));
        Assert.Contains("属衡阳市", mine[1].GetProperty("reason").GetString());
        Assert.Equal("面向所有企业", mine[2].GetProperty("reason").GetString());

        var page = await (await app.SignedInAsync(Http.ApprovedEnterprise)).GetStringAsync("/enterprise/policies");
        Assert.Contains("专精特新奖补" + tag, page);
        Assert.Contains("资质：专精特新中小企业", page);
        Assert.Contains("平台无法核对", page);
        Assert.DoesNotContain("软件企业认定奖励" + tag, page);
        var workbench = await (await app.SignedInAsync(Http.ApprovedEnterprise)).GetStringAsync("/workbench");
        Assert.Contains("适用于我的政策", workbench);
    }

    [Fact]
    public async Task An_unknown_size_class_does_not_exclude_but_is_listed_as_not_checked()
    {
        var id = await app.WithDbAsync(db => db.Enterprises.Where(e => e.Name == Enterprise).Select(e => e.Id).SingleAsync());
        var original = await app.WithDbAsync(db => db.Enterprises.Where(e => e.Id == id).Select(e => e.SizeClass).SingleAsync());
        var city = await app.ApiAsync(Http.CityOperator);
        var title = Articles.Unique("小微企业稳岗补贴");
        await Articles.CreateAsync(city, Articles.Policy(title, sizes: ["Small", "Micro"]));
        await app.WithDbAsync(db => db.Enterprises.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.SizeClass, SizeClass.Unknown)));
        try
        {
            var match = (await Articles.AllMatchesAsync(app)).Single(m => m.GetProperty("title").GetString() == title);
            Assert.Contains(match.GetProperty("unchecked").EnumerateArray(), u => u.GetString()!.StartsWith("企业规模"));
        }
        finally
        {
            await app.WithDbAsync(db => db.Enterprises.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.SizeClass, original)));
        }
    }

    [Fact]
    public async Task Matches_come_a_page_at_a_time_with_the_total_on_the_api_and_the_page_and_the_workbench_keeps_five()
    {
        var city = await app.ApiAsync(Http.CityOperator);
        for (var i = 0; i < 21; i++) await Articles.CreateAsync(city, Articles.Policy(Articles.Unique($"中小企业普惠政策第{i + 1}号")));
        var enterprise = await app.ApiAsync(Http.ApprovedEnterprise);
        var whole = await enterprise.GetFromJsonAsync<JsonElement>("/api/v1/enterprise/policy-matches?pageSize=100");
        var total = whole.GetProperty("total").GetInt32();
        Assert.True(total > 20, $"total {total}");
        var all = whole.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()).ToList();

        var first = await enterprise.GetFromJsonAsync<JsonElement>("/api/v1/enterprise/policy-matches?page=1&pageSize=4");
        var second = await enterprise.GetFromJsonAsync<JsonElement>("/api/v1/enterprise/policy-matches?page=2&pageSize=4");
        Assert.Equal(total, first.GetProperty("total").GetInt32());
        Assert.Equal(4, first.GetProperty("pageSize").GetInt32());
        Assert.Equal(2, second.GetProperty("page").GetInt32());
        var paged = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(m => m.GetProperty("id").GetGuid());
        Assert.Equal(all.Take(8), paged);
        var defaults = await enterprise.GetFromJsonAsync<JsonElement>("/api/v1/enterprise/policy-matches");
        Assert.Equal(20, defaults.GetProperty("items").GetArrayLength());
        Assert.Equal(100, (await enterprise.GetFromJsonAsync<JsonElement>("/api/v1/enterprise/policy-matches?pageSize=5000")).GetProperty("pageSize").GetInt32());

        var browser = await app.SignedInAsync(Http.ApprovedEnterprise);
        var page2 = await browser.GetStringAsync("/enterprise/policies?page=2");
        Assert.Contains($"共 {total} 件适用政策", page2);
        Assert.Contains("rel=\"prev\"", page2);
        Assert.Contains("<ol class=\"match-list\" start=\"21\">", page2);
        Assert.Equal(Math.Min(20, total - 20), System.Text.RegularExpressions.Regex.Count(page2, "<p>匹配原因："));
        var workbench = await browser.GetStringAsync("/workbench");
        Assert.Equal(5, System.Text.RegularExpressions.Regex.Count(workbench, "<p>匹配原因："));
        Assert.Contains($"查看全部适用政策（共 {total} 条）", workbench);
    }

    [Fact]
    public async Task Only_enterprises_have_policy_matches()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiAsync(Http.CityOperator)).GetAsync("/api/v1/enterprise/policy-matches")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/enterprise/policy-matches")).StatusCode);
    }
}
