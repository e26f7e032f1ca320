using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Qifu.BrowserTests.Pages;

/// <summary>The search box in the header of every page (a search landmark in the banner, labelled 全站搜索).</summary>
public sealed class HeaderSearchBox(IPage page)
{
    public ILocator Box => page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Searchbox, new() { Name = "全站搜索", Exact = true });
    public ILocator SearchButton => page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "搜索", Exact = true });

    /// <summary>Types the words and submits with the Enter key, as most people do.</summary>
    public async Task SearchAsync(string words)
    {
        await Box.FillAsync(words);
        await Box.PressAsync("Enter");
        await page.LoadedAsync();
    }
}

/// <summary>/search?q=…: 全站搜索 / 服务超市 — hits with highlighted words, facets with counts, the chips of the filters in force.</summary>
public sealed class SearchResultsPage(IPage page)
{
    public const string Path = "/search";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Main => page.GetByRole(AriaRole.Main);

    /// <summary>The page's own search box (main content), which keeps the words searched for.</summary>
    public ILocator Box => Main.GetByRole(AriaRole.Searchbox, new() { Name = "搜索服务项目、服务机构", Exact = true });

    /// <summary>"找到约 N 条结果" (a live status).</summary>
    public ILocator Count => Main.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = new Regex("^找到约") });

    /// <summary>Shown while the index is still being built after a start.</summary>
    public ILocator IndexBuilding => Main.GetByText("搜索索引正在建立");

    public ILocator Synonyms => Main.GetByText("已同时搜索同义词");

    /// <summary>Every hit on the page: an article named by its heading (kind + title).</summary>
    public ILocator Hits => Main.GetByRole(AriaRole.Article);

    /// <summary>The highlighted words (&lt;mark&gt;) of the hits, in titles and snippets.</summary>
    public ILocator Highlights => Hits.Locator("mark");

    /// <summary>The hits whose text (title, institution, price, snippet) contains this.</summary>
    public ILocator HitsMentioning(string text) => Hits.Filter(new() { HasText = text });

    /// <summary>The link of a hit (its title).</summary>
    public static ILocator TitleLink(ILocator hit) => hit.GetByRole(AriaRole.Heading).GetByRole(AriaRole.Link);

    public ILocator Facets => page.GetByRole(AriaRole.Navigation, new() { Name = "筛选条件", Exact = true });

    /// <summary>One facet's list of values (e.g. 服务区域), named by its heading.</summary>
    public ILocator Facet(string label) => Facets.GetByRole(AriaRole.List, new() { Name = label, Exact = true });

    /// <summary>A facet value not yet chosen: "珠晖区 12".</summary>
    public ILocator FacetValue(string facet, string value) =>
        Facet(facet).GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^{Regex.Escape(value)} \\d+$") });

    /// <summary>A chosen facet value: its link says so and takes the filter off again.</summary>
    public ILocator SelectedFacetValue(string facet, string value) =>
        Facet(facet).GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^{Regex.Escape(value)} \\d+\\s*（已选，点击取消）$") });

    public ILocator ChipList => Main.GetByRole(AriaRole.List, new() { Name = "已选条件", Exact = true });

    /// <summary>The chip of a filter in force, named for what it does (移除条件：服务区域 珠晖区).</summary>
    public ILocator Chip(string facet, string value) =>
        ChipList.GetByRole(AriaRole.Link, new() { Name = $"移除条件：{facet} {value}", Exact = true });

    public ILocator ClearFilters => Main.GetByRole(AriaRole.Link, new() { Name = "清除全部", Exact = true });

    public async Task ChooseAsync(string facet, string value)
    {
        await FacetValue(facet, value).ClickAsync();
        await page.LoadedAsync();
    }

    public async Task OpenHitAsync(ILocator hit)
    {
        await TitleLink(hit).ClickAsync();
        await page.LoadedAsync();
    }
}
