using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Administration.Calendar;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Modules.ServiceRequests.Deadlines;
using Qifu.Web.Modules.ServiceRequests.EnterpriseRequests;
using Qifu.Web.Modules.ServiceRequests.Evaluations;
using Qifu.Web.Modules.ServiceRequests.FollowUps;
using Qifu.Web.Modules.ServiceRequests.InstitutionRequests;
using Qifu.Web.Modules.ServiceRequests.RequestItem;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Jobs;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.ServiceRequests;

public static class ServiceRequestsModule
{
    /// <summary>The entity type of this module's audit entries (操作日志).</summary>
    public const string AuditEntityType = "服务申请";

    public static IServiceCollection AddServiceRequests(this IServiceCollection services)
    {
        services.AddScoped<RequestAccess>();
        services.AddScoped<RequestFiles>();
        services.AddScoped<RequestSteps>();
        services.AddScoped<RequestQueries>();
        services.AddScoped<SubmitRequestHandler>();
        services.AddScoped<EnterpriseRequestActions>();
        services.AddScoped<InstitutionRequestActions>();
        services.AddScoped<EvaluationQueries>();
        services.AddScoped<EvaluationActions>();
        services.AddScoped<FollowUpHandler>();
        services.AddScoped<RequestWorkbench>();
        services.AddScoped<PublicEvaluations>();
        services.AddScheduledWork<DeadlineJob>("request-deadlines", TimeSpan.FromMinutes(5));
        services.AddHostedService<DemoHolidaySeeding>();
        return services;
    }

    public static IEndpointRouteBuilder MapServiceRequests(this IEndpointRouteBuilder app)
    {
        MapRequests(app.MapGroup("/api/v1/requests").WithTags("服务申请"));
        MapEvaluations(app.MapGroup("/api/v1/evaluations").WithTags("服务评价"));
        MapFollowUps(app.MapGroup("/api/v1/follow-ups").WithTags("差评回访"));
        return app;
    }

    /// <summary>Signed in by cookie or bearer token; what the caller sees is decided by <see cref="RequestAccess"/>.</summary>
    private static readonly AuthorizeAttribute SignedIn = new() { AuthenticationSchemes = AccountsModule.ApiScheme };

    private static void MapRequests(RouteGroupBuilder api)
    {
        api.MapPost("/", async ([FromForm] NewRequest request, IFormFileCollection? attachments, HttpContext http, SubmitRequestHandler handler,
                    RequestQueries queries) =>
                await handler.SubmitAsync(request.ItemId!.Value, request, attachments ?? (IReadOnlyList<IFormFile>)[], http.User) is { } r
                    ? Results.Created($"/api/v1/requests/{r.Id}", await queries.DetailAsync(http.User, r.Id))
                    : ProblemResults.NotFound(http))
            .Validated<NewRequest>()
            .DisableAntiforgery()
            .RequireAuthorization(Permissions.ActAsEnterprise)
            .WithSummary("申请服务（multipart/form-data：itemId、need、contactName、contactPhone、consent=true 单独同意向服务机构提供企业名称、联系人、联系电话、需求描述、附件；附件 attachments 最多5个）");

        api.MapGet("/", async ([AsParameters] RequestFilter filter, HttpContext http, RequestQueries queries) =>
                Results.Ok(await queries.ListAsync(http.User, filter)))
            .RequireAuthorization(SignedIn)
            .WithSummary("服务申请列表（企业：本企业的；机构：本机构收到的，按剩余时限排序；运营：数据范围内的。可按 status、stage=open|active|evaluate|closed|overdue、region、q 筛选）");

        api.MapGet("/{id:guid}", async (Guid id, HttpContext http, RequestQueries queries) =>
                await queries.DetailAsync(http.User, id) is { } d ? Results.Ok(d) : ProblemResults.NotFound(http))
            .RequireAuthorization(SignedIn)
            .WithSummary("服务申请详情（办理记录、附件、评价；actions 为当前用户可执行的操作）");

        api.MapPost("/{id:guid}/accept", async (Guid id, HttpContext http, InstitutionRequestActions actions, RequestQueries queries) =>
                await OptionalJsonAsync<AcceptDecision>(http) is var (decision, invalid) && invalid is not null
                    ? invalid
                    : await DetailAsync(actions.AcceptAsync(id, decision ?? new AcceptDecision(), http.User), http, queries))
            .RequireAuthorization(Permissions.ActAsInstitution)
            .WithSummary("机构受理（JSON，可省略：completeDueOn 预计办结日期 yyyy-MM-dd，默认按服务项目办理时限；note 受理说明）");

        api.MapPost("/{id:guid}/decline", (Guid id, DeclineDecision decision, HttpContext http, InstitutionRequestActions actions, RequestQueries queries) =>
                DetailAsync(actions.DeclineAsync(id, decision.Reason, http.User), http, queries))
            .Validated<DeclineDecision>()
            .RequireAuthorization(Permissions.ActAsInstitution)
            .WithSummary("机构不予受理（须填写原因 reason）");

        api.MapPost("/{id:guid}/progress", ([FromForm] ProgressNote note, IFormFileCollection? attachments, Guid id, HttpContext http,
                    InstitutionRequestActions actions, RequestQueries queries) =>
                DetailAsync(actions.ProgressAsync(id, note, attachments, http.User), http, queries))
            .Validated<ProgressNote>()
            .DisableAntiforgery()
            .RequireAuthorization(Permissions.ActAsInstitution)
            .WithSummary("记录服务进展（multipart/form-data：note 必填，statusNote 给企业看的状态说明，附件 attachments 最多5个；首次记录进入“服务中”）");

        api.MapPost("/{id:guid}/complete", ([FromForm] CompletionNote note, IFormFileCollection? attachments, Guid id, HttpContext http,
                    InstitutionRequestActions actions, RequestQueries queries) =>
                DetailAsync(actions.CompleteAsync(id, note, attachments, http.User), http, queries))
            .Validated<CompletionNote>()
            .DisableAntiforgery()
            .RequireAuthorization(Permissions.ActAsInstitution)
            .WithSummary("机构办结（multipart/form-data：note 办结说明，附件 attachments 最多5个）");

        api.MapPost("/{id:guid}/withdraw", async (Guid id, HttpContext http, EnterpriseRequestActions actions, RequestQueries queries) =>
                await OptionalJsonAsync<WithdrawDecision>(http) is var (decision, invalid) && invalid is not null
                    ? invalid
                    : await DetailAsync(actions.WithdrawAsync(id, decision?.Reason, http.User), http, queries))
            .RequireAuthorization(Permissions.ActAsEnterprise)
            .WithSummary("企业撤回（仅限受理前；JSON，可省略：reason 撤回原因）");

        api.MapPost("/{id:guid}/confirm", (Guid id, HttpContext http, EnterpriseRequestActions actions, RequestQueries queries) =>
                DetailAsync(actions.ConfirmAsync(id, http.User), http, queries))
            .RequireAuthorization(Permissions.ActAsEnterprise)
            .WithSummary("企业确认办结");

        api.MapPost("/{id:guid}/reopen", (Guid id, ReopenDecision decision, HttpContext http, EnterpriseRequestActions actions, RequestQueries queries) =>
                DetailAsync(actions.ReopenAsync(id, decision.Reason, http.User), http, queries))
            .Validated<ReopenDecision>()
            .RequireAuthorization(Permissions.ActAsEnterprise)
            .WithSummary("企业重新打开（办结后在可重新打开期限内；须填写原因 reason）");

        api.MapPost("/{id:guid}/evaluation", async (Guid id, EvaluationInput input, HttpContext http, EnterpriseRequestActions actions) =>
                await actions.EvaluateAsync(id, input, http.User) is { } e
                    ? Results.Created($"/api/v1/evaluations/{e.Id}", EvaluationView.Of(e, Viewer.Enterprise))
                    : ProblemResults.NotFound(http))
            .Validated<EvaluationInput>()
            .RequireAuthorization(Permissions.ActAsEnterprise)
            .WithSummary("评价（好差评：overall 总体 1–5，timeliness 响应及时、professionalism 专业水平、attitude 服务态度 1–5，comment 不超过500字；每个申请一次）");
    }

    private static void MapEvaluations(RouteGroupBuilder api)
    {
        api.MapGet("/", async ([AsParameters] EvaluationFilter filter, HttpContext http, EvaluationQueries queries) =>
                Results.Ok(await queries.ListAsync(http.User, filter)))
            .RequireAuthorization(SignedIn)
            .WithSummary("评价列表（企业：本企业写的；机构：本机构收到的；运营：数据范围内的。可按 moderation、appeal、replied、bad、region 筛选）");

        api.MapGet("/{id:guid}", async (Guid id, HttpContext http, EvaluationQueries queries) =>
                await queries.FindAsync(http.User, id) is { } e ? Results.Ok(e) : ProblemResults.NotFound(http))
            .RequireAuthorization(SignedIn)
            .WithSummary("评价详情");

        api.MapPost("/{id:guid}/moderation", (Guid id, ModerationDecision decision, HttpContext http, EvaluationActions actions, EvaluationQueries queries) =>
                EvaluationAsync(actions.ModerateAsync(id, decision.Publish!.Value, decision.Reason, http.User), http, queries))
            .Validated<ModerationDecision>()
            .RequireAuthorization(Permissions.ModerateEvaluations)
            .WithSummary("审核评价内容（publish=true 公开；publish=false 屏蔽，须填写原因 reason，作者可见）");

        api.MapPost("/{id:guid}/reply", (Guid id, ReplyInput input, HttpContext http, EvaluationActions actions, EvaluationQueries queries) =>
                EvaluationAsync(actions.ReplyAsync(id, input.Reply, http.User), http, queries))
            .Validated<ReplyInput>()
            .RequireAuthorization(Permissions.ActAsInstitution)
            .WithSummary("机构公开回复评价（每条评价一次）");

        api.MapPost("/{id:guid}/appeal", (Guid id, AppealInput input, HttpContext http, EvaluationActions actions, EvaluationQueries queries) =>
                EvaluationAsync(actions.AppealAsync(id, input.Reason, http.User), http, queries))
            .Validated<AppealInput>()
            .RequireAuthorization(Permissions.ActAsInstitution)
            .WithSummary("机构申诉评价（每条评价一次，由市级运营裁定）");

        api.MapPost("/{id:guid}/appeal-decision", (Guid id, AppealDecisionInput input, HttpContext http, EvaluationActions actions,
                    EvaluationQueries queries) =>
                EvaluationAsync(actions.DecideAppealAsync(id, input.Uphold!.Value, input.Decision, http.User), http, queries))
            .Validated<AppealDecisionInput>()
            .RequireAuthorization(Permissions.DecideAppeals)
            .WithSummary("裁定申诉（仅市级运营；uphold=true 申诉成立，该评价不再计入评分；decision 裁定意见）");
    }

    private static void MapFollowUps(RouteGroupBuilder api)
    {
        api.MapGet("/", async ([AsParameters] FollowUpFilter filter, HttpContext http, FollowUpHandler handler) =>
                Results.Ok(await handler.ListAsync(http.User, filter)))
            .RequireAuthorization(Permissions.FollowUpEvaluations)
            .WithSummary("差评回访任务（区县运营：本区县；市级运营：全部。status=Open|Done）");

        api.MapPost("/{id:guid}/callback", async (Guid id, CallbackInput input, HttpContext http, FollowUpHandler handler) =>
                await handler.RecordCallbackAsync(id, input, http.User) is not null && await handler.FindAsync(http.User, id) is { } view
                    ? Results.Ok(view)
                    : ProblemResults.NotFound(http))
            .Validated<CallbackInput>()
            .RequireAuthorization(Permissions.FollowUpEvaluations)
            .WithSummary("记录回访（calledBackAt 回访时间 ISO 8601 含时区，callbackNote 回访情况，outcome 回访结果）");
    }

    /// <summary>
    /// A JSON body that may be left out altogether (accept with the defaults, withdraw without a reason). A typed optional
    /// body would still make routing refuse a post without a Content-Type, which then falls through to the 404 fallback.
    /// Returns the input, or the 400 answer when it is malformed or fails its DataAnnotations.
    /// </summary>
    private static async Task<(T? Input, IResult? Invalid)> OptionalJsonAsync<T>(HttpContext http) where T : class
    {
        var request = http.Request;
        if (request.ContentLength == 0 || (request.ContentLength is null && string.IsNullOrEmpty(request.ContentType))) return (null, null);
        if (!request.HasJsonContentType())
            throw new BadHttpRequestException("请求内容须为 application/json", StatusCodes.Status415UnsupportedMediaType);
        T? input;
        try
        {
            input = await request.ReadFromJsonAsync<T>();
        }
        catch (System.Text.Json.JsonException)
        {
            throw new BadHttpRequestException("Invalid JSON body", StatusCodes.Status400BadRequest);
        }
        if (input is null) return (null, null);
        var errors = Validation.Errors(input);
        return errors.Count > 0 ? (input, ProblemResults.Validation(http, errors)) : (input, null);
    }

    private static async Task<IResult> DetailAsync(Task<ServiceRequest?> change, HttpContext http, RequestQueries queries) =>
        await change is { } r && await queries.DetailAsync(http.User, r.Id) is { } d ? Results.Ok(d) : ProblemResults.NotFound(http);

    private static async Task<IResult> EvaluationAsync(Task<Evaluation?> change, HttpContext http, EvaluationQueries queries) =>
        await change is { } e && await queries.FindAsync(http.User, e.Id) is { } row ? Results.Ok(row) : ProblemResults.NotFound(http);
}
