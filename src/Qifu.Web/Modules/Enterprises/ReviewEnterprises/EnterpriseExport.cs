using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Enterprises.ReviewEnterprises;

public sealed class EnterpriseExportRow
{
    [ExcelColumnName("企业名称")] public string Name { get; init; } = "";
    [ExcelColumnName("统一社会信用代码")] public string CreditCode { get; init; } = "";
    [ExcelColumnName("经营所在区县")] public string Region { get; init; } = "";
    [ExcelColumnName("所属行业")] public string Industry { get; init; } = "";
    [ExcelColumnName("企业规模")] public string SizeClass { get; init; } = "";
    [ExcelColumnName("联系人")] public string ContactName { get; init; } = "";
    [ExcelColumnName("联系电话")] public string ContactPhone { get; init; } = "";
    [ExcelColumnName("状态")] public string Status { get; init; } = "";
    [ExcelColumnName("注册时间")] public string CreatedAt { get; init; } = "";
}

/// <summary>
/// 导出: the current filters and data scope, personal fields masked, formula-like text defused, and audited. Streamed
/// (decision 0019): rows go from the database reader through MiniExcel's writer into the response body one at a time, so
/// 100,000 enterprises never sit in memory together. The audit entry (with the row count) is saved before the first byte.
/// </summary>
public sealed class EnterpriseExport(EnterpriseQueries queries, AuditTrail audit, AppDbContext db, TimeProvider clock)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>One worksheet holds 1,048,576 rows, the header included.</summary>
    public const int MaxRows = 1_048_575;

    /// <summary>Writes the workbook to the response (page handler and API alike).</summary>
    public async Task WriteAsync(HttpContext http, EnterpriseFilter filter)
    {
        var user = http.User;
        var query = queries.Scoped(user, filter).OrderByDescending(e => e.CreatedAt).Take(MaxRows);
        var count = await query.CountAsync(http.RequestAborted);
        var scope = DataScope.Of(user);
        audit.Record("导出", "企业", null, scope.RegionCode, comment:
            $"导出企业 {count} 条；筛选：状态={filter.Status?.ToString() ?? "全部"}，区县={filter.Region ?? "全部"}，关键词={filter.Q ?? "无"}");
        await db.SaveChangesAsync(http.RequestAborted);

        var name = $"企业名录-{clock.GetUtcNow().AddHours(8):yyyyMMddHHmm}.xlsx";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(name);
        http.Response.ContentType = ContentType;
        http.Response.Headers.ContentDisposition = disposition.ToString();
        // MiniExcel finishes the zip (central directory) with synchronous writes; allowed for this response only.
        if (http.Features.Get<IHttpBodyControlFeature>() is { } body) body.AllowSynchronousIO = true;
        // Inside the execution strategy, so the query is not buffered whole for a possible retry (PostgreSQL's strategy
        // retries, and buffers every result set it might re-read); once bytes have gone out, a retry is refused instead.
        var started = false;
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            if (started) throw new InvalidOperationException("导出中断：数据库连接失败，请重新导出");
            started = true;
            await http.Response.Body.SaveAsAsync(Rows(query), cancellationToken: http.RequestAborted);
        });
    }

    /// <summary>The query read row by row (no tracking), each enterprise turned into its export row and then dropped.</summary>
    private static IEnumerable<EnterpriseExportRow> Rows(IQueryable<Enterprise> query)
    {
        foreach (var e in query.AsNoTracking().AsEnumerable())
        {
            var r = EnterpriseQueries.Row(e);
            yield return new EnterpriseExportRow
            {
                Name = Defuse(r.Name), CreditCode = r.CreditCode, Region = r.RegionName, Industry = r.Industry, SizeClass = r.SizeClass,
                ContactName = Defuse(r.ContactName), ContactPhone = r.ContactPhone, Status = r.StatusLabel,
                CreatedAt = r.CreatedAt.AddHours(8).ToString("yyyy-MM-dd HH:mm"),
            };
        }
    }

    /// <summary>Cells that a spreadsheet would run as a formula get a leading apostrophe (SECURITY.md EN-05).</summary>
    public static string Defuse(string value) =>
        value.Length > 0 && "=+-@\t\r".Contains(value[0]) ? "'" + value : value;
}
