using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Web;
using Scalar.AspNetCore;
using Serilog;
using Serilog.Formatting.Compact;

namespace Qifu.Web.Platform;

/// <summary>Everything that is not a business area: database, logging, errors, files, security headers, health, API docs.</summary>
public static class PlatformSetup
{
    public const string SignInLimit = "signin";

    /// <summary>Largest request body accepted anywhere (several files of ≤10 MB each plus the form).</summary>
    public const long MaxRequestBytes = 25 * 1024 * 1024;

    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var services = builder.Services;
        var logPath = Path.Combine(builder.Environment.ContentRootPath, config["Qifu:LogPath"] ?? "logs", "qifu-.log");
        builder.Host.UseSerilog((ctx, log) => log
            .ReadFrom.Configuration(ctx.Configuration)
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", Serilog.Events.LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Conditional(_ => ctx.HostingEnvironment.IsDevelopment(), c => c.Console())
            .WriteTo.Conditional(_ => !ctx.HostingEnvironment.IsDevelopment(), c => c.Console(new RenderedCompactJsonFormatter()))
            .WriteTo.File(new CompactJsonFormatter(), logPath, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 90));

        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        // Emit Chinese as characters, not &#x...; entities (readable source, smaller pages); markup is still encoded.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddQifuDatabase(config, builder.Environment);
        services.AddDataProtection().SetApplicationName("Qifu").PersistKeysToDbContext<AppDbContext>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<Calendar.WorkingCalendar>();
        services.AddScoped<Notifications.Notifier>();
        services.AddSingleton<Notifications.UnreadCounts>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, Notifications.UnreadCountInterceptor>();
        services.AddSingleton<Notifications.OutgoingMessages>();
        services.AddHostedService<Notifications.OutgoingMessageSender>();
        services.TryAddSingleton<Notifications.ISmsSender, Notifications.LogSmsSender>();
        services.TryAddSingleton<Notifications.IEmailSender, Notifications.LogEmailSender>();
        services.AddSingleton<FileStore>();

        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Modules";
                o.Conventions.ConfigureFilter(new RuleViolationPageFilter());
            })
            .AddMvcOptions(o =>
            {
                var m = o.ModelBindingMessageProvider;
                m.SetValueMustBeANumberAccessor(_ => "请填写数字");
                m.SetNonPropertyValueMustBeANumberAccessor(() => "请填写数字");
                m.SetAttemptedValueIsInvalidAccessor((_, _) => "填写的内容无效，请重新选择或填写");
                m.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => "填写的内容无效，请重新选择或填写");
                m.SetUnknownValueIsInvalidAccessor(_ => "填写的内容无效，请重新选择或填写");
                m.SetNonPropertyUnknownValueIsInvalidAccessor(() => "填写的内容无效，请重新选择或填写");
                m.SetValueIsInvalidAccessor(_ => "填写的内容无效，请重新选择或填写");
                m.SetValueMustNotBeNullAccessor(_ => "请填写此项");
                m.SetMissingBindRequiredValueAccessor(_ => "请填写此项");
                m.SetMissingKeyOrValueAccessor(() => "请填写此项");
                m.SetMissingRequestBodyRequiredValueAccessor(() => "请求内容不能为空");
            });
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "RequestVerificationToken";
            o.Cookie.Name = "qifu.af";
            o.Cookie.SameSite = SameSiteMode.Lax;
        });
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = MaxRequestBytes);
        // Binding failures go through the one exception handler, so they get the same problem+json shape.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Strict JSON for the API (AC-04, AP-05): a member the endpoint does not know is refused, not silently dropped.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.MaxDepth = 32;
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            // Framework-made problems (binding failures, 404/405 on the API) get the same code/traceId fields as ours.
            ctx.ProblemDetails.Extensions.TryAdd("code", ctx.ProblemDetails.Status switch
            {
                400 => "BAD_REQUEST", 404 => "NOT_FOUND", 405 => "METHOD_NOT_ALLOWED", 415 => "UNSUPPORTED_MEDIA_TYPE", _ => "ERROR",
            });
            ctx.ProblemDetails.Extensions.TryAdd("traceId", System.Diagnostics.Activity.Current?.Id ?? ctx.HttpContext.TraceIdentifier);
            if (ctx.ProblemDetails.Status == 400 && ctx.ProblemDetails.Title is null or "Bad Request" or "One or more validation errors occurred.")
                ctx.ProblemDetails.Title = "请求格式不正确";
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "企服 Qifu 中小企业公共服务平台 API";
            doc.Info.Version = "v1";
            return Task.CompletedTask;
        }));
        services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database", tags: ["ready"])
            .AddCheck<StorageHealthCheck>("storage", tags: ["ready"]);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                ctx.HttpContext.Response.Headers.RetryAfter = "60";
                if (!ctx.HttpContext.Request.Path.StartsWithSegments("/api")) return; // pages: the /error/429 page explains
                await ctx.HttpContext.Response.WriteAsJsonAsync(ProblemResults.Create(ctx.HttpContext, 429, "TOO_MANY_REQUESTS", "操作过于频繁，请一分钟后再试"),
                    (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json; charset=utf-8", ct);
            };
            var perMinute = config.GetValue("Qifu:SignInPerMinute", 10);
            // Per client IP, counting only form and API posts: reading the sign-in page is free, guessing is not (AU-04).
            o.AddPolicy(SignInLimit, http => HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        services.AddOutputCache(o =>
        {
            o.SizeLimit = builder.Configuration.GetValue("Qifu:PublicPages:CacheMegabytes", 64L) * 1024 * 1024;
            o.AddPolicy(PublicPages.Policy, new PublicPages(builder.Configuration));
        });
        services.AddSingleton<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore, PublicPageStore>();
        services.AddScoped<LayoutModel>();
        services.AddScoped<Dictionaries.SiteSettings>();
        services.AddSingleton<Dictionaries.SiteSettings.DisplayCopy>();
        services.AddScoped<Dictionaries.DictionaryLookup>();
        services.AddScoped<Demo.DemoData>();
        services.AddScoped<Demo.DemoCatalogue>();
        return builder;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseExceptionHandler("/error");
        app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<CrossSiteWriteGuard>();
        // Refuse an over-long body by its declared length before antiforgery or binding starts reading it.
        app.Use((http, next) => http.Request.ContentLength > MaxRequestBytes
            ? throw new BadHttpRequestException("Request body too large", StatusCodes.Status413PayloadTooLarge)
            : next(http));
        app.UseRequestLocalization(new RequestLocalizationOptions().SetDefaultCulture("zh-CN").AddSupportedCultures("zh-CN").AddSupportedUICultures("zh-CN"));
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<ForcedPasswordChange>();
        app.UseAuthorization();
        app.UseAntiforgery();
        // After authentication: signed-in requests never reach a cached page (PublicPages).
        app.UseOutputCache();
        return app;
    }

    public static WebApplication MapPlatform(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api/reference", o => o
                .WithTitle("企服 API 参考")
                .DisableDefaultFonts() // no font CDN: intranets block it (FE-06)
                .WithOpenApiRoutePattern("/openapi/{documentName}.json"))
            .RequireAuthorization(Permissions.Operate);
        app.MapFiles();
        // Unknown addresses are a plain 404 for everyone, not a sign-in redirect from the deny-by-default policy.
        app.MapFallback("{*path}", () => Results.NotFound()).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}

internal sealed class StorageHealthCheck(FileStore files) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(files.IsReachable() ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("文件存储不可写"));
}
