using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Catalogue.Data;

namespace Qifu.Tests.Modules.Catalogue;

[Collection(SharedApp.Name)]
public sealed class PublishItemsTests(QifuApp app)
{
    [Fact]
    public async Task An_item_goes_from_draft_through_review_to_the_public_page()
    {
        var institution = await app.ApiAsync(Http.Institution);
        var title = Items.Unique("代理记账服务");
        var id = await Items.CreateAsync(institution, title, submit: false);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync($"/services/{id}")).StatusCode);
        var op = await app.ApiAsync(Http.ZhuhuiOperator);
        Assert.Equal(HttpStatusCode.Conflict, (await op.PostAsync($"/api/v1/items/{id}/approve", null)).StatusCode); // a draft is not reviewable

        (await institution.PostAsync($"/api/v1/items/{id}/submit", null)).EnsureSuccessStatusCode();
        var queue = await (await app.SignedInAsync(Http.ZhuhuiOperator)).GetStringAsync("/review/items?Q=" + Uri.EscapeDataString(title));
        Assert.Contains(title, queue);
        var inbox = await app.WithDbAsync(db => db.InboxMessages.AsNoTracking().Where(m => m.Topic == "item.submitted" && m.Link == $"/review/items/{id}").CountAsync());
        Assert.True(inbox >= 1);

        (await op.PostAsync($"/api/v1/items/{id}/approve", null)).EnsureSuccessStatusCode();
        var page = await app.Browser().GetStringAsync($"/services/{id}");
        Assert.Contains(title, page);
        Assert.Contains("优惠 ¥2,400", page);
        Assert.DoesNotContain("0734-8123456", page); // the contact is masked for the public
        var api = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/items/{id}");
        Assert.Equal(title, api.GetProperty("content").GetProperty("title").GetString());
        Assert.Equal(1, api.GetProperty("publishedVersion").GetInt32());
        var stored = await app.WithDbAsync(db => db.ServiceItems.AsNoTracking().SingleAsync(i => i.Id == id));
        Assert.Equal(ItemStatus.Published, stored.Status);
        Assert.True(await app.WithDbAsync(db => db.SearchChanges.AnyAsync(c => c.Kind == "item" && c.EntityId == id)));
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_the_institution_sees_it_and_resubmits()
    {
        var institution = await app.ApiAsync(Http.Institution);
        var id = await Items.CreateAsync(institution, Items.Unique("税务筹划"));
        var op = await app.ApiAsync(Http.ZhuhuiOperator);
        var noReason = await op.PostAsJsonAsync($"/api/v1/items/{id}/reject", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("驳回原因", await noReason.Content.ReadAsStringAsync());
        (await op.PostAsJsonAsync($"/api/v1/items/{id}/reject", new { reason = "收费标准不清楚" })).EnsureSuccessStatusCode();

        var mine = await institution.GetFromJsonAsync<JsonElement>($"/api/v1/items/mine/{id}");
        Assert.Equal("Rejected", mine.GetProperty("status").GetString());
        Assert.Equal("收费标准不清楚", mine.GetProperty("rejectReason").GetString());
        var page = await (await app.SignedInAsync(Http.Institution)).GetStringAsync($"/institution/items/{id}");
        Assert.Contains("驳回原因：收费标准不清楚", page);

        var resubmit = await institution.PutAsync($"/api/v1/items/{id}", Items.Form("改过的税务筹划服务" + id.ToString("N")[..4]));
        resubmit.EnsureSuccessStatusCode();
        Assert.Equal("Submitted", (await resubmit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_edit_to_a_published_item_is_reviewed_while_the_old_version_stays_live()
    {
        var oldTitle = Items.Unique("融资咨询");
        var id = await Items.PublishedAsync(app, oldTitle);
        var institution = await app.ApiAsync(Http.Institution);
        var newTitle = Items.Unique("融资咨询新版");
        var edit = await institution.PutAsync($"/api/v1/items/{id}", Items.Form(newTitle));
        edit.EnsureSuccessStatusCode();
        var view = await edit.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Published", view.GetProperty("status").GetString());
        Assert.Equal(newTitle, view.GetProperty("pendingRevision").GetProperty("content").GetProperty("title").GetString());

        var live = await app.Browser().GetStringAsync($"/services/{id}");
        Assert.Contains(oldTitle, live);
        Assert.DoesNotContain(newTitle, live);
        var review = await (await app.SignedInAsync(Http.ZhuhuiOperator)).GetStringAsync($"/review/items/{id}");
        Assert.Contains("本次修改", review);
        Assert.Contains(newTitle, review);

        (await (await app.ApiAsync(Http.ZhuhuiOperator)).PostAsync($"/api/v1/items/{id}/approve", null)).EnsureSuccessStatusCode();
        live = await app.Browser().GetStringAsync($"/services/{id}");
        Assert.Contains(newTitle, live);
        var stored = await app.WithDbAsync(db => db.ServiceItems.AsNoTracking().SingleAsync(i => i.Id == id));
        Assert.Equal(2, stored.PublishedVersion);
        Assert.Equal(RevisionStatus.Approved, await app.WithDbAsync(db => db.ServiceItemRevisions.Where(r => r.ItemId == id).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task Off_the_shelf_and_back_with_illegal_steps_refused()
    {
        var id = await Items.PublishedAsync(app, Items.Unique("法律顾问"));
        var institution = await app.ApiAsync(Http.Institution);
        var again = await institution.PostAsync($"/api/v1/items/{id}/on-shelf", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("ITEM_STATUS_CONFLICT", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        (await institution.PostAsJsonAsync($"/api/v1/items/{id}/off-shelf", new { reason = "年底暂停" })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync($"/services/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await institution.PostAsJsonAsync($"/api/v1/items/{id}/off-shelf", new { reason = "" })).StatusCode);
        (await institution.PostAsync($"/api/v1/items/{id}/on-shelf", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().GetAsync($"/services/{id}")).StatusCode);

        var op = await app.ApiAsync(Http.ZhuhuiOperator);
        var noReason = await op.PostAsJsonAsync($"/api/v1/items/{id}/takedown", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        (await op.PostAsJsonAsync($"/api/v1/items/{id}/takedown", new { reason = "收到多起投诉，核查中" })).EnsureSuccessStatusCode();
        var mine = await institution.GetFromJsonAsync<JsonElement>($"/api/v1/items/mine/{id}");
        Assert.Equal("OffShelf", mine.GetProperty("status").GetString());
        Assert.Equal("收到多起投诉，核查中", mine.GetProperty("offShelfReason").GetString());
    }

    [Fact]
    public async Task Another_county_operator_and_other_users_cannot_see_or_decide_the_item()
    {
        var institution = await app.ApiAsync(Http.Institution);
        var id = await Items.CreateAsync(institution, Items.Unique("越权测试"));
        var other = await app.ApiAsync(Http.HengyangCountyOperator);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/items/review/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/items/{id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/items/{id}/reject", new { reason = "越权" })).StatusCode);
        var page = await app.SignedInAsync(Http.HengyangCountyOperator);
        Assert.Equal(HttpStatusCode.NotFound, (await page.GetAsync($"/review/items/{id}")).StatusCode);

        var bank = await app.ApiAsync("13707340002"); // another institution
        Assert.Equal(HttpStatusCode.NotFound, (await bank.GetAsync($"/api/v1/items/mine/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bank.PutAsync($"/api/v1/items/{id}", Items.Form("抢改"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bank.PostAsync($"/api/v1/items/{id}/submit", null)).StatusCode);
        var enterprise = await app.ApiAsync(Http.ApprovedEnterprise);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.PostAsync("/api/v1/items", Items.Form("企业不能发布"))).StatusCode);

        var stored = await app.WithDbAsync(db => db.ServiceItems.AsNoTracking().SingleAsync(i => i.Id == id));
        Assert.Equal(ItemStatus.Submitted, stored.Status);
        Assert.StartsWith("越权测试", stored.Content.Title);
    }

    [Theory]
    [InlineData("subCategory", "续贷过桥X", "subCategory")]
    [InlineData("price", "100", "price", "Free")]
    [InlineData("contactPhone", "12345", "contactPhone")]
    [InlineData("leadTimeDays", "0", "leadTimeDays")]
    [InlineData("title", "", "title")]
    public async Task Bad_input_names_the_field_and_saves_nothing(string field, string value, string errorField, string? feeType = null)
    {
        var title = Items.Unique("校验");
        var response = await (await app.ApiAsync(Http.Institution)).PostAsync("/api/v1/items", Items.Form(title, change: f =>
        {
            f[field] = value;
            if (feeType is not null) f["feeType"] = feeType;
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(errorField, out var messages), problem.ToString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", messages[0].GetString()!);
        Assert.False(await app.WithDbAsync(db => db.ServiceItems.AnyAsync(i => i.Content.Title == title)));
    }

    [Fact]
    public async Task The_description_is_sanitised_when_saved()
    {
        var id = await Items.CreateAsync(await app.ApiAsync(Http.Institution), Items.Unique("富文本"), change: f =>
            f["description"] = "<p onclick=\"alert(1)\">服务<strong>介绍</strong>内容足够长度的说明</p><script>alert(2)</script><a href=\"javascript:alert(3)\">链接</a><img src=\"https://evil.example/x.png\">");
        var stored = await app.WithDbAsync(db => db.ServiceItems.AsNoTracking().SingleAsync(i => i.Id == id));
        Assert.Contains("<strong>介绍</strong>", stored.Content.Description);
        Assert.DoesNotContain("onclick", stored.Content.Description);
        Assert.DoesNotContain("<script", stored.Content.Description);
        Assert.DoesNotContain("javascript:", stored.Content.Description);
        Assert.DoesNotContain("evil.example", stored.Content.Description);
        Assert.Equal(stored.Content.Description, Qifu.Web.Platform.Web.RichText.Sanitize(stored.Content.Description));
    }

    [Fact]
    public async Task The_institution_uses_the_pages_to_create_and_submit_an_item()
    {
        var client = await app.SignedInAsync(Http.Institution);
        var title = Items.Unique("页面创建的服务");
        var fields = new Dictionary<string, string>
        {
            ["Input.Title"] = title, ["Input.CategoryCode"] = "legal", ["Input.SubCategory"] = "合同审查",
            ["Input.Description"] = "审查商务合同条款，提示风险并提出修改意见。\n\n首次咨询免费。", ["Input.Deliverables"] = "合同审查意见",
            ["Input.FeeType"] = "Market", ["Input.Price"] = "", ["Input.Mode"] = "Online", ["Input.ServiceRegions[0]"] = "430405",
            ["Input.LeadTimeDays"] = "3", ["Input.ContactName"] = "赵新", ["Input.ContactPhone"] = "13707340001",
        };
        var missing = await client.PostFormAsync("/institution/items/new", new(fields) { ["Input.Title"] = "" });
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("请填写服务名称", await missing.Content.ReadAsStringAsync());

        var created = await client.PostFormAsync("/institution/items/new", fields);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = await client.GetStringAsync(created.Headers.Location!.ToString());
        Assert.Contains("待审核", page);
        var stored = await app.WithDbAsync(db => db.ServiceItems.AsNoTracking().SingleAsync(i => i.Content.Title == title));
        Assert.Equal("<p>审查商务合同条款，提示风险并提出修改意见。</p><p>首次咨询免费。</p>", stored.Content.Description);
        Assert.Equal("市场价 面议", Qifu.Web.Modules.Catalogue.Data.ItemStatuses.PriceLabel(stored.Content));
        Assert.Contains(title, await client.GetStringAsync("/institution/items"));
    }

    [Fact]
    public async Task The_demo_catalogue_covers_all_eight_categories()
    {
        var counts = await app.WithDbAsync(db => db.ServiceItems.AsNoTracking().Where(i => i.Status == ItemStatus.Published)
            .GroupBy(i => i.Content.CategoryCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        Assert.Equal(8, counts.Count);
        Assert.True(counts.Sum(c => c.Count) >= 200, $"only {counts.Sum(c => c.Count)} published demo items");
        Assert.True(await app.WithDbAsync(db => db.ServiceItemRevisions.AnyAsync(r => r.Status == RevisionStatus.Pending)));
    }
}
