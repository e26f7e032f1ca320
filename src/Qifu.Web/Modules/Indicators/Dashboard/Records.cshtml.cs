using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Indicators.Figures;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Regions;

using Qifu.Web.Modules.Shared;

namespace Qifu.Web.Modules.Indicators.Dashboard;

/// <summary>/dashboard/records: the records behind one figure (下钻), paged, with an .xlsx export of all of them.</summary>
[Authorize(Policy = Permissions.ReadIndicators)]
public sealed class RecordsModel(IndicatorRecords records, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Figure { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    [PageNumber] public int PageNumber { get; set; } = 1;

    public RecordList? List { get; private set; }
    public string RegionCode { get; private set; } = RegionCodes.City;
    public Indicators.Period Shown { get; private set; } = null!;
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        try
        {
            var figure = IndicatorRecords.Require(Figure);
            if (IndicatorsModule.RegionFor(User, Region) is not { } code) return NotFound();
            RegionCode = code;
            Shown = Indicators.Period.Parse(Period, Indicators.Period.ChinaToday(clock));
            List = await records.ListAsync(figure, code, Shown, Math.Max(1, PageNumber), HttpContext.RequestAborted);
        }
        catch (RuleViolationException ex)
        {
            Error = ex.Message;
            Response.StatusCode = ex.Status;
        }
        return Page();
    }

    public string Query => $"figure={List!.Figure}&region={RegionCode}&period={Uri.EscapeDataString(Shown.Key)}";
}
