using Microsoft.AspNetCore.Mvc;
using Qifu.Web.Modules.Surveys.Answer;
using Qifu.Web.Modules.Surveys.Batches;
using Qifu.Web.Modules.Surveys.Build;
using Qifu.Web.Modules.Surveys.Data;
using Qifu.Web.Modules.Surveys.ReadResults;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Surveys;

public static class SurveysModule
{
    /// <summary>The entity type of this module's audit entries (操作日志).</summary>
    public const string AuditEntityType = "需求摸排";

    public static IServiceCollection AddSurveys(this IServiceCollection services)
    {
        services.AddScoped<SurveyAccess>();
        services.AddScoped<QuestionnaireHandler>();
        services.AddScoped<BatchHandler>();
        services.AddScoped<AnswerHandler>();
        services.AddScoped<SurveyResults>();
        services.AddScoped<SurveyWorkbench>();
        return services;
    }

    public static IEndpointRouteBuilder MapSurveys(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/surveys").WithTags("需求摸排");

        // Operators: questionnaires.
        api.MapGet("/questionnaires", async (HttpContext http, QuestionnaireHandler h) => Results.Ok(await h.ListAsync(http.User)))
            .RequireAuthorization(Permissions.ManageSurveys)
            .WithSummary("问卷列表（本人可见：市级全部；区县为本区县的和市级的）");

        api.MapPost("/questionnaires", async (QuestionnaireInput input, HttpContext http, QuestionnaireHandler h) =>
            {
                var q = await h.CreateAsync(http.User, input);
                return Results.Created($"/api/v1/surveys/questionnaires/{q.Id}", QuestionnaireView(q, false));
            })
            .Validated<QuestionnaireInput>()
            .RequireAuthorization(Permissions.ManageSurveys)
            .WithSummary("新建问卷（sections 部分与题目；题型 SingleChoice、MultipleChoice、ShortText、LongText、Number、Matrix；题目与选项的 key 可省略，由系统分配且不再改变）");

        api.MapGet("/questionnaires/{id:guid}", async (Guid id, HttpContext http, QuestionnaireHandler h) =>
                await h.FindAsync(http.User, id) is { } q ? Results.Ok(QuestionnaireView(q, await h.IsFrozenAsync(id))) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ManageSurveys)
            .WithSummary("问卷详情（含全部题目；frozen=true 表示已有批次开启，题目不能再改）");

        api.MapPut("/questionnaires/{id:guid}", async (Guid id, QuestionnaireInput input, HttpContext http, QuestionnaireHandler h) =>
                await h.UpdateAsync(http.User, id, input) is { } q ? Results.Ok(QuestionnaireView(q, await h.IsFrozenAsync(id))) : ProblemResults.NotFound(http))
            .Validated<QuestionnaireInput>()
            .RequireAuthorization(Permissions.ManageSurveys)
            .WithSummary("修改问卷（带 sections 时整体替换题目，保留已有 key；已有批次开启的问卷返回409 QUESTIONNAIRE_FROZEN）");

        api.MapDelete("/questionnaires/{id:guid}", async (Guid id, HttpContext http, QuestionnaireHandler h) =>
                await h.DeleteAsync(http.User, id) ? Results.NoContent() : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ManageSurveys)
            .WithSummary("删除问卷（未用于任何批次时）");

        api.MapPost("/questionnaires/{id:guid}/copy", async (Guid id, HttpContext http, QuestionnaireHandler h) =>
                await h.CopyAsync(http.User, id) is { } q
                    ? Results.Created($"/api/v1/surveys/questionnaires/{q.Id}", QuestionnaireView(q, false)) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ManageSurveys)
            .WithSummary("复制问卷为新的草稿（题目冻结后修改用）");

        // Operators: batches and results.
        api.MapGet("/batches", async (HttpContext http, BatchHandler h, TimeProvider clock) =>
                Results.Ok((await h.ListAsync(http.User)).Select(r => BatchView(r.Batch, clock, r.QuestionnaireTitle, r.Responses))))
            .RequireAuthorization(Permissions.ManageSurveys)
            .WithSummary("摸排批次列表（responses 为本人数据范围内的答卷数）");

        api.MapPost("/batches", async (BatchInput input, HttpContext http, BatchHandler h, TimeProvider clock) =>
            {
                var b = (await h.CreateAsync(http.User, input))!;
                return Results.Created($"/api/v1/surveys/batches/{b.Id}", BatchView(b, clock));
            })
            .Validated<BatchInput>()
            .RequireAuthorization(Permissions.ManageSurveys)
            .WithSummary("新建摸排批次（草稿；closesAt 北京时间；regions 区县代码、industries 行业门类、sizes 规模 Large/Medium/Small/Micro，空为不限；区县运营只能面向本区县）");

        api.MapGet("/batches/{id:guid}", async (Guid id, HttpContext http, BatchHandler h, TimeProvider clock) =>
                await h.FindVisibleAsync(http.User, id) is { } b ? Results.Ok(BatchView(b, clock)) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ManageSurveys)
            .WithSummary("摸排批次详情");

        api.MapPut("/batches/{id:guid}", async (Guid id, BatchInput input, HttpContext http, BatchHandler h, TimeProvider clock) =>
                await h.UpdateAsync(http.User, id, input) is { } b ? Results.Ok(BatchView(b, clock)) : ProblemResults.NotFound(http))
            .Validated<BatchInput>()
            .RequireAuthorization(Permissions.ManageSurveys)
            .WithSummary("修改草稿批次");

        api.MapPost("/batches/{id:guid}/open", async (Guid id, HttpContext http, BatchHandler h, TimeProvider clock) =>
                await h.OpenAsync(http.User, id) is { } r ? Results.Ok(new { Batch = BatchView(r.Batch, clock), r.Invited }) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ManageSurveys)
            .WithSummary("开启批次（立即开始接受答卷至截止时间；向范围内企业发送站内信，invited 为收信账号数）");

        api.MapPost("/batches/{id:guid}/close", async (Guid id, HttpContext http, BatchHandler h, TimeProvider clock) =>
                await h.CloseAsync(http.User, id) is { } b ? Results.Ok(BatchView(b, clock)) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ManageSurveys)
            .WithSummary("提前结束批次");

        api.MapGet("/batches/{id:guid}/results", async (Guid id, [AsParameters] ResultFilter filter, HttpContext http, SurveyResults results, TimeProvider clock) =>
                await results.ForAsync(http.User, id, filter) is { } r ? Results.Ok(ResultsView(r, clock)) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ManageSurveys)
            .WithSummary("实时结果（各题各选项计数，多选每个选项各计一次；区县回收率；industry 行业门类、size 规模、region 区县筛选；区县运营只含本区县答卷）");

        api.MapGet("/batches/{id:guid}/responses", async (Guid id, int? page, HttpContext http, SurveyResults results) =>
                await results.ResponsesAsync(http.User, id, page) is { } p ? Results.Ok(p) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ManageSurveys)
            .WithSummary("答卷列表（分页，数据范围内）");

        api.MapGet("/batches/{id:guid}/texts/{questionKey}", async (Guid id, string questionKey, int? page, HttpContext http, SurveyResults results) =>
                await results.TextsAsync(http.User, id, questionKey, page) is { } p ? Results.Ok(p) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ManageSurveys)
            .WithSummary("某道文本题的全部回答（分页）");

        api.MapGet("/batches/{id:guid}/responses.xlsx", async (Guid id, HttpContext http, SurveyResults results) =>
                await results.ExportAsync(http.User, id) is { } x
                    ? Results.File(x.Content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", x.FileName) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ManageSurveys)
            .WithSummary("导出答卷（xlsx，每份答卷一行、每题或每个选项一列；记入操作日志）");

        api.MapGet("/responses/{id:guid}", async (Guid id, HttpContext http, SurveyResults results) =>
                await results.ResponseAsync(http.User, id) is { } r
                    ? Results.Ok(new
                    {
                        r.Response.Id, r.Response.BatchId, r.Response.EnterpriseName, r.Response.RegionCode, r.Response.SubmittedAt, r.Response.UpdatedAt,
                        Text = SurveyResponseText.Describe(r.Response, r.Questionnaire.Definition()), Answers = AnswersView(r.Response),
                    })
                    : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ManageSurveys)
            .WithSummary("一份答卷（含可读文本 text）");

        // Enterprises.
        api.MapGet("/mine", async (HttpContext http, AnswerHandler h, TimeProvider clock) => Results.Ok(new
            {
                Open = (await h.OpenForMeAsync(http.User)).Select(m => MineView(m, clock)),
                Answered = (await h.AnsweredAsync(http.User)).Select(m => MineView(m, clock)),
            }))
            .RequireAuthorization(Permissions.ActAsEnterprise)
            .WithSummary("本企业可填写的问卷（open）和已填写的问卷（answered）");

        api.MapGet("/mine/{batchId:guid}", async (Guid batchId, HttpContext http, AnswerHandler h, TimeProvider clock) =>
                await h.FindForMeAsync(http.User, batchId) is { } f
                    ? Results.Ok(new
                    {
                        Batch = BatchView(f.Batch, clock, f.Questionnaire.Title), Questionnaire = QuestionnaireView(f.Questionnaire, true),
                        Response = f.Response is { } r ? new { r.Id, r.SubmittedAt, r.UpdatedAt, Answers = AnswersView(r) } : null,
                    })
                    : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ActAsEnterprise)
            .WithSummary("问卷与本企业的答卷（不在范围内的批次为404）");

        api.MapPut("/mine/{batchId:guid}/response", async (Guid batchId, ResponseInput input, HttpContext http, AnswerHandler h) =>
            {
                var result = await h.SubmitAsync(http.User, batchId, input);
                if (result is null) return ProblemResults.NotFound(http);
                if (result.Errors.Count > 0) return ProblemResults.Validation(http, result.Errors);
                var r = result.Response!;
                var body = new { r.Id, r.BatchId, r.SubmittedAt, r.UpdatedAt, Answers = AnswersView(r) };
                return result.Created ? Results.Created($"/api/v1/surveys/mine/{batchId}", body) : Results.Ok(body);
            })
            .Validated<ResponseInput>()
            .RequireAuthorization(Permissions.ActAsEnterprise)
            .WithSummary("提交或修改本企业的答卷（每个批次一份，截止前可改；answers 以题目 key 为键：choices、other、text、number、rows）");
        return app;
    }

    public static object QuestionnaireView(Questionnaire q, bool frozen) => new
    {
        q.Id, q.Title, q.Description, q.RegionCode, RegionName = RegionCodes.NameOf(q.RegionCode), q.CopiedFromId, q.UpdatedAt, Frozen = frozen,
        q.Definition().Sections,
    };

    public static object BatchView(SurveyBatch b, TimeProvider clock, string? questionnaireTitle = null, int? responses = null)
    {
        var status = b.EffectiveStatus(clock.GetUtcNow().UtcDateTime);
        return new
        {
            b.Id, b.Title, b.QuestionnaireId, QuestionnaireTitle = questionnaireTitle, b.RegionCode, RegionName = RegionCodes.NameOf(b.RegionCode),
            Status = status.ToString(), StatusLabel = SurveyLabels.Label(status), b.OpensAt, b.ClosesAt,
            Audience = new { b.Regions, b.Industries, Sizes = b.Sizes.Select(s => s.ToString()), Text = BatchHandler.AudienceText(b) },
            Responses = responses,
        };
    }

    private static object MineView(MyBatch m, TimeProvider clock) => new
    {
        Batch = BatchView(m.Batch, clock, m.QuestionnaireTitle), Answered = m.Response is not null, m.Response?.SubmittedAt, m.Response?.UpdatedAt,
    };

    private static object AnswersView(SurveyResponse r) =>
        r.Answers.GroupBy(a => a.QuestionKey).ToDictionary(g => g.Key, g => new
        {
            Choices = g.Where(a => a.OptionKey != null && a.RowKey == null).Select(a => a.OptionKey),
            Other = g.FirstOrDefault(a => a.OptionKey == SurveyDefinition.OtherKey)?.Text,
            Text = g.FirstOrDefault(a => a.OptionKey == null && a.Text != null)?.Text,
            Number = g.FirstOrDefault(a => a.Number != null)?.Number,
            Rows = g.Where(a => a.RowKey != null).ToDictionary(a => a.RowKey!, a => a.OptionKey),
        });

    private static object ResultsView(BatchResults r, TimeProvider clock) => new
    {
        Batch = BatchView(r.Batch, clock, r.Questionnaire.Title), r.Responses, LimitedToRegion = r.LimitedTo,
        Filter = new { r.Filter.Industry, Size = r.Filter.Size?.ToString(), r.Filter.Region },
        Questions = r.Questions.Select(q => new
        {
            q.Number, q.Question.Key, Type = q.Question.Type.ToString(), q.Question.Title, q.Answered,
            Options = q.Options.Select(o => new { o.Key, o.Label, o.Count }),
            Matrix = q.Matrix.Select(m => new { m.Key, m.Label, Columns = m.Columns.Select(c => new { c.Key, c.Label, c.Count }) }),
            q.Numbers, q.TextCount, q.SampleTexts,
        }),
        Regions = r.Regions.Select(x => new { x.RegionCode, x.Name, x.Responses, x.Audience }),
        ByIndustry = r.ByIndustry, BySize = r.BySize,
    };
}
