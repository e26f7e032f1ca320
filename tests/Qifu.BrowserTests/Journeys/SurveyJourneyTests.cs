using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Qifu.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Qifu.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class SurveyJourneyTests(BrowserApp app)
{
    [Fact]
    public Task A_county_operator_opens_a_batch_an_enterprise_there_answers_and_the_chart_and_table_show_it() =>
        Journey.RunAsync(app, "survey", async journey =>
        {
            var title = "2026年第4批 珠晖区企业需求摸排" + Guid.NewGuid().ToString("N")[..4];

            // The 珠晖区 operator opens a batch of the city questionnaire for its county.
            var operatorSession = await journey.AsAsync("operator");
            var op = operatorSession.Page;
            var signIn = new SignInPage(op);
            await signIn.OpenAsync();
            await signIn.SignInAsync(TestData.ZhuhuiOperator, TestData.DemoPassword);
            var manage = new SurveyManagePages(op);
            await manage.OpenListAsync();
            await Expect(op.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("需求摸排");
            await Accessibility.CheckAsync(operatorSession, "surveys-manage");
            await manage.NewBatchLink.ClickAsync();
            await Accessibility.CheckAsync(operatorSession, "survey-batch-new");
            await op.GetByLabel("问卷 *").SelectOptionAsync(new SelectOptionValue { Label = "企业经营与服务需求摸排（衡阳市，8题）" });
            await manage.BatchTitle.FillAsync(title);
            await manage.CreateButton.ClickAsync();
            await Expect(new Layout(op).Flash).ToContainTextAsync("批次草稿已创建");
            await Expect(op.GetByRole(AriaRole.Main)).ToContainTextAsync("已通过审核的企业：珠晖区");
            await Accessibility.CheckAsync(operatorSession, "survey-batch-draft");
            await manage.OpenButton.ClickAsync();
            await Expect(new Layout(op).Flash).ToContainTextAsync(new Regex("批次已开启，已向 \\d+ 个企业账号发送站内信"));
            await manage.ResultsLink.ClickAsync();
            await Expect(manage.ResponseCount).ToHaveTextAsync("0");
            await Accessibility.CheckAsync(operatorSession, "survey-results-empty");

            // The demo enterprise (珠晖区) has an inbox message and answers the form.
            var enterpriseSession = await journey.AsAsync("enterprise");
            var ent = enterpriseSession.Page;
            var entSignIn = new SignInPage(ent);
            await entSignIn.OpenAsync();
            await entSignIn.SignInAsync(TestData.ApprovedEnterprise, TestData.DemoPassword);
            await ent.GotoAsync("/inbox");
            await Expect(ent.GetByRole(AriaRole.Main)).ToContainTextAsync("请填写需求摸排问卷：" + title);
            var answer = new SurveyAnswerPages(ent);
            await answer.OpenListAsync();
            await Accessibility.CheckAsync(enterpriseSession, "surveys-mine");
            await answer.BatchLink(title).ClickAsync();
            await Expect(ent.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
            await Accessibility.CheckAsync(enterpriseSession, "survey-answer");
            await answer.Choice("与去年同期相比", "略有好转").CheckAsync();
            await answer.Field("2. 企业目前在岗职工人数（人）").FillAsync("128");
            foreach (var row in new[] { "融资服务", "政策宣传解读", "人才招聘服务", "政务服务效率" })
                await answer.MatrixCell(row, "满意").CheckAsync();
            await answer.Choice("最需要哪些服务", "财税融资").CheckAsync();
            await answer.Choice("最需要哪些服务", "信息化").CheckAsync();
            await answer.Choice("未来一年是否有融资需求", "有，100万至500万元").CheckAsync();
            await answer.SubmitButton.ClickAsync();
            await Expect(new Layout(ent).Flash).ToContainTextAsync("答卷已提交");
            await Expect(answer.SaveButton).ToBeVisibleAsync();
            await Accessibility.CheckAsync(enterpriseSession, "survey-answered");

            // The operator's results now count it: the table and the chart carry the same number.
            await op.ReloadAsync();
            await Expect(manage.ResponseCount).ToHaveTextAsync("1");
            await Expect(manage.CountCell("最需要哪些服务", "财税融资")).ToHaveTextAsync("1");
            await Expect(manage.CountCell("最需要哪些服务", "管理咨询")).ToHaveTextAsync("0");
            await Expect(manage.CountCell("与去年同期相比", "略有好转")).ToHaveTextAsync("1");
            await Expect(manage.ResultSection("最需要哪些服务").Locator("svg.survey-chart")).ToHaveAttributeAsync("aria-hidden", "true");
            await Expect(manage.Bar("最需要哪些服务", "1")).ToHaveCountAsync(2);
            await Expect(op.GetByRole(AriaRole.Row).Filter(new() { Has = op.GetByRole(AriaRole.Rowheader, new() { Name = "珠晖区", Exact = true }) }).GetByRole(AriaRole.Cell).First)
                .ToHaveTextAsync("1");
            await Accessibility.CheckAsync(operatorSession, "survey-results-answered");

            // The answer becomes a need (转为需求), the operator approves it, the accountant proposes and the enterprise picks.
            var resultsUrl = op.Url;
            await op.GotoAsync(resultsUrl.Replace("/results", "/responses"));
            await Accessibility.CheckAsync(operatorSession, "survey-responses");
            await op.GetByRole(AriaRole.Row).Filter(new() { HasText = "衡阳恒远机械制造有限公司" }).GetByRole(AriaRole.Link, new() { Name = "转为需求" }).ClickAsync();
            await Expect(op.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("把答卷转为企业需求");
            await Expect(op.Locator("#Input_Description")).ToHaveValueAsync(new Regex("财税融资"));
            await Accessibility.CheckAsync(operatorSession, "survey-to-need");
            var needTitle = "摸排反映：代理记账与融资辅导" + Guid.NewGuid().ToString("N")[..4];
            await op.Locator("#Input_CategoryCode").SelectOptionAsync(new SelectOptionValue { Label = "财税融资" });
            await op.Locator("#Input_Title").FillAsync(needTitle);
            await op.GetByRole(AriaRole.Button, new() { Name = "转为需求" }).ClickAsync();
            await Expect(new Layout(op).Flash).ToContainTextAsync("已转为企业需求");
            var manageNeed = new ManageNeedsPage(op);
            await manageNeed.ApproveAsync();
            await Expect(manageNeed.Status).ToContainTextAsync("征集方案中");

            var inst = await journey.AsAsync("institution");
            var instSignIn = new SignInPage(inst.Page);
            await instSignIn.OpenAsync();
            await instSignIn.SignInAsync(TestData.DemoInstitution, TestData.DemoPassword);
            var openNeeds = new InstitutionNeedsPage(inst.Page);
            await openNeeds.OpenListAsync();
            await openNeeds.OpenAsync(needTitle);
            await openNeeds.ProposeAsync("代理记账并梳理融资材料，协助对接合作银行的续贷和信用贷产品。", "9800", "20");
            await Expect(inst.Page.Locator(".flash")).ToContainTextAsync("方案已提交");

            await ent.GotoAsync("/enterprise/needs");
            await ent.GetByRole(AriaRole.Link, new() { Name = needTitle, Exact = true }).ClickAsync();
            var entNeed = new EnterpriseNeedPage(ent);
            await Expect(entNeed.Comparison).ToContainTextAsync("9,800元");
            await Accessibility.CheckAsync(enterpriseSession, "survey-need-proposals");
            await entNeed.PickAsync("湖南衡信会计师事务所有限公司");
            await new PickProposalPage(ent).Consent.CheckAsync();
            await new PickProposalPage(ent).SubmitAsync();
            await Expect(ent).ToHaveURLAsync(new Regex("/enterprise/requests/[0-9a-f-]{36}$"));

            // The city questionnaire is frozen now; a copy is the county's own draft, open in the builder.
            await op.GotoAsync("/manage/surveys");
            await op.GetByRole(AriaRole.Link, new() { Name = "企业经营与服务需求摸排", Exact = true }).First.ClickAsync();
            await Expect(op.GetByRole(AriaRole.Main)).ToContainTextAsync("题目已冻结");
            await op.GetByRole(AriaRole.Button, new() { Name = "复制为新问卷" }).ClickAsync();
            await Expect(new Layout(op).Flash).ToContainTextAsync("已复制为新问卷");
            await Expect(op.GetByRole(AriaRole.Group, new() { Name = "添加题目" })).ToBeVisibleAsync();
            await Accessibility.CheckAsync(operatorSession, "survey-builder");
        });
}
