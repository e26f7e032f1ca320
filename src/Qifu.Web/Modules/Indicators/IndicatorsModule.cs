using System.Security.Claims;
using MiniExcelLibs;
using Qifu.Web.Modules.Indicators.Figures;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Indicators;

/// <summary>运营指标: the six headline figures and the MIIT indicators for any region and period, county scorecards, drill-down to the
/// records, .xlsx exports, the public data wall and the API (decision 0016).</summary>
public static class IndicatorsModule
{
    public const string AuditEntityType = "运营指标";

    public static IServiceCollection AddIndicators(this IServiceCollection services)
    {
        services.AddScoped<IndicatorFactsReader>();
        services.AddSingleton<IndicatorFactsCache>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, IndicatorChangeInterceptor>();
        services.AddScoped<IndicatorFigures>();
        services.AddScoped<IndicatorRecords>();
        services.AddScoped<IndicatorExports>();
        services.AddScoped<OwnFigures>();
        services.AddHostedService<IndicatorWarmUp>();
        services.AddOptions<Microsoft.AspNetCore.OutputCaching.OutputCacheOptions>().Configure<Microsoft.Extensions.Configuration.IConfiguration>((o, config) =>
            o.AddPolicy(Platform.Web.PublicPages.WithFigures, new Platform.Web.PublicPages(config, async (http, ct) =>
                (await http.RequestServices.GetRequiredService<IndicatorFactsCache>().GetAsync(ct)).Generation.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        return services;
    }

    /// <summary>The region a caller asks for, within their data scope: empty = their own (the city for a city operator); a code that
    /// does not exist is a 400; a region outside the scope is null (the caller answers 404, as for any record out of scope).</summary>
    public static string? RegionFor(ClaimsPrincipal user, string? requested)
    {
        var scope = DataScope.Of(user);
        var code = string.IsNullOrWhiteSpace(requested) ? scope.All ? RegionCodes.City : scope.RegionCode! : requested.Trim();
        if (!RegionCodes.Exists(code)) throw new RuleViolationException("REGION_INVALID", $"地区代码“{code}”不存在", "region", 400);
        return scope.Covers(code) ? code : null;
    }

    public static Period PeriodFor(string? period, string? from, string? to, DateOnly today) =>
        string.IsNullOrWhiteSpace(from) && string.IsNullOrWhiteSpace(to) ? Period.Parse(period, today) : Period.ParseRange(from, to, today);

    public static IEndpointRouteBuilder MapIndicators(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/indicators").WithTags("运营指标").RequireAuthorization(Permissions.ReadIndicators);

        api.MapGet("/", async (string? region, string? period, string? from, string? to, HttpContext http, IndicatorFigures figures, TimeProvider clock) =>
        {
            if (RegionFor(http.User, region) is not { } code) return ProblemResults.NotFound(http);
            var report = await figures.ReportAsync(code, PeriodFor(period, from, to, Period.ChinaToday(clock)), http.RequestAborted);
            // A county operator sees its own scorecard (with its rank), not the other counties' figures.
            var counties = DataScope.Of(http.User).All ? report.Counties : report.Counties.Where(c => c.Code == code).ToList();
            return Results.Ok(report with { Counties = counties });
        });

        api.MapGet("/records", async (string? figure, string? region, string? period, string? from, string? to, int? page, HttpContext http,
            IndicatorRecords records, TimeProvider clock) =>
        {
            var key = IndicatorRecords.Require(figure);
            if (RegionFor(http.User, region) is not { } code) return ProblemResults.NotFound(http);
            return Results.Ok(await records.ListAsync(key, code, PeriodFor(period, from, to, Period.ChinaToday(clock)), Math.Max(1, page ?? 1), http.RequestAborted));
        });

        api.MapGet("/records.xlsx", async (string? figure, string? region, string? period, string? from, string? to, HttpContext http, IndicatorExports exports, TimeProvider clock) =>
        {
            var key = IndicatorRecords.Require(figure);
            if (RegionFor(http.User, region) is not { } code) return ProblemResults.NotFound(http);
            var (bytes, name) = await exports.RecordsAsync(key, code, PeriodFor(period, from, to, Period.ChinaToday(clock)), http.RequestAborted);
            return Results.File(bytes, IndicatorExports.Xlsx, name);
        });

        api.MapGet("/annual.xlsx", async (int? year, string? region, HttpContext http, IndicatorExports exports, TimeProvider clock) =>
        {
            if (RegionFor(http.User, region) is not { } code) return ProblemResults.NotFound(http);
            var y = year ?? Period.ChinaToday(clock).Year;
            if (y is < 2000 or > 2100) throw new RuleViolationException("YEAR_INVALID", "统计年度应为 2000 至 2100 之间的年份", "year", 400);
            var (bytes, name) = await exports.AnnualAsync(code, y, http.RequestAborted);
            return Results.File(bytes, IndicatorExports.Xlsx, name);
        });
        return app;
    }
}

/// <summary>.xlsx exports of the dashboard, audited: the evidence lists behind a figure and the annual service statistics table.</summary>
public sealed class IndicatorExports(IndicatorRecords records, IndicatorFigures figures, AuditTrail audit, AppDbContext db)
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task<(byte[] Bytes, string FileName)> RecordsAsync(string figure, string region, Period period, CancellationToken ct)
    {
        var list = await records.ListAsync(figure, region, period, 0, ct);
        var rows = list.Rows.Select(r => list.Columns.Select((c, i) => (c, (object)Enterprises.ReviewEnterprises.EnterpriseExport.Defuse(r[i]))).ToDictionary(x => x.c, x => x.Item2)).ToList();
        var bytes = await Save(rows, list.Columns, ct);
        audit.Record("导出", IndicatorsModule.AuditEntityType, figure, region == RegionCodes.City ? null : region,
            comment: $"导出{list.Title} {list.Total} 条；地区：{RegionCodes.NameOf(region)}；期间：{period.Label}");
        await db.SaveChangesAsync(ct);
        return (bytes, $"{list.Title}-{RegionCodes.NameOf(region)}-{period.Key.Replace('~', '_')}.xlsx");
    }

    /// <summary>年度服务统计表: one row per county site (and 市本级, 全市合计) for a city operator, the own county for a county operator.</summary>
    public async Task<(byte[] Bytes, string FileName)> AnnualAsync(string region, int year, CancellationToken ct)
    {
        var period = Period.Year(year);
        var codes = region == RegionCodes.City
            ? RegionCodes.Hengyang.Where(r => r.Code != RegionCodes.City).Select(r => r.Code).Append(RegionCodes.City).ToList()
            : [region];
        var columns = new List<string> { "地区" };
        var rows = new List<Dictionary<string, object>>();
        foreach (var code in codes)
        {
            var (headline, indicators) = await figures.FiguresAsync(code, period, ct);
            var row = new Dictionary<string, object> { ["地区"] = code == RegionCodes.City ? "全市合计" : RegionCodes.NameOf(code) };
            foreach (var h in headline) row[$"{h.Label}（{h.Unit}）"] = h.Value;
            foreach (var i in indicators) row[$"{i.Label}（{i.Unit}）"] = i.Value is { } v ? v : "";
            rows.Add(row);
        }
        columns.AddRange(rows[0].Keys.Skip(1));
        var bytes = await Save(rows, [.. columns], ct);
        audit.Record("导出", IndicatorsModule.AuditEntityType, $"annual-{year}", region == RegionCodes.City ? null : region,
            comment: $"导出{year}年度服务统计表；地区：{RegionCodes.NameOf(region)}");
        await db.SaveChangesAsync(ct);
        return (bytes, $"年度服务统计表-{RegionCodes.NameOf(region)}-{year}.xlsx");
    }

    private static async Task<byte[]> Save(List<Dictionary<string, object>> rows, string[] columns, CancellationToken ct)
    {
        using var stream = new MemoryStream();
        if (rows.Count == 0) rows.Add(columns.ToDictionary(c => c, _ => (object)""));
        await stream.SaveAsAsync(rows, cancellationToken: ct);
        return stream.ToArray();
    }
}

/// <summary>Reads the indicator facts once after start-up, so the first visitor of the home page does not wait for them.</summary>
public sealed class IndicatorWarmUp(IndicatorFactsCache cache, Microsoft.Extensions.Configuration.IConfiguration config, ILogger<IndicatorWarmUp> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (config.GetValue("Qifu:Indicators:MaxAgeSeconds", 30) <= 0) return;
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            await cache.GetAsync(stoppingToken);
        }
        catch (OperationCanceledException) { }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Indicator warm-up failed; the first request reads the facts instead");
        }
    }
}
