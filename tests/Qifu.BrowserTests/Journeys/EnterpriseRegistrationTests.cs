using System.Text.RegularExpressions;
using Qifu.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Qifu.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class EnterpriseRegistrationTests(BrowserApp app)
{
    [Fact]
    public Task An_enterprise_registers_and_its_county_operator_approves_it() =>
        Journey.RunAsync(app, "a-approve", async journey =>
        {
            var applicant = TestData.Enterprise();
            var licence = TestData.PdfFile(Path.Combine(app.DataPath, "uploads"));

            // The enterprise opens its county's site (区县分站), follows 企业注册 and registers in 珠晖区 with a PDF licence.
            var enterprise = await journey.AsAsync("enterprise");
            var page = enterprise.Page;
            var layout = new Layout(page);
            await enterprise.GotoAsync("/");
            await Accessibility.CheckAsync(enterprise, "home");
            // Every browser asks for /favicon.ico; a missing one is a console error (404) on every first visit.
            var icon = await page.APIRequest.GetAsync("/favicon.ico", new() { MaxRedirects = 0 });
            if (icon.Status != 200)
                enterprise.RecordFinding($"/favicon.ico 返回 {icon.Status}{(icon.Headers.TryGetValue("location", out var to) ? " → " + to : "")}（浏览器每次首访都会请求，应返回图标）");
            await layout.GoToSiteAsync("珠晖区");
            await Expect(page).ToHaveURLAsync(new Regex("/site/430405$"));
            await Expect(layout.Heading).ToHaveTextAsync("珠晖区 分站");
            await Accessibility.CheckAsync(enterprise, "site-zhuhui");
            await layout.RegisterEnterpriseLink.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/register/enterprise$"));
            await Accessibility.CheckAsync(enterprise, "register-enterprise");

            var register = new RegisterEnterprisePage(page);
            await register.FillAsync(applicant, licence);
            Assert.Equal(302, await register.SubmitAsync());

            var mine = new MyEnterprisePage(page);
            await Expect(page).ToHaveURLAsync(new Regex("/enterprise$"));
            await Expect(new Layout(page).Flash).ToContainTextAsync("注册信息已提交，请等待所在区县审核");
            await Expect(mine.Heading).ToHaveTextAsync(applicant.Name);
            await Expect(mine.StatusLine).ToContainTextAsync("待审核");
            await Expect(mine.PendingNotice).ToContainTextAsync("珠晖区运营人员审核");
            await Expect(mine.Detail("企业规模")).ToContainTextAsync("小型");
            await Expect(mine.Detail("企业规模")).ToContainTextAsync(new Regex("划分依据：.*从业人员"));
            await Expect(mine.Detail("统一社会信用代码")).ToHaveTextAsync(applicant.CreditCode);
            await Expect(mine.Detail("营业执照")).ToContainTextAsync("下载营业执照");
            await Accessibility.CheckAsync(enterprise, "my-enterprise-pending");

            // The 珠晖区 operator signs in, filters the queue to 待审核, finds it and approves it.
            var zhuhui = await journey.AsAsync("zhuhui-operator");
            var op = zhuhui.Page;
            var signIn = new SignInPage(op);
            await signIn.OpenAsync();
            await Accessibility.CheckAsync(zhuhui, "signin");
            await signIn.SignInAsync(TestData.ZhuhuiOperator, TestData.DemoPassword);
            await Expect(op).ToHaveURLAsync(new Regex("/workbench$"));
            await Accessibility.CheckAsync(zhuhui, "workbench");

            await op.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "企业注册审核与名录" }).ClickAsync();
            var queue = new ReviewQueuePage(op);
            await Expect(queue.Heading).ToHaveTextAsync("企业注册审核");
            await Expect(queue.Scope).ToContainTextAsync("珠晖区");
            await Accessibility.CheckAsync(zhuhui, "review-queue");
            await queue.FilterAsync(statusLabel: "待审核");
            await Expect(op).ToHaveURLAsync(new Regex("Status=Submitted"));
            await Expect(queue.Row(applicant.Name)).ToContainTextAsync("待审核");
            await Expect(queue.Row(applicant.Name)).ToContainTextAsync("小型");
            await Accessibility.CheckAsync(zhuhui, "review-queue-pending");

            await queue.OpenReviewAsync(applicant.Name);
            var detail = new ReviewDetailPage(op);
            await Expect(detail.Heading).ToHaveTextAsync(applicant.Name);
            await Expect(detail.Status).ToContainTextAsync("待审核");
            await Accessibility.CheckAsync(zhuhui, "review-detail-pending");
            await detail.ApproveAsync();
            await Expect(new Layout(op).Flash).ToHaveTextAsync("已审核通过");
            await Expect(detail.Status).ToContainTextAsync("已通过");
            await Expect(detail.ApproveButton).ToHaveCountAsync(0);
            await Expect(detail.History.Last).ToContainTextAsync("陈立");
            await Accessibility.CheckAsync(zhuhui, "review-detail-approved");

            // The enterprise signs out (退出登录 asks once), signs in again from the utility bar's 登录 and sees 已通过.
            await layout.SignOutLink.ClickAsync();
            await Expect(layout.Heading).ToHaveTextAsync("退出登录");
            await Accessibility.CheckAsync(enterprise, "signout-confirm");
            await layout.ConfirmSignOutButton.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/$"));
            await Expect(layout.SignOutLink).ToHaveCountAsync(0);
            await layout.SignInLink.ClickAsync();
            var signInAgain = new SignInPage(page);
            await Expect(page).ToHaveURLAsync(new Regex("/account/signin"));
            await Accessibility.CheckAsync(enterprise, "signin");
            await signInAgain.SignInAsync(applicant.Phone, applicant.Password);
            await Expect(page).ToHaveURLAsync(new Regex("/workbench$"));
            await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "已通过" })).ToBeVisibleAsync();
            await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "企业注册信息" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/enterprise$"));
            await Expect(mine.StatusLine).ToContainTextAsync("已通过");
            await Expect(mine.PendingNotice).ToHaveCountAsync(0);
            await Expect(mine.ResubmitHeading).ToHaveCountAsync(0);
            await Expect(layout.WorkbenchLink).ToContainTextAsync("李四");
            await Accessibility.CheckAsync(enterprise, "my-enterprise-approved");
        });
}
