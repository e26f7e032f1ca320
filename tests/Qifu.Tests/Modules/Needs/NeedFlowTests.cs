using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Needs.Data;
using Qifu.Web.Modules.ServiceRequests.Data;

namespace Qifu.Tests.Modules.Needs;

/// <summary>The need's state machine through the API: post → approve → propose / edit / withdraw → pick (a service request) ; reject ; close.</summary>
[Collection(NeedsCollection.Name)]
public sealed class NeedFlowTests(QifuApp app)
{
    [Fact]
    public async Task A_need_is_moderated_answered_and_picked_into_a_service_request()
    {
        var enterprise = await app.ApiAsync(Http.ApprovedEnterprise);
        var enterpriseId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == Http.ApprovedEnterprise).Select(u => u.EnterpriseId!.Value).FirstAsync());
        var accountant = await app.ApiAsync(Http.Institution);
        var accountantId = await app.InstitutionIdAsync(NeedArrange.Accountant);
        var bank = await app.InstitutionClientAsync(NeedArrange.Bank);
        var bankId = await app.InstitutionIdAsync(NeedArrange.Bank);

        var posted = await enterprise.PostAsJsonAsync("/api/v1/needs", NeedArrange.NeedBody(app));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var body = await posted.JsonAsync();
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal("PendingReview", body.GetProperty("status").GetString());
        Assert.Equal("430405", body.GetProperty("regionCode").GetString());
        Assert.True(await app.InboxCountAsync("need.submitted", operatorPhone: Http.ZhuhuiOperator) >= 1);

        // Not visible to institutions before moderation.
        Assert.Equal(HttpStatusCode.NotFound, (await accountant.GetAsync($"/api/v1/needs/{id}")).StatusCode);
        var item = await app.LiveItemAsync(accountantId, "finance");
        Assert.Equal(HttpStatusCode.NotFound, (await accountant.PostAsJsonAsync($"/api/v1/needs/{id}/proposal", NeedArrange.ProposalBody(item))).StatusCode);

        var op = await app.ApiAsync(Http.ZhuhuiOperator);
        var approved = await op.PostAsync($"/api/v1/needs/{id}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("Open", (await approved.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await op.PostAsync($"/api/v1/needs/{id}/approve", null)).StatusCode);
        Assert.True(await app.InboxCountAsync("need.approved", enterpriseId: enterpriseId) >= 1);

        // The institution sees it, without the enterprise's name, and answers.
        var seen = await (await accountant.GetAsync($"/api/v1/needs/{id}")).JsonAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, seen.GetProperty("enterpriseName").ValueKind);
        var proposed = await accountant.PostAsJsonAsync($"/api/v1/needs/{id}/proposal", NeedArrange.ProposalBody(item));
        Assert.Equal(HttpStatusCode.OK, proposed.StatusCode);
        var proposalId = (await proposed.JsonAsync()).GetProperty("id").GetGuid();
        Assert.True(await app.InboxCountAsync("need.proposed", enterpriseId: enterpriseId) >= 1);

        // Edit: the same proposal changes.
        var edited = await accountant.PostAsJsonAsync($"/api/v1/needs/{id}/proposal", NeedArrange.ProposalBody(item, "改为按季度上门，其余不变，每月代理记账及申报。", 10000, 25));
        Assert.Equal(proposalId, (await edited.JsonAsync()).GetProperty("id").GetGuid());
        Assert.Equal(1, await app.WithDbAsync(db => db.NeedProposals.CountAsync(p => p.NeedId == id && p.InstitutionId == accountantId)));
        Assert.Equal(10000m, await app.WithDbAsync(db => db.NeedProposals.Where(p => p.Id == proposalId).Select(p => p.Price).FirstAsync()));

        // Withdraw: the enterprise no longer sees it; answering again revives the same row.
        Assert.Equal(HttpStatusCode.OK, (await accountant.PostAsync($"/api/v1/needs/{id}/proposal/withdraw", null)).StatusCode);
        Assert.Equal(0, (await (await enterprise.GetAsync($"/api/v1/needs/{id}")).JsonAsync()).GetProperty("proposals").GetArrayLength());
        Assert.Equal(HttpStatusCode.Conflict, (await accountant.PostAsync($"/api/v1/needs/{id}/proposal/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await accountant.PostAsJsonAsync($"/api/v1/needs/{id}/proposal", NeedArrange.ProposalBody(item))).StatusCode);

        var bankItem = await app.LiveItemAsync(bankId, "finance");
        Assert.Equal(HttpStatusCode.OK, (await bank.PostAsJsonAsync($"/api/v1/needs/{id}/proposal", NeedArrange.ProposalBody(bankItem, "流动资金贷款配套结算服务，专人对接。", null, 7))).StatusCode);
        var detail = await (await enterprise.GetAsync($"/api/v1/needs/{id}")).JsonAsync();
        Assert.Equal(2, detail.GetProperty("proposals").GetArrayLength());

        // Pick without the separate consent: refused, nothing changes.
        var noConsent = await enterprise.PostAsJsonAsync($"/api/v1/needs/{id}/pick", new { proposalId, contactName = "王建国", contactPhone = "13807340001", consent = false });
        Assert.Equal(HttpStatusCode.BadRequest, noConsent.StatusCode);
        Assert.Equal("SEPARATE_CONSENT_REQUIRED", await noConsent.CodeOf());
        Assert.Equal(NeedStatus.Open, await app.WithDbAsync(db => db.Needs.Where(x => x.Id == id).Select(x => x.Status).FirstAsync()));

        var requestsBefore = await app.WithDbAsync(db => db.ServiceRequests.CountAsync());
        var picked = await enterprise.PostAsJsonAsync($"/api/v1/needs/{id}/pick", new { proposalId, contactName = "王建国", contactPhone = "13807340001", consent = true });
        Assert.Equal(HttpStatusCode.OK, picked.StatusCode);
        var requestId = (await picked.JsonAsync()).GetProperty("serviceRequestId").GetGuid();
        var request = await app.WithDbAsync(db => db.ServiceRequests.AsNoTracking().FirstAsync(r => r.Id == requestId));
        Assert.Equal(requestsBefore + 1, await app.WithDbAsync(db => db.ServiceRequests.CountAsync()));
        Assert.Equal(RequestStatus.Submitted, request.Status);
        Assert.Equal(accountantId, request.InstitutionId);
        Assert.Equal(item, request.ItemId);
        Assert.Equal(enterpriseId, request.EnterpriseId);
        Assert.True(await app.WithDbAsync(db => db.RequestEvents.AnyAsync(e => e.RequestId == requestId && e.Action == "submit")));
        var need = await app.WithDbAsync(db => db.Needs.AsNoTracking().FirstAsync(x => x.Id == id));
        Assert.Equal(NeedStatus.Docked, need.Status);
        Assert.Equal(requestId, need.ServiceRequestId);
        Assert.Equal(proposalId, need.PickedProposalId);
        Assert.Equal(ProposalStatus.NotPicked, await app.WithDbAsync(db => db.NeedProposals.Where(p => p.NeedId == id && p.InstitutionId == bankId).Select(p => p.Status).FirstAsync()));
        Assert.True(await app.InboxCountAsync("need.picked", institutionId: accountantId) >= 1);

        // After the pick nothing moves any more.
        Assert.Equal("NEED_STATUS_CONFLICT", await (await enterprise.PostAsJsonAsync($"/api/v1/needs/{id}/pick",
            new { proposalId, contactName = "王建国", contactPhone = "13807340001", consent = true })).CodeOf());
        Assert.Equal(HttpStatusCode.Conflict, (await accountant.PostAsJsonAsync($"/api/v1/needs/{id}/proposal", NeedArrange.ProposalBody(item))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await enterprise.PostAsJsonAsync($"/api/v1/needs/{id}/close", new { reason = "不需要了" })).StatusCode);
        // The institution still sees the need it answered, and the request is in its list.
        Assert.Equal(HttpStatusCode.OK, (await accountant.GetAsync($"/api/v1/needs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await accountant.GetAsync($"/api/v1/requests/{requestId}")).StatusCode);
    }

    [Fact]
    public async Task A_rejected_need_carries_the_reason_and_a_closed_one_takes_no_more_proposals()
    {
        var (_, enterprise) = await app.NewEnterpriseAsync();
        var op = await app.ApiAsync(Http.ZhuhuiOperator);
        var id = await app.PostNeedAsync(enterprise);

        var noReason = await op.PostAsJsonAsync($"/api/v1/needs/{id}/reject", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal("请填写驳回原因（企业会看到）", (await noReason.JsonAsync()).GetProperty("errors").GetProperty("reason")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, (await op.PostAsJsonAsync($"/api/v1/needs/{id}/reject", new { reason = "需求描述过于简单，请补充预算依据" })).StatusCode);
        var seen = await (await enterprise.GetAsync($"/api/v1/needs/{id}")).JsonAsync();
        Assert.Equal("Rejected", seen.GetProperty("status").GetString());
        Assert.Equal("需求描述过于简单，请补充预算依据", seen.GetProperty("rejectReason").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await op.PostAsync($"/api/v1/needs/{id}/approve", null)).StatusCode);

        var open = await app.OpenNeedAsync(enterprise);
        var close = await enterprise.PostAsJsonAsync($"/api/v1/needs/{open}/close", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, close.StatusCode);
        Assert.Equal("reason", (await close.JsonAsync()).GetProperty("errors").EnumerateObject().First().Name);
        Assert.Equal(HttpStatusCode.OK, (await enterprise.PostAsJsonAsync($"/api/v1/needs/{open}/close", new { reason = "已自行解决" })).StatusCode);
        var accountant = await app.ApiAsync(Http.Institution);
        var item = await app.LiveItemAsync(await app.InstitutionIdAsync(NeedArrange.Accountant), "finance");
        // Closed: no longer open, so not visible to an institution that never answered.
        Assert.Equal(HttpStatusCode.NotFound, (await accountant.PostAsJsonAsync($"/api/v1/needs/{open}/proposal", NeedArrange.ProposalBody(item))).StatusCode);
    }

    [Theory]
    [InlineData("title", "", "请填写需求标题")]
    [InlineData("title", "记账", "需求标题应为4至100字")]
    [InlineData("description", "太短", "需求描述应为10至2000字")]
    [InlineData("budget", null, "请填写预算金额，或选择“面议”")]
    [InlineData("categoryCode", "food", "请选择有效的服务类别")]
    [InlineData("deadline", "past", "截止日期不能早于今天")]
    [InlineData("regionCode", "110101", "请选择有效的服务区域")]
    public async Task Bad_input_names_the_field_in_Chinese_and_saves_nothing(string field, string? value, string message)
    {
        var enterprise = await app.ApiAsync(Http.ApprovedEnterprise);
        var body = new Dictionary<string, object?>
        {
            ["categoryCode"] = "finance", ["title"] = "代理记账和年度汇算清缴", ["description"] = "希望委托代理记账并完成今年的汇算清缴工作。",
            ["budget"] = 5000, ["budgetNegotiable"] = false, ["deadline"] = app.Today(10), ["regionCode"] = null,
        };
        body[field] = field == "deadline" ? app.Today(-1) : value;
        var before = await app.WithDbAsync(db => db.Needs.CountAsync());
        var response = await enterprise.PostAsJsonAsync("/api/v1/needs", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.Equal(message, errors.GetProperty(field)[0].GetString());
        Assert.Equal(before, await app.WithDbAsync(db => db.Needs.CountAsync()));
    }

    [Fact]
    public async Task A_proposal_must_name_a_published_item_of_the_institution_and_say_the_days()
    {
        var enterprise = await app.ApiAsync(Http.ApprovedEnterprise);
        var id = await app.OpenNeedAsync(enterprise);
        var accountant = await app.ApiAsync(Http.Institution);
        var otherItem = await app.LiveItemAsync(await app.InstitutionIdAsync(NeedArrange.Bank), "finance");
        var wrong = await accountant.PostAsJsonAsync($"/api/v1/needs/{id}/proposal", NeedArrange.ProposalBody(otherItem));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("ITEM_INVALID", await wrong.CodeOf());
        var item = await app.LiveItemAsync(await app.InstitutionIdAsync(NeedArrange.Accountant), "finance");
        var noDays = await accountant.PostAsJsonAsync($"/api/v1/needs/{id}/proposal", new { itemId = item, scope = "每月代理记账及纳税申报服务。", price = 100, daysNeeded = 0 });
        Assert.Equal("所需时间应为1至365天", (await noDays.JsonAsync()).GetProperty("errors").GetProperty("daysNeeded")[0].GetString());
        Assert.False(await app.WithDbAsync(db => db.NeedProposals.AnyAsync(p => p.NeedId == id)));
    }

    [Fact]
    public async Task A_survey_answer_becomes_a_need_in_moderation()
    {
        var (enterpriseId, enterprise) = await app.NewEnterpriseAsync("430421");
        var need = await app.WithScopeAsync(sp => sp.GetRequiredService<Qifu.Web.Modules.Needs.NeedHandler>()
            .CreateFromSurveyAsync(enterpriseId, "market", "农产品网店开设与运营", "希望有机构协助开设网店并培训运营人员。", null, "问卷第5题：希望开网店卖大米"));
        Assert.Equal(NeedStatus.PendingReview, need.Status);
        Assert.Equal("survey", need.Source);
        Assert.Equal("430421", need.RegionCode);
        Assert.Null(need.Budget);
        var seen = await (await enterprise.GetAsync($"/api/v1/needs/{need.Id}")).JsonAsync();
        Assert.Equal("survey", seen.GetProperty("source").GetString());
    }
}
