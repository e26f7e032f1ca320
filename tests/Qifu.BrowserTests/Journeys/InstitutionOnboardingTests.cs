using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Qifu.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Qifu.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class InstitutionOnboardingTests(BrowserApp app)
{
    [Fact]
    public Task An_institution_applies_its_county_approves_it_and_the_city_marks_it_core_for_a_period() =>
        Journey.RunAsync(app, "c-institution", async journey =>
        {
            var applicant = TestData.Institution();
            var today = TestData.HengyangToday();
            var until = today.AddYears(1).AddDays(-1);
            string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

            // The institution applies from the utility bar's 机构入驻, with a PDF qualification.
            var institution = await journey.AsAsync("institution");
            var page = institution.Page;
            await institution.GotoAsync("/");
            await Accessibility.CheckAsync(institution, "home");
            await page.Locator(".utility-bar").GetByRole(AriaRole.Link, new() { Name = "机构入驻", Exact = true }).ClickAsync();
            var apply = new RegisterInstitutionPage(page);
            await Expect(apply.Heading).ToHaveTextAsync("服务机构入驻申请");
            await Accessibility.CheckAsync(institution, "register-institution");
            await apply.FillAsync(applicant, TestData.PdfFile(Path.Combine(app.DataPath, "uploads")));
            Assert.Equal(302, await apply.SubmitAsync());

            var mine = new MyInstitutionPage(page);
            await Expect(page).ToHaveURLAsync(new Regex("/institution$"));
            await Expect(new Layout(page).Flash).ToHaveTextAsync("入驻申请已提交，请等待所在区县审核");
            await Expect(mine.Heading).ToHaveTextAsync(applicant.Name);
            await Expect(mine.StatusLine).ToContainTextAsync("待审核");
            await Expect(mine.PendingNotice).ToContainTextAsync("衡阳县运营人员审核");
            await Expect(mine.Detail("服务类别")).ToHaveTextAsync("管理咨询、财税融资");
            await Expect(mine.Detail("资质证明")).ToContainTextAsync(".pdf");
            await Accessibility.CheckAsync(institution, "my-institution-pending");

            // 衡阳县's operator approves it; a county operator cannot mark 核心服务机构.
            var county = await journey.AsAsync("hengyang-operator");
            var countySignIn = new SignInPage(county.Page);
            await countySignIn.OpenAsync();
            await Accessibility.CheckAsync(county, "signin");
            await countySignIn.SignInAsync(TestData.HengyangCountyOperator, TestData.DemoPassword);
            await Accessibility.CheckAsync(county, "workbench");
            await county.Page.GetByRole(AriaRole.Link, new() { Name = "家机构入驻待审核" }).ClickAsync();
            var queue = new InstitutionReviewQueuePage(county.Page);
            await Expect(queue.Heading).ToHaveTextAsync("服务机构入驻审核");
            await Expect(queue.Scope).ToHaveTextAsync("数据范围：衡阳县");
            await Expect(queue.StatusFilter).ToHaveValueAsync("Submitted");
            await Expect(queue.RegionFilter).ToHaveCountAsync(0);
            await Expect(queue.Row(applicant.Name)).ToContainTextAsync("待审核");
            await Accessibility.CheckAsync(county, "institution-queue-pending");
            await queue.ReviewLink(applicant.Name).ClickAsync();
            var detail = new InstitutionReviewDetailPage(county.Page);
            await Expect(detail.Heading).ToHaveTextAsync(applicant.Name);
            await Expect(detail.Status).ToContainTextAsync("待审核");
            await Accessibility.CheckAsync(county, "institution-detail-pending");
            await detail.ApproveAsync();
            await Expect(new Layout(county.Page).Flash).ToHaveTextAsync("已审核通过，机构将在平台展示");
            await Expect(detail.Status).ToContainTextAsync("已通过");
            await Expect(detail.CoreHeading).ToHaveCountAsync(0);
            await Expect(detail.MarkCoreButton).ToHaveCountAsync(0);
            await Accessibility.CheckAsync(county, "institution-detail-approved-county");

            // The city operator finds it (county filter + name) and marks it 核心服务机构 for one year.
            var city = await journey.AsAsync("city-operator");
            var citySignIn = new SignInPage(city.Page);
            await citySignIn.OpenAsync();
            await Accessibility.CheckAsync(city, "signin");
            await citySignIn.SignInAsync(TestData.CityOperator, TestData.DemoPassword);
            await Accessibility.CheckAsync(city, "workbench-city");
            var cityQueue = new InstitutionReviewQueuePage(city.Page);
            await cityQueue.OpenAsync();
            await Expect(cityQueue.Scope).ToHaveTextAsync("数据范围：全市");
            await Accessibility.CheckAsync(city, "institution-queue-city");
            await cityQueue.FilterAsync(regionName: "衡阳县", query: applicant.Name);
            await Expect(cityQueue.Row(applicant.Name)).ToContainTextAsync("已通过");
            await Accessibility.CheckAsync(city, "institution-queue-city-search");
            await cityQueue.ViewLink(applicant.Name).ClickAsync();
            var cityDetail = new InstitutionReviewDetailPage(city.Page);
            await Expect(cityDetail.Heading).ToHaveTextAsync(applicant.Name);
            await Expect(cityDetail.CoreHeading).ToBeVisibleAsync();
            await Expect(cityDetail.Detail("核心服务机构")).ToHaveTextAsync("否");
            await Accessibility.CheckAsync(city, "institution-detail-city");
            await cityDetail.MarkCoreAsync(today, until);
            await Expect(new Layout(city.Page).Flash).ToHaveTextAsync("已认定为核心服务机构");
            await Expect(cityDetail.Detail("核心服务机构")).ToContainTextAsync("核心服务机构");
            await Expect(cityDetail.Detail("核心服务机构")).ToContainTextAsync($"有效期 {Day(today)} 至 {Day(until)}");
            await Expect(cityDetail.History.Filter(new() { HasText = "认定核心服务机构" })).ToContainTextAsync($"{Day(today)} 至 {Day(until)}");
            await Expect(city.Page.GetByRole(AriaRole.Button, new() { Name = "更新有效期" })).ToBeVisibleAsync();
            await Accessibility.CheckAsync(city, "institution-detail-core");

            // The institution signs in again and sees 已通过 with the 核心服务机构 badge and its end date.
            var again = await journey.AsAsync("institution-again");
            var signInAgain = new SignInPage(again.Page);
            await signInAgain.OpenAsync();
            await Accessibility.CheckAsync(again, "signin");
            await signInAgain.SignInAsync(applicant.Phone, applicant.Password);
            await Expect(again.Page).ToHaveURLAsync(new Regex("/workbench$"));
            await again.Page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "机构入驻信息" }).ClickAsync();
            await Expect(again.Page).ToHaveURLAsync(new Regex("/institution$"));
            var approved = new MyInstitutionPage(again.Page);
            await Expect(approved.StatusLine).ToContainTextAsync("已通过");
            await Expect(approved.StatusLine).ToContainTextAsync("核心服务机构");
            await Expect(approved.StatusLine).ToContainTextAsync($"有效期至 {Day(until)}");
            await Accessibility.CheckAsync(again, "my-institution-core");
        });
}
