using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Surveys.Build;
using Qifu.Web.Modules.Surveys.Data;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Surveys.Batches;

/// <summary>
/// /manage/surveys/batches/new and /manage/surveys/batches/{id}: the batch form (questionnaire, name, closing time,
/// audience) while a draft, then open, close, and the links to results and export.
/// </summary>
[Authorize(Policy = Permissions.ManageSurveys)]
public sealed class BatchModel(BatchHandler batches, QuestionnaireHandler questionnaires, TimeProvider clock) : PageModel
{
    [BindProperty] public BatchInput Input { get; set; } = new();
    public SurveyBatch? Batch { get; private set; }
    public bool CanManage { get; private set; }
    public int Audience { get; private set; }
    public List<QuestionnaireRow> Questionnaires { get; private set; } = [];
    public string QuestionnaireTitle { get; private set; } = "";
    public DataScope Scope => DataScope.Of(User);
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IActionResult> OnGetAsync(Guid? id, Guid? questionnaireId)
    {
        if (id is { } existing)
        {
            if (!await LoadAsync(existing)) return NotFound();
            Input = new BatchInput
            {
                QuestionnaireId = Batch!.QuestionnaireId, Title = Batch.Title, ClosesAt = Batch.ClosesAt.AddHours(8), Regions = [.. Batch.Regions],
                Industries = [.. Batch.Industries], Sizes = [.. Batch.Sizes.Select(x => x.ToString())],
            };
        }
        else
        {
            await LoadAsync(null);
            var today = Now.AddHours(8).Date;
            Input = new BatchInput { QuestionnaireId = questionnaireId, ClosesAt = today.AddDays(15).AddHours(18), Title = "" };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id)
    {
        if (id is { } existing && !await LoadAsync(existing)) return NotFound();
        if (id is null) await LoadAsync(null);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = 422;
            return Page();
        }
        if (id is { } batchId)
        {
            if (await batches.UpdateAsync(User, batchId, Input) is null) return NotFound();
            TempData["Flash"] = "批次已保存";
            return Redirect($"/manage/surveys/batches/{batchId}");
        }
        var b = await batches.CreateAsync(User, Input);
        TempData["Flash"] = "批次草稿已创建，确认无误后点击“开启批次”";
        return Redirect($"/manage/surveys/batches/{b!.Id}");
    }

    public Task<IActionResult> OnPostOpenAsync(Guid id) => ActAsync(id, async () =>
        await batches.OpenAsync(User, id) is { } r ? $"批次已开启，已向 {r.Invited} 个企业账号发送站内信" : null);

    public Task<IActionResult> OnPostCloseAsync(Guid id) => ActAsync(id, async () =>
        await batches.CloseAsync(User, id) is null ? null : "批次已结束，企业不能再提交或修改答卷");

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<string?>> act)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear();
        var flash = await act();
        if (flash is null) return NotFound();
        TempData["Flash"] = flash;
        return Redirect($"/manage/surveys/batches/{id}");
    }

    private async Task<bool> LoadAsync(Guid? id)
    {
        Questionnaires = await questionnaires.ListAsync(User);
        if (id is not { } batchId) return true;
        Batch = await batches.FindVisibleAsync(User, batchId);
        if (Batch is null) return false;
        CanManage = await batches.CanManageAsync(User, batchId);
        QuestionnaireTitle = Questionnaires.FirstOrDefault(q => q.Id == Batch.QuestionnaireId)?.Title ?? "";
        var audience = await batches.AudienceByRegionAsync(Batch, SurveyAccess.ResultRegion(User));
        Audience = audience.Values.Sum();
        if (Input.Title is null)
            Input = new BatchInput
            {
                QuestionnaireId = Batch.QuestionnaireId, Title = Batch.Title, ClosesAt = Batch.ClosesAt.AddHours(8), Regions = [.. Batch.Regions],
                Industries = [.. Batch.Industries], Sizes = [.. Batch.Sizes.Select(x => x.ToString())],
            };
        return true;
    }
}
