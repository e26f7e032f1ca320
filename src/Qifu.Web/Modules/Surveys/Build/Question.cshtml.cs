using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Surveys.Data;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Surveys.Build;

/// <summary>/manage/surveys/questionnaires/{id}/questions/{key}: edits one question; its key (and the keys of unchanged options) stay.</summary>
[Authorize(Policy = Permissions.ManageSurveys)]
public sealed class QuestionModel(QuestionnaireHandler handler) : PageModel
{
    [BindProperty] public QuestionForm Question { get; set; } = new();
    public Questionnaire? Item { get; private set; }
    public SurveyDefinition Definition { get; private set; } = new();
    public int Number { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string key)
    {
        if (!await LoadAsync(id, key)) return NotFound();
        var section = Definition.Sections.First(s => s.Questions.Any(q => q.Key == key));
        Question = QuestionForm.From(Definition.Find(key)!, section.Key);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string key)
    {
        if (!await LoadAsync(id, key)) return NotFound();
        if (!ModelState.IsValid)
        {
            Response.StatusCode = 422;
            return Page();
        }
        var saved = await handler.EditAsync(User, id, "问卷修改题目", d =>
        {
            var from = d.Sections.First(s => s.Questions.Any(q => q.Key == key));
            var q = from.Questions.First(x => x.Key == key);
            Question.ApplyTo(q);
            if (Question.SectionKey is { } target && target != from.Key && d.Sections.FirstOrDefault(s => s.Key == target) is { } to)
            {
                from.Questions.Remove(q);
                to.Questions.Add(q);
            }
        });
        if (saved is null) return NotFound();
        TempData["Flash"] = "题目已保存";
        return Redirect($"/manage/surveys/questionnaires/{id}#q-{key}");
    }

    private async Task<bool> LoadAsync(Guid id, string key)
    {
        Item = await handler.FindAsync(User, id);
        if (Item is null || !handler.CanEdit(User, Item)) return false;
        Definition = Item.Definition();
        if (Definition.Find(key) is not { } q) return false;
        Number = Definition.NumberOf(q);
        return true;
    }
}
