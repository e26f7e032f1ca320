using System.Text.RegularExpressions;
using Qifu.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Qifu.BrowserTests.Journeys;

/// <summary>
/// 政策直享 end to end (issue 4, "Tests"): a city operator publishes a policy for manufacturing firms of 珠晖区 holding the
/// 专精特新 qualification; the demo enterprise that fits (衡阳恒远机械制造有限公司, 珠晖区, 制造业, 专精特新) sees it on its workbench
/// with the reasons and the condition the platform could not check, and the public reads it in the policy library.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PolicyJourneyTests(BrowserApp app)
{
    private const string OtherCondition = "上年度研发投入占营业收入比例不低于3%";

    [Fact]
    public Task An_operator_publishes_a_policy_and_the_enterprise_it_fits_sees_it_with_the_reason() =>
        Journey.RunAsync(app, "g-policy", async journey =>
        {
            var title = $"珠晖区制造业专精特新企业技改补助实施细则（第{Random.Shared.Next(100, 999)}号）";

            // ---------------------------------------------------------------- 1. the city operator publishes it
            var operatorSession = await journey.AsAsync("operator");
            var page = operatorSession.Page;
            var signIn = new SignInPage(page);
            await signIn.OpenAsync();
            await Accessibility.CheckAsync(operatorSession, "signin");
            await signIn.SignInAsync(TestData.CityOperator, TestData.DemoPassword);
            await Expect(page).ToHaveURLAsync(new Regex("/workbench$"));
            await Accessibility.CheckAsync(operatorSession, "workbench-city");
            var form = new NewArticlePage(page);
            await form.OpenAsync();
            await Accessibility.CheckAsync(operatorSession, "article-new");
            await form.Kind.SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "政策文件" });
            await form.Title.FillAsync(title);
            await form.Body.FillAsync("对本区制造业专精特新中小企业实施的设备更新和数字化改造项目，按设备投资额的10%给予补助。\n\n申报材料由区工信局受理。");
            await form.Issuer.FillAsync("衡阳市珠晖区工业和信息化局");
            await form.DocumentNumber.FillAsync("珠工信发〔2026〕12号");
            await form.Level.SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "区县" });
            await form.Theme.SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "创新支持" });
            await form.Choice("C 制造业").CheckAsync();
            await form.Choice("珠晖区").CheckAsync();
            await form.Choice("专精特新中小企业").CheckAsync();
            await form.OtherConditions.FillAsync(OtherCondition);
            await form.Publish.ClickAsync();
            await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
            await Accessibility.CheckAsync(operatorSession, "article-published");

            // ---------------------------------------------------------------- 2. the enterprise that fits sees it, with why
            var enterprise = await journey.AsAsync("enterprise");
            page = enterprise.Page;
            signIn = new SignInPage(page);
            await signIn.OpenAsync();
            await Accessibility.CheckAsync(enterprise, "signin");
            await signIn.SignInAsync(TestData.ApprovedEnterprise, TestData.DemoPassword);
            await Expect(page).ToHaveURLAsync(new Regex("/workbench$"));
            var matches = new PolicyMatchList(page);
            await Expect(matches.Heading).ToBeVisibleAsync();
            var match = matches.Match(title);
            await Expect(match).ToBeVisibleAsync();
            await Expect(match).ToContainTextAsync("行业：制造业");
            await Expect(match).ToContainTextAsync("区域：珠晖区");
            await Expect(match).ToContainTextAsync("资质：专精特新中小企业");
            await Expect(match).ToContainTextAsync(OtherCondition);
            await Accessibility.CheckAsync(enterprise, "workbench-policies");

            await match.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = title }).ClickAsync();
            await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
            await Expect(page.GetByText("珠工信发〔2026〕12号").First).ToBeVisibleAsync();
            await Accessibility.CheckAsync(enterprise, "policy-article");

            // ---------------------------------------------------------------- 3. the public finds it in the policy library
            var visitor = await journey.AsAsync("visitor");
            await visitor.Page.GotoAsync("/policies");
            await Expect(visitor.Page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
            await Accessibility.CheckAsync(visitor, "policies");
        });
}
