using Microsoft.AspNetCore.Authorization;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Needs.Proposals;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Jobs;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Needs;

public static class NeedsModule
{
    /// <summary>The entity type of this module's audit entries (操作日志).</summary>
    public const string AuditEntityType = "企业需求";

    public static IServiceCollection AddNeeds(this IServiceCollection services)
    {
        services.AddScoped<NeedAccess>();
        services.AddScoped<NeedHandler>();
        services.AddScoped<FromSurveys.SurveyNeeds>();
        services.AddScoped<ProposalHandler>();
        services.AddScoped<NeedQueries>();
        services.AddScoped<NeedFigures>();
        services.AddScoped<NeedMatches>();
        services.AddScoped<NeedWorkbench>();
        services.AddScheduledWork<NeedSweep>("need-sweep", TimeSpan.FromMinutes(30));
        return services;
    }

    /// <summary>Signed in by cookie or bearer token; what the caller sees is decided by <see cref="NeedAccess"/>.</summary>
    private static readonly AuthorizeAttribute SignedIn = new() { AuthenticationSchemes = AccountsModule.ApiScheme };

    public static IEndpointRouteBuilder MapNeeds(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/needs").WithTags("企业需求");

        // Enterprise
        api.MapPost("/", async (NeedInput input, HttpContext http, NeedHandler needs, NeedQueries queries) =>
                await needs.CreateAsync(http.User, input) is { } n
                    ? Results.Created($"/api/v1/needs/{n.Id}", await queries.DetailAsync(http.User, n.Id)) : ProblemResults.NotFound(http))
            .Validated<NeedInput>()
            .RequireAuthorization(Permissions.ActAsEnterprise)
            .WithSummary("发布需求（categoryCode 服务类别、subCategory 子类、title、description、budget 预算元或 budgetNegotiable=true 面议、deadline 截止日期 yyyy-MM-dd、regionCode 默认本企业所在区县；提交后待区县运营审核）");

        api.MapGet("/matching-items", async (string? title, string? categoryCode, string? regionCode, HttpContext http, NeedMatches matches) =>
            {
                if (string.IsNullOrWhiteSpace(categoryCode) || !Platform.Dictionaries.ServiceCategories.Exists(categoryCode))
                    return ProblemResults.Rule(http, new RuleViolationException("CATEGORY_INVALID", "请选择有效的服务类别（categoryCode）", "categoryCode", 400));
                if (!string.IsNullOrWhiteSpace(regionCode) && !RegionCodes.Exists(regionCode))
                    return ProblemResults.Rule(http, new RuleViolationException("REGION_INVALID", "服务区域（regionCode）不存在", "regionCode", 400));
                var found = await matches.FindAsync(title, categoryCode, string.IsNullOrWhiteSpace(regionCode) ? null : regionCode, http.RequestAborted);
                return Results.Ok(found);
            })
            .RequireAuthorization(Permissions.ActAsEnterprise)
            .WithSummary("发布前先看看现成的服务：与标题相近的已上架服务项目（title、categoryCode、regionCode）");

        api.MapGet("/mine", async ([AsParameters] NeedFilter filter, HttpContext http, NeedQueries queries) => Results.Ok(await queries.ListAsync(http.User, filter)))
            .RequireAuthorization(Permissions.ActAsEnterprise)
            .WithSummary("本企业发布的需求（status、q、page）");

        api.MapPost("/{id:guid}/close", async (Guid id, NeedReasonInput input, HttpContext http, NeedHandler needs, NeedQueries queries) =>
                await needs.CloseAsync(http.User, id, input.Reason) is { } ? Results.Ok(await queries.DetailAsync(http.User, id)) : ProblemResults.NotFound(http))
            .Validated<NeedReasonInput>()
            .RequireAuthorization(Permissions.ActAsEnterprise)
            .WithSummary("关闭需求（reason 必填）");

        api.MapPost("/{id:guid}/pick", async (Guid id, PickRequest input, HttpContext http, NeedHandler needs) =>
                await needs.PickAsync(http.User, id, input.ProposalId!.Value, input) is { } r
                    ? Results.Ok(new { NeedId = id, ServiceRequestId = r.Id, r.Number, Link = $"/enterprise/requests/{r.Id}" }) : ProblemResults.NotFound(http))
            .Validated<PickRequest>()
            .RequireAuthorization(Permissions.ActAsEnterprise)
            .WithSummary("选择方案（proposalId、contactName、contactPhone、consent=true 单独同意向该机构提供企业名称、联系人、联系电话、需求描述）：生成服务申请，需求变为已对接");

        // Any signed-in party, within its own view
        api.MapGet("/{id:guid}", async (Guid id, HttpContext http, NeedQueries queries) =>
                await queries.DetailAsync(http.User, id) is { } d ? Results.Ok(d) : ProblemResults.NotFound(http))
            .RequireAuthorization(SignedIn)
            .WithSummary("需求详情（企业：本企业的，含各机构方案；机构：可响应或已响应的，只含本机构方案；运营：数据范围内的，含派单记录）");

        // Institution
        api.MapGet("/open", async ([AsParameters] NeedFilter filter, HttpContext http, NeedQueries queries) => Results.Ok(await queries.ListAsync(http.User, filter)))
            .RequireAuthorization(Permissions.ActAsInstitution)
            .WithSummary("本机构可响应的需求（本机构已上架服务覆盖其类别和区域的、派单给本机构的、已提交过方案的；dispatched=true 只看派单）");

        api.MapPost("/{id:guid}/proposal", async (Guid id, ProposalInput input, HttpContext http, ProposalHandler proposals) =>
                await proposals.ProposeAsync(http.User, id, input) is { } p ? Results.Ok(NeedQueries.View(p)) : ProblemResults.NotFound(http))
            .Validated<ProposalInput>()
            .RequireAuthorization(Permissions.ActAsInstitution)
            .WithSummary("提交或修改本机构的方案（itemId 本机构已上架的服务项目、scope 服务内容、price 报价元或 priceNegotiable=true 面议、daysNeeded 所需天数）");

        api.MapPost("/{id:guid}/proposal/withdraw", async (Guid id, HttpContext http, ProposalHandler proposals) =>
                await proposals.WithdrawAsync(http.User, id) is { } p ? Results.Ok(NeedQueries.View(p)) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ActAsInstitution)
            .WithSummary("撤回本机构的方案（企业选择前）");

        // Operators
        api.MapGet("/managed", async ([AsParameters] NeedFilter filter, HttpContext http, NeedQueries queries) => Results.Ok(await queries.ListAsync(http.User, filter)))
            .RequireAuthorization(Permissions.ManageNeeds)
            .WithSummary("数据范围内的需求（status=PendingReview 为待审核队列）");

        api.MapGet("/follow-ups", async ([AsParameters] NeedFilter filter, HttpContext http, NeedQueries queries) =>
                Results.Ok(await queries.ListAsync(http.User, filter, followUpsOnly: true)))
            .RequireAuthorization(Permissions.ManageNeeds)
            .WithSummary("待跟进需求（发布后超过设定工作日仍无方案）");

        api.MapGet("/figures", async (HttpContext http, NeedFigures figures) => Results.Ok(await figures.ForAsync(http.User)))
            .RequireAuthorization(Permissions.ManageNeeds)
            .WithSummary("需求对接情况（按区县：发布数、对接数、对接率、首个方案的响应时间中位数（小时））");

        api.MapPost("/from-survey-responses/{responseId:guid}", async (Guid responseId, FromSurveys.SurveyNeedInput input, HttpContext http,
                FromSurveys.SurveyNeeds surveyNeeds, NeedQueries queries) =>
                await surveyNeeds.CreateAsync(http.User, responseId, input) is { } n
                    ? Results.Created($"/api/v1/needs/{n.Id}", await queries.DetailAsync(http.User, n.Id)) : ProblemResults.NotFound(http))
            .Validated<FromSurveys.SurveyNeedInput>()
            .RequireAuthorization(Permissions.ManageNeeds)
            .WithSummary("需求摸排答卷转为企业需求（以企业名义，待审核；答卷须在本人数据范围内）");

        api.MapPost("/{id:guid}/approve", async (Guid id, HttpContext http, NeedHandler needs, NeedQueries queries) =>
                await needs.ApproveAsync(http.User, id) is { } ? Results.Ok(await queries.DetailAsync(http.User, id)) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ManageNeeds)
            .WithSummary("需求审核通过（发布）");

        api.MapPost("/{id:guid}/reject", async (Guid id, NeedReasonInput input, HttpContext http, NeedHandler needs, NeedQueries queries) =>
                await needs.RejectAsync(http.User, id, input.Reason) is { } ? Results.Ok(await queries.DetailAsync(http.User, id)) : ProblemResults.NotFound(http))
            .Validated<NeedReasonInput>()
            .RequireAuthorization(Permissions.ManageNeeds)
            .WithSummary("驳回需求（reason 必填，企业可见）");

        api.MapPost("/{id:guid}/dispatch", async (Guid id, DispatchInput input, HttpContext http, NeedHandler needs, NeedQueries queries) =>
                await needs.DispatchAsync(http.User, id, input) is { } ? Results.Ok(await queries.DetailAsync(http.User, id)) : ProblemResults.NotFound(http))
            .Validated<DispatchInput>()
            .RequireAuthorization(Permissions.ManageNeeds)
            .WithSummary("派单（institutionIds 服务机构，最多20家；note 说明）");

        api.MapPost("/{id:guid}/follow-up", async (Guid id, FollowUpInput input, HttpContext http, NeedHandler needs, NeedQueries queries) =>
                await needs.RecordFollowUpAsync(http.User, id, input.Note) is { } ? Results.Ok(await queries.DetailAsync(http.User, id)) : ProblemResults.NotFound(http))
            .Validated<FollowUpInput>()
            .RequireAuthorization(Permissions.ManageNeeds)
            .WithSummary("记录跟进情况（note 必填）");
        return app;
    }
}
