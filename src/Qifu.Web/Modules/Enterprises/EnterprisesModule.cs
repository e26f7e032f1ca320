using Microsoft.AspNetCore.Mvc;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Modules.Enterprises.ImportEnterprises;
using Qifu.Web.Modules.Enterprises.ImportJobs;
using Qifu.Web.Platform.Jobs;
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
        services.AddScoped<ImportJobService>();
        services.AddSingleton<ImportJobSignal>();
        services.AddSingleton<ImportJobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportJobRunner>());
        services.AddScheduledWork<ImportTempSweep>("import-temp-sweep", TimeSpan.FromHours(1));
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

        api.MapPost("/imports", async (IFormFile? file, HttpContext http, EnterpriseImport import, ImportJobService jobs) =>
            {
                var (token, path) = await import.SaveUploadAsync(file, "file");
                if (jobs.IsLarge(path, file!.Length))
                {
                    var job = await jobs.SubmitAsync(token, file.FileName, file.Length, http.User);
                    return Results.Accepted($"/api/v1/enterprises/imports/{job.Id}", ImportJobService.View(job));
                }
                // Small files stay synchronous: checked and, when every row passes, written at once.
                try
                {
                    var (check, enterprises) = await import.CheckAsync(path, DataScope.Of(http.User));
                    if (check.Errors.Count > 0)
                    {
                        var problem = ProblemResults.Create(http, 422, "IMPORT_INVALID",
                            $"导入数据校验未通过：共 {check.Rows} 行，{check.Errors.Select(e => e.Row).Distinct().Count()} 行有错误，未写入任何数据");
                        problem.Extensions["rows"] = check.Errors.Take(ImportJobRunner.ErrorsKept).ToList();
                        problem.Extensions["errorCount"] = check.Errors.Count;
                        return Results.Json(problem, statusCode: 422, contentType: "application/problem+json; charset=utf-8");
                    }
                    if (check.Rows == 0)
                        throw new RuleViolationException("IMPORT_EMPTY", "文件中没有可导入的数据行", "file", 422);
                    if (enterprises.Count > 0) await import.WriteAsync(enterprises, DataScope.Of(http.User).RegionCode);
                    return Results.Ok(new ImportResult(check.Rows, enterprises.Count, check.Existing, ImportCheck.Outcome(enterprises.Count, check.Existing)));
                }
                finally
                {
                    File.Delete(path);
                }
            })
            .DisableAntiforgery()
            .RequireAuthorization(Permissions.ImportEnterprises)
            .WithSummary("批量导入企业（multipart，字段 file，平台模板 .xlsx）：小文件当即校验并写入（200，或 422 列出每行错误、不写入任何数据）；超过阈值的大文件转为后台导入任务（202，Location 指向任务）");

        api.MapGet("/imports/{jobId:guid}", async (Guid jobId, HttpContext http, ImportJobService jobs) =>
                await jobs.FindAsync(jobId, http.User) is { } job ? Results.Ok(ImportJobService.View(job)) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ImportEnterprises)
            .WithSummary("导入任务状态（Queued 排队中 / Checking 校验中 / Writing 写入中 / Succeeded 已完成 / Failed 失败），含行数与错误列表");

        api.MapGet("/imports/{jobId:guid}/errors.xlsx", async (Guid jobId, HttpContext http, ImportJobService jobs) =>
                await jobs.FindAsync(jobId, http.User) is { ErrorCount: > 0 } job
                    ? Results.File(ImportJobService.ErrorWorkbook(job), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "导入错误说明.xlsx")
                    : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ImportEnterprises)
            .WithSummary("导入任务的错误说明工作簿（行号、列、填写内容、错误说明）");

        api.MapPost("/imports/{jobId:guid}/rerun", async (Guid jobId, HttpContext http, ImportJobService jobs) =>
                await jobs.RerunAsync(jobId, http.User) is { } job
                    ? Results.Accepted($"/api/v1/enterprises/imports/{job.Id}", ImportJobService.View(job))
                    : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ImportEnterprises)
            .WithSummary("重新运行因系统原因中断的导入任务（202）；校验未通过的任务不能重新运行（409）");
        return app;
    }

    public sealed record ImportResult(int Rows, int Imported, int Existing, string Message);

    public sealed record EnterpriseDetail(Guid Id, string CreditCode, string Name, string RegionCode, string RegionName, string IndustrySection,
        string IndustryDivision, int Employees, decimal RevenueWan, decimal AssetsWan, string SizeClass, string SizeReason,
        string ContactName, string ContactPhone, string[] Tags, string Status, string StatusLabel, string? RejectReason, DateTime CreatedAt);

    private static EnterpriseDetail Detail(Enterprise e, bool own = false) => new(e.Id, e.CreditCode, e.Name, e.RegionCode,
        RegionCodes.NameOf(e.RegionCode), e.IndustrySection, e.IndustryDivision, e.Employees, e.RevenueWan, e.AssetsWan,
        SizeClasses.Label(e.SizeClass), e.SizeReason, own ? e.ContactName : PersonName.Mask(e.ContactName),
        own ? e.ContactPhone : PhoneNumber.Mask(e.ContactPhone), e.Tags.Split(',', StringSplitOptions.RemoveEmptyEntries), e.Status.ToString(), RegistrationStatuses.Label(e.Status), e.RejectReason, e.CreatedAt);
}
