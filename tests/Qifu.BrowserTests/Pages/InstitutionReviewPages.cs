using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Qifu.BrowserTests.Pages;

/// <summary>/review/institutions: the operator's list of institution applications within their data scope.</summary>
public sealed class InstitutionReviewQueuePage(IPage page)
{
    public const string Path = "/review/institutions";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Scope => page.GetByText("数据范围：");
    public ILocator Filters => page.GetByRole(AriaRole.Search, new() { Name = "筛选服务机构" });
    public ILocator StatusFilter => Filters.GetByLabel("状态", new() { Exact = true });
    public ILocator RegionFilter => Filters.GetByLabel("所在区县", new() { Exact = true });
    public ILocator Query => Filters.GetByLabel("机构名称或信用代码");
    public ILocator SearchButton => Filters.GetByRole(AriaRole.Button, new() { Name = "搜索", Exact = true });
    public ILocator Table => page.GetByRole(AriaRole.Table, new() { Name = "服务机构入驻列表" });
    public ILocator Row(string name) => Table.Locator("tbody").GetByRole(AriaRole.Row).Filter(new() { HasText = name });
    public ILocator ReviewLink(string name) => LinkNamed("审核", name);
    public ILocator ViewLink(string name) => LinkNamed("查看", name);

    private ILocator LinkNamed(string verb, string name) =>
        page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^{verb}\\s*：{Regex.Escape(name)}$") });

    public async Task OpenAsync() => await page.GotoAsync(Path);

    public async Task FilterAsync(string? statusLabel = null, string? regionName = null, string? query = null)
    {
        if (statusLabel is not null) await StatusFilter.SelectOptionAsync(new SelectOptionValue { Label = statusLabel });
        if (regionName is not null) await RegionFilter.SelectOptionAsync(new SelectOptionValue { Label = regionName });
        if (query is not null) await Query.FillAsync(query);
        await SearchButton.ClickAsync();
        await page.LoadedAsync();
    }
}

/// <summary>/review/institutions/{id}: review decision, suspension, and (city operators) 核心服务机构 with a validity period.</summary>
public sealed class InstitutionReviewDetailPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Status => page.GetByRole(AriaRole.Main).Locator("p").Filter(new() { HasTextRegex = new Regex("^状态：") });
    public ILocator ApproveButton => page.GetByRole(AriaRole.Button, new() { Name = "审核通过", Exact = true });
    public ILocator CoreHeading => page.GetByRole(AriaRole.Heading, new() { Name = "核心服务机构", Exact = true });
    public ILocator CoreFrom => page.GetByLabel("有效期开始");
    public ILocator CoreUntil => page.GetByLabel("有效期结束");
    public ILocator MarkCoreButton => page.GetByRole(AriaRole.Button, new() { Name = "认定为核心服务机构", Exact = true });
    public ILocator History => page.GetByRole(AriaRole.Main).Locator("ol.timeline > li");
    public ILocator Detail(string term) => page.Locator("dl.details dt").Filter(new() { HasTextString = term }).Locator("xpath=following-sibling::dd[1]");

    public async Task ApproveAsync()
    {
        await ApproveButton.ClickAsync();
        await page.LoadedAsync();
    }

    public async Task MarkCoreAsync(DateOnly from, DateOnly until)
    {
        await CoreFrom.FillAsync(from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await CoreUntil.FillAsync(until.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await MarkCoreButton.ClickAsync();
        await page.LoadedAsync();
    }
}
