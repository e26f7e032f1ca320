using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Modules.Activities;
using Qifu.Tests.Support;

namespace Qifu.Tests.Modules.Catalogue;

[Collection(SharedApp.Name)]
public sealed class PackagesTests(QifuApp app)
{
    private async Task<(Guid Package, Guid First, Guid Second)> PublishedPackageAsync(HttpClient op)
    {
        var first = await Items.PublishedAsync(app, Items.Unique("服务包项目甲"));
        var second = await Items.PublishedAsync(app, Items.Unique("服务包项目乙"));
        var created = await op.PostAsJsonAsync("/api/v1/packages", new
        {
            title = Items.Unique("援企服务包"), summary = "测试", validFrom = "2026-11-01", validUntil = "2027-03-31",
        });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var empty = await op.PostAsync($"/api/v1/packages/{id}/publish", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        (await op.PostAsJsonAsync($"/api/v1/packages/{id}/items", new { itemId = first })).EnsureSuccessStatusCode();
        (await op.PostAsJsonAsync($"/api/v1/packages/{id}/items", new { itemId = second })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Conflict, (await op.PostAsJsonAsync($"/api/v1/packages/{id}/items", new { itemId = second })).StatusCode);
        (await op.PostAsync($"/api/v1/packages/{id}/publish", null)).EnsureSuccessStatusCode();
        return (id, first, second);
    }

    [Fact]
    public async Task Enterprises_claim_a_package_or_one_item_and_uptake_is_counted_per_item_and_region()
    {
        var op = await app.ApiAsync(Http.CityOperator);
        var (package, first, second) = await PublishedPackageAsync(op);
        Assert.Contains(package.ToString(), await app.Browser().GetStringAsync("/packages"));

        var enterprise = await app.ApiAsync(Http.ApprovedEnterprise);
        var one = await enterprise.PostAsJsonAsync($"/api/v1/packages/{package}/claims", new { itemId = first });
        Assert.Equal(1, (await one.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("added").GetInt32());
        var whole = await enterprise.PostAsJsonAsync($"/api/v1/packages/{package}/claims", new { itemId = (Guid?)null });
        Assert.Equal(1, (await whole.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("added").GetInt32()); // only the second is new
        var again = await enterprise.PostAsJsonAsync($"/api/v1/packages/{package}/claims", new { itemId = (Guid?)null });
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("added").GetInt32());

        var uptake = await op.GetFromJsonAsync<JsonElement>($"/api/v1/packages/{package}/uptake");
        Assert.Equal(2, uptake.GetProperty("claims").GetInt32());
        Assert.Equal(1, uptake.GetProperty("enterprises").GetInt32());
        var region = uptake.GetProperty("byRegion").EnumerateArray().Single();
        var enterpriseRegion = await app.WithDbAsync(db => db.Enterprises.Where(e => e.Name == "衡阳恒远机械制造有限公司").Select(e => e.RegionCode).SingleAsync());
        Assert.Equal(enterpriseRegion, region.GetProperty("key").GetString());
        Assert.Equal(2, uptake.GetProperty("byItem").GetArrayLength());
        Assert.Equal(1, await app.WithDbAsync(db => db.ServiceItems.Where(i => i.Id == second).Select(i => i.ClaimCount).SingleAsync()));

        var page = await (await app.SignedInAsync(Http.ApprovedEnterprise)).GetStringAsync($"/packages/{package}");
        Assert.Contains("已领取", page);
        Assert.Contains($"/services/{first}/request", page);
    }

    [Fact]
    public async Task A_pending_enterprise_cannot_claim_and_a_withdrawn_package_is_gone()
    {
        var op = await app.ApiAsync(Http.CityOperator);
        var (package, first, _) = await PublishedPackageAsync(op);
        var pending = await (await app.ApiAsync(Http.PendingEnterprise)).PostAsJsonAsync($"/api/v1/packages/{package}/claims", new { itemId = first });
        Assert.Equal(HttpStatusCode.Conflict, pending.StatusCode);
        Assert.Equal("ENTERPRISE_NOT_APPROVED", (await pending.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiAsync(Http.Institution)).PostAsJsonAsync($"/api/v1/packages/{package}/claims", new { itemId = first })).StatusCode);

        (await op.PostAsync($"/api/v1/packages/{package}/withdraw", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync($"/packages/{package}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ApiAsync(Http.ApprovedEnterprise)).PostAsJsonAsync($"/api/v1/packages/{package}/claims", new { itemId = first })).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.PackageClaims.CountAsync(c => c.PackageId == package)));
    }

    [Fact]
    public async Task A_county_operator_manages_only_its_own_sub_site_packages()
    {
        var (cityPackage, _, _) = await PublishedPackageAsync(await app.ApiAsync(Http.CityOperator));
        var county = await app.ApiAsync(Http.HengyangCountyOperator);
        Assert.Equal(HttpStatusCode.NotFound, (await county.GetAsync($"/api/v1/packages/{cityPackage}/uptake")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await county.PostAsync($"/api/v1/packages/{cityPackage}/withdraw", null)).StatusCode);

        var created = await county.PostAsJsonAsync("/api/v1/packages", new { title = Items.Unique("衡阳县服务包"), validFrom = "2026-12-01", validUntil = "2026-11-01" });
        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Contains("validUntil", await created.Content.ReadAsStringAsync());
        created = await county.PostAsJsonAsync("/api/v1/packages", new { title = Items.Unique("衡阳县服务包"), validFrom = "2026-11-01", validUntil = "2026-12-31" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal("430421", await app.WithDbAsync(db => db.ServicePackages.Where(p => p.Id == id).Select(p => p.RegionCode).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ApiAsync(Http.ZhuhuiOperator)).GetAsync($"/api/v1/packages/{id}/uptake")).StatusCode);
    }

    [Fact]
    public async Task The_demo_packages_are_open_with_items()
    {
        var html = await app.Browser().GetStringAsync("/packages");
        Assert.Contains("援企线上服务包", html);
        Assert.Contains("专精特新成长服务包", html);
    }

    [Fact]
    public async Task Activities_and_policies_are_shown_in_a_package_beside_its_items_and_never_claimed()
    {
        var op = await app.ApiAsync(Http.CityOperator);
        var (package, _, _) = await PublishedPackageAsync(op);
        var activity = await app.PublishedActivityAsync(capacity: 30, startsInDays: 5);
        var (policy, news, finished) = await app.WithDbAsync(async db =>
        {
            var published = db.Articles.Where(a => a.Status == Qifu.Web.Modules.Content.Data.ArticleStatus.Published);
            return (await published.Where(a => a.Kind == Qifu.Web.Modules.Content.Data.ArticleKind.Policy).Select(a => a.Id).FirstAsync(),
                await published.Where(a => a.Kind == Qifu.Web.Modules.Content.Data.ArticleKind.News).Select(a => a.Id).FirstAsync(),
                await db.Activities.Where(a => a.Status == Qifu.Web.Modules.Activities.Data.ActivityStatus.Finished).Select(a => a.Id).FirstAsync());
        });

        (await op.PostAsJsonAsync($"/api/v1/packages/{package}/links", new { kind = "activity", targetId = activity })).EnsureSuccessStatusCode();
        (await op.PostAsJsonAsync($"/api/v1/packages/{package}/links", new { kind = "policy", targetId = policy })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Conflict, (await op.PostAsJsonAsync($"/api/v1/packages/{package}/links", new { kind = "policy", targetId = policy })).StatusCode);
        var notPolicy = await op.PostAsJsonAsync($"/api/v1/packages/{package}/links", new { kind = "policy", targetId = news });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notPolicy.StatusCode);
        Assert.Contains("政策", (await notPolicy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await op.PostAsJsonAsync($"/api/v1/packages/{package}/links", new { kind = "activity", targetId = finished })).StatusCode);
        var badKind = await op.PostAsJsonAsync($"/api/v1/packages/{package}/links", new { kind = "video", targetId = activity });
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Contains("类型", await badKind.Content.ReadAsStringAsync());
        // Another county's operator can neither add to nor remove from the city's package.
        var county = await app.ApiAsync(Http.HengyangCountyOperator);
        Assert.Equal(HttpStatusCode.NotFound, (await county.PostAsJsonAsync($"/api/v1/packages/{package}/links", new { kind = "policy", targetId = policy })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await county.DeleteAsync($"/api/v1/packages/{package}/links/policy/{policy}")).StatusCode);

        var view = await app.Browser().GetFromJsonAsync<JsonElement>($"/api/v1/packages/{package}");
        Assert.Equal(2, view.GetProperty("items").GetArrayLength());
        var links = view.GetProperty("links").EnumerateArray().ToList();
        Assert.Equal(["activity", "policy"], links.Select(l => l.GetProperty("kind").GetString()));
        Assert.Equal($"/activities/{activity}", links[0].GetProperty("url").GetString());
        var page = await app.Browser().GetStringAsync($"/packages/{package}");
        Assert.Contains("相关活动", page);
        Assert.Contains($"/articles/{policy}", page);
        Assert.Contains("整包领取（2 项）", await (await app.SignedInAsync(Http.ApprovedEnterprise)).GetStringAsync($"/packages/{package}"));

        // Taking up the whole package claims its items only.
        var enterprise = await app.ApiAsync(Http.ApprovedEnterprise);
        var whole = await enterprise.PostAsJsonAsync($"/api/v1/packages/{package}/claims", new { itemId = (Guid?)null });
        Assert.Equal(2, (await whole.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("added").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await enterprise.PostAsJsonAsync($"/api/v1/packages/{package}/claims", new { itemId = activity })).StatusCode);

        (await op.DeleteAsync($"/api/v1/packages/{package}/links/activity/{activity}")).EnsureSuccessStatusCode();
        Assert.Equal(["policy"], (await app.Browser().GetFromJsonAsync<JsonElement>($"/api/v1/packages/{package}")).GetProperty("links").EnumerateArray().Select(l => l.GetProperty("kind").GetString()));
        Assert.Contains("加入活动", await (await app.SignedInAsync(Http.CityOperator)).GetStringAsync($"/manage/packages/{package}"));
    }
}
