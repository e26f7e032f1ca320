using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Qifu.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Qifu.BrowserTests.Journeys;

/// <summary>
/// 运营指标 for a county site: the 珠晖区 operator opens the dashboard from the menu, sees the charts drawn (ECharts, bundled) with the
/// same numbers in tables, switches the period, drills down from 服务过程及评价 to the evaluations behind it, and exports them to
/// .xlsx. axe on every page visited (the charts' data tables included), in both normal and 长辈版 modes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardJourneyTests(BrowserApp app)
{
    [Fact]
    public Task A_county_operator_reads_the_dashboard_drills_down_and_exports() =>
        Journey.RunAsync(app, "dashboard", async journey =>
        {
            var op = await journey.AsAsync("county-operator");
            var page = op.Page;
            var signIn = new SignInPage(page);
            await signIn.OpenAsync();
            await signIn.SignInAsync(TestData.ZhuhuiOperator, TestData.DemoPassword);
            await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "运营指标" }).ClickAsync();
            var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
            await Expect(heading).ToContainTextAsync("运营指标：珠晖区 · 累计");
            // The charts are drawn, and each has a table with its numbers; the region list offers only the own county.
            await Expect(page.Locator("[data-chart='chart-trend'] svg")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-chart='chart-category'] svg")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Table, new() { Name = "近十二个月趋势" })).ToBeVisibleAsync();
            await Expect(page.GetByLabel("地区").Locator("option")).ToHaveCountAsync(1);
            await Expect(page.Locator("table.scorecards tbody tr")).ToHaveCountAsync(1);
            await Accessibility.CheckAsync(op, "dashboard-to-date");

            // Another period: the year.
            var year = DateTime.UtcNow.AddHours(8).Year;
            await page.GetByLabel("统计期间").SelectOptionAsync(new SelectOptionValue { Label = $"{year}年" });
            await page.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();
            await Expect(heading).ToHaveTextAsync($"运营指标：珠晖区 · {year}年");
            await Expect(page.Locator("[data-chart='chart-trend'] svg")).ToBeVisibleAsync();
            await Accessibility.CheckAsync(op, "dashboard-year");

            // Drill down from a figure to its records: as many rows as the figure says.
            var figure = page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^服务过程及评价 [0-9,]+次，查看明细$") });
            var label = await figure.GetAttributeAsync("aria-label");
            var count = Regex.Match(label!, "[0-9,]+").Value;
            await figure.ClickAsync();
            await Expect(heading).ToHaveTextAsync($"服务评价：珠晖区 · {year}年");
            await Expect(page.Locator("#record-count")).ToHaveTextAsync($"共 {count} 条");
            var rows = await page.Locator("table tbody tr").CountAsync();
            Assert.Equal(Math.Min(50, int.Parse(count.Replace(",", ""))), rows);
            await Accessibility.CheckAsync(op, "dashboard-records");

            // Export them.
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "导出全部（.xlsx）" }).ClickAsync());
            Assert.EndsWith(".xlsx", download.SuggestedFilename);
            Assert.Contains("服务评价", download.SuggestedFilename);
            var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
            Assert.True(bytes.Length > 1000 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K', "an .xlsx (zip) file");

            // Back to the dashboard; the print view has no controls.
            await page.GetByRole(AriaRole.Link, new() { Name = "← 返回运营指标" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "打印视图" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "查看" })).ToHaveCountAsync(0);
            await Accessibility.CheckAsync(op, "dashboard-print");
        });
}
