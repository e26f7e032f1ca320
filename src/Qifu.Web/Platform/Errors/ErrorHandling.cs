using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Qifu.Web.Platform.Errors;

/// <summary>API edge: rule violations become problem+json; anything else a generic zh-CN 500 without internals.</summary>
internal sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>The exception middleware has already switched the path to /error; the feature keeps the original.</summary>
    private static bool IsApi(HttpContext http) =>
        (http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path.Value ?? "").StartsWith("/api/", StringComparison.OrdinalIgnoreCase);

    private static bool IsTooLarge(Exception e) =>
        e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
        || (e is InvalidDataException && e.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase))
        || (e.InnerException is { } inner && IsTooLarge(inner));

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
            exception = RuleViolationException.Conflict();
        if (exception is RuleViolationException rule)
        {
            await ProblemResults.Rule(http, rule).ExecuteAsync(http);
            return true;
        }
        if (IsTooLarge(exception))
        {
            // The body was refused before any page code ran (FI-01/IN-04): say so plainly, nothing was stored.
            const string message = "上传的内容过大：营业执照、资质证明等单个文件不能超过10MB，请压缩后重新上传";
            if (IsApi(http))
                await Results.Json(ProblemResults.Create(http, 413, "FILE_TOO_LARGE", message), statusCode: 413,
                    contentType: "application/problem+json; charset=utf-8").ExecuteAsync(http);
            else
                await Results.Content($"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>上传内容过大 - 衡阳市中小企业公共服务平台</title>" +
                    $"<link rel=\"stylesheet\" href=\"/css/site.css\"></head><body><main class=\"container\"><h1>上传内容过大</h1><p>{message}</p>" +
                    "<p><a href=\"/\">返回首页</a></p></main></body></html>", "text/html; charset=utf-8", null, 413).ExecuteAsync(http);
            return true;
        }
        if (exception is BadHttpRequestException bad)
        {
            var problem = ProblemResults.Create(http, bad.StatusCode, "BAD_REQUEST", "请求格式不正确",
                bad.Message.Contains("JSON", StringComparison.Ordinal) ? "请求内容不是有效的 JSON，或含有该接口不接受的字段" : bad.Message);
            await Results.Json(problem, statusCode: bad.StatusCode, contentType: "application/problem+json; charset=utf-8").ExecuteAsync(http);
            return true;
        }
        logger.LogError(exception, "Unhandled error on {Path}", http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path);
        if (!IsApi(http))
            return false; // pages fall through to the /error page
        var body = ProblemResults.Create(http, 500, "SERVER_ERROR", "系统繁忙，请稍后再试");
        await Results.Json(body, statusCode: 500, contentType: "application/problem+json; charset=utf-8").ExecuteAsync(http);
        return true;
    }
}

/// <summary>Page edge: a rule violation on a form post becomes a ModelState error and the form is shown again.</summary>
internal sealed class RuleViolationPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException && !executed.ExceptionHandled)
            executed.Exception = RuleViolationException.Conflict();
        if (executed.Exception is RuleViolationException rule && !executed.ExceptionHandled)
        {
            executed.ModelState.AddModelError(KeyFor(context.HandlerInstance, rule.Field), rule.Message);
            executed.HttpContext.Response.StatusCode = rule.Status == 404 ? 404 : 422;
            executed.Result = new Microsoft.AspNetCore.Mvc.RazorPages.PageResult();
            executed.ExceptionHandled = true;
        }
    }

    /// <summary>Maps an API field name ("creditCode") to the form key of the bound input ("Input.CreditCode").</summary>
    private static string KeyFor(object page, string? field)
    {
        if (string.IsNullOrEmpty(field)) return string.Empty;
        var flags = System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase;
        var bound = page.GetType().GetProperties()
            .Where(p => p.IsDefined(typeof(Microsoft.AspNetCore.Mvc.BindPropertyAttribute), true));
        foreach (var p in bound)
        {
            if (string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase)) return p.Name;
            if (p.PropertyType.GetProperty(field, flags) is { } inner) return p.Name + "." + inner.Name;
        }
        return string.Empty;
    }
}
