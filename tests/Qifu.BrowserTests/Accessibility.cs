using System.Globalization;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Qifu.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Qifu.BrowserTests;

/// <summary>
/// The accessibility check every journey runs on every page it visits (GB/T 37668 ≈ WCAG 2.0/2.1 AA, ECOSYSTEM §4c):
/// axe with the WCAG 2 A/AA tags, in normal mode and in 长辈版, with a screenshot of each.
/// Serious and critical violations fail the journey (recorded on the session, reported at its end);
/// all violations are also appended to /tmp/qifu-shots/axe-report.txt.
/// </summary>
public static class Accessibility
{
    private static readonly string[] FailingImpacts = ["serious", "critical"];
    private static readonly object ReportLock = new();
    public static readonly string ReportFile = Path.Combine(BrowserApp.ShotsFolder, "axe-report.txt");

    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        // Only violations are reported in full; passes/incomplete/inapplicable carry one node each (much faster to serialise).
        ResultTypes = [ResultType.Violations],
    };

    /// <summary>
    /// For a page reached by GET: axe in normal mode, then the 长辈版 button (a GET form that sets a cookie and
    /// comes back to the same address), the 长辈版 typography checks, axe again, and the button again to leave it.
    /// Any one-time message (flash) on the page is gone after this, so assert it first.
    /// </summary>
    public static async Task CheckAsync(BrowserSession session, string pageName)
    {
        if (AlreadyChecked(session, pageName, "普通版+长辈版")) return;
        var page = session.Page;
        var layout = new Layout(page);
        var url = page.Url;
        await Expect(page.Locator("html")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\belder\b"));
        await AxeAsync(session, pageName, "普通版");
        await session.ScreenshotAsync(pageName, "normal");

        await layout.SwitchToElderModeAsync();
        await ExpectBackAtAsync(session, url, pageName, "长辈版");
        await AssertElderTypographyAsync(page);
        await AxeAsync(session, pageName, "长辈版");
        await session.ScreenshotAsync(pageName, "elder");

        await layout.LeaveElderModeAsync();
        await ExpectBackAtAsync(session, url, pageName, "退出长辈版");
        await Expect(page.Locator("html")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\belder\b"));
    }

    /// <summary>
    /// The toggle promises to come back to the page the user was on. If it does not, that is recorded and the
    /// journey goes back there itself, so the rest of the journey still runs.
    /// </summary>
    private static async Task ExpectBackAtAsync(BrowserSession session, string url, string pageName, string button)
    {
        // A fragment (#my-registration) never reaches the server, so a toggle that redirects back cannot keep it.
        static string WithoutFragment(string u) => u.Split('#')[0];
        if (WithoutFragment(session.Page.Url) == WithoutFragment(url)) return;
        session.RecordFinding($"长辈版切换 {pageName}: 点击“{button}”后没有回到原页面 {new Uri(url).PathAndQuery}，而是到了 {new Uri(session.Page.Url).PathAndQuery}");
        await session.Page.GotoAsync(url);
    }

    /// <summary>
    /// For a page that is the answer to a POST (a form shown again with errors), which toggling would reload as a GET:
    /// checks the mode the page is in; the journey visits it once in each mode itself.
    /// </summary>
    public static async Task CheckCurrentModeAsync(BrowserSession session, string pageName)
    {
        var elder = await IsElderAsync(session.Page);
        if (elder) await AssertElderTypographyAsync(session.Page);
        if (AlreadyChecked(session, pageName, elder ? "长辈版" : "普通版")) return;
        await AxeAsync(session, pageName, elder ? "长辈版" : "普通版");
        await session.ScreenshotAsync(pageName, elder ? "elder" : "normal");
    }

    /// <summary>
    /// Journeys pass through the same page in the same state (the sign-in page, a county's queue) many times; axe and
    /// screenshots run on the first visit of each named page state in a test run, later visits are only logged.
    /// </summary>
    private static bool AlreadyChecked(BrowserSession session, string pageName, string modes)
    {
        if (Checked.TryAdd(pageName + "|" + modes, true)) return false;
        lock (ReportLock) File.AppendAllLines(ReportFile, [$"[{session.Name}] {pageName}（{modes}）: 本次运行已检查过"]);
        return true;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Checked = new();

    public static async Task<bool> IsElderAsync(IPage page) =>
        ((await page.Locator("html").GetAttributeAsync("class")) ?? "").Split(' ').Contains("elder");

    /// <summary>适老化通用设计规范: larger type (our 长辈版 promises ≥22px) and line spacing ≥1.3×.</summary>
    public static async Task AssertElderTypographyAsync(IPage page)
    {
        await Expect(page.Locator("html")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\belder\b"));
        var style = await page.EvaluateAsync<JsonElement>(
            "() => { const s = getComputedStyle(document.body); return { fontSize: s.fontSize, lineHeight: s.lineHeight }; }");
        var fontSize = Px(style.GetProperty("fontSize").GetString());
        var lineHeight = style.GetProperty("lineHeight").GetString();
        Assert.True(fontSize >= 22, $"长辈版正文字号应不小于22px，实际 {fontSize}px（{page.Url}）");
        Assert.True(lineHeight is not null && lineHeight.EndsWith("px", StringComparison.Ordinal),
            $"长辈版行高应为明确数值，实际 {lineHeight}（{page.Url}）");
        Assert.True(Px(lineHeight) >= 1.3 * fontSize, $"长辈版行距应不小于1.3倍字号，实际 {lineHeight} / {fontSize}px（{page.Url}）");
    }

    private static double Px(string? value) =>
        double.Parse((value ?? "0").Replace("px", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    private static async Task AxeAsync(BrowserSession session, string pageName, string mode)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = await session.Page.RunAxe(Options);
        watch.Stop();
        var lines = new List<string>();
        foreach (var v in result.Violations)
        {
            var targets = string.Join(" | ", v.Nodes.Select(n => n.Target?.ToString()).Where(t => !string.IsNullOrEmpty(t)));
            var line = $"{pageName}（{mode}）{new Uri(session.Page.Url).PathAndQuery}: {v.Id} [{v.Impact}] {v.Help} → {targets}";
            lines.Add(line);
            if (FailingImpacts.Contains(v.Impact)) session.RecordFinding("axe " + line);
        }
        lock (ReportLock)
        {
            File.AppendAllLines(ReportFile, lines.Count == 0
                ? [$"[{session.Name}] {pageName}（{mode}）: 无违规 ({watch.ElapsedMilliseconds} ms)"]
                : lines.Select(l => $"[{session.Name}] {l}"));
        }
    }
}
