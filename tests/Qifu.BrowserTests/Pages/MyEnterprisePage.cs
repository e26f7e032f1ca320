using Microsoft.Playwright;

namespace Qifu.BrowserTests.Pages;

/// <summary>/enterprise: the enterprise's own registration, its review status, and the correction form after a rejection.</summary>
public sealed class MyEnterprisePage(IPage page) : EnterpriseProfileForm(page)
{
    public const string Path = "/enterprise";

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator StatusLine => Page.GetByText("注册状态：");
    public ILocator PendingNotice => Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "正在由" });
    public ILocator RejectionNotice => Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "驳回原因" });

    /// <summary>The value shown for a term of the details list (e.g. 企业规模).</summary>
    public ILocator Detail(string term) => Page.Locator("dl.details dt").Filter(new() { HasTextString = term }).Locator("xpath=following-sibling::dd[1]");

    public ILocator ResubmitHeading => Page.GetByRole(AriaRole.Heading, new() { Name = "修改并重新提交" });
    public ILocator ResubmitButton => Page.GetByRole(AriaRole.Button, new() { Name = "重新提交审核", Exact = true });

    public async Task OpenAsync() => await Page.GotoAsync(Path);

    public async Task ResubmitAsync()
    {
        await ResubmitButton.ClickAsync();
        await Page.LoadedAsync();
    }
}
