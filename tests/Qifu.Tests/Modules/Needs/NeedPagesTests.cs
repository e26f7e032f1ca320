using System.Net;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Needs.Data;

namespace Qifu.Tests.Modules.Needs;

/// <summary>The same steps through the pages, without JavaScript: forms, the "先看看现成的服务" step, messages next to the fields.</summary>
[Collection(NeedsCollection.Name)]
public sealed class NeedPagesTests(QifuApp app)
{
    private Dictionary<string, string> Form(string title = "代理记账和年度汇算清缴") => new()
    {
        ["Input.CategoryCode"] = "finance", ["Input.SubCategory"] = "", ["Input.Title"] = title,
        ["Input.Description"] = "希望委托代理记账，并完成今年的企业所得税汇算清缴。", ["Input.Budget"] = "6000", ["Input.BudgetNegotiable"] = "false",
        ["Input.Deadline"] = app.Today(15), ["Input.RegionCode"] = "430405",
    };

    [Fact]
    public async Task The_enterprise_sees_matching_items_before_posting_and_then_posts()
    {
        var enterprise = await app.SignedInAsync(Http.ApprovedEnterprise);
        var preview = await enterprise.PostFormAsync("/enterprise/needs/new?handler=Preview", Form("代理记账"), "/enterprise/needs/new");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Contains("先看看现成的服务", html);
        Assert.Contains("仍要发布需求", html);
        Assert.Contains("href=\"/services/", html);
        Assert.Equal(0, await app.WithDbAsync(db => db.Needs.CountAsync(n => n.Title == "代理记账")));

        // The preview's own form posts to the page itself (not back to ?handler=Preview), with its token.
        Assert.Contains("action=\"/enterprise/needs/new\"", html);
        Assert.Contains("仍要发布需求", html);
        var posted = await enterprise.PostFormAsync("/enterprise/needs/new", Form("代理记账"), "/enterprise/needs/new");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var id = await app.WithDbAsync(db => db.Needs.Where(n => n.Title == "代理记账").Select(n => n.Id).FirstAsync());
        Assert.Equal($"/enterprise/needs/{id}", posted.Headers.Location!.OriginalString);
        Assert.Contains("待所在区县运营审核", await enterprise.GetStringAsync($"/enterprise/needs/{id}"));
        Assert.Contains("代理记账", await enterprise.GetStringAsync("/enterprise/needs"));
    }

    [Fact]
    public async Task A_form_with_mistakes_comes_back_with_the_message_next_to_the_field()
    {
        var enterprise = await app.SignedInAsync(Http.ApprovedEnterprise);
        var form = Form("");
        form["Input.Budget"] = "";
        var response = await enterprise.PostFormAsync("/enterprise/needs/new?handler=Preview", form, "/enterprise/needs/new");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("请填写需求标题", html);
        var past = Form();
        past["Input.Deadline"] = app.Today(-2);
        var late = await enterprise.PostFormAsync("/enterprise/needs/new", past, "/enterprise/needs/new");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
        Assert.Contains("截止日期不能早于今天", await late.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Operator_institution_and_enterprise_pages_carry_a_need_to_a_service_request()
    {
        var enterprise = await app.SignedInAsync(Http.ApprovedEnterprise);
        await enterprise.PostFormAsync("/enterprise/needs/new", Form("财务外包与税务筹划"), "/enterprise/needs/new");
        var id = await app.WithDbAsync(db => db.Needs.Where(n => n.Title == "财务外包与税务筹划").Select(n => n.Id).FirstAsync());

        var op = await app.SignedInAsync(Http.ZhuhuiOperator);
        Assert.Contains("财务外包与税务筹划", await op.GetStringAsync("/manage/needs?Status=PendingReview"));
        var noReason = await op.PostFormAsync($"/manage/needs/{id}?handler=Reject", new() { ["Decision.Reason"] = "" }, $"/manage/needs/{id}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("请填写驳回原因", await noReason.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await op.PostFormAsync($"/manage/needs/{id}?handler=Approve", new(), $"/manage/needs/{id}")).StatusCode);
        Assert.Contains("派单", await op.GetStringAsync($"/manage/needs/{id}"));
        Assert.Contains("需求对接情况", await op.GetStringAsync("/manage/needs/figures"));
        Assert.Contains("待跟进需求", await op.GetStringAsync("/manage/needs/follow-ups"));

        var institution = await app.SignedInAsync(Http.Institution);
        Assert.Contains("财务外包与税务筹划", await institution.GetStringAsync("/institution/needs"));
        var item = await app.LiveItemAsync(await app.InstitutionIdAsync(NeedArrange.Accountant), "finance");
        var proposed = await institution.PostFormAsync($"/institution/needs/{id}", new()
        {
            ["Input.ItemId"] = item.ToString(), ["Input.Scope"] = "每月代理记账、纳税申报及季度税务筹划建议。", ["Input.Price"] = "9000",
            ["Input.PriceNegotiable"] = "false", ["Input.DaysNeeded"] = "20",
        });
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        var proposalId = await app.WithDbAsync(db => db.NeedProposals.Where(p => p.NeedId == id).Select(p => p.Id).FirstAsync());

        var detail = await enterprise.GetStringAsync($"/enterprise/needs/{id}");
        Assert.Contains("方案比较", detail);
        Assert.Contains($"/enterprise/needs/{id}/pick/{proposalId}", detail);
        var pickUrl = $"/enterprise/needs/{id}/pick/{proposalId}";
        var noConsent = await enterprise.PostFormAsync(pickUrl, new() { ["Input.ContactName"] = "王建国", ["Input.ContactPhone"] = "13807340001" });
        Assert.Equal(HttpStatusCode.BadRequest, noConsent.StatusCode);
        Assert.Contains("请勾选同意向湖南衡信会计师事务所有限公司提供", await noConsent.Content.ReadAsStringAsync());
        var picked = await enterprise.PostFormAsync(pickUrl, new() { ["Input.ContactName"] = "王建国", ["Input.ContactPhone"] = "13807340001", ["Input.Consent"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, picked.StatusCode);
        var need = await app.WithDbAsync(db => db.Needs.AsNoTracking().FirstAsync(n => n.Id == id));
        Assert.Equal(NeedStatus.Docked, need.Status);
        Assert.Equal($"/enterprise/requests/{need.ServiceRequestId}", picked.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await enterprise.GetAsync(picked.Headers.Location!.OriginalString)).StatusCode);
    }

    [Fact]
    public async Task Demo_needs_cover_every_state_and_one_is_docked_to_a_request()
    {
        var states = await app.WithDbAsync(db => db.Needs.Where(n => n.CreatedBy == null && n.Source == "enterprise").Select(n => n.Status).Distinct().ToListAsync());
        foreach (var s in Enum.GetValues<NeedStatus>()) Assert.Contains(s, states);
        Assert.True(await app.WithDbAsync(db => db.Needs.AnyAsync(n => n.Status == NeedStatus.Docked && n.ServiceRequestId != null
            && db.ServiceRequests.Any(r => r.Id == n.ServiceRequestId))));
        var workbench = await (await app.SignedInAsync(Http.ApprovedEnterprise)).GetStringAsync("/workbench");
        Assert.Contains("项需求征集方案中", workbench);
    }
}
