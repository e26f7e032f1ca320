using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Support;
using Qifu.Web.Platform.Registration;

namespace Qifu.Tests.Modules.Institutions;

[Collection(SharedApp.Name)]
public sealed class ReviewInstitutionsTests(QifuApp app)
{
    private static readonly Regex MaskedMobile = new(@"^1[3-9]\d\*{4}\d{4}$");

    [Fact]
    public async Task The_county_operator_of_the_institution_region_approves_it()
    {
        var applicant = await app.ApplyAsync("430405");
        var op = await app.SignedInAsync(Http.ZhuhuiOperator);

        var queue = await op.GetStringAsync("/review/institutions?Status=Submitted&Q=" + Uri.EscapeDataString(applicant.Name));
        Assert.Contains(applicant.Name, queue);
        Assert.Contains("赵*", queue);
        Assert.Contains("139****5678", queue);
        var detail = await op.GetStringAsync($"/review/institutions/{applicant.Id}");
        Assert.Contains("资质.pdf", detail);
        Assert.DoesNotContain("13912345678", detail);
        Assert.DoesNotContain("认定为核心服务机构", detail); // a city function

        var approved = await op.PostFormAsync($"/review/institutions/{applicant.Id}?handler=Approve", [], $"/review/institutions/{applicant.Id}");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var stored = await app.WithDbAsync(db => db.Institutions.AsNoTracking().SingleAsync(i => i.Id == applicant.Id));
        Assert.Equal(RegistrationStatus.Approved, stored.Status);
        var entry = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.EntityType == "服务机构" && a.EntityId == applicant.Id.ToString() && a.Action == "审核通过"));
        Assert.Equal("陈立", entry.ActorName);
        Assert.Equal("430405", entry.RegionCode);
        Assert.Contains("审核通过", await op.GetStringAsync($"/review/institutions/{applicant.Id}"));
    }

    [Fact]
    public async Task Another_county_operator_gets_404_everywhere_and_nothing_changes()
    {
        var applicant = await app.ApplyAsync("430405");
        var before = await app.WithDbAsync(db => db.Institutions.AsNoTracking().SingleAsync(i => i.Id == applicant.Id));
        var other = await app.SignedInAsync(Http.HengyangCountyOperator);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/review/institutions/{applicant.Id}")).StatusCode);
        Assert.DoesNotContain($"<td>{applicant.Name}", await other.GetStringAsync("/review/institutions?Q=" + Uri.EscapeDataString(applicant.Name)));
        foreach (var handler in new[] { "Approve", "Reject", "Suspend" })
        {
            var post = await other.PostFormAsync($"/review/institutions/{applicant.Id}?handler={handler}",
                new() { ["Rejection.Reason"] = "越权", ["Suspension.Reason"] = "越权" }, Http.AnyFormPage);
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }

        var api = await app.ApiAsync(Http.HengyangCountyOperator);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/institutions/{applicant.Id}")).StatusCode);
        var approve = await api.PostAsync($"/api/v1/institutions/{applicant.Id}/approve", null);
        Assert.Equal(HttpStatusCode.NotFound, approve.StatusCode);
        Assert.StartsWith("application/problem+json", approve.Content.Headers.ContentType?.ToString());
        Assert.DoesNotContain(applicant.Name, await approve.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/institutions/{applicant.Id}/reject", new { reason = "越权" })).StatusCode);

        var after = await app.WithDbAsync(db => db.Institutions.AsNoTracking().SingleAsync(i => i.Id == applicant.Id));
        Assert.Equal(RegistrationStatus.Submitted, after.Status);
        Assert.Equal(before.Version, after.Version);
        Assert.Null(after.RejectReason);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityId == applicant.Id.ToString())));
    }

    [Fact]
    public async Task Rejecting_needs_a_reason_and_the_institution_corrects_and_resubmits()
    {
        var applicant = await app.ApplyAsync("430421");
        var api = await app.ApiAsync(Http.HengyangCountyOperator);
        var noReason = await api.PostAsJsonAsync($"/api/v1/institutions/{applicant.Id}/reject", new { reason = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var problem = await noReason.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("REASON_REQUIRED", problem.GetProperty("code").GetString());
        Assert.Equal("驳回时请填写驳回原因", problem.GetProperty("errors").GetProperty("reason")[0].GetString());

        var op = await app.SignedInAsync(Http.HengyangCountyOperator);
        var url = $"/review/institutions/{applicant.Id}";
        var emptyForm = await op.PostFormAsync(url + "?handler=Reject", new() { ["Rejection.Reason"] = "" }, url);
        Assert.Equal((HttpStatusCode)422, emptyForm.StatusCode);
        var html = await emptyForm.Content.ReadAsStringAsync();
        Assert.Contains("驳回时请填写驳回原因", html);
        Assert.DoesNotContain("请填写暂停原因", html); // only the posted form is validated
        Assert.Equal(RegistrationStatus.Submitted, await app.WithDbAsync(db => db.Institutions.Where(i => i.Id == applicant.Id).Select(i => i.Status).SingleAsync()));

        var rejected = await op.PostFormAsync(url + "?handler=Reject", new() { ["Rejection.Reason"] = "资质证明缺少盖章页" }, url);
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);

        var own = await app.SignedInAsync(applicant.Phone, Applications.Password);
        var mine = await own.GetStringAsync("/institution");
        Assert.Contains("驳回原因：资质证明缺少盖章页", mine);
        var fields = Applications.Fields(applicant.CreditCode, applicant.Phone, "430421", applicant.Name);
        var resubmitted = await own.PostFormAsync("/institution?handler=Submit", fields.AsForm(), "/institution", ("Qualifications", "盖章页.pdf", TestData.Pdf));
        Assert.Equal(HttpStatusCode.Redirect, resubmitted.StatusCode);
        var files = await app.WithDbAsync(db => db.Files.Where(f => f.OwnerId == applicant.Id).Select(f => f.FileName).ToListAsync());
        Assert.Equal(["盖章页.pdf"], files); // new files replace the earlier ones
        Assert.Equal(RegistrationStatus.Submitted, await app.WithDbAsync(db => db.Institutions.Where(i => i.Id == applicant.Id).Select(i => i.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_city_operator_marks_a_core_institution_for_a_period_and_a_county_operator_may_not()
    {
        var applicant = await app.ApprovedAsync("430405");
        var county = await app.ApiAsync(Http.ZhuhuiOperator);
        var denied = await county.PostAsJsonAsync($"/api/v1/institutions/{applicant.Id}/core", new { coreFrom = "2026-12-01", coreUntil = "2029-11-30" });
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await county.DeleteAsync($"/api/v1/institutions/{applicant.Id}/core")).StatusCode);
        var countyPage = await app.SignedInAsync(Http.ZhuhuiOperator);
        var url = $"/review/institutions/{applicant.Id}";
        var pagePost = await countyPage.PostFormAsync(url + "?handler=MarkCore", new() { ["Core.CoreFrom"] = "2026-12-01", ["Core.CoreUntil"] = "2029-11-30" }, url);
        Assert.Equal(HttpStatusCode.Redirect, pagePost.StatusCode);
        Assert.StartsWith("/account/denied", pagePost.Headers.Location?.AbsolutePath ?? pagePost.Headers.Location?.OriginalString);
        Assert.False(await app.WithDbAsync(db => db.Institutions.Where(i => i.Id == applicant.Id).Select(i => i.IsCore).SingleAsync()));

        var city = await app.ApiAsync(Http.CityOperator);
        var backwards = await city.PostAsJsonAsync($"/api/v1/institutions/{applicant.Id}/core", new { coreFrom = "2027-01-01", coreUntil = "2026-12-31" });
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal("有效期结束日期不能早于开始日期",
            (await backwards.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("coreUntil")[0].GetString());

        var cityPage = await app.SignedInAsync(Http.CityOperator);
        var marked = await cityPage.PostFormAsync(url + "?handler=MarkCore", new() { ["Core.CoreFrom"] = "2026-11-01", ["Core.CoreUntil"] = "2029-10-31" }, url);
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        var detail = await (await city.GetAsync($"/api/v1/institutions/{applicant.Id}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(detail.GetProperty("isCore").GetBoolean());
        Assert.True(detail.GetProperty("isCoreToday").GetBoolean());
        Assert.Equal("2029-10-31", detail.GetProperty("coreUntil").GetString());
        Assert.Contains("核心服务机构", await app.Browser().GetStringAsync("/institutions?q=" + Uri.EscapeDataString(applicant.Name)));
        var own = await app.SignedInAsync(applicant.Phone, Applications.Password);
        Assert.Contains("有效期至 2029-10-31", await own.GetStringAsync("/institution"));

        var unmarked = await city.DeleteAsync($"/api/v1/institutions/{applicant.Id}/core");
        Assert.Equal(HttpStatusCode.OK, unmarked.StatusCode);
        Assert.False((await unmarked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isCore").GetBoolean());
        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == applicant.Id.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["提交入驻申请", "审核通过", "认定核心服务机构", "取消核心服务机构"], actions);
    }

    [Fact]
    public async Task An_operator_suspends_an_institution_with_a_reason_and_resumes_it()
    {
        var applicant = await app.ApprovedAsync("430405");
        var api = await app.ApiAsync(Http.ZhuhuiOperator);
        var noReason = await api.PostAsJsonAsync($"/api/v1/institutions/{applicant.Id}/suspend", new { });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal("请填写暂停原因", (await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("reason")[0].GetString());

        var op = await app.SignedInAsync(Http.ZhuhuiOperator);
        var url = $"/review/institutions/{applicant.Id}";
        var suspended = await op.PostFormAsync(url + "?handler=Suspend", new() { ["Suspension.Reason"] = "年度服务情况未按期报送" }, url);
        Assert.Equal(HttpStatusCode.Redirect, suspended.StatusCode);
        Assert.Equal(RegistrationStatus.Suspended, await app.WithDbAsync(db => db.Institutions.Where(i => i.Id == applicant.Id).Select(i => i.Status).SingleAsync()));
        var own = await app.SignedInAsync(applicant.Phone, Applications.Password);
        Assert.Contains("暂停原因：年度服务情况未按期报送", await own.GetStringAsync("/institution"));
        Assert.DoesNotContain($"institution-{applicant.Id}", await app.Browser().GetStringAsync("/institutions?q=" + Uri.EscapeDataString(applicant.Name)));

        var resumed = await api.PostAsync($"/api/v1/institutions/{applicant.Id}/resume", null);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Equal("Approved", (await resumed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Contains($"institution-{applicant.Id}", await app.Browser().GetStringAsync("/institutions?q=" + Uri.EscapeDataString(applicant.Name)));
        var again = await api.PostAsync($"/api/v1/institutions/{applicant.Id}/resume", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Operators_get_masked_contacts_in_the_api_and_only_their_own_region()
    {
        await app.ApplyAsync("430405");
        await app.ApplyAsync("430421");
        var api = await app.ApiAsync(Http.ZhuhuiOperator);
        var page = await api.GetFromJsonAsync<JsonElement>("/api/v1/institutions?PageSize=500");
        Assert.Equal(100, page.GetProperty("pageSize").GetInt32());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i =>
        {
            Assert.Equal("430405", i.GetProperty("regionCode").GetString());
            Assert.Matches(MaskedMobile, i.GetProperty("contactPhone").GetString()!);
        });

        var id = items[0].GetProperty("id").GetGuid();
        var detail = await api.GetFromJsonAsync<JsonElement>($"/api/v1/institutions/{id}");
        Assert.Matches(MaskedMobile, detail.GetProperty("contactPhone").GetString()!);
        Assert.EndsWith("*", detail.GetProperty("contactName").GetString());

        var city = await app.ApiAsync(Http.CityOperator);
        var all = await city.GetFromJsonAsync<JsonElement>("/api/v1/institutions?PageSize=100");
        Assert.Contains(all.GetProperty("items").EnumerateArray(), i => i.GetProperty("regionCode").GetString() == "430421");

        var mine = await (await app.ApiAsync(Http.Institution)).GetFromJsonAsync<JsonElement>("/api/v1/institutions/mine");
        Assert.Equal("湖南衡信会计师事务所有限公司", mine.GetProperty("name").GetString());
        Assert.Equal("赵新", mine.GetProperty("contactName").GetString());
        Assert.Equal("13707340001", mine.GetProperty("contactPhone").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiAsync(Http.Institution)).GetAsync("/api/v1/institutions")).StatusCode);
    }
}
