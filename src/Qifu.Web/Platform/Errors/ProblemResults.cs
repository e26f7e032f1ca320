using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Qifu.Web.Platform.Errors;

/// <summary>Builds the one error shape (SECURITY.md D7): problem+json with a stable code, zh-CN text, field errors and a trace id.</summary>
public static class ProblemResults
{
    public static ProblemDetails Create(HttpContext http, int status, string code, string title, string? detail = null,
        IDictionary<string, string[]>? errors = null)
    {
        var problem = errors is null ? new ProblemDetails() : new ValidationProblemDetails(errors);
        problem.Status = status;
        problem.Title = title;
        problem.Detail = detail;
        problem.Extensions["code"] = code;
        problem.Extensions["traceId"] = Activity.Current?.Id ?? http.TraceIdentifier;
        return problem;
    }

    public static IResult Validation(HttpContext http, IDictionary<string, string[]> errors) =>
        Results.Json(Create(http, 400, "VALIDATION_FAILED", "提交的信息有误，请按提示修改", null, errors),
            statusCode: 400, contentType: "application/problem+json; charset=utf-8");

    public static IResult NotFound(HttpContext http) =>
        Results.Json(Create(http, 404, "NOT_FOUND", "未找到该记录"), statusCode: 404,
            contentType: "application/problem+json; charset=utf-8");

    public static IResult Rule(HttpContext http, RuleViolationException ex)
    {
        var errors = ex.Field is null ? null : new Dictionary<string, string[]> { [ex.Field] = [ex.Message] };
        return Results.Json(Create(http, ex.Status, ex.Code, ex.Message, null, errors), statusCode: ex.Status,
            contentType: "application/problem+json; charset=utf-8");
    }
}
