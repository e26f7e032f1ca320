using Qifu.Web.Modules.Shared;
using Microsoft.AspNetCore.Mvc;
using Qifu.Web.Modules.Institutions.ApplyToJoin;
using Qifu.Web.Modules.Institutions.Data;
using Qifu.Web.Modules.Institutions.FindInstitutions;
using Qifu.Web.Modules.Institutions.MyInstitution;
using Qifu.Web.Modules.Institutions.ReviewInstitutions;
using Qifu.Web.Platform;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Registration;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Institutions;

public static class InstitutionsModule
{
    /// <summary>The entity type of this module's audit entries (操作日志).</summary>
    public const string AuditEntityType = "服务机构";

    public static IServiceCollection AddInstitutions(this IServiceCollection services)
    {
        services.AddScoped<QualificationFiles>();
        services.AddScoped<ApplyToJoinHandler>();
        services.AddScoped<MyInstitutionHandler>();
        services.AddScoped<InstitutionQueries>();
        services.AddScoped<ReviewInstitutionHandler>();
        services.AddScoped<PublicInstitutions>();
        services.AddSingleton<Search.ISearchSource, InstitutionSearchSource>();
        return services;
    }

    public static IEndpointRouteBuilder MapInstitutions(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/institutions").WithTags("服务机构");

        api.MapPost("/applications", async ([FromForm] InstitutionApplicationRequest request, IFormFileCollection? qualifications,
                    ApplyToJoinHandler handler) =>
                Results.Created("/api/v1/institutions/mine", await handler.HandleAsync(request, qualifications ?? (IReadOnlyList<IFormFile>)[])))
            .Validated<InstitutionApplicationRequest>()
            .DisableAntiforgery()
            .AllowAnonymous()
            .RequireRateLimiting(PlatformSetup.SignInLimit)
            .WithSummary("服务机构入驻申请（multipart/form-data；saveAsDraft=true 仅保存草稿；资质证明文件 qualifications 最多5个）");

        api.MapGet("/", async ([AsParameters] InstitutionFilter filter, HttpContext http, InstitutionQueries queries) =>
                Results.Ok(await queries.ListAsync(http.User, filter)))
            .RequireAuthorization(Permissions.ReviewRegistrations)
            .WithSummary("服务机构列表（按数据范围，联系人信息已脱敏，每页最多100条）");

        api.MapGet("/{id:guid}", (Guid id, HttpContext http, InstitutionQueries queries, QualificationFiles files, TimeProvider clock) =>
                DetailOrNotFoundAsync(queries.FindAsync(http.User, id), http, files, clock))
            .RequireAuthorization(Permissions.ReviewRegistrations)
            .WithSummary("服务机构详情（联系人信息已脱敏）");

        api.MapPost("/{id:guid}/approve", (Guid id, HttpContext http, ReviewInstitutionHandler review, QualificationFiles files, TimeProvider clock) =>
                DetailOrNotFoundAsync(review.ApproveAsync(id, http.User), http, files, clock))
            .RequireAuthorization(Permissions.ReviewRegistrations)
            .WithSummary("入驻审核通过");

        api.MapPost("/{id:guid}/reject", (Guid id, RejectDecision decision, HttpContext http, ReviewInstitutionHandler review, QualificationFiles files,
                    TimeProvider clock) =>
                DetailOrNotFoundAsync(review.RejectAsync(id, decision.Reason, http.User), http, files, clock))
            .Validated<RejectDecision>()
            .RequireAuthorization(Permissions.ReviewRegistrations)
            .WithSummary("入驻审核驳回（须填写驳回原因）");

        api.MapPost("/{id:guid}/suspend", (Guid id, SuspendDecision decision, HttpContext http, ReviewInstitutionHandler review, QualificationFiles files,
                    TimeProvider clock) =>
                DetailOrNotFoundAsync(review.SuspendAsync(id, decision.Reason, http.User), http, files, clock))
            .Validated<SuspendDecision>()
            .RequireAuthorization(Permissions.ReviewRegistrations)
            .WithSummary("暂停服务机构（须填写暂停原因；暂停后不在平台展示）");

        api.MapPost("/{id:guid}/resume", (Guid id, HttpContext http, ReviewInstitutionHandler review, QualificationFiles files, TimeProvider clock) =>
                DetailOrNotFoundAsync(review.ResumeAsync(id, http.User), http, files, clock))
            .RequireAuthorization(Permissions.ReviewRegistrations)
            .WithSummary("恢复已暂停的服务机构");

        api.MapPost("/{id:guid}/core", (Guid id, CoreDecision decision, HttpContext http, ReviewInstitutionHandler review, QualificationFiles files,
                    TimeProvider clock) =>
                DetailOrNotFoundAsync(review.MarkCoreAsync(id, decision.CoreFrom!.Value, decision.CoreUntil!.Value, http.User), http, files, clock))
            .Validated<CoreDecision>()
            .RequireAuthorization(Permissions.MarkCoreInstitution)
            .WithSummary("认定为核心服务机构（仅市级运营；有效期 coreFrom 至 coreUntil，日期格式 yyyy-MM-dd）");

        api.MapDelete("/{id:guid}/core", (Guid id, HttpContext http, ReviewInstitutionHandler review, QualificationFiles files, TimeProvider clock) =>
                DetailOrNotFoundAsync(review.UnmarkCoreAsync(id, http.User), http, files, clock))
            .RequireAuthorization(Permissions.MarkCoreInstitution)
            .WithSummary("取消核心服务机构认定（仅市级运营）");

        api.MapGet("/mine", (HttpContext http, MyInstitutionHandler mine, QualificationFiles files, TimeProvider clock) =>
                DetailOrNotFoundAsync(mine.FindOwnAsync(http.User), http, files, clock, own: true))
            .RequireAuthorization(Permissions.ActAsInstitution)
            .WithSummary("本机构的入驻信息与审核状态");

        api.MapGet("/public", async ([AsParameters] PublicFilter filter, PublicInstitutions institutions) =>
                Results.Ok(await institutions.ListAsync(filter)))
            .AllowAnonymous()
            .WithSummary("已入驻的服务机构名录（公开；可按服务类别 category、服务区域 region、名称 q 筛选）");
        return app;
    }

    public sealed record InstitutionDetail(Guid Id, string CreditCode, string Name, string Kind, string KindLabel, string RegionCode,
        string RegionName, IReadOnlyList<Named> Categories, IReadOnlyList<Named> ServiceRegions, int StaffCount, string FeePolicy,
        string Introduction, string ContactName, string ContactPhone, string Status, string StatusLabel, string? RejectReason,
        string? SuspendReason, bool IsCore, bool IsCoreToday, DateOnly? CoreFrom, DateOnly? CoreUntil, IReadOnlyList<FileLink> Qualifications,
        DateTime CreatedAt, DateTime? SubmittedAt);

    private static async Task<IResult> DetailOrNotFoundAsync(Task<Institution?> find, HttpContext http, QualificationFiles files,
        TimeProvider clock, bool own = false)
    {
        if (await find is not { } i) return ProblemResults.NotFound(http);
        var links = (await files.ListAsync(i.Id)).Select(FileLink.Of).ToList();
        return Results.Ok(new InstitutionDetail(i.Id, i.CreditCode, i.Name, i.Kind.ToString(), InstitutionKinds.Label(i.Kind), i.RegionCode,
            RegionCodes.NameOf(i.RegionCode), i.CategoryCodes.Select(c => new Named(c, ServiceCategories.NameOf(c))).ToList(),
            i.ServiceRegionCodes.Select(r => new Named(r, RegionCodes.NameOf(r))).ToList(), i.StaffCount, i.FeePolicy, i.Introduction,
            own ? i.ContactName : PersonName.Mask(i.ContactName), own ? i.ContactPhone : PhoneNumber.Mask(i.ContactPhone),
            i.Status.ToString(), RegistrationStatuses.Label(i.Status), i.RejectReason, i.SuspendReason, i.IsCore,
            i.IsCoreOn(HengyangCalendar.Today(clock)), i.CoreFrom, i.CoreUntil, links, i.CreatedAt, i.SubmittedAt));
    }
}
