using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Modules.Catalogue;
using Qifu.Tests.Modules.Search;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Search;

namespace Qifu.Tests.Platform.Caching;

/// <summary>
/// Public pages come from the output cache for visitors who are not signed in (docs/decisions/0022), and a change shows at once on
/// the node that made it and within a poll on the others; signed-in users and 长辈版 get their own pages.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class PublicPageCacheTests(QifuApp app)
{
    [Fact]
    public async Task An_item_page_is_served_from_the_cache_until_the_item_changes_then_at_once_anew()
    {
        var title = Items.Unique("缓存验证代理记账");
        var id = await Items.PublishedAsync(app, title);
        var visitor = app.CreateClient();

        var first = await visitor.GetAsync($"/services/{id}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains(title, await first.Content.ReadAsStringAsync());
        Assert.Null(first.Headers.Age);
        Assert.False(first.Headers.Contains("Set-Cookie"), "a public page sets no cookie (no antiforgery token, no TempData)");
        var second = await visitor.GetAsync($"/services/{id}");
        Assert.NotNull(second.Headers.Age); // from the output cache
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());

        // The institution takes the item off the shelf: the very next visit sees it gone, and back once it is on the shelf again.
        var institution = await app.ApiAsync(Http.Institution);
        (await institution.PostAsJsonAsync($"/api/v1/items/{id}/off-shelf", new { reason = "年底暂停" })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/services/{id}")).StatusCode);
        (await institution.PostAsync($"/api/v1/items/{id}/on-shelf", null)).EnsureSuccessStatusCode();
        var back = await visitor.GetAsync($"/services/{id}");
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Null(back.Headers.Age);
    }

    [Fact]
    public async Task A_reload_asking_for_a_fresh_copy_renders_the_page()
    {
        var visitor = app.CreateClient();
        await visitor.GetAsync("/articles");
        Assert.NotNull((await visitor.GetAsync("/articles")).Headers.Age);
        using var reload = new HttpRequestMessage(HttpMethod.Get, "/articles");
        reload.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoCache = true };
        Assert.Null((await visitor.SendAsync(reload)).Headers.Age);
    }

    [Fact]
    public async Task Signed_in_users_never_get_a_cached_page_and_see_their_own_layout()
    {
        var visitor = app.CreateClient();
        await visitor.GetAsync("/about");
        Assert.NotNull((await visitor.GetAsync("/about")).Headers.Age);

        var enterprise = await app.SignedInAsync(Http.ApprovedEnterprise);
        for (var i = 0; i < 2; i++)
        {
            var page = await enterprise.GetAsync("/about");
            Assert.Null(page.Headers.Age);
            Assert.True(page.Headers.CacheControl?.NoStore, "a signed-in page is no-store");
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("我的工作台（", html);
            Assert.Contains("退出登录", html);
        }
        Assert.DoesNotContain("我的工作台（", await (await visitor.GetAsync("/about")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_elder_mode_switch_is_a_get_form_and_the_cache_keeps_both_versions_apart()
    {
        var visitor = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var normal = await (await visitor.GetAsync("/about")).Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"get\" action=\"/preferences/elder\"", normal);
        Assert.DoesNotContain("__RequestVerificationToken", normal);

        var on = await visitor.GetAsync("/preferences/elder?returnUrl=%2Fabout");
        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        Assert.Equal("/about", on.Headers.Location?.OriginalString);
        var elder = await (await visitor.GetAsync("/about")).Content.ReadAsStringAsync();
        Assert.Contains("class=\"elder\"", elder);
        Assert.Contains("退出长辈版", elder);
        Assert.DoesNotContain("class=\"elder\"", await (await app.CreateClient().GetAsync("/about")).Content.ReadAsStringAsync());

        var evil = await visitor.GetAsync("/preferences/elder?returnUrl=%2F%2Fevil.example");
        Assert.Equal("/", evil.Headers.Location?.OriginalString);
        Assert.DoesNotContain("class=\"elder\"", await (await visitor.GetAsync("/about")).Content.ReadAsStringAsync());
    }
}

/// <summary>Two web nodes on one database: a change made through one shows on the other's cached page within a poll.</summary>
public sealed class PublicPageCacheNodesTests
{
    [Fact]
    public async Task A_page_cached_on_one_node_changes_within_a_second_of_a_change_made_on_the_other()
    {
        await using var data = new SharedData();
        var a = await data.StartAsync("a");
        var b = await data.StartAsync("b");
        try
        {
            var item = new TestItem(Items.Unique("双节点缓存验证"));
            await a.PublishAsync(item);
            var onB = b.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync($"/services/{item.Id}")).StatusCode);
            Assert.NotNull((await onB.GetAsync($"/services/{item.Id}")).Headers.Age);

            await a.WithDbAsync(async db =>
            {
                var stored = await db.ServiceItems.SingleAsync(i => i.Id == item.Id);
                var now = a.Clock.GetUtcNow().UtcDateTime;
                stored.TakeOffShelf("测试下架", false, now);
                SearchLog.Changed(db, "item", item.Id, now);
                return await db.SaveChangesAsync();
            });
            Assert.Equal(HttpStatusCode.NotFound, (await a.CreateClient().GetAsync($"/services/{item.Id}")).StatusCode);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while ((await onB.GetAsync($"/services/{item.Id}")).StatusCode != HttpStatusCode.NotFound)
            {
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), "node b still serves the item page 2 s after it left the shelf on node a");
                await Task.Delay(50);
            }
        }
        finally
        {
            await b.StopAsync();
            await a.StopAsync();
        }
    }
}
