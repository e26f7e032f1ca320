using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Qifu.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Qifu.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class NeedJourneyTests(BrowserApp app)
{
    [Fact]
    public Task An_enterprise_posts_a_need_the_county_approves_an_institution_proposes_and_the_pick_becomes_a_service_request() =>
        Journey.RunAsync(app, "need-docking", async journey =>
        {
            var title = "代理记账和汇算清缴" + Guid.NewGuid().ToString("N")[..4];

            // The enterprise writes the need and is first shown what the catalogue already offers.
            var enterprise = await journey.AsAsync("enterprise");
            var page = enterprise.Page;
            var signIn = new SignInPage(page);
            await signIn.OpenAsync();
            await signIn.SignInAsync(TestData.ApprovedEnterprise, TestData.DemoPassword);
            await page.GotoAsync("/enterprise/needs");
            await Accessibility.CheckAsync(enterprise, "needs-mine");
            var form = new NewNeedPage(page);
            await form.OpenAsync();
            await Accessibility.CheckAsync(enterprise, "need-new");
            await form.FillAsync("财税融资", title, "年营业收入约6800万元，希望委托代理记账，并完成今年的企业所得税汇算清缴。", "15000");
            await form.NextAsync();
            await Expect(form.Heading).ToHaveTextAsync("先看看现成的服务");
            await Expect(form.MatchingItems.First).ToBeVisibleAsync();
            await Accessibility.CheckCurrentModeAsync(enterprise, "need-matching-items");
            await form.PostAnywayAsync();
            var need = new EnterpriseNeedPage(page);
            await Expect(need.Heading).ToHaveTextAsync(title);
            await Expect(need.Status).ToContainTextAsync("待审核");
            var needUrl = page.Url;
            await Accessibility.CheckAsync(enterprise, "need-pending");

            // The 珠晖区 operator approves it from the queue.
            var op = await journey.AsAsync("operator");
            var opSignIn = new SignInPage(op.Page);
            await opSignIn.OpenAsync();
            await opSignIn.SignInAsync(TestData.ZhuhuiOperator, TestData.DemoPassword);
            var manage = new ManageNeedsPage(op.Page);
            await manage.OpenQueueAsync();
            await Accessibility.CheckAsync(op, "needs-queue");
            await manage.OpenAsync(title);
            await Accessibility.CheckAsync(op, "need-review");
            await manage.ApproveAsync();
            await Expect(manage.Status).ToContainTextAsync("征集方案中");
            await Accessibility.CheckAsync(op, "need-approved-dispatch");

            // The accountant (finance items serving the city) sees it and proposes.
            var inst = await journey.AsAsync("institution");
            var instSignIn = new SignInPage(inst.Page);
            await instSignIn.OpenAsync();
            await instSignIn.SignInAsync(TestData.DemoInstitution, TestData.DemoPassword);
            var needs = new InstitutionNeedsPage(inst.Page);
            await needs.OpenListAsync();
            await Accessibility.CheckAsync(inst, "institution-needs");
            await needs.OpenAsync(title);
            await Accessibility.CheckAsync(inst, "institution-need");
            await needs.ProposeAsync("每月代理记账及纳税申报，年度汇算清缴并出具鉴证报告，专职会计对接。", "18000", "30");
            await Expect(inst.Page.Locator(".flash")).ToContainTextAsync("方案已提交");
            await Accessibility.CheckAsync(inst, "institution-proposed");

            // The enterprise compares and picks; the pick lands on the new service request.
            await page.GotoAsync(needUrl);
            await Expect(need.Comparison).ToContainTextAsync("18,000元");
            await Accessibility.CheckAsync(enterprise, "need-proposals");
            await need.PickAsync("湖南衡信会计师事务所有限公司");
            await Accessibility.CheckAsync(enterprise, "need-pick");
            await new PickProposalPage(page).Consent.CheckAsync();
            await new PickProposalPage(page).SubmitAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/enterprise/requests/[0-9a-f-]{36}$"));
            await Expect(page.Locator(".flash")).ToContainTextAsync("已选择湖南衡信会计师事务所有限公司的方案");
            await Accessibility.CheckAsync(enterprise, "need-request");
            await page.GotoAsync(needUrl);
            await Expect(need.Status).ToContainTextAsync("已对接");
            await Accessibility.CheckAsync(enterprise, "need-docked");
        });
}
