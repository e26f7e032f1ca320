using Microsoft.Playwright;

namespace Qifu.BrowserTests;

/// <summary>
/// One journey: several actors, each in its own browser context (an enterprise and an operator never share cookies).
/// After the steps pass, the journey fails if any page had a serious/critical axe violation (normal or 长辈版),
/// logged a console error or requested another origin. Findings are gathered rather than thrown at the first page,
/// so one accessibility bug does not hide the rest of the journey's behaviour.
/// </summary>
public sealed class Journey
{
    private readonly BrowserApp _app;
    private readonly string _name;
    private readonly List<BrowserSession> _sessions = [];

    private Journey(BrowserApp app, string name)
    {
        _app = app;
        _name = name;
    }

    public static async Task RunAsync(BrowserApp app, string name, Func<Journey, Task> steps)
    {
        var journey = new Journey(app, name);
        Exception? stopped = null;
        try
        {
            await steps(journey);
        }
        catch (Exception ex)
        {
            stopped = ex;
            // Best effort: the page each actor was on when the step failed, next to the journey's other screenshots.
            foreach (var s in journey._sessions)
            {
                try { await s.ScreenshotAsync("at-failure", "stopped"); }
                catch (PlaywrightException) { }
            }
        }
        finally
        {
            foreach (var s in journey._sessions) await s.DisposeAsync();
        }
        var findings = journey._sessions.SelectMany(s => s.Findings()).ToList();
        if (stopped is not null)
        {
            if (findings.Count == 0) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(stopped).Throw();
            // A step failed: say so first, but keep what was found before it (it may be the cause).
            throw new Xunit.Sdk.XunitException(
                $"{stopped.Message}\n\n{name}: 中断前已记录 {findings.Count} 项问题\n" + string.Join("\n", findings), stopped);
        }
        if (findings.Count > 0)
            Assert.Fail($"{name}: {findings.Count} 项问题\n" + string.Join("\n", findings));
    }

    /// <summary>A fresh browser context for one actor of the journey (screenshots are named journey-actor-…).</summary>
    public async Task<BrowserSession> AsAsync(string actor)
    {
        var session = await _app.NewSessionAsync($"{_name}-{actor}");
        _sessions.Add(session);
        return session;
    }
}
