using System.Net;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Support;

namespace Qifu.Tests.Modules.Catalogue;

/// <summary>The catalogue pages not covered by the API tests: institution profile, package management, item review forms.</summary>
[Collection(SharedApp.Name)]
public sealed class PagesTests(QifuApp app)
{
    [Fact]
    public async Task An_institution_profile_lists_its_published_items_and_hides_the_rest()
    {
        var title = Items.Unique("主页展示的服务");
        var id = await Items.PublishedAsync(app, title);
        var draft = Items.Unique("主页不展示的草稿");
        await Items.CreateAsync(await app.ApiAsync(Http.Institution), draft, submit: false);
        var institutionId = await app.WithDbAsync(db => db.ServiceItems.Where(i => i.Id == id).Select(i => i.InstitutionId).SingleAsync());

        var page = await app.Browser().GetStringAsync($"/institutions/{institutionId}");
        Assert.Contains($"/services/{id}", page);
        Assert.Contains(title, page);
        Assert.DoesNotContain(draft, page);
        Assert.Contains("办结率", page);
        Assert.Contains($"/institutions/{institutionId}", await app.Browser().GetStringAsync("/institutions"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync($"/institutions/{Guid.NewGuid()}")).StatusCode);
        var suspended = await app.WithDbAsync(db => db.Institutions.Where(i => i.Name == "衡东县商贸流通服务协会").Select(i => i.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync($"/institutions/{suspended}")).StatusCode);
    }

    [Fact]
    public async Task An_operator_builds_and_publishes_a_package_on_the_pages()
    {
        var item = await Items.PublishedAsync(app, Items.Unique("页面服务包项目"));
        var itemTitle = await app.WithDbAsync(db => db.ServiceItems.Where(i => i.Id == item).Select(i => i.Content.Title).SingleAsync());
        var op = await app.SignedInAsync(Http.ZhuhuiOperator);
        var title = Items.Unique("珠晖区服务包");

        var bad = await op.PostFormAsync("/manage/packages", new() { ["Input.Title"] = title, ["Input.ValidFrom"] = "2026-12-31", ["Input.ValidUntil"] = "2026-12-01" });
        Assert.Equal((HttpStatusCode)422, bad.StatusCode);
        Assert.Contains("有效期结束日期不能早于开始日期", await bad.Content.ReadAsStringAsync());

        var created = await op.PostFormAsync("/manage/packages", new() { ["Input.Title"] = title, ["Input.ValidFrom"] = "2026-11-01", ["Input.ValidUntil"] = "2027-06-30" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.ToString();
        var empty = await op.PostFormAsync(url + "?handler=Publish", []);
        Assert.Equal((HttpStatusCode)422, empty.StatusCode);
        Assert.Contains("服务包至少要包含一个服务项目", await empty.Content.ReadAsStringAsync());

        var found = await op.GetStringAsync(url + "?Q=" + Uri.EscapeDataString(itemTitle));
        Assert.Contains(itemTitle, found);
        Assert.Equal(HttpStatusCode.Redirect, (await op.PostFormAsync($"{url}?handler=Add&itemId={item}", [], url)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await op.PostFormAsync(url + "?handler=Publish", [])).StatusCode);
        var packageId = Guid.Parse(url.Split('/').Last());
        Assert.Equal("430405", await app.WithDbAsync(db => db.ServicePackages.Where(p => p.Id == packageId).Select(p => p.RegionCode).SingleAsync()));

        var enterprise = await app.SignedInAsync(Http.ApprovedEnterprise);
        var claimed = await enterprise.PostFormAsync($"/packages/{packageId}?handler=Claim", [], $"/packages/{packageId}");
        Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);
        Assert.Contains("已领取", await enterprise.GetStringAsync($"/packages/{packageId}"));
        Assert.Contains("<td>1</td>", await op.GetStringAsync(url)); // uptake: one claim by one enterprise
    }

    [Fact]
    public async Task An_operator_rejects_an_item_on_its_review_page_and_an_empty_reason_is_refused()
    {
        var id = await Items.CreateAsync(await app.ApiAsync(Http.Institution), Items.Unique("页面审核"));
        var op = await app.SignedInAsync(Http.ZhuhuiOperator);
        var url = $"/review/items/{id}";
        var empty = await op.PostFormAsync(url + "?handler=Reject", new() { ["Rejection.Reason"] = "" });
        Assert.Equal((HttpStatusCode)422, empty.StatusCode);
        Assert.Contains("驳回时请填写驳回原因", await empty.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await op.PostFormAsync(url + "?handler=Reject", new() { ["Rejection.Reason"] = "请补充收费标准" })).StatusCode);
        Assert.Contains("驳回原因：请补充收费标准", await op.GetStringAsync(url));
    }
}
