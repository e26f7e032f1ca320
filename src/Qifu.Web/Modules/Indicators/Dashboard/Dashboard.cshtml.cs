using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Indicators.Figures;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Indicators.Dashboard;

/// <summary>/dashboard: 运营指标 for a region and period in the operator's scope — the six headline figures, the MIIT indicators
/// with target lines, trend, category mix and county scorecards (charts with the same numbers in tables), drill-down and exports.</summary>
[Authorize(Policy = Permissions.ReadIndicators)]
public sealed class DashboardModel(IndicatorFigures figures, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    [BindProperty(SupportsGet = true)] public bool Print { get; set; }

    public IndicatorReport Report { get; private set; } = null!;
    public IReadOnlyList<Indicators.Period> Choices { get; private set; } = [];
    public IReadOnlyList<Region> Regions { get; private set; } = [];
    public bool CityWide { get; private set; }
    public string? Error { get; private set; }
    /// <summary>How many county sites are ranked (a county operator sees its own rank out of all of them).</summary>
    public int RankedCount { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var today = Indicators.Period.ChinaToday(clock);
        var scope = DataScope.Of(User);
        CityWide = scope.All;
        Regions = scope.All ? RegionCodes.Hengyang : RegionCodes.Hengyang.Where(r => r.Code == scope.RegionCode).ToList();
        Choices = Indicators.Period.Choices(today);
        string? code;
        Indicators.Period period;
        try
        {
            code = IndicatorsModule.RegionFor(User, Region);
            period = Indicators.Period.Parse(Period, today);
        }
        catch (RuleViolationException ex)
        {
            Error = ex.Message;
            Response.StatusCode = ex.Status;
            (code, period) = (IndicatorsModule.RegionFor(User, null), Indicators.Period.ToDate(today));
        }
        if (code is null) return NotFound();
        Report = await figures.ReportAsync(code, period, HttpContext.RequestAborted);
        RankedCount = Report.Counties.Count(c => c.Rank is not null);
        if (!scope.All) Report = Report with { Counties = Report.Counties.Where(c => c.Code == code).ToList() };
        return Page();
    }

    /// <summary>
    /// What the rendered body depends on, for the page's render cache: region, period and its dates, the viewer's scope (a county
    /// operator sees one scorecard), the day (the period choices), the copy of the facts and the target thresholds.
    /// </summary>
    public string RenderKey => string.Join('|', Report.RegionCode, Report.Period.Key, Report.Period.From.DayNumber, Report.Period.To.DayNumber,
        CityWide, Print, RankedCount, Choices.Count > 0 ? Choices[0].Key : "", Report.FactsGeneration,
        string.Join(',', Report.Indicators.Select(i => i.Target?.Threshold)));

    /// <summary>The address of the records behind a figure, for the same region and period.</summary>
    public string RecordsLink(string figure) =>
        $"/dashboard/records?figure={figure}&region={Report.RegionCode}&period={Uri.EscapeDataString(Report.Period.Key)}";

    public static string Change(long now, long before)
    {
        var d = now - before;
        return d == 0 ? "持平" : d > 0 ? $"增加 {d:N0}" : $"减少 {-d:N0}";
    }

    /// <summary>The chart data for charts.js (the same numbers as the table under each chart).</summary>
    public string ChartJson(object chart) => System.Text.Json.JsonSerializer.Serialize(chart, Json);

    private static readonly System.Text.Json.JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default,
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase,
    };
}
