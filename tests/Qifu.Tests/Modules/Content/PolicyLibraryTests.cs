using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Content.Data;
using Qifu.Web.Platform.Regions;

namespace Qifu.Tests.Modules.Content;

/// <summary>The policy library (/policies, /api/v1/policies): validity by the dates, the filters, and policy ↔ interpretation links.</summary>
[Collection(ContentApp.Name)]
public sealed class PolicyLibraryTests(QifuApp app)
{
    [Fact]
    public async Task Validity_follows_the_dates_in_China_time_on_the_page_the_api_the_filter_and_matching()
    {
        var city = await app.ApiAsync(Http.CityOperator);
        var today = HengyangCalendar.Today(app.Clock);
        var tag = Articles.Unique("");
        async Task<Guid> Add(string title, Action<Dictionary<string, object?>> dates)
        {
            var body = Articles.Policy(title + tag);
            dates(body);
            return (await Articles.CreateAsync(city, body)).GetProperty("id").GetGuid();
        }
        var current = await Add("长期有效的普惠政策", _ => { });
        var endsToday = await Add("今日到期的稳岗政策", b => { b["validFrom"] = today.AddYears(-1); b["validUntil"] = today; });
        var expired = await Add("已过有效期的技改政策", b => { b["validFrom"] = today.AddYears(-2); b["validUntil"] = today.AddDays(-1); });
        var notYet = await Add("下月施行的新政策", b => b["validFrom"] = today.AddDays(10));
        var repealed = await Add("已废止的旧办法", b => { b["validity"] = "Repealed"; b["repealedOn"] = today.AddDays(-30); });

        async Task<List<Guid>> Filtered(string validity) =>
            (await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/policies?validity={validity}&q={tag}")).GetProperty("items")
            .EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        Same([current, endsToday], await Filtered("Current"));
        Assert.Equal([expired], await Filtered("Expired"));
        Assert.Equal([notYet], await Filtered("NotYetInForce"));
        Assert.Equal([repealed], await Filtered("Repealed"));
        var all = (await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/policies?q={tag}")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("Expired", all.Single(i => i.GetProperty("id").GetGuid() == expired).GetProperty("validity").GetString());
        Assert.Equal("已失效", all.Single(i => i.GetProperty("id").GetGuid() == expired).GetProperty("validityLabel").GetString());

        var list = await app.Browser().GetStringAsync($"/policies?Validity=Expired&Q={tag}");
        Assert.Contains("已过有效期的技改政策" + tag, list);
        Assert.DoesNotContain("长期有效的普惠政策" + tag, list);
        Assert.Contains("tag-muted\">已失效</span>", list);
        Assert.Contains("tag-muted\">已失效</span>", await app.Browser().GetStringAsync($"/articles/{expired}"));
        Assert.Contains("tag-ok\">现行有效</span>", await app.Browser().GetStringAsync($"/articles/{endsToday}"));
        var repealedPage = await app.Browser().GetStringAsync($"/articles/{repealed}");
        Assert.Contains("tag-muted\">已废止</span>", repealedPage);
        Assert.Contains($"{today.AddDays(-30):yyyy-MM-dd} 废止", repealedPage);
        var api = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/articles/{expired}");
        Assert.Equal("Expired", api.GetProperty("policy").GetProperty("validity").GetString());

        Same([current, endsToday], await MatchedAsync(tag));

        // Past midnight in Hengyang the policy that ended "today" has expired: nobody edited it.
        var untilMidnight = today.AddDays(1).ToDateTime(TimeOnly.MinValue) - app.Clock.GetUtcNow().UtcDateTime.AddHours(8);
        app.Clock.Advance(untilMidnight + TimeSpan.FromMinutes(1));
        Assert.Equal([current], await Filtered("Current"));
        Same([endsToday, expired], await Filtered("Expired"));
        Assert.Equal([current], await MatchedAsync(tag));
    }

    [Fact]
    public async Task Repealing_needs_a_date_not_in_the_future_and_expired_is_never_entered_by_hand()
    {
        var city = await app.ApiAsync(Http.CityOperator);
        var today = HengyangCalendar.Today(app.Clock);
        var title = Articles.Unique("废止日期校验");
        var body = Articles.Policy(title, validity: "Repealed");
        body["repealedOn"] = null;
        var response = await city.PostAsJsonAsync("/api/v1/articles", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("废止日期", problem.GetProperty("errors").GetProperty("repealedOn")[0].GetString());

        body["repealedOn"] = today.AddDays(5);
        response = await city.PostAsJsonAsync("/api/v1/articles", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("REPEALED_ON_INVALID", problem.GetProperty("code").GetString());

        response = await city.PostAsJsonAsync("/api/v1/articles", Articles.Policy(title, validity: "Expired"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("有效期", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("validity")[0].GetString());
        Assert.False(await app.WithDbAsync(db => db.Articles.AnyAsync(a => a.Title == title)));

        var form = await app.SignedInAsync(Http.CityOperator);
        var page = await form.PostFormAsync("/manage/articles/new", new()
        {
            ["Input.Kind"] = "Policy", ["Input.Title"] = title, ["Input.Body"] = "为规范专项资金管理，现将有关事项通知如下。", ["Input.Issuer"] = "衡阳市财政局",
            ["Input.Level"] = "City", ["Input.Theme"] = "财税支持", ["Input.Validity"] = "Repealed",
        });
        Assert.Contains("已废止的政策请填写废止日期", await page.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.Articles.AnyAsync(a => a.Title == title)));
    }

    [Fact]
    public async Task The_library_filters_by_level_issuer_theme_and_validity_on_the_page_and_the_api()
    {
        var city = await app.ApiAsync(Http.CityOperator);
        var today = HengyangCalendar.Today(app.Clock);
        var tag = Articles.Unique("");
        async Task<Guid> Add(string title, string level, string issuer, string theme, DateOnly? until = null)
        {
            var body = Articles.Policy(title + tag, level: level);
            body["issuer"] = issuer + tag;
            body["theme"] = theme;
            body["validUntil"] = until;
            return (await Articles.CreateAsync(city, body)).GetProperty("id").GetGuid();
        }
        var province = await Add("湖南省中小企业融资担保降费奖补办法", "Province", "湖南省财政厅", "融资促进");
        var finance = await Add("衡阳市小微企业贷款贴息实施细则", "City", "衡阳市财政局", "财税支持");
        var county = await Add("珠晖区科技创新券管理办法", "County", "珠晖区科技和工业信息化局", "创新支持", today.AddDays(-3));

        async Task<List<Guid>> Api(string query) =>
            (await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/policies?q={tag}&{query}")).GetProperty("items")
            .EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([province], await Api("level=Province"));
        Assert.Equal([finance], await Api("level=City"));
        Assert.Equal([finance], await Api("issuer=" + Uri.EscapeDataString("市财政局" + tag))); // any part of the name
        Assert.Equal([county], await Api("theme=" + Uri.EscapeDataString("创新支持")));
        Assert.Equal([county], await Api("validity=Expired"));
        Same([finance, province], await Api("validity=Current"));
        Assert.Empty(await Api("level=Province&theme=" + Uri.EscapeDataString("财税支持")));

        async Task<string> Page(string query) => await app.Browser().GetStringAsync($"/policies?Q={tag}&{query}");
        var byLevel = await Page("Level=County");
        Assert.Contains("珠晖区科技创新券管理办法" + tag, byLevel);
        Assert.DoesNotContain("湖南省中小企业融资担保降费奖补办法" + tag, byLevel);
        var byIssuer = await Page("Issuer=" + Uri.EscapeDataString("湖南省财政厅" + tag));
        Assert.Contains("湖南省中小企业融资担保降费奖补办法" + tag, byIssuer);
        Assert.DoesNotContain("衡阳市小微企业贷款贴息实施细则" + tag, byIssuer);
        var byTheme = await Page("Theme=" + Uri.EscapeDataString("财税支持"));
        Assert.Contains("衡阳市小微企业贷款贴息实施细则" + tag, byTheme);
        Assert.DoesNotContain("珠晖区科技创新券管理办法" + tag, byTheme);
        var byValidity = await Page("Validity=Current");
        Assert.Contains("衡阳市小微企业贷款贴息实施细则" + tag, byValidity);
        Assert.DoesNotContain("珠晖区科技创新券管理办法" + tag, byValidity);
    }

    [Fact]
    public async Task The_issuer_filter_suggests_every_issuer_not_the_first_hundred_and_the_lists_open_the_page_asked_for()
    {
        var tag = Articles.Unique("");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var issuers = Enumerable.Range(1, 120).Select(i => $"测试发文机关{tag}{i:000}").ToList();
        await app.WithDbAsync(db =>
        {
            foreach (var issuer in issuers)
            {
                // Repealed and without entered conditions: they stay out of every enterprise's matches.
                var a = new Article
                {
                    Id = Guid.NewGuid(), Kind = ArticleKind.Policy, Column = "policy", Title = "历史政策" + issuer, Body = "<p>历史政策正文。</p>",
                    RegionCode = RegionCodes.City, CreatedAt = now,
                    Policy = new PolicyDetails { Issuer = issuer, Level = PolicyLevel.City, Theme = "综合政策", Validity = PolicyValidity.Repealed, ApplicabilityUnknown = true },
                };
                a.Publish(now.AddDays(-1), now);
                db.Articles.Add(a);
            }
            return db.SaveChangesAsync();
        });
        await Articles.CreateAsync(await app.ApiAsync(Http.CityOperator), Articles.Policy(Articles.Unique("刷新列表缓存的政策")));

        var page = await app.Browser().GetStringAsync("/policies");
        Assert.Contains("<datalist id=\"issuers\">", page);
        Assert.All(issuers, issuer => Assert.Contains($"<option value=\"{issuer}\">", page));
        Assert.Contains("list=\"issuers\"", page);

        // 120 policies of that issuer are six pages of 20; the pager's own link opens the second.
        var second = await app.Browser().GetStringAsync($"/policies?Issuer={Uri.EscapeDataString("测试发文机关" + tag)}&Page=2");
        Assert.Contains("第 2 / 6 页", second);
        Assert.Contains("第 2 / ", await app.Browser().GetStringAsync("/articles?column=policy&Page=2"));
        Assert.Contains("第 2 / ", await (await app.SignedInAsync(Http.CityOperator)).GetStringAsync("/manage/articles?Page=2"));
    }

    [Fact]
    public async Task A_policy_lists_its_interpretations_and_an_interpretation_links_back_on_the_page_and_the_api()
    {
        var city = await app.ApiAsync(Http.CityOperator);
        var policyTitle = Articles.Unique("衡阳市促进民营经济发展若干措施");
        var policy = (await Articles.CreateAsync(city, Articles.Policy(policyTitle))).GetProperty("id").GetGuid();
        async Task<Guid> Interpret(string title, bool submit) => (await Articles.CreateAsync(city, new
        {
            kind = "Interpretation", title, body = "<p>一图读懂：措施共二十条，重点支持中小企业融资、用工和技术改造。</p>", submit, interpretsPolicyId = policy,
        })).GetProperty("id").GetGuid();
        var readingTitle = Articles.Unique("一图读懂民营经济二十条");
        var reading = await Interpret(readingTitle, submit: true);
        var draftTitle = Articles.Unique("尚未发布的解读");
        await Interpret(draftTitle, submit: false);

        var policyPage = await app.Browser().GetStringAsync($"/articles/{policy}");
        Assert.Contains("政策解读", policyPage);
        Assert.Contains($"<a href=\"/articles/{reading}\">{readingTitle}</a>", policyPage);
        Assert.DoesNotContain(draftTitle, policyPage);
        var readingPage = await app.Browser().GetStringAsync($"/articles/{reading}");
        Assert.Contains($"解读的政策：<a href=\"/articles/{policy}\">{policyTitle}</a>", readingPage);

        var policyApi = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/articles/{policy}");
        Assert.Equal([reading], policyApi.GetProperty("interpretations").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        var readingApi = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/articles/{reading}");
        Assert.Equal(policy, readingApi.GetProperty("interpretedPolicy").GetProperty("id").GetGuid());
        Assert.Equal($"/articles/{policy}", readingApi.GetProperty("interpretedPolicy").GetProperty("url").GetString());
    }

    private static void Same(Guid[] expected, List<Guid> actual) => Assert.Equal(expected.Order(), actual.Order());

    private async Task<List<Guid>> MatchedAsync(string tag) =>
        (await Articles.AllMatchesAsync(app)).Where(m => m.GetProperty("title").GetString()!.EndsWith(tag)).Select(m => m.GetProperty("id").GetGuid()).ToList();
}
