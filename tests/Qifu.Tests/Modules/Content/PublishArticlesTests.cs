using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Content.Data;
using Qifu.Web.Modules.Content.PublishArticles;
using Qifu.Web.Platform.Dictionaries;

namespace Qifu.Tests.Modules.Content;

[Collection(ContentApp.Name)]
public sealed class PublishArticlesTests(QifuApp app)
{
    [Fact]
    public async Task A_city_article_is_published_at_once_sanitised_counted_and_logged_for_search()
    {
        var city = await app.ApiAsync(Http.CityOperator);
        var before = await HeadlineAsync();
        var title = Articles.Unique("市中小企业服务中心走进园区");
        var a = await Articles.CreateAsync(city, Articles.News(title));
        var id = a.GetProperty("id").GetGuid();
        Assert.Equal("Published", a.GetProperty("status").GetString());
        Assert.DoesNotContain("<script", a.GetProperty("body").GetString());

        var page = await app.Browser().GetStringAsync($"/articles/{id}");
        Assert.Contains(title, page);
        Assert.Contains("浏览次数", page);
        var api = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/articles/{id}");
        Assert.Equal(2, api.GetProperty("viewCount").GetInt32());
        // Views are written in batches: what the page showed is what the table holds once this node has written them.
        await app.Services.GetRequiredService<Qifu.Web.Modules.Content.ReadArticles.ArticleViews>().StopAsync(default);
        Assert.Equal(2, await app.WithDbAsync(db => db.Articles.Where(x => x.Id == id).Select(x => x.ViewCount).SingleAsync()));
        Assert.Equal(before + 1, await HeadlineAsync());
        Assert.True(await app.WithDbAsync(db => db.SearchChanges.AnyAsync(c => c.Kind == "news" && c.EntityId == id)));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.EntityId == id.ToString() && e.Action == "发布文章")));
        var list = await app.Browser().GetStringAsync("/articles?column=work");
        Assert.Contains(title, list);
    }

    [Fact]
    public async Task A_scheduled_article_stays_hidden_until_its_time_then_the_sweep_tells_search()
    {
        var city = await app.ApiAsync(Http.CityOperator);
        var title = Articles.Unique("定时发布的通知");
        var at = DateTime.SpecifyKind(app.Clock.GetUtcNow().UtcDateTime.AddHours(8 + 3), DateTimeKind.Unspecified); // Beijing time, three hours ahead
        var id = (await Articles.CreateAsync(city, Articles.News(title, publishAt: at, kind: "Notice"))).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync($"/articles/{id}")).StatusCode);
        Assert.DoesNotContain(title, await app.Browser().GetStringAsync("/articles?kind=Notice"));
        var headline = await HeadlineAsync();

        app.Clock.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().GetAsync($"/articles/{id}")).StatusCode);
        Assert.Equal(headline + 1, await HeadlineAsync());
        Assert.Null(await app.WithDbAsync(db => db.Articles.Where(x => x.Id == id).Select(x => x.AnnouncedAt).SingleAsync()));
        using (var scope = app.Services.CreateScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<ReleaseScheduledArticles>().RunAsync().ContinueWith(_ => true));
        Assert.NotNull(await app.WithDbAsync(db => db.Articles.Where(x => x.Id == id).Select(x => x.AnnouncedAt).SingleAsync()));
        Assert.Equal(2, await app.WithDbAsync(db => db.SearchChanges.CountAsync(c => c.Kind == "notice" && c.EntityId == id)));
    }

    [Fact]
    public async Task A_county_article_waits_for_city_review_which_needs_a_reason_to_reject()
    {
        var county = await app.ApiAsync(Http.ZhuhuiOperator);
        var title = Articles.Unique("珠晖区开展惠企政策宣讲");
        var a = await Articles.CreateAsync(county, Articles.News(title, region: "430400"));
        var id = a.GetProperty("id").GetGuid();
        Assert.Equal("PendingReview", a.GetProperty("status").GetString());
        Assert.Equal("430405", a.GetProperty("regionCode").GetString()); // a county writes for its own sub-site
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync($"/articles/{id}")).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.InboxMessages.AnyAsync(m => m.Topic == "article.submitted" && m.Link == $"/manage/articles/{id}")));
        Assert.Equal(HttpStatusCode.Forbidden, (await county.PostAsync($"/api/v1/articles/{id}/approve", null)).StatusCode);

        var city = await app.ApiAsync(Http.CityOperator);
        var queue = await (await app.SignedInAsync(Http.CityOperator)).GetStringAsync("/review/articles");
        Assert.Contains(title, queue);
        var noReason = await city.PostAsJsonAsync($"/api/v1/articles/{id}/reject", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("驳回原因", await noReason.Content.ReadAsStringAsync());
        (await city.PostAsJsonAsync($"/api/v1/articles/{id}/reject", new { reason = "标题中的活动日期有误" })).EnsureSuccessStatusCode();
        var mine = await county.GetFromJsonAsync<JsonElement>($"/api/v1/articles/managed/{id}");
        Assert.Equal("Rejected", mine.GetProperty("status").GetString());
        Assert.Equal("标题中的活动日期有误", mine.GetProperty("rejectReason").GetString());

        var again = await county.PostAsync($"/api/v1/articles/{id}/publish", null);
        Assert.True(again.IsSuccessStatusCode, $"{(int)again.StatusCode} {await again.Content.ReadAsStringAsync()}");
        (await city.PostAsync($"/api/v1/articles/{id}/approve", null)).EnsureSuccessStatusCode();
        Assert.Contains(title, await app.Browser().GetStringAsync($"/articles/{id}"));
    }

    [Fact]
    public async Task With_county_review_off_a_county_publishes_directly()
    {
        await SetAsync(Settings.CountyArticleReview, "0");
        try
        {
            var county = await app.ApiAsync(Http.ZhuhuiOperator);
            var a = await Articles.CreateAsync(county, Articles.News(Articles.Unique("珠晖区企业服务站揭牌")));
            Assert.Equal("Published", a.GetProperty("status").GetString());
        }
        finally { await SetAsync(Settings.CountyArticleReview, "1"); }
    }

    [Fact]
    public async Task A_county_operator_can_never_see_or_change_another_regions_article()
    {
        var zhuhui = await app.ApiAsync(Http.ZhuhuiOperator);
        var id = (await Articles.CreateAsync(zhuhui, Articles.News(Articles.Unique("珠晖区动态"), submit: false))).GetProperty("id").GetGuid();
        var hengyang = await app.ApiAsync(Http.HengyangCountyOperator);
        Assert.Equal(HttpStatusCode.NotFound, (await hengyang.GetAsync($"/api/v1/articles/managed/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hengyang.PutAsJsonAsync($"/api/v1/articles/{id}", Articles.News("改成衡阳县的标题"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hengyang.PostAsync($"/api/v1/articles/{id}/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hengyang.PostAsJsonAsync($"/api/v1/articles/{id}/withdraw", new { reason = "试试" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hengyang.PostAsJsonAsync($"/api/v1/articles/{id}/pin", new { pinned = true })).StatusCode);
        var list = await hengyang.GetFromJsonAsync<JsonElement>("/api/v1/articles/managed?Q=珠晖区动态");
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        var page = await (await app.SignedInAsync(Http.HengyangCountyOperator)).GetAsync($"/manage/articles/{id}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("珠晖区动态", (await app.WithDbAsync(db => db.Articles.SingleAsync(a => a.Id == id))).Title[..5]);
        var city = await app.ApiAsync(Http.CityOperator);
        Assert.Equal(HttpStatusCode.OK, (await city.GetAsync($"/api/v1/articles/managed/{id}")).StatusCode);
    }

    [Fact]
    public async Task Withdrawing_needs_a_reason_and_takes_the_article_off_the_site_pinning_puts_it_first()
    {
        var city = await app.ApiAsync(Http.CityOperator);
        var older = (await Articles.CreateAsync(city, Articles.News(Articles.Unique("较早的典型案例"), kind: "Case"))).GetProperty("id").GetGuid();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var newer = (await Articles.CreateAsync(city, Articles.News(Articles.Unique("较新的典型案例"), kind: "Case"))).GetProperty("id").GetGuid();
        (await city.PostAsJsonAsync($"/api/v1/articles/{older}/pin", new { pinned = true })).EnsureSuccessStatusCode();
        var list = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/articles?kind=Case");
        Assert.Equal(older, list.GetProperty("items")[0].GetProperty("id").GetGuid());

        var noReason = await city.PostAsJsonAsync($"/api/v1/articles/{older}/withdraw", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("撤回原因", await noReason.Content.ReadAsStringAsync());
        (await city.PostAsJsonAsync($"/api/v1/articles/{older}/withdraw", new { reason = "案例企业信息需要更新" })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync($"/articles/{older}")).StatusCode);
        list = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/articles?kind=Case");
        Assert.Equal(newer, list.GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.Equal(3, await app.WithDbAsync(db => db.SearchChanges.CountAsync(c => c.Kind == "case" && c.EntityId == older))); // published, pinned, withdrawn
    }

    [Fact]
    public async Task Bad_input_names_the_field_in_chinese_and_saves_nothing()
    {
        var city = await app.ApiAsync(Http.CityOperator);
        var title = Articles.Unique("缺发文机关的政策");
        var body = Articles.Policy(title);
        body["issuer"] = "";
        var response = await city.PostAsJsonAsync("/api/v1/articles", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("发文机关", await response.Content.ReadAsStringAsync());

        body = Articles.Policy(title, sections: ["Z"]);
        response = await city.PostAsJsonAsync("/api/v1/articles", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("INDUSTRY_INVALID", problem.GetProperty("code").GetString());
        Assert.False(await app.WithDbAsync(db => db.Articles.AnyAsync(a => a.Title == title)));

        var browser = await app.SignedInAsync(Http.CityOperator);
        var form = await browser.PostFormAsync("/manage/articles/new", new()
        {
            ["Input.Kind"] = "News", ["Input.Title"] = title, ["Input.Body"] = "太短",
        });
        Assert.Equal((HttpStatusCode)422, form.StatusCode);
        Assert.Contains("正文至少需要10个字", await form.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.Articles.AnyAsync(a => a.Title == title)));
    }

    [Fact]
    public async Task An_update_that_leaves_out_isPinned_keeps_the_pin_and_the_form_still_unpins()
    {
        var city = await app.ApiAsync(Http.CityOperator);
        var title = Articles.Unique("置顶的通知");
        var created = await Articles.CreateAsync(city, new
        {
            kind = "Notice", title, body = "<p>关于开展2026年度中小企业服务月活动的通知，请各单位认真组织。</p>", submit = true, isPinned = true,
        });
        var id = created.GetProperty("id").GetGuid();
        Assert.True(created.GetProperty("isPinned").GetBoolean());

        var edit = new { kind = "Notice", title = title + "（更新）", body = "<p>关于开展2026年度中小企业服务月活动的通知，时间调整为十二月。</p>", submit = true };
        var response = await city.PutAsJsonAsync($"/api/v1/articles/{id}", edit);
        response.EnsureSuccessStatusCode();
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isPinned").GetBoolean());
        Assert.True(await app.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.IsPinned).SingleAsync()));

        response = await city.PutAsJsonAsync($"/api/v1/articles/{id}", new { edit.kind, edit.title, edit.body, edit.submit, isPinned = false });
        response.EnsureSuccessStatusCode();
        Assert.False(await app.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.IsPinned).SingleAsync()));

        // The form sends false when the box is unticked (a hidden field after the checkbox), so unpinning there still works.
        await app.WithDbAsync(db => db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsPinned, true)));
        var browser = await app.SignedInAsync(Http.CityOperator);
        var form = await browser.PostFormAsync($"/manage/articles/{id}?handler=Draft", new()
        {
            ["Input.Kind"] = "Notice", ["Input.Column"] = "notice", ["Input.Title"] = edit.title, ["Input.Body"] = "关于开展2026年度中小企业服务月活动的通知，时间调整为十二月。",
            ["Input.IsPinned"] = "false",
        }, $"/manage/articles/{id}");
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.IsPinned).SingleAsync()));
        Assert.Contains("name=\"Input.IsPinned\" value=\"false\"", await browser.GetStringAsync($"/manage/articles/{id}"));
    }

    [Fact]
    public async Task An_operator_publishes_through_the_pages()
    {
        var browser = await app.SignedInAsync(Http.CityOperator);
        var title = Articles.Unique("页面发布的工作动态");
        var response = await browser.PostFormAsync("/manage/articles/new", new()
        {
            ["Input.Kind"] = "News", ["Input.Column"] = "work", ["Input.Title"] = title, ["Input.Body"] = "第一段正文内容比较长。\n\n第二段正文内容。",
            ["Input.Source"] = "衡阳日报",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = await app.WithDbAsync(db => db.Articles.Where(a => a.Title == title).Select(a => a.Id).SingleAsync());
        Assert.Contains(title, await app.Browser().GetStringAsync($"/articles/{id}"));
        Assert.Contains(title, await browser.GetStringAsync("/manage/articles"));
        var print = await app.Browser().GetStringAsync($"/articles/{id}?print=1");
        Assert.Contains("print-view", print);
    }

    private async Task<int> HeadlineAsync()
    {
        using var scope = app.Services.CreateScope();
        var figures = await scope.ServiceProvider.GetRequiredService<Qifu.Web.Modules.Portal.HeadlineFigures>().ForAsync(null);
        return figures.Single(f => f.Label == "新闻信息量").Value ?? -1;
    }

    private Task SetAsync(string key, string value) => app.WithDbAsync(async db =>
    {
        var s = await db.Settings.FirstOrDefaultAsync(x => x.Key == key);
        if (s is null) db.Settings.Add(new Setting { Key = key, Value = value });
        else s.Value = value;
        return await db.SaveChangesAsync();
    });
}
