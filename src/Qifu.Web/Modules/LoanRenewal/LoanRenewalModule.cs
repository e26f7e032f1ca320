using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.LoanRenewal.Apply;
using Qifu.Web.Modules.LoanRenewal.Bank;
using Qifu.Web.Modules.LoanRenewal.Data;
using Qifu.Web.Modules.LoanRenewal.Desk;
using Qifu.Web.Modules.LoanRenewal.Figures;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.LoanRenewal;

/// <summary>续贷受理中心: no-repayment loan renewal cases between an enterprise, the desk and a partner bank (decisions/0014).</summary>
public static class LoanRenewalModule
{
    /// <summary>The entity type of this module's audit entries (操作日志).</summary>
    public const string AuditEntityType = "续贷申请";

    public static IServiceCollection AddLoanRenewal(this IServiceCollection services)
    {
        services.AddScoped<RenewalAccess>();
        services.AddScoped<RenewalFiles>();
        services.AddScoped<RenewalSteps>();
        services.AddScoped<RenewalQueries>();
        services.AddScoped<ApplyHandler>();
        services.AddScoped<EnterpriseActions>();
        services.AddScoped<DeskActions>();
        services.AddScoped<BankActions>();
        services.AddScoped<RenewalFigures>();
        services.AddScoped<RenewalWorkbench>();
        return services;
    }

    private static readonly AuthorizeAttribute SignedIn = new() { AuthenticationSchemes = AccountsModule.ApiScheme };

    public static IEndpointRouteBuilder MapLoanRenewal(this IEndpointRouteBuilder app)
    {
        // Documents are served only here: the case is checked against the caller and every read is audited.
        app.MapGet("/loan-renewals/{id:guid}/files/{fileId:guid}", async (Guid id, Guid fileId, HttpContext http, RenewalQueries queries, FileStore store) =>
            {
                if (await queries.ReadDocumentAsync(http.User, id, fileId) is not { } file || store.Open(file) is not { } stream)
                    return ProblemResults.NotFound(http);
                http.Response.Headers.ContentSecurityPolicy = "sandbox";
                http.Response.Headers.CacheControl = "no-store";
                return Results.Stream(stream, file.ContentType, file.FileName);
            })
            .RequireAuthorization(SignedIn)
            .ExcludeFromDescription();

        var api = app.MapGroup("/api/v1/loan-renewals").WithTags("续贷受理");

        api.MapGet("/options", async (ApplyHandler apply) => Results.Ok(new
            {
                Desk = ApplyHandler.DeskName, Banks = await apply.BanksAsync(), Checklist = Checklist.Items,
                MinDaysBeforeMaturity = await apply.MinDaysAsync(), ApplyHandler.SharedFields,
            }))
            .RequireAuthorization(SignedIn)
            .WithSummary("申请续贷的选项：合作银行、材料清单（code 为上传字段 doc_{code}）、建议提前申请天数、单独同意所列字段");

        api.MapGet("/", async ([AsParameters] RenewalFilter filter, HttpContext http, RenewalQueries queries) =>
                Results.Ok(await queries.ListAsync(http.User, filter)))
            .RequireAuthorization(SignedIn)
            .WithSummary("续贷申请列表（企业：本企业的；受理中心运营：数据范围内已提交的；合作银行：推送至本行的。status、stage=waiting|open|closed、region、q；合同编号脱敏，金额按万元）");

        api.MapPost("/", async ([FromForm] RenewalInput input, HttpContext http, ApplyHandler apply, RenewalQueries queries) =>
                await apply.CreateAsync(input, http.Request.Form.Files, http.User) is { } c
                    ? Results.Created($"/api/v1/loan-renewals/{c.Id}", await queries.DetailAsync(http.User, c.Id))
                    : ProblemResults.NotFound(http))
            .Validated<RenewalInput>()
            .DisableAntiforgery()
            .RequireAuthorization(Permissions.ActAsEnterprise)
            .WithSummary("申请续贷（multipart/form-data：bankId、contractNumber、loanAmount 元、maturityOn yyyy-MM-dd、purpose、requestedAmount 元、requestedTermMonths、contactName、contactPhone；材料文件放在 doc_{code} 字段；submit=true 立即提交，须 consent=true 单独同意向续贷受理中心和所选银行提供所列信息，否则保存为草稿）");

        api.MapGet("/figures", async (HttpContext http, RenewalFigures figures) => Results.Ok(await figures.ForAsync(http.User)))
            .RequireAuthorization(Permissions.LoanRenewalDesk)
            .WithSummary("续贷受理统计（件数、申请金额、续贷金额、批准率、各环节天数中位数；按银行、按区县；区县运营为本区县）");

        api.MapGet("/{id:guid}", async (Guid id, HttpContext http, RenewalQueries queries) =>
                await queries.DetailAsync(http.User, id) is { } d ? Results.Ok(d) : ProblemResults.NotFound(http))
            .RequireAuthorization(SignedIn)
            .WithSummary("续贷申请详情（办理记录、材料清单、actions 为当前用户可执行的操作）");

        // Form fields read directly: a post with files only (no note) has no form value to bind a record from.
        api.MapPost("/{id:guid}/documents", async (Guid id, HttpContext http, EnterpriseActions actions, RenewalQueries queries) =>
            {
                var form = await http.Request.ReadFormAsync();
                return await DetailAsync(actions.AddDocumentsAsync(id, form["note"].FirstOrDefault(), form.Files, http.User), http, queries);
            })
            .DisableAntiforgery()
            .RequireAuthorization(Permissions.ActAsEnterprise)
            .WithSummary("上传（补正）材料（草稿或退回补正时；multipart/form-data：材料文件放在 doc_{code} 字段，note 说明）");

        api.MapPost("/{id:guid}/submit", (Guid id, SubmitDecision decision, HttpContext http, EnterpriseActions actions, RenewalQueries queries) =>
                DetailAsync(actions.SubmitAsync(id, decision, http.User), http, queries))
            .Validated<SubmitDecision>()
            .RequireAuthorization(Permissions.ActAsEnterprise)
            .WithSummary("提交草稿（须 consent=true 单独同意）或补正后重新提交（note 补正说明）");

        api.MapPost("/{id:guid}/withdraw", (Guid id, WithdrawDecision decision, HttpContext http, EnterpriseActions actions, RenewalQueries queries) =>
                DetailAsync(actions.WithdrawAsync(id, decision.Reason, http.User), http, queries))
            .Validated<WithdrawDecision>()
            .RequireAuthorization(Permissions.ActAsEnterprise)
            .WithSummary("企业撤回（银行作出审批决定前；reason 撤回原因，可省略）");

        api.MapPost("/{id:guid}/accept", (Guid id, DeskNote note, HttpContext http, DeskActions actions, RenewalQueries queries) =>
                DetailAsync(actions.AcceptAsync(id, note.Note, http.User), http, queries))
            .Validated<DeskNote>()
            .RequireAuthorization(Permissions.LoanRenewalDesk)
            .WithSummary("受理（材料齐全时；note 说明）");

        api.MapPost("/{id:guid}/return", (Guid id, ReturnDecision decision, HttpContext http, DeskActions actions, RenewalQueries queries) =>
                DetailAsync(actions.ReturnAsync(id, decision, http.User), http, queries))
            .Validated<ReturnDecision>()
            .RequireAuthorization(Permissions.LoanRenewalDesk)
            .WithSummary("退回补正（items：[{document 材料代码, reason 补正原因}] 至少一项；note 说明）");

        api.MapPost("/{id:guid}/forward", (Guid id, DeskNote note, HttpContext http, DeskActions actions, RenewalQueries queries) =>
                DetailAsync(actions.ForwardAsync(id, note.Note, http.User), http, queries))
            .Validated<DeskNote>()
            .RequireAuthorization(Permissions.LoanRenewalDesk)
            .WithSummary("推送至企业所选合作银行（已受理时；note 说明）");

        api.MapPost("/{id:guid}/due-diligence", async ([FromForm] DueDiligenceInput input, Guid id, HttpContext http, BankActions actions, RenewalQueries queries) =>
                await DetailAsync(actions.DueDiligenceAsync(id, input, http.Request.Form.Files, http.User), http, queries))
            .Validated<DueDiligenceInput>()
            .DisableAntiforgery()
            .RequireAuthorization(Permissions.ActAsInstitution)
            .WithSummary("合作银行记录尽职调查（multipart/form-data：on 调查日期 yyyy-MM-dd，notes 调查情况，附件 attachments 最多3个）");

        api.MapPost("/{id:guid}/decision", (Guid id, DecisionInput input, HttpContext http, BankActions actions, RenewalQueries queries) =>
                DetailAsync(actions.DecideAsync(id, input, http.User), http, queries))
            .Validated<DecisionInput>()
            .RequireAuthorization(Permissions.ActAsInstitution)
            .WithSummary("合作银行审批决定（approve=true：amount 批准金额 元、termMonths 期限（月）、newContractNumber 新合同编号可省略；approve=false：reason 不予续贷原因）");

        api.MapPost("/{id:guid}/disbursement", (Guid id, DisbursementInput input, HttpContext http, BankActions actions, RenewalQueries queries) =>
                DetailAsync(actions.DisburseAsync(id, input, http.User), http, queries))
            .Validated<DisbursementInput>()
            .RequireAuthorization(Permissions.ActAsInstitution)
            .WithSummary("合作银行登记放款（续贷完成；disbursedOn 放款日期，note 说明）");

        return app;
    }

    private static async Task<IResult> DetailAsync(Task<RenewalCase?> change, HttpContext http, RenewalQueries queries) =>
        await change is { } c && await queries.DetailAsync(http.User, c.Id) is { } d ? Results.Ok(d) : ProblemResults.NotFound(http);
}
