using Microsoft.Playwright;

namespace Qifu.BrowserTests.Pages;

/// <summary>/institution: the institution's own application, its status and 核心服务机构 badge.</summary>
public sealed class MyInstitutionPage(IPage page)
{
    public const string Path = "/institution";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator StatusLine => page.GetByText("入驻状态：");
    public ILocator PendingNotice => page.GetByRole(AriaRole.Status).Filter(new() { HasText = "正在由" });
    public ILocator Detail(string term) => page.Locator("dl.details dt").Filter(new() { HasTextString = term }).Locator("xpath=following-sibling::dd[1]");

    public async Task OpenAsync() => await page.GotoAsync(Path);
}
