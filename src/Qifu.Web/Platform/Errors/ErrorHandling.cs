using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Qifu.Web.Platform.Errors;

/// <summary>API edge: rule violations become problem+json; anything else a generic zh-CN 500 without internals.</summary>
internal sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is RuleViolationException rule)
        {
            await ProblemResults.Rule(http, rule).ExecuteAsync(http);
            return true;
        }
        if (exception is BadHttpRequestException bad)
        {
            var problem = ProblemResults.Create(http, bad.StatusCode, "BAD_REQUEST", "请求格式不正确", bad.Message);
            await Results.Json(problem, statusCode: bad.StatusCode, contentType: "application/problem+json; charset=utf-8").ExecuteAsync(http);
            return true;
        }
        logger.LogError(exception, "Unhandled error on {Path}", http.Request.Path);
        if (!http.Request.Path.StartsWithSegments("/api"))
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
