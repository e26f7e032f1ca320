using Microsoft.Playwright;

namespace Qifu.BrowserTests.Pages;

/// <summary>/review/enterprises/{id}: one registration, the review decision, and its history.</summary>
public sealed class ReviewDetailPage(IPage page)
{
    public static string PathFor(Guid id) => $"/review/enterprises/{id}";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Status => page.GetByRole(AriaRole.Main).Locator("p").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^状态：") });
    public ILocator ApproveButton => page.GetByRole(AriaRole.Button, new() { Name = "审核通过", Exact = true });
    public ILocator RejectReason => page.GetByLabel("驳回原因", new() { Exact = true });
    public ILocator RejectButton => page.GetByRole(AriaRole.Button, new() { Name = "驳回", Exact = true });
    public ILocator History => page.GetByRole(AriaRole.Main).Locator("ol.timeline > li");
    public ILocator BackToQueue => page.GetByRole(AriaRole.Link, new() { Name = "返回审核列表" });

    /// <summary>The id in the address (/review/enterprises/{id}).</summary>
    public Guid Id => Guid.Parse(new Uri(page.Url).Segments[^1]);

    public async Task ApproveAsync()
    {
        await ApproveButton.ClickAsync();
        await page.LoadedAsync();
    }

    public async Task RejectAsync(string reason)
    {
        await RejectReason.FillAsync(reason);
        await RejectButton.ClickAsync();
        await page.LoadedAsync();
    }
}
