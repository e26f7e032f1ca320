using Microsoft.AspNetCore.Mvc;
using Qifu.Web.Platform.Web;

namespace Qifu.Web.Modules.Portal;

public static class PortalModule
{
    public static IServiceCollection AddPortal(this IServiceCollection services)
    {
        services.AddScoped<HeadlineFigures>();
        services.AddScoped<Inbox.InboxHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapPortal(this IEndpointRouteBuilder app)
    {
        // 长辈版: a UI preference only (larger type, more spacing), kept in a cookie; works without JavaScript. A GET form, so public
        // pages carry no antiforgery token and can be served from the output cache (docs/decisions/0022).
        app.MapGet("/preferences/elder", ([FromQuery] string? returnUrl, HttpContext http) =>
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
        var inbox = app.MapGroup("/api/v1/inbox").WithTags("站内信")
            .RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { AuthenticationSchemes = Accounts.AccountsModule.ApiScheme });
        inbox.MapGet("/", async ([FromQuery] bool? unread, [FromQuery] int? page, HttpContext http, Inbox.InboxHandler handler) =>
            {
                var result = await handler.ListAsync(http.User, unread == true, page);
                return Results.Ok(new { Unread = await handler.UnreadAsync(http.User), result.Total, result.Page, result.PageSize, result.Items });
            })
            .WithSummary("本人的站内信（unread=true 只看未读）");
        inbox.MapPost("/{id:guid}/read", async (Guid id, HttpContext http, Inbox.InboxHandler handler) =>
                await handler.ReadAsync(http.User, id) is { } m ? Results.Ok(m) : Platform.Errors.ProblemResults.NotFound(http))
            .WithSummary("标为已读");
        inbox.MapPost("/read-all", async (HttpContext http, Inbox.InboxHandler handler) => Results.Ok(new { Marked = await handler.ReadAllAsync(http.User) }))
            .WithSummary("全部标为已读");
        return app;
    }
}
