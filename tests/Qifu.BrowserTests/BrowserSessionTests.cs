namespace Qifu.BrowserTests;

/// <summary>
/// The journeys' guarantees are only as good as their instruments: prove the monitoring catches a foreign request and
/// a console error, and that the axe check really reports a serious violation (rule, help, selector).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowserSessionTests(BrowserApp app)
{
    [Fact]
    public async Task A_request_to_another_origin_and_a_console_error_are_both_reported()
    {
        await using var session = await app.NewSessionAsync("monitor-selftest");
        await session.GotoAsync("/privacy");
        Assert.Empty(session.Findings());

        // As if a page logged an error and then sent the browser to a CDN (navigation is not limited by the app's CSP,
        // so the request is really attempted; the host does not resolve, the attempt is what counts).
        var attempted = session.Page.WaitForRequestAsync("http://cdn.example.invalid/**");
        await session.Page.EvaluateAsync("() => { console.error('坏了'); setTimeout(() => location.href = 'http://cdn.example.invalid/lib.js', 0); }");
        await attempted;

        var findings = session.Findings();
        Assert.Contains(findings, f => f.Contains("外部请求: GET http://cdn.example.invalid/lib.js (document)", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("控制台错误: 坏了", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_accessibility_check_reports_serious_violations_with_rule_help_and_selector()
    {
        await using var session = await app.NewSessionAsync("axe-selftest");
        // A page with an unlabelled field and an image without alt text (both critical in axe).
        await session.Page.SetContentAsync("<!DOCTYPE html><html lang=\"zh-CN\"><head><title>自检</title></head><body><main>" +
            "<h1>自检</h1><img id=\"logo\" src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\"><input id=\"q\" type=\"text\"></main></body></html>");
        await Accessibility.CheckCurrentModeAsync(session, "axe-selftest");

        var findings = session.Findings();
        Assert.Contains(findings, f => f.Contains("axe ", StringComparison.Ordinal) && f.Contains("image-alt [critical]", StringComparison.Ordinal)
            && f.Contains("#logo", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("label [critical]", StringComparison.Ordinal) && f.Contains("#q", StringComparison.Ordinal));
    }
}
