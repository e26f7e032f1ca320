using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Qifu.Web.Modules.Accounts.Data;
using Qifu.Web.Modules.Accounts.SignIn;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Accounts;

public static class AccountsModule
{
    public const string ApiScheme = "qifu-api";

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddIdentity<AppUser, AppRole>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = o.Password.RequireLowercase = o.Password.RequireUppercase = o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(10);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._";
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddClaimsPrincipalFactory<ClaimsFactory>()
            .AddErrorDescriber<ChineseIdentityErrors>()
            .AddPasswordValidator<PasswordRules>()
            .AddDefaultTokenProviders();
        // OWASP figure (SECURITY.md AU-10); Identity's own default is 100,000.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);

        services.AddSingleton<SessionStore>();
        services.AddSingleton<IPostConfigureOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>, SessionStoreSetup>();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "qifu.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/account/signin";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = SessionStore.Absolute;
            o.SlidingExpiration = false;
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, 401, "UNAUTHENTICATED", "请先登录");
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, 403, "FORBIDDEN", "无权执行此操作");
        });

        services.AddAuthentication()
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1))
            .AddPolicyScheme(ApiScheme, "Cookie or bearer", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme);

        services.AddAuthorization(o =>
        {
            // Deny by default (SECURITY.md AC-01): a page or endpoint without its own rule needs a signed-in user.
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            foreach (var (permission, roles) in Permissions.Grants)
                o.AddPolicy(permission, p => p.AddAuthenticationSchemes(ApiScheme).RequireRole(roles));
        });

        services.AddScoped<SignInHandler>();
        services.AddScoped<NewAccounts>();
        services.AddScoped<OperatorAccounts.CreateOperatorHandler>();
        return services;
    }

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx,
        int status, string code, string title)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return ctx.Response.WriteAsJsonAsync(ProblemResults.Create(ctx.HttpContext, status, code, title),
                (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json; charset=utf-8");
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/auth").WithTags("账号");
        api.MapPost("/token", async (SignInRequest request, SignInHandler handler, HttpContext http) =>
            {
                var outcome = await handler.HandleAsync(request);
                if (!outcome.Succeeded)
                    return Results.Json(ProblemResults.Create(http, 401, "SIGNIN_FAILED", outcome.Error!), statusCode: 401,
                        contentType: "application/problem+json; charset=utf-8");
                return Results.SignIn(outcome.Principal!, authenticationScheme: IdentityConstants.BearerScheme);
            })
            .Validated<SignInRequest>()
            .AllowAnonymous()
            .RequireRateLimiting(Platform.PlatformSetup.SignInLimit)
            .WithSummary("用手机号和密码换取访问令牌（Bearer）");
        api.MapGet("/me", (HttpContext http) => Results.Ok(new
            {
                id = CurrentUser.Id(http.User),
                name = CurrentUser.Name(http.User),
                roles = Roles.All.Where(http.User.IsInRole).ToArray(),
                region = http.User.FindFirst(DataScope.RegionClaim)?.Value,
            }))
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = ApiScheme })
            .WithSummary("当前登录用户");
        return app;
    }
}
