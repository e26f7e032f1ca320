using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Support;

namespace Qifu.Tests.Modules.Needs;

/// <summary>Who sees a need: institutions by category and region (or dispatch), enterprises their own, operators their region (404 otherwise).</summary>
[Collection(NeedsCollection.Name)]
public sealed class NeedScopeTests(QifuApp app)
{
    [Fact]
    public async Task An_institution_outside_the_category_cannot_see_or_answer_until_dispatched()
    {
        var (_, enterprise) = await app.NewEnterpriseAsync();
        var id = await app.OpenNeedAsync(enterprise);
        var lawFirm = await app.InstitutionClientAsync(NeedArrange.LawFirm);
        var lawFirmId = await app.InstitutionIdAsync(NeedArrange.LawFirm);
        var lawItem = await app.LiveItemAsync(lawFirmId, "legal");

        Assert.Equal(HttpStatusCode.NotFound, (await lawFirm.GetAsync($"/api/v1/needs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lawFirm.PostAsJsonAsync($"/api/v1/needs/{id}/proposal", NeedArrange.ProposalBody(lawItem))).StatusCode);
        Assert.DoesNotContain(id.ToString(), await lawFirm.GetStringAsync("/api/v1/needs/open?pageSize=100"));

        var op = await app.ApiAsync(Http.ZhuhuiOperator);
        var bankId = await app.InstitutionIdAsync(NeedArrange.Bank);
        var dispatched = await op.PostAsJsonAsync($"/api/v1/needs/{id}/dispatch", new { institutionIds = new[] { lawFirmId, bankId }, note = "涉及合同条款，请一并评估" });
        Assert.Equal(HttpStatusCode.OK, dispatched.StatusCode);
        Assert.Equal(2, (await dispatched.JsonAsync()).GetProperty("dispatches").GetArrayLength());
        Assert.Equal(1, await app.WithDbAsync(db => db.InboxMessages.CountAsync(m => m.Topic == "need.dispatched" && m.Link == $"/institution/needs/{id}"
            && db.Users.Any(u => u.Id == m.UserId && u.InstitutionId == bankId))));
        // Sending again to the same institution is refused.
        Assert.Equal("ALREADY_DISPATCHED", await (await op.PostAsJsonAsync($"/api/v1/needs/{id}/dispatch", new { institutionIds = new[] { lawFirmId } })).CodeOf());

        Assert.Equal(HttpStatusCode.OK, (await lawFirm.GetAsync($"/api/v1/needs/{id}")).StatusCode);
        var list = await (await lawFirm.GetAsync("/api/v1/needs/open?dispatched=true")).JsonAsync();
        Assert.Contains(list.GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetGuid() == id && n.GetProperty("dispatched").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await lawFirm.PostAsJsonAsync($"/api/v1/needs/{id}/proposal", NeedArrange.ProposalBody(lawItem))).StatusCode);
    }

    [Fact]
    public async Task An_institution_that_serves_the_category_elsewhere_cannot_see_the_need()
    {
        var (_, enterprise) = await app.NewEnterpriseAsync("430421");
        var id = await app.OpenNeedAsync(enterprise, NeedArrange.NeedBody(app, category: "digital", title: "生产排程数字化诊断"), Http.HengyangCountyOperator);
        var (_, elsewhereItem, elsewhere) = await app.NewInstitutionAsync("digital", "430405,430406");
        var (_, hereItem, here) = await app.NewInstitutionAsync("digital", "430421");
        var (_, cityItem, citywide) = await app.NewInstitutionAsync("digital", "430400");

        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/api/v1/needs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.PostAsJsonAsync($"/api/v1/needs/{id}/proposal", NeedArrange.ProposalBody(elsewhereItem))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.PostAsJsonAsync($"/api/v1/needs/{id}/proposal", NeedArrange.ProposalBody(hereItem))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await citywide.PostAsJsonAsync($"/api/v1/needs/{id}/proposal", NeedArrange.ProposalBody(cityItem))).StatusCode);
    }

    [Fact]
    public async Task Another_enterprise_cannot_read_pick_or_close_it()
    {
        var (_, owner) = await app.NewEnterpriseAsync();
        var id = await app.OpenNeedAsync(owner, NeedArrange.NeedBody(app, title: "CANARY-需求-代理记账服务"));
        var accountant = await app.ApiAsync(Http.Institution);
        var item = await app.LiveItemAsync(await app.InstitutionIdAsync(NeedArrange.Accountant), "finance");
        var proposalId = (await (await accountant.PostAsJsonAsync($"/api/v1/needs/{id}/proposal", NeedArrange.ProposalBody(item))).JsonAsync()).GetProperty("id").GetGuid();

        var (_, other) = await app.NewEnterpriseAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/needs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/needs/{id}/pick",
            new { proposalId, contactName = "张三", contactPhone = "13912345678", consent = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/needs/{id}/close", new { reason = "不要了" })).StatusCode);
        Assert.DoesNotContain("CANARY-需求", await other.GetStringAsync("/api/v1/needs/mine"));
        // The public has no list and no detail.
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/v1/needs/{id}")).StatusCode);
        Assert.Equal(Qifu.Web.Modules.Needs.Data.NeedStatus.Open, await app.WithDbAsync(db => db.Needs.Where(n => n.Id == id).Select(n => n.Status).FirstAsync()));
    }

    [Fact]
    public async Task A_county_operator_of_another_county_cannot_moderate_dispatch_or_count_it()
    {
        var (_, enterprise) = await app.NewEnterpriseAsync("430405");
        var id = await app.PostNeedAsync(enterprise);
        var other = await app.ApiAsync(Http.HengyangCountyOperator);
        var lawFirmId = await app.InstitutionIdAsync(NeedArrange.LawFirm);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/needs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/needs/{id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/needs/{id}/reject", new { reason = "不属实" })).StatusCode);
        Assert.DoesNotContain(id.ToString(), await other.GetStringAsync("/api/v1/needs/managed?pageSize=100"));

        var city = await app.ApiAsync(Http.CityOperator);
        Assert.Equal(HttpStatusCode.OK, (await city.PostAsync($"/api/v1/needs/{id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/needs/{id}/dispatch", new { institutionIds = new[] { lawFirmId } })).StatusCode);
        var figures = await (await other.GetAsync("/api/v1/needs/figures")).JsonAsync();
        Assert.All(figures.EnumerateArray(), r => Assert.Equal("430421", r.GetProperty("regionCode").GetString()));
        // Institutions and enterprises may not use operator routes at all.
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.PostAsync($"/api/v1/needs/{id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiAsync(Http.Institution)).GetAsync("/api/v1/needs/figures")).StatusCode);
    }
}
