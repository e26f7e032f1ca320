using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Qifu.Tests.Support;

namespace Qifu.Tests.Modules.Institutions;

[Collection(SharedApp.Name)]
public sealed class FindInstitutionsTests(QifuApp app)
{
    // Not inside a hex run: a record id (a GUID) in a link can hold eleven digits that look like a mobile number.
    private static readonly Regex Mobile = new(@"(?<![\dA-Fa-f-])1[3-9]\d{9}(?![\dA-Fa-f])");

    [Fact]
    public async Task The_public_list_shows_only_approved_institutions_that_are_not_suspended_and_no_personal_data()
    {
        var tag = "公开名录" + Guid.NewGuid().ToString("N")[..6];
        var approved = await app.ApprovedAsync("430421", tag + "财税事务所", "finance");
        var submitted = await app.ApplyAsync("430421", tag + "待审机构");
        var draft = await app.ApplyAsync("430421", tag + "草稿机构", draft: true);
        var suspended = await app.ApprovedAsync("430421", tag + "暂停机构", "legal");
        (await (await app.ApiAsync(Http.CityOperator)).PostAsJsonAsync($"/api/v1/institutions/{suspended.Id}/suspend", new { reason = "测试暂停" }))
            .EnsureSuccessStatusCode();

        var html = await app.Browser().GetStringAsync("/institutions?q=" + Uri.EscapeDataString(tag));
        Assert.Contains($"institution-{approved.Id}", html);
        Assert.Contains("财税融资", html);
        Assert.DoesNotContain($"institution-{submitted.Id}", html);
        Assert.DoesNotContain($"institution-{draft.Id}", html);
        Assert.DoesNotContain($"institution-{suspended.Id}", html);
        Assert.DoesNotContain("赵六", html);
        Assert.DoesNotMatch(Mobile, html);
        Assert.DoesNotContain(approved.CreditCode, html);

        Assert.Contains($"institution-{approved.Id}", await app.Browser().GetStringAsync($"/institutions?category=finance&region=430421&q={Uri.EscapeDataString(tag)}"));
        Assert.DoesNotContain($"institution-{approved.Id}", await app.Browser().GetStringAsync($"/institutions?category=legal&q={Uri.EscapeDataString(tag)}"));
        Assert.DoesNotContain($"institution-{approved.Id}", await app.Browser().GetStringAsync($"/institutions?region=430405&q={Uri.EscapeDataString(tag)}"));

        var api = await app.CreateClient().GetAsync("/api/v1/institutions/public?q=" + Uri.EscapeDataString(tag));
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        var json = await api.Content.ReadAsStringAsync();
        var items = JsonDocument.Parse(json).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([approved.Name], items.Select(i => i.GetProperty("name").GetString()!).ToArray());
        Assert.False(items[0].TryGetProperty("contactPhone", out _));
        Assert.False(items[0].TryGetProperty("creditCode", out _));
        Assert.DoesNotMatch(Mobile, json);
    }

    [Fact]
    public async Task The_demo_directory_lists_approved_institutions_with_core_ones_first()
    {
        var html = await app.Browser().GetStringAsync("/institutions");
        Assert.Contains("湖南衡信会计师事务所有限公司", html);
        Assert.Contains("核心服务机构", html);
        Assert.DoesNotContain("衡东县商贸流通服务协会", html); // suspended
        Assert.DoesNotContain("衡阳数智信息技术服务有限公司", html); // awaiting review
        Assert.DoesNotMatch(Mobile, html);
        Assert.True(html.IndexOf("湖南湘南律师事务所", StringComparison.Ordinal) < html.IndexOf("衡阳市中小企业发展促进会", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_site_search_finds_institutions_by_name()
    {
        var html = await app.Browser().GetStringAsync("/search?q=" + Uri.EscapeDataString("律师"));
        Assert.Contains("湖南湘南律师事务所", html);
        Assert.DoesNotContain("湖南衡信会计师事务所有限公司", html);
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().GetAsync("/search")).StatusCode);
    }
}
