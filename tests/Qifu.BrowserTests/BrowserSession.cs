using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Qifu.BrowserTests;

/// <summary>
/// One test's browser context and page. Records every request (all must stay on the app's own origin: no CDN),
/// console errors and uncaught page errors, and the findings of <see cref="Accessibility"/> and the journeys.
/// <see cref="Journey"/> fails the test listing all of them at the end.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _foreignRequests = new();
    private readonly ConcurrentQueue<(string Text, string Url)> _consoleErrors = new();
    private readonly ConcurrentQueue<(string Url, int Status)> _documentStatuses = new();
    private readonly HashSet<int> _expectedDocumentStatuses = [];
    private readonly List<string> _findings = [];
    private int _requests;
    private int _shot;

    private BrowserSession(BrowserApp app, IBrowserContext context, IPage page, string name)
    {
        App = app;
        Context = context;
        Page = page;
        Name = name;
    }

    public BrowserApp App { get; }
    public IBrowserContext Context { get; }
    public IPage Page { get; }

    /// <summary>Used to name the screenshots of this test.</summary>
    public string Name { get; }

    public string Origin => App.BaseAddress.GetLeftPart(UriPartial.Authority);

    internal static async Task<BrowserSession> StartAsync(BrowserApp app, IBrowserContext context, string name)
    {
        var page = await context.NewPageAsync();
        var session = new BrowserSession(app, context, page, name);
        context.Request += (_, request) => session.OnRequest(request);
        context.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "document") session._documentStatuses.Enqueue((response.Url, response.Status));
        };
        page.Console += (_, message) =>
        {
            // Location reads "url:line:column".
            if (message.Type == "error")
                session._consoleErrors.Enqueue((message.Text, System.Text.RegularExpressions.Regex.Replace(message.Location, @":\d+:\d+$", "")));
        };
        page.PageError += (_, error) => session._consoleErrors.Enqueue(("未捕获的脚本错误：" + error, page.Url));
        return session;
    }

    private void OnRequest(IRequest request)
    {
        Interlocked.Increment(ref _requests);
        var url = request.Url;
        if (url.StartsWith("data:", StringComparison.Ordinal) || url.StartsWith("blob:", StringComparison.Ordinal)) return;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.GetLeftPart(UriPartial.Authority) != Origin)
            _foreignRequests.Enqueue($"{request.Method} {url} ({request.ResourceType})");
    }

    /// <summary>
    /// The test expects a page to answer with this status (e.g. 404 for another county's record, 422 for a rule
    /// violation). Chromium logs such a main-document status as a console error; that one line is then not a failure.
    /// </summary>
    public void ExpectDocumentStatus(int status) => _expectedDocumentStatuses.Add(status);

    /// <summary>Console errors not explained by an expected status, each distinct message once with its count.</summary>
    public IReadOnlyList<string> ConsoleErrors => _consoleErrors
        .Where(e => !IsExpectedDocumentError(e.Text, e.Url))
        // Chromium asks for /favicon.ico on its own, once per browser and not for every context, so which journey
        // would see it depends on test order; the favicon has its own check in the registration journey instead.
        .Where(e => !PathOf(e.Url).StartsWith("/favicon.ico", StringComparison.Ordinal))
        .Select(e => $"{Shorten(e.Text)} @ {PathOf(e.Url)}")
        .GroupBy(e => e)
        .Select(g => g.Count() == 1 ? g.Key : $"{g.Key} (×{g.Count()})")
        .ToList();

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";

    private static string PathOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.PathAndQuery + (u.Fragment ?? "") : url;

    public IReadOnlyList<string> ForeignRequests => _foreignRequests.ToList();

    private bool IsExpectedDocumentError(string text, string url) =>
        text.StartsWith("Failed to load resource: the server responded with a status of ", StringComparison.Ordinal)
        && _documentStatuses.Any(d => d.Url == url && _expectedDocumentStatuses.Contains(d.Status));

    /// <summary>
    /// A defect found on the way (an axe violation, a toggle that loses the page) that should not stop the rest of
    /// the journey; <see cref="Journey"/> reports it at the end.
    /// </summary>
    public void RecordFinding(string finding)
    {
        lock (_findings) _findings.Add(finding);
    }

    public async Task ScreenshotAsync(string pageName, string mode)
    {
        var n = Interlocked.Increment(ref _shot);
        var file = Path.Combine(BrowserApp.ShotsFolder, $"{Name}-{n:00}-{pageName}-{mode}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
    }

    /// <summary>Navigates to an app path and returns the main document's status.</summary>
    public async Task<int> GotoAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        return response?.Status ?? 0;
    }

    /// <summary>Everything this session found that fails a journey: recorded findings, console errors, foreign requests.</summary>
    public IReadOnlyList<string> Findings()
    {
        var list = new List<string>();
        lock (_findings) list.AddRange(_findings.Select(f => $"[{Name}] {f}"));
        // The origin check means nothing if no request was seen.
        if (_requests == 0) list.Add($"[{Name}] 没有观察到任何网络请求（监听失效？）");
        list.AddRange(ConsoleErrors.Select(e => $"[{Name}] 控制台错误: {e}"));
        list.AddRange(ForeignRequests.Select(f => $"[{Name}] 外部请求: {f}"));
        return list;
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
