using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
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

/// <summary>导出: the current filters and data scope, personal fields masked, formula-like text defused, and audited.</summary>
public sealed class EnterpriseExport(EnterpriseQueries queries, AuditTrail audit, AppDbContext db, TimeProvider clock)
{
    public async Task<(byte[] Bytes, string FileName)> ExportAsync(ClaimsPrincipal user, EnterpriseFilter filter)
    {
        var list = await queries.Scoped(user, filter).OrderByDescending(e => e.CreatedAt).Take(50_000).ToListAsync();
        var rows = list.Select(EnterpriseQueries.Row).Select(r => new EnterpriseExportRow
        {
            Name = Defuse(r.Name), CreditCode = r.CreditCode, Region = r.RegionName, Industry = r.Industry, SizeClass = r.SizeClass,
            ContactName = Defuse(r.ContactName), ContactPhone = r.ContactPhone, Status = r.StatusLabel,
            CreatedAt = r.CreatedAt.AddHours(8).ToString("yyyy-MM-dd HH:mm"),
        }).ToList();
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows);
        var scope = DataScope.Of(user);
        audit.Record("导出", "企业", null, scope.RegionCode, comment:
            $"导出企业 {rows.Count} 条；筛选：状态={filter.Status?.ToString() ?? "全部"}，区县={filter.Region ?? "全部"}，关键词={filter.Q ?? "无"}");
        await db.SaveChangesAsync();
        return (stream.ToArray(), $"企业名录-{clock.GetUtcNow().AddHours(8):yyyyMMddHHmm}.xlsx");
    }

    /// <summary>Cells that a spreadsheet would run as a formula get a leading apostrophe (SECURITY.md EN-05).</summary>
    public static string Defuse(string value) =>
        value.Length > 0 && "=+-@\t\r".Contains(value[0]) ? "'" + value : value;
}
