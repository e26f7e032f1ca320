using Microsoft.Playwright;

namespace Qifu.BrowserTests;

public static class PageLoad
{
    /// <summary>
    /// Waits for the load event after an action that navigates. Playwright's client can miss the event of a document that loads
    /// while the wait is being set up (seen twice: the screenshot at failure showed the new page complete, the wait had timed out),
    /// so every 5 s the document itself is asked; a page that has not loaded within 15 s still fails the step.
    /// </summary>
    public static async Task LoadedAsync(this IPage page)
    {
        for (var attempt = 1; ; attempt++)
        {
            TimeoutException timedOut;
            try
            {
                await page.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = 5_000 });
                return;
            }
            catch (TimeoutException ex)
            {
                timedOut = ex;
            }
            if (await IsCompleteAsync(page)) return;
            if (attempt == 3) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(timedOut).Throw();
        }
    }

    private static async Task<bool> IsCompleteAsync(IPage page)
    {
        try { return await page.EvaluateAsync<string>("document.readyState") == "complete"; }
        catch (PlaywrightException) { return false; }
    }
}
