using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Surveys.Data;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Surveys.Answer;

/// <summary>
/// /enterprise/surveys/{batchId}: the questionnaire as a plain form (radio buttons, check boxes, text, number, a matrix of
/// radio buttons per row), prefilled with the enterprise's answers; after the closing time, the answers read-only.
/// </summary>
[Authorize(Policy = Permissions.ActAsEnterprise)]
public sealed class AnswerModel(AnswerHandler answers, TimeProvider clock) : PageModel
{
    [BindProperty] public ResponseInput Input { get; set; } = new();
    public SurveyBatch? Batch { get; private set; }
    public Questionnaire? Questionnaire { get; private set; }
    public SurveyDefinition Definition { get; private set; } = new();
    public SurveyResponse? Mine { get; private set; }
    public bool Accepting { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid batchId)
    {
        if (!await LoadAsync(batchId)) return NotFound();
        if (Mine is not null) Input = FromResponse(Mine);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid batchId)
    {
        if (!await LoadAsync(batchId)) return NotFound();
        ModelState.Clear();
        var result = await answers.SubmitAsync(User, batchId, Input);
        if (result is null) return NotFound();
        if (result.Errors.Count > 0)
        {
            foreach (var (key, messages) in result.Errors)
            foreach (var m in messages)
                ModelState.AddModelError(FieldKey(key), m);
            Response.StatusCode = 422;
            return Page();
        }
        TempData["Flash"] = result.Created ? "答卷已提交，感谢您的配合！截止前可随时修改。" : "答卷已修改保存";
        return Redirect($"/enterprise/surveys/{batchId}");
    }

    /// <summary>"answers.q3" → "Input.Answers[q3]", the key the form shows the message under.</summary>
    public static string FieldKey(string key) => key.StartsWith("answers.") ? $"Input.Answers[{key["answers.".Length..]}]" : key;

    public AnswerInput For(string key) => Input.Answers.GetValueOrDefault(key) ?? new AnswerInput();

    private async Task<bool> LoadAsync(Guid batchId)
    {
        if (await answers.FindForMeAsync(User, batchId) is not { } found) return false;
        (Batch, Questionnaire, Mine) = found;
        Definition = Questionnaire.Definition();
        Accepting = Batch.IsAccepting(clock.GetUtcNow().UtcDateTime);
        return true;
    }

    private static ResponseInput FromResponse(SurveyResponse r) => new()
    {
        Answers = r.Answers.GroupBy(a => a.QuestionKey).ToDictionary(g => g.Key, g => new AnswerInput
        {
            Choices = g.Where(a => a.RowKey == null && a.OptionKey != null).Select(a => a.OptionKey!).ToList(),
            Other = g.FirstOrDefault(a => a.OptionKey == SurveyDefinition.OtherKey)?.Text,
            Text = g.FirstOrDefault(a => a.OptionKey == null && a.Text != null)?.Text ?? g.FirstOrDefault(a => a.Number != null)?.Number?.ToString("0.####"),
            Rows = g.Where(a => a.RowKey != null).ToDictionary(a => a.RowKey!, a => a.OptionKey ?? ""),
        }),
    };
}
