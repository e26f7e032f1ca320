using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Modules.Surveys.Build;
using Qifu.Web.Modules.Surveys.Data;
using Qifu.Web.Modules.Surveys.Batches;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Surveys.ReadResults;

/// <summary>/manage/surveys/batches/{id}/texts/{key}: every answer to one text question, newest first, paged.</summary>
[Authorize(Policy = Permissions.ManageSurveys)]
public sealed class TextsModel(SurveyResults results, BatchHandler batches, QuestionnaireHandler questionnaires) : PageModel
{
    [PageNumber] public int PageNumber { get; set; } = 1;
    public SurveyBatch? Batch { get; private set; }
    public SurveyQuestion? Question { get; private set; }
    public int Number { get; private set; }
    public Paged<TextAnswer> Result { get; private set; } = new([], 0, 1, 20);

    public async Task<IActionResult> OnGetAsync(Guid id, string key)
    {
        Batch = await batches.FindVisibleAsync(User, id);
        if (Batch is null) return NotFound();
        var definition = (await questionnaires.FindAsync(User, Batch.QuestionnaireId))?.Definition() ?? new SurveyDefinition();
        Question = definition.Find(key);
        if (Question is null || await results.TextsAsync(User, id, key, PageNumber) is not { } page) return NotFound();
        Number = definition.NumberOf(Question);
        Result = page;
        return Page();
    }
}
