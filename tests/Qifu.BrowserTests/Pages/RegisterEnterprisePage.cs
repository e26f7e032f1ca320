using Microsoft.Playwright;

namespace Qifu.BrowserTests.Pages;

public sealed class RegisterEnterprisePage(IPage page) : EnterpriseProfileForm(page)
{
    public const string Path = "/register/enterprise";

    public ILocator Phone => Page.GetByRole(AriaRole.Textbox, new() { Name = "登录手机号", Exact = true });
    // Password inputs have no ARIA role; the label reads "密码 *" with the star aria-hidden, so match by label text.
    public ILocator Password => Page.GetByLabel("密码");
    public ILocator Licence => Page.GetByLabel("营业执照扫描件");
    public ILocator Consent => Page.GetByRole(AriaRole.Checkbox, new() { Name = "我已阅读并同意" });
    public ILocator SubmitButton => Page.GetByRole(AriaRole.Button, new() { Name = "提交注册", Exact = true });

    public async Task OpenAsync() => await Page.GotoAsync(Path);

    public async Task FillAsync(EnterpriseApplicant a, string licenceFile)
    {
        await Phone.FillAsync(a.Phone);
        await Password.FillAsync(a.Password);
        await FillProfileAsync(a);
        await Licence.SetInputFilesAsync(licenceFile);
        await Consent.CheckAsync();
    }

    /// <summary>Submits and returns the status of the page that answers (a redirect is followed).</summary>
    public async Task<int> SubmitAsync()
    {
        var response = await Page.RunAndWaitForResponseAsync(() => SubmitButton.ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains(Path, StringComparison.Ordinal));
        await Page.LoadedAsync();
        return response.Status;
    }
}
