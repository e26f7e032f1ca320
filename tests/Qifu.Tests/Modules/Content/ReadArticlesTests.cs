using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Content.ReadArticles;

namespace Qifu.Tests.Modules.Content;

/// <summary>
/// The public article page (docs/decisions/0026): every anonymous read counts as a view, also when the output cache serves it,
/// and the node's copy of the page follows edits at once and shows stored + pending views.
/// </summary>
[Collection(ContentApp.Name)]
public sealed class ReadArticlesTests(QifuApp app)
{
    [Fact]
    public async Task Every_anonymous_read_counts_a_view_also_when_the_output_cache_serves_the_page()
    {
        var city = await app.ApiAsync(Http.CityOperator);
        var id = (await Articles.CreateAsync(city, Articles.News(Articles.Unique("园区企业用工对接会举办")))).GetProperty("id").GetGuid();
        var visitor = app.CreateClient();

        const int reads = 6;
        var fromCache = 0;
        for (var i = 0; i < reads; i++)
        {
            var page = await visitor.GetAsync($"/articles/{id}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            if (page.Headers.Age is not null) fromCache++;
        }
        Assert.Equal(reads - 1, fromCache); // the first read renders the page, the others come from the output cache
        // Another font size or the print view is the same reader again: not counted, from the cache or not.
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/articles/{id}?size=large")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/articles/{id}?print=1")).StatusCode);
        }

        await FlushViewsAsync();
        Assert.Equal(reads, await StoredViewsAsync(id));

        // The node's copy of the page (not read again) shows what was written plus this read itself.
        var fresh = await (await visitor.SendAsync(Fresh($"/articles/{id}"))).Content.ReadAsStringAsync();
        Assert.Contains($"浏览次数：{reads + 1}", fresh);
        Assert.Equal(reads + 2, (await visitor.GetFromJsonAsync<JsonElement>($"/api/v1/articles/{id}")).GetProperty("viewCount").GetInt32());
        await FlushViewsAsync();
        Assert.Equal(reads + 2, await StoredViewsAsync(id));
    }

    [Fact]
    public async Task An_edit_shows_on_the_article_page_at_once()
    {
        var city = await app.ApiAsync(Http.CityOperator);
        var title = Articles.Unique("小微企业贷款贴息申报指引");
        var id = (await Articles.CreateAsync(city, Articles.News(title))).GetProperty("id").GetGuid();
        var visitor = app.CreateClient();
        Assert.Contains(title, await visitor.GetStringAsync($"/articles/{id}"));
        Assert.Contains(title, await (await visitor.SendAsync(Fresh($"/articles/{id}"))).Content.ReadAsStringAsync());

        var changed = Articles.Unique("小微企业贷款贴息申报指引（修订）");
        (await city.PutAsJsonAsync($"/api/v1/articles/{id}", Articles.News(changed))).EnsureSuccessStatusCode();
        Assert.Contains(changed, await (await visitor.SendAsync(Fresh($"/articles/{id}"))).Content.ReadAsStringAsync());
        Assert.Contains(changed, await visitor.GetStringAsync($"/articles/{id}"));
    }

    private static HttpRequestMessage Fresh(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoCache = true };
        return request;
    }

    /// <summary>Views are written in batches; stopping the counter writes what is pending (as a node does on the way down).</summary>
    private Task FlushViewsAsync() => app.Services.GetRequiredService<ArticleViews>().StopAsync(default);

    private Task<int> StoredViewsAsync(Guid id) => app.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.ViewCount).SingleAsync());
}
