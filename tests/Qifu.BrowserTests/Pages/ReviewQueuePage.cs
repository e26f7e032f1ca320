using Microsoft.Playwright;

namespace Qifu.BrowserTests.Pages;

/// <summary>/review/enterprises: the operator's list of enterprise registrations within their data scope.</summary>
public sealed class ReviewQueuePage(IPage page)
{
    public const string Path = "/review/enterprises";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Scope => page.GetByText("数据范围：");
    public ILocator Filters => page.GetByRole(AriaRole.Search, new() { Name = "筛选企业" });
    public ILocator StatusFilter => Filters.GetByLabel("状态", new() { Exact = true });
    public ILocator RegionFilter => Filters.GetByLabel("区县", new() { Exact = true });
    public ILocator Query => Filters.GetByLabel("企业名称或信用代码");
    public ILocator SearchButton => Filters.GetByRole(AriaRole.Button, new() { Name = "搜索", Exact = true });
    public ILocator Total => page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^共 \\d+ 条$") });
    public ILocator Table => page.GetByRole(AriaRole.Table, new() { Name = "企业注册列表" });
    public ILocator Rows => Table.Locator("tbody").GetByRole(AriaRole.Row);
    public ILocator Row(string enterpriseName) => Rows.Filter(new() { HasText = enterpriseName });

    /// <summary>The 区县 cell of every row on the page (column 3).</summary>
    public ILocator RegionCells => Rows.Locator("td:nth-child(3)");

    /// <summary>
    /// The row's link, named "审核：企业名" while pending and "查看：企业名" otherwise (the name part is visually hidden;
    /// being absolutely positioned it is a block, so the computed name may hold a space before the colon).
    /// </summary>
    public ILocator ReviewLink(string enterpriseName) => LinkNamed("审核", enterpriseName);
    public ILocator ViewLink(string enterpriseName) => LinkNamed("查看", enterpriseName);

    private ILocator LinkNamed(string verb, string enterpriseName) => page.GetByRole(AriaRole.Link,
        new() { NameRegex = new System.Text.RegularExpressions.Regex($"^{verb}\\s*：{System.Text.RegularExpressions.Regex.Escape(enterpriseName)}$") });

    public async Task OpenAsync() => await page.GotoAsync(Path);

    public async Task FilterAsync(string? statusLabel = null, string? query = null)
    {
        if (statusLabel is not null) await StatusFilter.SelectOptionAsync(new SelectOptionValue { Label = statusLabel });
        if (query is not null) await Query.FillAsync(query);
        await SearchButton.ClickAsync();
        await page.LoadedAsync();
    }

    public async Task OpenReviewAsync(string enterpriseName)
    {
        await ReviewLink(enterpriseName).ClickAsync();
        await page.LoadedAsync();
    }
}
