using Microsoft.Playwright;

namespace Qifu.BrowserTests.Pages;

public sealed class SignInPage(IPage page)
{
    public const string Path = "/account/signin";

    public ILocator Phone => page.GetByLabel("手机号", new() { Exact = true });
    public ILocator Password => page.GetByLabel("密码", new() { Exact = true });
    public ILocator SubmitButton => page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true });
    public ILocator ErrorSummary => page.Locator(".error-summary");

    public async Task OpenAsync() => await page.GotoAsync(Path);

    public async Task SignInAsync(string phone, string password)
    {
        await Phone.FillAsync(phone);
        await Password.FillAsync(password);
        await SubmitButton.ClickAsync();
        await page.LoadedAsync();
    }
}
