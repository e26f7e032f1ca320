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
            var (detail, field) = BadRequestText.Explain(bad.Message);
            var problem = ProblemResults.Create(http, bad.StatusCode, "BAD_REQUEST", "请求格式不正确", detail,
                field is null ? null : new Dictionary<string, string[]> { [field] = [detail] });
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

/// <summary>
/// The framework's English message for a request it could not bind, in zh-CN and naming the parameter as the API documents it
/// (camelCase): <c>Failed to bind parameter "int? Page" from "abc".</c> becomes 参数 page 的值“abc”无效，应为整数.
/// </summary>
internal static partial class BadRequestText
{
    [System.Text.RegularExpressions.GeneratedRegex("^Failed to bind parameter \"(?<type>[^\" ]+) (?<name>[^\"]+)\" from \"(?<value>.*)\"\\.?$")]
    private static partial System.Text.RegularExpressions.Regex BindFailed();

    [System.Text.RegularExpressions.GeneratedRegex("^Required parameter \"(?<type>[^\" ]+) (?<name>[^\"]+)\" was not provided")]
    private static partial System.Text.RegularExpressions.Regex Missing();

    public static (string Detail, string? Field) Explain(string message)
    {
        if (BindFailed().Match(message) is { Success: true } f)
        {
            var name = CamelCase(f.Groups["name"].Value);
            var value = f.Groups["value"].Value;
            return ($"参数 {name} 的值“{(value.Length > 40 ? value[..40] + "…" : value)}”无效，应为{Expected(f.Groups["type"].Value)}", name);
        }
        if (Missing().Match(message) is { Success: true } m)
        {
            var name = CamelCase(m.Groups["name"].Value);
            return ($"缺少参数 {name}（{Expected(m.Groups["type"].Value)}）", name);
        }
        if (message.Contains("JSON", StringComparison.Ordinal)) return ("请求内容不是有效的 JSON，或含有该接口不接受的字段", null);
        return (message, null);
    }

    private static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>What to write, by the type the message names (as <c>int?</c>, <c>Nullable&lt;Int32&gt;</c> or <c>System.Int32</c>).</summary>
    private static string Expected(string type) =>
        type.Replace("System.", "").Replace("Nullable<", "").TrimEnd('?', '>').ToLowerInvariant() switch
        {
            "int" or "long" or "short" or "int32" or "int64" or "int16" => "整数",
            "decimal" or "double" or "float" or "single" => "数字",
            "bool" or "boolean" => "true 或 false",
            "dateonly" or "datetime" or "datetimeoffset" => "日期（如 2026-03-18）",
            "guid" => "编号（GUID）",
            _ => "该参数允许的取值",
        };
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
