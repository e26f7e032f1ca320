using Microsoft.Playwright;

namespace Qifu.BrowserTests.Pages;

/// <summary>The shared layout: skip link, utility bar (长辈版, 区县分站, sign-in state), header search, main navigation.</summary>
public sealed class Layout(IPage page)
{
    public ILocator SkipLink => page.GetByRole(AriaRole.Link, new() { Name = "跳到主要内容" });
    public ILocator Main => page.GetByRole(AriaRole.Main);
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator ElderModeButton => page.GetByRole(AriaRole.Button, new() { Name = "长辈版", Exact = true });
    public ILocator LeaveElderModeButton => page.GetByRole(AriaRole.Button, new() { Name = "退出长辈版", Exact = true });
    public ILocator SiteSwitcher => page.GetByLabel("区县分站");
    public ILocator SiteSwitcherGo => page.GetByRole(AriaRole.Button, new() { Name = "前往", Exact = true });
    public ILocator SignInLink => page.Locator(".utility-bar").GetByRole(AriaRole.Link, new() { Name = "登录", Exact = true });
    public ILocator RegisterEnterpriseLink => page.Locator(".utility-bar").GetByRole(AriaRole.Link, new() { Name = "企业注册", Exact = true });
    public ILocator SignOutLink => page.Locator(".utility-bar").GetByRole(AriaRole.Link, new() { Name = "退出登录", Exact = true });
    /// <summary>退出登录 in the utility bar opens a page that asks once: this button ends the session.</summary>
    public ILocator ConfirmSignOutButton => Main.GetByRole(AriaRole.Button, new() { Name = "确认退出", Exact = true });
    public ILocator WorkbenchLink => page.GetByRole(AriaRole.Link, new() { Name = "我的工作台" });

    /// <summary>The one-time message after an action (TempData flash, a live region).</summary>
    public ILocator Flash => Main.Locator("p.flash[role=status]");

    /// <summary>The error text shown in the same field block as a form control ("next to the field").</summary>
    public ILocator ErrorNextTo(ILocator control) => page.Locator(".field").Filter(new() { Has = control }).Locator(".field-error");

    public async Task SwitchToElderModeAsync()
    {
        await ElderModeButton.ClickAsync();
        // Same address before and after (the POST redirects back), so wait for the re-rendered button instead.
        await LeaveElderModeButton.WaitForAsync();
        await page.LoadedAsync();
    }

    public async Task LeaveElderModeAsync()
    {
        await LeaveElderModeButton.ClickAsync();
        await ElderModeButton.WaitForAsync();
        await page.LoadedAsync();
    }

    public async Task GoToSiteAsync(string regionName)
    {
        await SiteSwitcher.SelectOptionAsync(new SelectOptionValue { Label = regionName });
        await SiteSwitcherGo.ClickAsync();
        await page.LoadedAsync();
    }
}
