using Microsoft.AspNetCore.Mvc;
using Qifu.Web.Platform.Web;

namespace Qifu.Web.Modules.Portal;

public static class PortalModule
{
    public static IServiceCollection AddPortal(this IServiceCollection services)
    {
        services.AddScoped<HeadlineFigures>();
        return services;
    }

    public static IEndpointRouteBuilder MapPortal(this IEndpointRouteBuilder app)
    {
        // 长辈版: a UI preference only (larger type, more spacing), kept in a cookie; works without JavaScript.
        app.MapPost("/preferences/elder", ([FromForm] string? returnUrl, HttpContext http) =>
            {
                var on = http.Request.Cookies[LayoutModel.ElderCookie] != "1";
                http.Response.Cookies.Append(LayoutModel.ElderCookie, on ? "1" : "0", new CookieOptions
                {
                    HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromDays(365), Path = "/",
                });
                return Results.LocalRedirect(returnUrl is { Length: > 0 } r && r.StartsWith('/') && !r.StartsWith("//") && !r.StartsWith("/\\") ? r : "/");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        app.MapGet("/site", (string? code) => Results.Redirect(Platform.Regions.RegionCodes.Exists(code) ? $"/site/{code}" : "/"))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }
}
