using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Qifu.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Qifu.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class CountyDataScopeTests(BrowserApp app)
{
    [Fact]
    public Task A_county_operator_sees_only_its_own_county_and_cannot_open_or_decide_another_countys_record() =>
        Journey.RunAsync(app, "d-scope", async journey =>
        {
            var zhuhuiApplicant = TestData.Enterprise("珠晖区", "430405");
            var hengyangApplicant = TestData.Enterprise("衡阳县", "430421");
            var zhuhuiId = await Arrange.RegisteredEnterpriseAsync(app, zhuhuiApplicant);
            await Arrange.RegisteredEnterpriseAsync(app, hengyangApplicant);

            // 衡阳县's operator: the queue is 衡阳县 only, with no county filter to widen it.
            var county = await journey.AsAsync("hengyang-operator");
            var page = county.Page;
            var signIn = new SignInPage(page);
            await signIn.OpenAsync();
            await Accessibility.CheckAsync(county, "signin");
            await signIn.SignInAsync(TestData.HengyangCountyOperator, TestData.DemoPassword);
            await Expect(page).ToHaveURLAsync(new Regex("/workbench$"));
            await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("数据范围：衡阳县");
            await Accessibility.CheckAsync(county, "workbench");

            var queue = new ReviewQueuePage(page);
            await queue.OpenAsync();
            await Expect(queue.Scope).ToHaveTextAsync("数据范围：衡阳县");
            await Expect(queue.RegionFilter).ToHaveCountAsync(0);
            await Expect(queue.Row(hengyangApplicant.Name)).ToContainTextAsync("待审核");
            var regions = await queue.RegionCells.AllInnerTextsAsync();
            Assert.NotEmpty(regions);
            Assert.All(regions, r => Assert.Equal("衡阳县", r.Trim()));
            await Expect(queue.Row(zhuhuiApplicant.Name)).ToHaveCountAsync(0);
            await Accessibility.CheckAsync(county, "review-queue");

            // Searching for the 珠晖区 enterprise by name or by credit code finds nothing.
            await queue.FilterAsync(query: zhuhuiApplicant.Name);
            await Expect(queue.Total).ToHaveTextAsync("共 0 条");
            await queue.Query.FillAsync(zhuhuiApplicant.CreditCode);
            await queue.SearchButton.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("Q=" + zhuhuiApplicant.CreditCode));
            await Expect(queue.Total).ToHaveTextAsync("共 0 条");
            await Accessibility.CheckAsync(county, "review-queue-empty-search");

            // Its review address, typed directly, is the 404 page — it does not reveal that the record exists.
            county.ExpectDocumentStatus(404);
            Assert.Equal(404, await county.GotoAsync(ReviewDetailPage.PathFor(zhuhuiId)));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("页面不存在");
            await Expect(page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync(zhuhuiApplicant.Name);
            await Expect(page).ToHaveTitleAsync(new Regex("^页面不存在 - "));
            await Accessibility.CheckAsync(county, "not-found");

            // Posting the approve handler anyway (with a valid antiforgery token of this session, from the sign-out confirmation
            // page's form) is refused the same way.
            var confirmation = await (await page.APIRequest.GetAsync("/account/signout")).TextAsync();
            var token = System.Net.WebUtility.HtmlDecode(
                Regex.Match(confirmation, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
            Assert.NotEmpty(token);
            var form = page.APIRequest.CreateFormData();
            form.Set("__RequestVerificationToken", token);
            var forged = await page.APIRequest.PostAsync($"{ReviewDetailPage.PathFor(zhuhuiId)}?handler=Approve",
                new() { Form = form, MaxRedirects = 0 });
            Assert.Equal(404, forged.Status);
            var api = await page.APIRequest.PostAsync($"/api/v1/enterprises/{zhuhuiId}/approve", new() { MaxRedirects = 0 });
            Assert.Equal(404, api.Status);

            // Nothing changed: 珠晖区's operator still finds it 待审核 with only its registration in the history.
            var zhuhui = await journey.AsAsync("zhuhui-operator");
            var zhuhuiSignIn = new SignInPage(zhuhui.Page);
            await zhuhuiSignIn.OpenAsync();
            await Accessibility.CheckAsync(zhuhui, "signin");
            await zhuhuiSignIn.SignInAsync(TestData.ZhuhuiOperator, TestData.DemoPassword);
            await Accessibility.CheckAsync(zhuhui, "workbench");
            Assert.Equal(200, await zhuhui.GotoAsync(ReviewDetailPage.PathFor(zhuhuiId)));
            var detail = new ReviewDetailPage(zhuhui.Page);
            await Expect(detail.Heading).ToHaveTextAsync(zhuhuiApplicant.Name);
            await Expect(detail.Status).ToContainTextAsync("待审核");
            await Expect(detail.ApproveButton).ToBeVisibleAsync();
            await Expect(detail.History).ToHaveCountAsync(1);
            await Expect(detail.History.First).ToContainTextAsync("企业注册");
            await Accessibility.CheckAsync(zhuhui, "review-detail-pending");
        });
}
