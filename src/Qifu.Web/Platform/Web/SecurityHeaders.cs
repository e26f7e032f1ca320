namespace Qifu.Web.Platform.Web;

/// <summary>The headers of SECURITY.md FE-01 and DP-02 on every response, pages, API, errors and files alike.</summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    private const string Csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'; form-action 'self'";

    // The API reference page (operators only) runs the bundled Scalar script, which needs inline styles and scripts.
    private const string ReferenceCsp = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";

    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(() =>
        {
            var h = http.Response.Headers;
            h.XContentTypeOptions = "nosniff";
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
            h.XFrameOptions = "SAMEORIGIN";
            // A response that set its own, stricter policy (file downloads: sandbox) keeps it.
            if (!h.ContainsKey("Content-Security-Policy"))
                h.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/api/reference") ? ReferenceCsp : Csp;
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (http.Request.IsHttps) h.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            if (http.User.Identity?.IsAuthenticated == true && !h.ContainsKey("Cache-Control"))
                h.CacheControl = "no-store";
            h.Remove("Server");
            h.Remove("X-Powered-By");
            return Task.CompletedTask;
        });
        return next(http);
    }
}

/// <summary>An account created by an operator must change its initial password before doing anything else.</summary>
internal sealed class ForcedPasswordChange(RequestDelegate next)
{
    private static readonly string[] Allowed = ["/account/password", "/account/signout", "/css", "/js", "/lib", "/health", "/error", "/favicon.ico"];

    public Task InvokeAsync(HttpContext http)
    {
        if (http.User.HasClaim(Modules.Accounts.ClaimsFactory.MustChangePasswordClaim, "1")
            && !Allowed.Any(p => http.Request.Path.StartsWithSegments(p)))
        {
            if (http.Request.Path.StartsWithSegments("/api"))
            {
                http.Response.StatusCode = 403;
                return http.Response.WriteAsJsonAsync(Errors.ProblemResults.Create(http, 403, "PASSWORD_CHANGE_REQUIRED", "请先修改初始密码"),
                    (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json; charset=utf-8");
            }
            http.Response.Redirect("/account/password");
            return Task.CompletedTask;
        }
        return next(http);
    }
}

/// <summary>
/// Refuses state-changing requests that the browser marks as coming from another site (SECURITY.md FE-02), on top of the
/// antiforgery tokens. Programs without browser headers (bearer-token API clients) are not affected.
/// </summary>
internal sealed class CrossSiteWriteGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http)
    {
        var method = http.Request.Method;
        var unsafeMethod = !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));
        if (unsafeMethod && http.Request.Headers["Sec-Fetch-Site"] == "cross-site")
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return http.Request.Path.StartsWithSegments("/api")
                ? http.Response.WriteAsJsonAsync(Errors.ProblemResults.Create(http, 403, "CROSS_SITE", "不接受来自其他网站的提交"),
                    (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json; charset=utf-8")
                : Task.CompletedTask;
        }
        return next(http);
    }
}
