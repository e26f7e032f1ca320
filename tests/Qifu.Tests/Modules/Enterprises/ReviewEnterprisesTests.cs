using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Support;
using Qifu.Web.Platform.Registration;

namespace Qifu.Tests.Modules.Enterprises;

[Collection(SharedApp.Name)]
public sealed class ReviewEnterprisesTests(QifuApp app)
{
    private async Task<Guid> RegisterAsync(string region, string? phone = null)
    {
        var code = TestData.CreditCodeFor(region);
        var response = await app.Browser().PostFormAsync("/register/enterprise", TestData.EnterpriseForm(code, phone ?? TestData.Mobile(), region),
            files: ("Licence", "licence.pdf", TestData.Pdf));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.WithDbAsync(db => db.Enterprises.Where(e => e.CreditCode == code).Select(e => e.Id).SingleAsync());
    }

    private Task<RegistrationStatus> StatusAsync(Guid id) =>
        app.WithDbAsync(db => db.Enterprises.Where(e => e.Id == id).Select(e => e.Status).SingleAsync());

    [Fact]
    public async Task The_county_operator_approves_a_registration_in_their_region_and_the_change_is_audited()
    {
        var id = await RegisterAsync("430405");
        var op = await app.SignedInAsync(Http.ZhuhuiOperator);

        var code = await app.WithDbAsync(db => db.Enterprises.Where(e => e.Id == id).Select(e => e.CreditCode).SingleAsync());
        var queue = await op.GetStringAsync("/review/enterprises?Status=Submitted&Q=" + code);
        Assert.Contains($"/review/enterprises/{id}", queue);
        var response = await op.PostFormAsync($"/review/enterprises/{id}?handler=Approve", [], $"/review/enterprises/{id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(RegistrationStatus.Approved, await StatusAsync(id));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == id.ToString() && a.Action == "审核通过").SingleAsync());
        Assert.Equal("陈立", audit.ActorName);
        Assert.Contains("Submitted", audit.Before);
        Assert.Contains("Approved", audit.After);
        Assert.Contains("审核通过", await op.GetStringAsync($"/review/enterprises/{id}"));

        var twice = await op.PostFormAsync($"/review/enterprises/{id}?handler=Approve", [], $"/review/enterprises/{id}");
        Assert.Equal((HttpStatusCode)422, twice.StatusCode);
        Assert.Contains("该申请当前状态为“已通过”，不能审核", await twice.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_rejected_enterprise_sees_the_reason_corrects_and_resubmits()
    {
        var phone = TestData.Mobile();
        var id = await RegisterAsync("430405", phone);
        var op = await app.SignedInAsync(Http.ZhuhuiOperator);

        var noReason = await op.PostFormAsync($"/review/enterprises/{id}?handler=Reject", new() { ["Decision.Reason"] = "" }, $"/review/enterprises/{id}");
        Assert.Equal((HttpStatusCode)422, noReason.StatusCode);
        Assert.Contains("驳回时请填写驳回原因", await noReason.Content.ReadAsStringAsync());
        Assert.Equal(RegistrationStatus.Submitted, await StatusAsync(id));

        await op.PostFormAsync($"/review/enterprises/{id}?handler=Reject", new() { ["Decision.Reason"] = "从业人员数与社保缴纳人数不符" }, $"/review/enterprises/{id}");
        Assert.Equal(RegistrationStatus.Rejected, await StatusAsync(id));

        var enterprise = await app.SignedInAsync(phone, "Strong-Pass-2026");
        var mine = await enterprise.GetStringAsync("/enterprise");
        Assert.Contains("已驳回", mine);
        Assert.Contains("从业人员数与社保缴纳人数不符", mine);

        var form = TestData.EnterpriseForm(await app.WithDbAsync(db => db.Enterprises.Where(e => e.Id == id).Select(e => e.CreditCode).SingleAsync()), phone)
            .Where(kv => kv.Key.StartsWith("Input.") && kv.Key is not ("Input.Phone" or "Input.Password" or "Input.Consent"))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        form["Input.Employees"] = "15";
        var resubmit = await enterprise.PostFormAsync("/enterprise?handler=Resubmit", form, "/enterprise");
        Assert.Equal(HttpStatusCode.Redirect, resubmit.StatusCode);
        Assert.Equal(RegistrationStatus.Submitted, await StatusAsync(id));
        Assert.Contains("微型", await enterprise.GetStringAsync("/enterprise"));
    }

    [Fact]
    public async Task Another_countys_operator_cannot_see_or_review_a_registration_by_page_api_or_guessed_id()
    {
        var id = await RegisterAsync("430405");
        var other = await app.SignedInAsync(Http.HengyangCountyOperator);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/review/enterprises/{id}")).StatusCode);
        var pagePost = await other.PostFormAsync($"/review/enterprises/{id}?handler=Approve", [], Http.AnyFormPage);
        Assert.Equal(HttpStatusCode.NotFound, pagePost.StatusCode);
        var api = await app.ApiAsync(Http.HengyangCountyOperator);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"/api/v1/enterprises/{id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/enterprises/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/enterprises/{id}/reject", new { reason = "x" })).StatusCode);
        Assert.Equal(RegistrationStatus.Submitted, await StatusAsync(id));
        var code = await app.WithDbAsync(db => db.Enterprises.Where(e => e.Id == id).Select(e => e.CreditCode).SingleAsync());
        var search = await other.GetStringAsync("/review/enterprises?Q=" + code);
        Assert.Contains("共 0 条", search);
        Assert.DoesNotContain(id.ToString(), search);
    }

    [Fact]
    public async Task A_county_operator_lists_only_their_region_and_the_city_operator_lists_all()
    {
        var county = await app.ApiAsync(Http.HengyangCountyOperator);
        var list = await county.GetFromJsonAsync<JsonElement>("/api/v1/enterprises?PageSize=100");
        var regions = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("regionCode").GetString()).ToList();
        Assert.NotEmpty(regions);
        Assert.All(regions, r => Assert.Equal("430421", r));
        Assert.Equal(await app.WithDbAsync(db => db.Enterprises.CountAsync(e => e.RegionCode == "430421")), list.GetProperty("total").GetInt32());

        var city = await app.ApiAsync(Http.CityOperator);
        var all = await city.GetFromJsonAsync<JsonElement>("/api/v1/enterprises?PageSize=100");
        Assert.Equal(await app.WithDbAsync(db => db.Enterprises.CountAsync()), all.GetProperty("total").GetInt32());
        Assert.All(all.GetProperty("items").EnumerateArray(), i => Assert.Matches(@"^1[3-9]\d\*{4}\d{4}$|^\S*$", i.GetProperty("contactPhone").GetString()!));
    }

    [Fact]
    public async Task Reviewing_through_the_api_follows_the_same_rules()
    {
        var id = await RegisterAsync("430421");
        var api = await app.ApiAsync(Http.HengyangCountyOperator);
        var noReason = await api.PostAsJsonAsync($"/api/v1/enterprises/{id}/reject", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal("REASON_REQUIRED", (await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        var approved = await api.PostAsync($"/api/v1/enterprises/{id}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var again = await api.PostAsync($"/api/v1/enterprises/{id}/approve", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("STATUS_CONFLICT", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Enterprises_and_the_public_cannot_reach_the_review_queue()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/enterprises")).StatusCode);
        var enterpriseApi = await app.ApiAsync(Http.ApprovedEnterprise);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterpriseApi.GetAsync("/api/v1/enterprises")).StatusCode);
        var mine = await enterpriseApi.GetFromJsonAsync<JsonElement>("/api/v1/enterprises/mine");
        Assert.Equal("衡阳恒远机械制造有限公司", mine.GetProperty("name").GetString());
        Assert.Equal("13807340001", mine.GetProperty("contactPhone").GetString()); // unmasked to the enterprise itself

        var page = await (await app.SignedInAsync(Http.ApprovedEnterprise)).GetAsync("/review/enterprises");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/denied", page.Headers.Location?.AbsolutePath ?? page.Headers.Location?.OriginalString);
    }
}

[Collection(SharedApp.Name)]
public sealed class ConcurrentReviewTests(QifuApp app)
{
    [Fact]
    public async Task Of_several_simultaneous_approvals_one_wins_and_the_others_get_409_never_500()
    {
        var code = TestData.CreditCodeFor("430405");
        await app.Browser().PostFormAsync("/register/enterprise", TestData.EnterpriseForm(code, TestData.Mobile()), files: ("Licence", "a.pdf", TestData.Pdf));
        var id = await app.WithDbAsync(db => db.Enterprises.Where(e => e.CreditCode == code).Select(e => e.Id).SingleAsync());
        var clients = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.ApiAsync(Http.ZhuhuiOperator)));

        var responses = await Task.WhenAll(clients.Select(c => c.PostAsync($"/api/v1/enterprises/{id}/approve", null)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityId == id.ToString() && a.Action == "审核通过")));
    }

    [Fact]
    public async Task The_registration_records_the_consent_to_the_privacy_notice()
    {
        var code = TestData.CreditCodeFor("430405");
        await app.Browser().PostFormAsync("/register/enterprise", TestData.EnterpriseForm(code, TestData.Mobile()), files: ("Licence", "a.pdf", TestData.Pdf));
        var id = await app.WithDbAsync(db => db.Enterprises.Where(e => e.CreditCode == code).Select(e => e.Id).SingleAsync());
        var entry = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.EntityId == id.ToString() && a.Action == "企业注册"));
        Assert.Equal("已同意《个人信息处理规则》（2026-11版）", entry.Comment);
        Assert.Equal("李四（申请人）", entry.ActorName);
    }
}

[Collection(SharedApp.Name)]
public sealed class RevealContactTests(QifuApp app)
{
    [Fact]
    public async Task An_operator_sees_the_full_contact_only_after_giving_a_reason_and_each_view_is_audited()
    {
        var code = TestData.CreditCodeFor("430405");
        await app.Browser().PostFormAsync("/register/enterprise", TestData.EnterpriseForm(code, TestData.Mobile()), files: ("Licence", "a.pdf", TestData.Pdf));
        var id = await app.WithDbAsync(db => db.Enterprises.Where(e => e.CreditCode == code).Select(e => e.Id).SingleAsync());
        var op = await app.SignedInAsync(Http.ZhuhuiOperator);

        var masked = await op.GetStringAsync($"/review/enterprises/{id}");
        Assert.Contains("139****5678", masked);
        Assert.DoesNotContain("13912345678", masked);

        var noReason = await op.PostFormAsync($"/review/enterprises/{id}?handler=Reveal", new() { ["Reveal.Reason"] = "" });
        Assert.Contains("请填写查看原因", await noReason.Content.ReadAsStringAsync());
        Assert.DoesNotContain("13912345678", await noReason.Content.ReadAsStringAsync());

        var revealed = await op.PostFormAsync($"/review/enterprises/{id}?handler=Reveal", new() { ["Reveal.Reason"] = "电话核实营业执照" });
        var html = await revealed.Content.ReadAsStringAsync();
        Assert.Contains("13912345678", html);
        Assert.Contains("李四", html);
        var entry = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.EntityId == id.ToString() && a.Action == "查看完整信息"));
        Assert.Equal("电话核实营业执照", entry.Comment);
        Assert.Equal("陈立", entry.ActorName);

        var other = await app.SignedInAsync(Http.HengyangCountyOperator);
        var outside = await other.PostFormAsync($"/review/enterprises/{id}?handler=Reveal", new() { ["Reveal.Reason"] = "越权" }, Http.AnyFormPage);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }
}

[Collection(SharedApp.Name)]
public sealed class StrictApiInputTests(QifuApp app)
{
    [Fact]
    public async Task A_field_the_endpoint_does_not_take_is_refused_and_nothing_changes()
    {
        var code = TestData.CreditCodeFor("430405");
        await app.Browser().PostFormAsync("/register/enterprise", TestData.EnterpriseForm(code, TestData.Mobile()), files: ("Licence", "a.pdf", TestData.Pdf));
        var id = await app.WithDbAsync(db => db.Enterprises.Where(e => e.CreditCode == code).Select(e => e.Id).SingleAsync());
        var api = await app.ApiAsync(Http.ZhuhuiOperator);

        var response = await api.PostAsync($"/api/v1/enterprises/{id}/reject",
            new StringContent("{\"reason\":\"资料不全\",\"status\":\"Approved\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(RegistrationStatus.Submitted, await app.WithDbAsync(db => db.Enterprises.Where(e => e.Id == id).Select(e => e.Status).SingleAsync()));

        var truncated = await api.PostAsync($"/api/v1/enterprises/{id}/reject", new StringContent("{\"reason\":", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, truncated.StatusCode);
        var body = await truncated.Content.ReadAsStringAsync();
        Assert.DoesNotContain("System.", body);
        Assert.Contains("请求内容不是有效的 JSON", body);
    }
}
