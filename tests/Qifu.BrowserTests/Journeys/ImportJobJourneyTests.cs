using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Qifu.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Qifu.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class ImportJobJourneyTests(BrowserApp app)
{
    [Fact]
    public Task A_county_operator_submits_a_large_import_and_the_job_page_reloads_itself_until_it_fails_on_one_row() =>
        Journey.RunAsync(app, "import-job", async journey =>
        {
            var county = await journey.AsAsync("hengyang-operator");
            var page = county.Page;
            var signIn = new SignInPage(page);
            await signIn.OpenAsync();
            await signIn.SignInAsync(TestData.HengyangCountyOperator, TestData.DemoPassword);
            await Expect(page).ToHaveURLAsync(new Regex("/workbench$"));

            // 5,001 rows: over the 5,000-row threshold, so a background job; row 4,002 is outside 衡阳县's scope.
            var rows = ImportJobPages.Rows(5001);
            rows[4000].Region = "珠晖区";
            var import = new ImportJobPages(page);
            await import.OpenImportAsync();
            await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("后台导入任务");
            await Accessibility.CheckAsync(county, "enterprise-import");
            await import.UploadAsync("衡阳县企业名录.xlsx", ImportJobPages.Workbook(rows));

            await Expect(page).ToHaveURLAsync(new Regex("/review/enterprises/imports/[0-9a-f-]{36}$"));
            await Expect(import.Flash).ToContainTextAsync("导入任务已提交");
            // No script: the page reloads itself (HTTP Refresh) until the job ends.
            await Expect(import.Status).ToHaveTextAsync("失败", new() { Timeout = 120_000 });
            await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("1 行有错误");
            await Expect(import.Errors).ToHaveCountAsync(1);
            await Expect(import.Errors.First).ToContainTextAsync("第 4002 行");
            await Expect(import.Errors.First).ToContainTextAsync("超出您的数据范围");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "下载错误说明（Excel）" })).ToBeVisibleAsync();
            await Accessibility.CheckAsync(county, "import-job-failed");
        });
}
