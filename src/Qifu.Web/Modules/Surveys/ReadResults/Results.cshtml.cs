using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Surveys.ReadResults;

/// <summary>/manage/surveys/batches/{id}/results: live counts as a chart and a table with the same numbers, response rate per region, breakdowns.</summary>
[Authorize(Policy = Permissions.ManageSurveys)]
public sealed class ResultsModel(SurveyResults results, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Industry { get; set; }
    [BindProperty(SupportsGet = true)] public SizeClass? Size { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    public BatchResults? Result { get; private set; }
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Result = await results.ForAsync(User, id, new ResultFilter { Industry = Industry, Size = Size, Region = Region });
        return Result is null ? NotFound() : Page();
    }
}
