using Microsoft.Playwright;
using Qifu.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Qifu.BrowserTests.Journeys;

/// <summary>
/// 无还本续贷 end to end: the enterprise applies without its bank statements, the 珠晖区 desk returns the case for that
/// document, the enterprise completes and resubmits it, the desk accepts and forwards it, the partner bank records due
/// diligence, approves and records the disbursement, and the enterprise sees the whole timeline. axe on every page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LoanRenewalJourneyTests(BrowserApp app)
{
    private const string Bank = "衡阳农村商业银行股份有限公司珠晖支行";
    private const string BankPhone = "13707340002";

    [Fact]
    public Task An_enterprise_renews_its_loan_through_the_desk_and_the_bank() =>
        Journey.RunAsync(app, "loan-renewal", async journey =>
        {
            var contract = "HNRCB-ZH-2025-" + Random.Shared.Next(1000, 9999);
            var maturity = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(50);

            // The enterprise applies, leaving out its bank statements.
            var enterprise = await journey.AsAsync("enterprise");
            var page = enterprise.Page;
            var signIn = new SignInPage(page);
            await signIn.OpenAsync();
            await signIn.SignInAsync(TestData.ApprovedEnterprise, TestData.DemoPassword);
            await page.GotoAsync("/enterprise/loan-renewals");
            await Accessibility.CheckAsync(enterprise, "loan-renewals");
            await page.GetByRole(AriaRole.Link, new() { Name = "申请续贷", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("申请无还本续贷");
            await Accessibility.CheckAsync(enterprise, "loan-renewal-apply");
            await page.GetByLabel("贷款银行（合作银行）").SelectOptionAsync(new SelectOptionValue { Label = Bank });
            await page.GetByLabel("原借款合同编号").FillAsync(contract);
            await page.GetByLabel("原贷款金额（元）").FillAsync("3000000");
            await page.GetByLabel("原贷款到期日").FillAsync(maturity.ToString("yyyy-MM-dd"));
            await page.GetByLabel("贷款用途").FillAsync("购买钢材、支付外协加工费");
            await page.GetByLabel("申请续贷金额（元）").FillAsync("3000000");
            await page.GetByLabel("申请续贷期限（月）").FillAsync("12");
            foreach (var (code, name) in new[] { ("application", "续贷申请书"), ("licence", "营业执照"), ("legal-id", "法定代表人身份证"),
                         ("loan-contract", "原借款合同"), ("financials", "财务报表") })
                await page.Locator($"#doc_{code}").SetInputFilesAsync(RenewalCasePage.Pdf(name + ".pdf"));
            await page.GetByLabel(new System.Text.RegularExpressions.Regex("^我单独同意向续贷受理中心")).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "提交续贷申请" }).ClickAsync();
            var mine = new RenewalCasePage(page);
            await Expect(mine.Flash).ToContainTextAsync("续贷申请已提交");
            await Expect(mine.Status).ToContainTextAsync("已提交");
            var number = (await mine.Detail("申请编号").InnerTextAsync()).Trim();
            var caseUrl = page.Url;
            await Accessibility.CheckAsync(enterprise, "loan-renewal-submitted");

            // The 珠晖区 desk returns it for the missing bank statements.
            var desk = await journey.AsAsync("desk");
            var deskSignIn = new SignInPage(desk.Page);
            await deskSignIn.OpenAsync();
            await deskSignIn.SignInAsync(TestData.ZhuhuiOperator, TestData.DemoPassword);
            await desk.Page.GotoAsync("/manage/loan-renewals?Stage=waiting");
            await Accessibility.CheckAsync(desk, "loan-renewal-desk-queue");
            await new RenewalListPage(desk.Page).ViewLink(number).ClickAsync();
            var deskCase = new RenewalCasePage(desk.Page);
            await Expect(deskCase.Heading).ToHaveTextAsync("续贷申请 " + number);
            await Accessibility.CheckAsync(desk, "loan-renewal-desk-case");
            await desk.Page.GetByLabel(new System.Text.RegularExpressions.Regex("^银行流水")).FillAsync("缺少近6个月基本户流水");
            await deskCase.ClickAsync("退回补正");
            await Expect(deskCase.Flash).ToContainTextAsync("已退回补正");
            await Expect(deskCase.Status).ToContainTextAsync("退回补正");

            // The enterprise sees what to complete, uploads it and resubmits.
            await page.GotoAsync(caseUrl);
            await Expect(mine.Status).ToContainTextAsync("退回补正");
            await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("银行流水（缺少近6个月基本户流水）");
            await Accessibility.CheckAsync(enterprise, "loan-renewal-returned");
            await page.Locator("#doc_bank-statements").SetInputFilesAsync(RenewalCasePage.Pdf("基本户流水.pdf"));
            await mine.ClickAsync("上传材料");
            await Expect(mine.Flash).ToContainTextAsync("材料已上传");
            await mine.ClickAsync("补正后重新提交");
            await Expect(mine.Status).ToContainTextAsync("已补正");

            // The desk accepts and forwards it to the bank.
            await desk.Page.ReloadAsync();
            await deskCase.ClickAsync("材料齐全，受理");
            await Expect(deskCase.Status).ToContainTextAsync("已受理");
            await deskCase.ClickAsync("推送至" + Bank);
            await Expect(deskCase.Status).ToContainTextAsync("已推送银行");

            // The bank records due diligence, approves and records the disbursement.
            var bank = await journey.AsAsync("bank");
            var bankSignIn = new SignInPage(bank.Page);
            await bankSignIn.OpenAsync();
            await bankSignIn.SignInAsync(BankPhone, TestData.DemoPassword);
            await bank.Page.GotoAsync("/institution/loan-renewals");
            await Accessibility.CheckAsync(bank, "loan-renewal-bank-list");
            await new RenewalListPage(bank.Page).ViewLink(number).ClickAsync();
            var bankCase = new RenewalCasePage(bank.Page);
            await Expect(bankCase.Detail("原借款合同编号")).ToHaveTextAsync(contract);
            await Accessibility.CheckAsync(bank, "loan-renewal-bank-case");
            await bank.Page.GetByLabel("调查情况").FillAsync("实地走访生产车间，核对近6个月纳税和流水，经营稳定。");
            await bankCase.ClickAsync("记录尽职调查");
            await Expect(bankCase.Status).ToContainTextAsync("尽职调查中");
            await bank.Page.GetByLabel("新借款合同编号（可选）").FillAsync(contract.Replace("2025", "2026"));
            await bankCase.ClickAsync("批准续贷");
            await Expect(bankCase.Status).ToContainTextAsync("银行已批准");
            await Accessibility.CheckAsync(bank, "loan-renewal-bank-approved");
            await bankCase.ClickAsync("登记放款，续贷完成");
            await Expect(bankCase.Status).ToContainTextAsync("续贷完成");

            // The enterprise follows the whole case on its timeline.
            await page.GotoAsync(caseUrl);
            await Expect(mine.Status).ToContainTextAsync("续贷完成");
            await Expect(mine.Timeline).ToHaveCountAsync(10);
            await Expect(mine.Timeline.Last).ToContainTextAsync("放款（续贷完成）");
            await Expect(mine.Timeline.Nth(2)).ToContainTextAsync("退回补正");
            await Accessibility.CheckAsync(enterprise, "loan-renewal-completed");

            // The desk's figures count it.
            await desk.Page.GotoAsync("/manage/loan-renewals/figures");
            await Expect(desk.Page.GetByRole(AriaRole.Main)).ToContainTextAsync(Bank);
            await Accessibility.CheckAsync(desk, "loan-renewal-figures");
        });
}
