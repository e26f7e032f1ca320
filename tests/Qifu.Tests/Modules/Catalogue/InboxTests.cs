using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qifu.Tests.Support;

namespace Qifu.Tests.Modules.Catalogue;

[Collection(SharedApp.Name)]
public sealed class InboxTests(QifuApp app)
{
    [Fact]
    public async Task Review_results_reach_the_institution_inbox_with_an_unread_count()
    {
        var institution = await app.ApiAsync(Http.Institution);
        var title = Items.Unique("站内信测试");
        var id = await Items.CreateAsync(institution, title);
        (await (await app.ApiAsync(Http.ZhuhuiOperator)).PostAsJsonAsync($"/api/v1/items/{id}/reject", new { reason = "缺少收费说明" })).EnsureSuccessStatusCode();

        var inbox = await institution.GetFromJsonAsync<JsonElement>("/api/v1/inbox?unread=true");
        var message = inbox.GetProperty("items").EnumerateArray().First(m => m.GetProperty("title").GetString()!.Contains(title));
        Assert.Equal("item.rejected", message.GetProperty("topic").GetString());
        Assert.Contains("缺少收费说明", message.GetProperty("body").GetString());
        Assert.True(inbox.GetProperty("unread").GetInt32() >= 1);

        var browser = await app.SignedInAsync(Http.Institution);
        Assert.Matches(@"站内信（\d+ 条未读）", await browser.GetStringAsync("/inbox"));
        var open = await browser.PostFormAsync($"/inbox?handler=Open&id={message.GetProperty("id").GetGuid()}", [], "/inbox");
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.Equal($"/institution/items/{id}", open.Headers.Location!.ToString());

        // Nobody else can read or mark it.
        var other = await app.ApiAsync(Http.ApprovedEnterprise);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/inbox/{message.GetProperty("id").GetGuid()}/read", null)).StatusCode);
        (await institution.PostAsync("/api/v1/inbox/read-all", null)).EnsureSuccessStatusCode();
        Assert.Equal(0, (await institution.GetFromJsonAsync<JsonElement>("/api/v1/inbox")).GetProperty("unread").GetInt32());
    }

    [Fact]
    public async Task The_badge_on_every_page_follows_a_new_message_and_mark_all_read_at_once()
    {
        // The layout keeps the count a few seconds (decision 0023); a change on this node must show on the very next page.
        var browser = await app.SignedInAsync(Http.Institution);
        var institution = await app.ApiAsync(Http.Institution);
        (await institution.PostAsync("/api/v1/inbox/read-all", null)).EnsureSuccessStatusCode();
        Assert.DoesNotContain("条未读）", await browser.GetStringAsync("/workbench"));

        var id = await Items.CreateAsync(institution, Items.Unique("角标测试"));
        (await (await app.ApiAsync(Http.ZhuhuiOperator)).PostAsJsonAsync($"/api/v1/items/{id}/reject", new { reason = "缺少收费说明" })).EnsureSuccessStatusCode();
        var unread = (await institution.GetFromJsonAsync<JsonElement>("/api/v1/inbox")).GetProperty("unread").GetInt32();
        Assert.True(unread >= 1);
        Assert.Contains($"站内信（{unread} 条未读）", await browser.GetStringAsync("/workbench"));

        var all = await browser.PostFormAsync("/inbox?handler=ReadAll", [], "/inbox");
        Assert.Equal(HttpStatusCode.Redirect, all.StatusCode);
        Assert.DoesNotContain("条未读）", await browser.GetStringAsync("/workbench"));
    }
}
