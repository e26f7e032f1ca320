using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Surveys.Data;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Surveys.ReadResults;

/// <summary>/manage/surveys/responses/{id}: one response as readable lines, and the per-response actions area.</summary>
[Authorize(Policy = Permissions.ManageSurveys)]
public sealed class ResponseModel(SurveyResults results) : PageModel
{
    public SurveyResponse? Item { get; private set; }
    public SurveyBatch? Batch { get; private set; }
    public SurveyDefinition Definition { get; private set; } = new();

    public ResponseRow Row => new(Item!.Id, Item.EnterpriseName, Item.RegionCode, Item.IndustrySection, Item.SizeClass, Item.SubmittedAt, Item.UpdatedAt);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await results.ResponseAsync(User, id) is not { } found) return NotFound();
        (Item, Batch, var questionnaire) = found;
        Definition = questionnaire.Definition();
        return Page();
    }
}
