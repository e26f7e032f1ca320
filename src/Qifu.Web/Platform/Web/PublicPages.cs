using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;
using Qifu.Web.Modules.Search;

namespace Qifu.Web.Platform.Web;

/// <summary>
/// The output cache for public pages read by visitors who are not signed in (home, catalogue search, item, article, column
/// lists, activities, institutions, packages), docs/decisions/0022. A page opts in with
/// <c>[OutputCache(PolicyName = PublicPages.Policy)]</c>. Entries are keyed by the address with its whole query, the 长辈版
/// cookie and the <see cref="ContentVersion"/>, which every publish, edit or removal of a searchable record advances: a change
/// shows on this node as soon as it commits, on the others within a poll (250 ms). What the log does not carry (counts, evaluations, places
/// left, settings) is at most <c>Qifu:PublicPages:CacheSeconds</c> (60 s) old. Signed-in requests never touch the cache, and a
/// response that sets a cookie, carries an antiforgery token (no-store) or is not a 200 is never stored. A page that counts its
/// readers (the article page's 浏览次数) passes <paramref name="servedFromCache"/>, called for every copy the cache serves.
/// </summary>
public sealed class PublicPages(IConfiguration config, Func<HttpContext, CancellationToken, ValueTask<string>>? figuresVersion = null,
    Func<HttpContext, ValueTask>? servedFromCache = null) : IOutputCachePolicy
{
    public const string Policy = "public-page";

    /// <summary>For pages that also show the headline figures (home, county sites): keyed as well on the copy of the figures the
    /// Indicators module holds (registered there), so the data wall is as current as the dashboard.</summary>
    public const string WithFigures = "public-page-figures";

    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds(Math.Clamp(config.GetValue("Qifu:PublicPages:CacheSeconds", 60), 0, 3600));

    async ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var cacheable = _lifetime > TimeSpan.Zero
            && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && http.User.Identity?.IsAuthenticated != true
            && !request.Headers.ContainsKey(HeaderNames.Authorization);
        context.EnableOutputCaching = cacheable;
        if (!cacheable) return;
        // A reload that asks for a fresh copy (Cache-Control: no-cache) renders the page, and stores it for the others; it does not
        // wait for another request's rendering of the same address either (locking coalesces concurrent misses).
        context.AllowCacheLookup = !request.Headers.CacheControl.ToString().Contains("no-cache", StringComparison.OrdinalIgnoreCase);
        context.AllowCacheStorage = true;
        context.AllowLocking = context.AllowCacheLookup;
        context.ResponseExpirationTimeSpan = _lifetime;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByValues["elder"] = request.Cookies[LayoutModel.ElderCookie] == "1" ? "1" : "0";
        context.CacheVaryByRules.VaryByValues["v"] = await http.RequestServices.GetRequiredService<ContentVersion>().CurrentAsync(ct);
        if (figuresVersion is not null) context.CacheVaryByRules.VaryByValues["figures"] = await figuresVersion(http, ct);
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken ct) =>
        servedFromCache?.Invoke(context.HttpContext) ?? ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken ct)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK
            || !Microsoft.Extensions.Primitives.StringValues.IsNullOrEmpty(response.Headers.SetCookie)
            || response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase))
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }
}
