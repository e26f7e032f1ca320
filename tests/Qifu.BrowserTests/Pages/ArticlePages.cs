using Microsoft.Playwright;

namespace Qifu.BrowserTests.Pages;

/// <summary>/manage/articles/new: an operator writes an article; for a policy, its details and who it applies to.</summary>
public sealed class NewArticlePage(IPage page)
{
    public const string Path = "/manage/articles/new";

    public ILocator Kind => page.GetByLabel("类型");
    public ILocator Title => page.GetByLabel("标题");
    public ILocator Body => page.GetByLabel("正文");
    public ILocator Issuer => page.GetByLabel("发文机关");
    public ILocator DocumentNumber => page.GetByLabel("发文字号");
    public ILocator Level => page.GetByLabel("政策层级");
    public ILocator Theme => page.GetByLabel("政策主题");
    public ILocator OtherConditions => page.GetByLabel("其他申报条件（平台无法核对，每行一条）");
    public ILocator Publish => page.GetByRole(AriaRole.Button, new() { Name = "发布", Exact = true });

    public ILocator Choice(string label) => page.GetByLabel(label, new() { Exact = true });

    public async Task OpenAsync() => await page.GotoAsync(Path);
}

/// <summary>The "适用于我的政策" list, on the enterprise workbench and on /enterprise/policies.</summary>
public sealed class PolicyMatchList(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "适用于我的政策" });
    public ILocator Match(string title) => page.Locator(".match-list > li").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = title }) });
}
