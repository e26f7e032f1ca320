using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Surveys.Batches;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Surveys.Build;

/// <summary>/manage/surveys: the operator's questionnaires (new one from a title) and batches, within their scope.</summary>
[Authorize(Policy = Permissions.ManageSurveys)]
public sealed class ManageModel(QuestionnaireHandler questionnaires, BatchHandler batches, TimeProvider clock) : PageModel
{
    [BindProperty] public QuestionnaireInput Input { get; set; } = new();
    public List<QuestionnaireRow> Questionnaires { get; private set; } = [];
    public List<BatchRow> Batches { get; private set; } = [];
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            Response.StatusCode = 422;
            return Page();
        }
        var q = await questionnaires.CreateAsync(User, Input with { Sections = null });
        TempData["Flash"] = "问卷已创建，请添加题目";
        return Redirect($"/manage/surveys/questionnaires/{q.Id}");
    }

    private async Task LoadAsync()
    {
        Questionnaires = await questionnaires.ListAsync(User);
        Batches = await batches.ListAsync(User);
    }
}
