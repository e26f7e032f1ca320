using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Qifu.BrowserTests.Pages;

/// <summary>What every renewal case page shows: 续贷申请 {number} as heading, 状态：…, the facts, the checklist and the timeline.</summary>
public sealed class RenewalCasePage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Status => page.GetByRole(AriaRole.Main).Locator("p.status-line");
    public ILocator Timeline => page.GetByRole(AriaRole.Main).Locator("ol.timeline > li");
    public ILocator Flash => page.Locator(".flash");

    public ILocator Detail(string term) =>
        page.GetByRole(AriaRole.Main).Locator("dl dt").Filter(new() { HasTextString = term }).Locator("xpath=following-sibling::dd[1]");

    public ILocator Button(string name) => page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public async Task ClickAsync(string button)
    {
        await Button(button).ClickAsync();
        await page.LoadedAsync();
    }

    public static FilePayload Pdf(string name) => new()
    {
        Name = name, MimeType = "application/pdf",
        Buffer = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray(),
    };
}

/// <summary>A list of cases (enterprise, desk or bank): rows by case number, each with a 查看 link.</summary>
public sealed class RenewalListPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator ViewLink(string number) =>
        page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^查看\\s*：{Regex.Escape(number)}$") });
}
