using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Qifu.BrowserTests.Pages;

/// <summary>/services/{id}: one published service item, its institution, figures, evaluations and the 申请服务 button.</summary>
public sealed class ServiceItemPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator ApplyLink => page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "申请服务", Exact = true });

    /// <summary>The value shown for a term of the side panel (服务机构, 服务区域, 办理时限 …).</summary>
    public ILocator Detail(string term) =>
        page.GetByRole(AriaRole.Main).Locator("dl dt").Filter(new() { HasTextString = term }).Locator("xpath=following-sibling::dd[1]");

    /// <summary>The id in the address (/services/{id}).</summary>
    public Guid Id => Guid.Parse(new Uri(page.Url).Segments[^1].TrimEnd('/'));

    public async Task ApplyAsync()
    {
        await ApplyLink.ClickAsync();
        await page.LoadedAsync();
    }
}

/// <summary>/services/{id}/request: 申请服务 — the need, contact, files and the separate consent (单独同意, PI-04).</summary>
public sealed class RequestServicePage(IPage page)
{
    public static string PathFor(Guid itemId) => $"/services/{itemId}/request";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Need => page.GetByRole(AriaRole.Textbox, new() { Name = "需求描述", Exact = true });
    public ILocator ContactName => page.GetByRole(AriaRole.Textbox, new() { Name = "联系人", Exact = true });
    public ILocator ContactPhone => page.GetByRole(AriaRole.Textbox, new() { Name = "联系电话", Exact = true });
    public ILocator Attachments => page.GetByLabel("附件（可选）");

    /// <summary>The fieldset of the separate consent, which lists the recipient and the fields it receives.</summary>
    public ILocator ConsentBlock => page.GetByRole(AriaRole.Group, new() { Name = "向服务机构提供信息（单独同意）", Exact = true });
    public ILocator Consent => page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^我单独同意向") });
    public ILocator SubmitButton => page.GetByRole(AriaRole.Button, new() { Name = "提交服务申请", Exact = true });
    public ILocator ErrorSummary => page.Locator(".error-summary");

    /// <summary>A value of a details list on the page (服务项目, 服务机构 above the form; 接收方, 提供的信息 in the consent).</summary>
    public ILocator Detail(string term) =>
        page.GetByRole(AriaRole.Main).Locator("dl dt").Filter(new() { HasTextString = term }).Locator("xpath=following-sibling::dd[1]");

    public ILocator ErrorNextTo(ILocator control) => new Layout(page).ErrorNextTo(control);

    /// <summary>Submits and returns the status of the POST's answer (a redirect is followed).</summary>
    public async Task<int> SubmitAsync()
    {
        var response = await page.RunAndWaitForResponseAsync(() => SubmitButton.ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains("/request", StringComparison.Ordinal));
        await page.LoadedAsync();
        return response.Status;
    }
}
