using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Modules.Surveys.Batches;
using Qifu.Web.Modules.Surveys.Data;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Surveys.ReadResults;

/// <summary>/manage/surveys/batches/{id}/responses: the responses in the reader's scope, newest first, paged.</summary>
[Authorize(Policy = Permissions.ManageSurveys)]
public sealed class ResponsesModel(SurveyResults results, BatchHandler batches) : PageModel
{
    [PageNumber] public int PageNumber { get; set; } = 1;
    public SurveyBatch? Batch { get; private set; }
    public Paged<ResponseRow> Result { get; private set; } = new([], 0, 1, 20);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Batch = await batches.FindVisibleAsync(User, id);
        if (Batch is null || await results.ResponsesAsync(User, id, PageNumber) is not { } page) return NotFound();
        Result = page;
        return Page();
    }
}
