using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Needs.FromSurveys;

/// <summary>/manage/surveys/responses/{id}/need: 转为需求 — the draft prefilled from the answers, editable, then created.</summary>
[Authorize(Policy = Permissions.ManageNeeds)]
public sealed class FromResponseModel(SurveyNeeds surveyNeeds) : PageModel
{
    public SurveyNeedDraft Draft { get; private set; } = null!;
    [BindProperty] public SurveyNeedInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await surveyNeeds.DraftAsync(User, id) is not { } draft) return NotFound();
        Draft = draft;
        Input = draft.Input;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await surveyNeeds.DraftAsync(User, id) is not { } draft) return NotFound();
        Draft = draft;
        if (!ModelState.IsValid) return Page();
        var need = await surveyNeeds.CreateAsync(User, id, Input);
        if (need is null) return NotFound();
        TempData["Flash"] = "已转为企业需求，审核通过后向服务机构征集方案";
        return Redirect($"/manage/needs/{need.Id}");
    }
}
