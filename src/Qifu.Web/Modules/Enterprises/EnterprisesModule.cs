using Microsoft.AspNetCore.Mvc;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Modules.Enterprises.ImportEnterprises;
using Qifu.Web.Modules.Enterprises.MyEnterprise;
using Qifu.Web.Modules.Enterprises.RegisterEnterprise;
using Qifu.Web.Modules.Enterprises.ReviewEnterprises;
using Qifu.Web.Platform;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Registration;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Enterprises;

public static class EnterprisesModule
{
    public static IServiceCollection AddEnterprises(this IServiceCollection services)
    {
        services.AddScoped<RegisterEnterpriseHandler>();
        services.AddScoped<ReviewEnterpriseHandler>();
        services.AddScoped<EnterpriseQueries>();
        services.AddScoped<RevealContactHandler>();
        services.AddScoped<EnterpriseExport>();
        services.AddScoped<EnterpriseImport>();
        services.AddScoped<MyEnterpriseHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapEnterprises(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/enterprises").WithTags("企业");

        api.MapPost("/registrations", async ([FromForm] EnterpriseRegistrationRequest request, IFormFile? licence, RegisterEnterpriseHandler handler) =>
                Results.Created($"/api/v1/enterprises/mine", await handler.HandleAsync(request, licence)))
            .Validated<EnterpriseRegistrationRequest>()
            .DisableAntiforgery()
            .AllowAnonymous()
            .RequireRateLimiting(PlatformSetup.SignInLimit)
            .WithSummary("企业注册（multipart/form-data，含营业执照文件 licence）");

        api.MapGet("/", async ([AsParameters] EnterpriseFilter filter, HttpContext http, EnterpriseQueries queries) =>
                Results.Ok(await queries.ListAsync(http.User, filter)))
            .RequireAuthorization(Permissions.ReviewRegistrations)
            .WithSummary("企业列表（按数据范围，联系人信息已脱敏）");

        api.MapGet("/{id:guid}", async (Guid id, HttpContext http, EnterpriseQueries queries) =>
                await queries.FindAsync(http.User, id) is { } e ? Results.Ok(Detail(e)) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ReviewRegistrations)
            .WithSummary("企业详情");

        api.MapPost("/{id:guid}/approve", async (Guid id, HttpContext http, ReviewEnterpriseHandler review) =>
                await review.ApproveAsync(id, http.User) is { } e ? Results.Ok(Detail(e)) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ReviewRegistrations)
            .WithSummary("审核通过");

        api.MapPost("/{id:guid}/reject", async (Guid id, ReviewDecision decision, HttpContext http, ReviewEnterpriseHandler review) =>
                await review.RejectAsync(id, decision.Reason, http.User) is { } e ? Results.Ok(Detail(e)) : ProblemResults.NotFound(http))
            .Validated<ReviewDecision>()
            .RequireAuthorization(Permissions.ReviewRegistrations)
            .WithSummary("审核驳回（须填写原因）");

        api.MapGet("/mine", async (HttpContext http, MyEnterpriseHandler mine) =>
                await mine.FindOwnAsync(http.User) is { } e ? Results.Ok(Detail(e, own: true)) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ActAsEnterprise)
            .WithSummary("本企业的注册信息与审核状态");

        api.MapGet("/export", async ([AsParameters] EnterpriseFilter filter, HttpContext http, EnterpriseExport export) =>
            {
                await export.WriteAsync(http, filter);
                return Results.Empty;
            })
            .RequireAuthorization(Permissions.ExportRegistrations)
            .WithSummary("按筛选条件导出 Excel");
        return app;
    }

    public sealed record EnterpriseDetail(Guid Id, string CreditCode, string Name, string RegionCode, string RegionName, string IndustrySection,
        string IndustryDivision, int Employees, decimal RevenueWan, decimal AssetsWan, string SizeClass, string SizeReason,
        string ContactName, string ContactPhone, string[] Tags, string Status, string StatusLabel, string? RejectReason, DateTime CreatedAt);

    private static EnterpriseDetail Detail(Enterprise e, bool own = false) => new(e.Id, e.CreditCode, e.Name, e.RegionCode,
        RegionCodes.NameOf(e.RegionCode), e.IndustrySection, e.IndustryDivision, e.Employees, e.RevenueWan, e.AssetsWan,
        SizeClasses.Label(e.SizeClass), e.SizeReason, own ? e.ContactName : PersonName.Mask(e.ContactName),
        own ? e.ContactPhone : PhoneNumber.Mask(e.ContactPhone), e.Tags.Split(',', StringSplitOptions.RemoveEmptyEntries), e.Status.ToString(), RegistrationStatuses.Label(e.Status), e.RejectReason, e.CreatedAt);
}
