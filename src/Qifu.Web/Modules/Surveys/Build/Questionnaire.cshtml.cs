using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Surveys.Data;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Surveys.Build;

/// <summary>
/// /manage/surveys/questionnaires/{id}: the builder without JavaScript — title and description, sections, questions
/// added one form at a time, moved up and down, edited on their own page, deleted; copy and delete the questionnaire.
/// </summary>
[Authorize(Policy = Permissions.ManageSurveys)]
public sealed class QuestionnaireModel(QuestionnaireHandler handler) : PageModel
{
    [BindProperty] public QuestionnaireInput Input { get; set; } = new();
    [BindProperty] public QuestionForm Question { get; set; } = new() { Type = QuestionType.SingleChoice, Required = true };
    [BindProperty] public string? SectionTitle { get; set; }
    public Questionnaire? Item { get; private set; }
    public SurveyDefinition Definition { get; private set; } = new();
    public bool Frozen { get; private set; }
    public bool Editable { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = new QuestionnaireInput { Title = Item!.Title, Description = Item.Description };
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(Guid id) => ActAsync(id, "Input", async () =>
        await handler.UpdateAsync(User, id, Input with { Sections = null }) is null ? null : "问卷信息已保存");

    public Task<IActionResult> OnPostAddSectionAsync(Guid id) => ActAsync(id, nameof(SectionTitle), async () =>
    {
        var title = SectionTitle?.Trim() ?? "";
        if (title.Length is 0 or > 100) throw new Platform.Errors.RuleViolationException("SECTION_TITLE", "部分标题应为1至100字", "sectionTitle", 400);
        return await handler.EditAsync(User, id, "问卷添加部分", d => d.Sections.Add(new SurveySection { Title = title })) is null ? null : "已添加部分";
    });

    public Task<IActionResult> OnPostDeleteSectionAsync(Guid id, string key) => ActAsync(id, "", async () =>
        await handler.EditAsync(User, id, "问卷删除部分", d =>
        {
            var s = d.Sections.FirstOrDefault(x => x.Key == key);
            if (s is null) return;
            if (s.Questions.Count > 0) throw new Platform.Errors.RuleViolationException("SECTION_NOT_EMPTY", "该部分还有题目，请先删除或移走题目", null, 409);
            d.Sections.Remove(s);
        }) is null ? null : "已删除部分");

    public Task<IActionResult> OnPostAddQuestionAsync(Guid id) => ActAsync(id, nameof(Question), async () =>
        await handler.EditAsync(User, id, "问卷添加题目", d =>
        {
            var section = d.Sections.FirstOrDefault(s => s.Key == Question.SectionKey) ?? d.Sections.LastOrDefault();
            if (section is null) { section = new SurveySection { Key = d.NewKey("s") }; d.Sections.Add(section); }
            var q = new SurveyQuestion();
            Question.ApplyTo(q);
            section.Questions.Add(q);
        }) is null ? null : "已添加题目");

    public Task<IActionResult> OnPostMoveAsync(Guid id, string key, int by) => ActAsync(id, "", async () =>
        await handler.EditAsync(User, id, "问卷调整题目顺序", d => Move(d, key, by)) is null ? null : "题目顺序已调整");

    public Task<IActionResult> OnPostDeleteQuestionAsync(Guid id, string key) => ActAsync(id, "", async () =>
        await handler.EditAsync(User, id, "问卷删除题目", d => { foreach (var s in d.Sections) s.Questions.RemoveAll(q => q.Key == key); }) is null ? null : "已删除题目");

    public async Task<IActionResult> OnPostCopyAsync(Guid id)
    {
        var copy = await handler.CopyAsync(User, id);
        if (copy is null) return NotFound();
        TempData["Flash"] = "已复制为新问卷，可以修改题目";
        return Redirect($"/manage/surveys/questionnaires/{copy.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear();
        if (!await handler.DeleteAsync(User, id)) return NotFound();
        TempData["Flash"] = "问卷已删除";
        return Redirect("/manage/surveys");
    }

    /// <summary>Moves a question one place up or down, across into the neighbouring section at a section's edge.</summary>
    private static void Move(SurveyDefinition d, string key, int by)
    {
        var flat = d.Sections.SelectMany(s => s.Questions.Select(q => (s, q))).ToList();
        var i = flat.FindIndex(x => x.q.Key == key);
        if (i < 0) return;
        var (section, question) = flat[i];
        var at = section.Questions.IndexOf(question);
        var target = at + Math.Sign(by);
        if (target >= 0 && target < section.Questions.Count)
        {
            section.Questions.RemoveAt(at);
            section.Questions.Insert(target, question);
            return;
        }
        var si = d.Sections.IndexOf(section) + Math.Sign(by);
        if (si < 0 || si >= d.Sections.Count) return;
        section.Questions.RemoveAt(at);
        if (by < 0) d.Sections[si].Questions.Add(question); else d.Sections[si].Questions.Insert(0, question);
    }

    private async Task<IActionResult> ActAsync(Guid id, string prefix, Func<Task<string?>> act)
    {
        if (!await LoadAsync(id)) return NotFound();
        foreach (var key in ModelState.Keys.Where(k => prefix.Length == 0 || !k.StartsWith(prefix)).ToList()) ModelState.Remove(key);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = 422;
            return Page();
        }
        var flash = await act();
        if (flash is null) return NotFound();
        TempData["Flash"] = flash;
        return Redirect($"/manage/surveys/questionnaires/{id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        Item = await handler.FindAsync(User, id);
        if (Item is null) return false;
        Definition = Item.Definition();
        Frozen = await handler.IsFrozenAsync(id);
        Editable = handler.CanEdit(User, Item);
        if (Input.Title is null) Input = new QuestionnaireInput { Title = Item.Title, Description = Item.Description };
        return true;
    }
}
