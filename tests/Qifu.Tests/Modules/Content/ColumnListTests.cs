using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Content.Data;

namespace Qifu.Tests.Modules.Content;

/// <summary>
/// Public article lists served from each node's copy of the list's order (docs/decisions/0028): every page of a column, a kind,
/// all news and a region is exactly what the database's own ordering gives, and a publish, pin or withdrawal shows on every
/// page at once.
/// </summary>
[Collection(ContentApp.Name)]
public sealed class ColumnListTests(QifuApp app)
{
    [Theory]
    [InlineData("column=work")]
    [InlineData("column=policy")]
    [InlineData("kind=Notice")]
    [InlineData("")]
    [InlineData("column=county&region=430405")]
    [InlineData("kind=News&region=430421")]
    public async Task Every_page_of_a_list_is_the_database_s_own_order(string filter)
    {
        var expected = await OrderInDatabaseAsync(filter);
        var (ids, total) = await AllPagesAsync(filter);
        Assert.Equal(expected.Count, total);
        Assert.Equal(expected, ids);
        Assert.True(expected.Count > 0, $"the demo data has articles in {filter}");

        // Past the last page: no rows, the same total; the page says so instead of failing.
        var beyond = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/articles?{filter}&page={total / 20 + 2}");
        Assert.Empty(beyond.GetProperty("items").EnumerateArray());
        Assert.Equal(total, beyond.GetProperty("total").GetInt32());
        var pages = (total + 19) / 20;
        var html = await app.CreateClient().GetStringAsync($"/articles?{filter}&page={pages + 1}");
        Assert.Contains($"没有第 {pages + 1} 页，共 {pages} 页。", html);
        Assert.Contains($"Page={pages}\">转到第 {pages} 页</a>", html);
    }

    [Fact]
    public async Task Publishing_pinning_and_withdrawing_show_on_deep_pages_at_once()
    {
        var city = await app.ApiAsync(Http.CityOperator);
        var visitor = app.CreateClient();
        const string filter = "column=work";
        // At least three pages, so that the last one is a deep page.
        for (var n = (await AllPagesAsync(filter)).Total; n < 45; n++)
            await Articles.CreateAsync(city, Articles.News(Articles.Unique("园区服务站开展企业走访"), publishAt: new DateTime(2020, 1, 1).AddDays(n)));
        var (before, total) = await AllPagesAsync(filter);

        // Published with a date older than every other: the last item of the last page, in the API and on the page.
        var title = Articles.Unique("二〇〇一年全市中小企业工作会议召开");
        var id = (await Articles.CreateAsync(city, Articles.News(title, publishAt: new DateTime(2001, 3, 1, 9, 0, 0)))).GetProperty("id").GetGuid();
        var (after, newTotal) = await AllPagesAsync(filter);
        Assert.Equal(total + 1, newTotal);
        Assert.Equal(id, after[^1]);
        Assert.Equal(before, after[..^1]);
        var lastPage = (newTotal + 19) / 20;
        var html = await visitor.GetStringAsync($"/articles?column=work&page={lastPage}");
        Assert.Contains(title, html);
        Assert.Contains($"第 {lastPage} / {lastPage} 页", html);

        // Pinned: among the pinned ones on page 1 (after newer pinned ones), gone from the last page.
        (await city.PostAsJsonAsync($"/api/v1/articles/{id}/pin", new { pinned = true })).EnsureSuccessStatusCode();
        Assert.InRange((await AllPagesAsync(filter)).Ids.IndexOf(id), 0, 19);
        Assert.DoesNotContain(title, await visitor.GetStringAsync($"/articles?column=work&page={lastPage}"));
        Assert.Contains(title, await visitor.GetStringAsync("/articles?column=work"));
        Assert.Equal(await OrderInDatabaseAsync(filter), (await AllPagesAsync(filter)).Ids);

        // Withdrawn: on no page any more.
        (await city.PostAsJsonAsync($"/api/v1/articles/{id}/withdraw", new { reason = "测试撤回" })).EnsureSuccessStatusCode();
        var (withdrawn, withdrawnTotal) = await AllPagesAsync(filter);
        Assert.Equal(total, withdrawnTotal);
        Assert.Equal(before, withdrawn);
        Assert.DoesNotContain(title, await visitor.GetStringAsync("/articles?column=work"));
    }

    /// <summary>Every page of the public list API, one after another.</summary>
    private async Task<(List<Guid> Ids, int Total)> AllPagesAsync(string filter)
    {
        var visitor = app.CreateClient();
        var ids = new List<Guid>();
        for (var page = 1; ; page++)
        {
            var result = await visitor.GetFromJsonAsync<JsonElement>($"/api/v1/articles?{filter}&page={page}");
            ids.AddRange(result.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
            if (page >= result.GetProperty("pages").GetInt32()) return (ids, result.GetProperty("total").GetInt32());
        }
    }

    /// <summary>The list as one query orders it: published and due, pinned first, newest first, then by id.</summary>
    private Task<List<Guid>> OrderInDatabaseAsync(string filter)
    {
        var parts = filter.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime; // the content app moves its clock
        return app.WithDbAsync(db =>
        {
            var q = db.Articles.Where(a => a.Status == ArticleStatus.Published && a.PublishAt <= now);
            if (parts.TryGetValue("column", out var column)) q = q.Where(a => a.Column == column);
            if (parts.TryGetValue("kind", out var name) && Enum.Parse<ArticleKind>(name) is var kind) q = q.Where(a => a.Kind == kind);
            if (parts.TryGetValue("region", out var region)) q = q.Where(a => a.RegionCode == region);
            return q.OrderByDescending(a => a.IsPinned).ThenByDescending(a => a.PublishAt).ThenBy(a => a.Id).Select(a => a.Id).ToListAsync();
        });
    }
}
