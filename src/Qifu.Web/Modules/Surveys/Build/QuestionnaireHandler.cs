using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Surveys.Data;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Surveys.Build;

/// <summary>A questionnaire as the API takes it: title, description and (optionally) the whole content.</summary>
public sealed record QuestionnaireInput
{
    [Required(ErrorMessage = "请填写问卷名称")]
    [StringLength(100, MinimumLength = 2, ErrorMessage = "问卷名称应为2至100字")]
    public string? Title { get; init; }

    [StringLength(2000, ErrorMessage = "问卷说明不能超过2000字")]
    public string? Description { get; init; }

    /// <summary>Sections with their questions; keys kept where given, handed out where missing. Null leaves the content as it is.</summary>
    public List<SurveySection>? Sections { get; init; }
}

/// <summary>One question as the builder form posts it: options, rows and columns one per line.</summary>
public sealed record QuestionForm
{
    [Required(ErrorMessage = "请选择题型")]
    public QuestionType? Type { get; init; }

    [Required(ErrorMessage = "请填写题目")]
    [StringLength(200, ErrorMessage = "题目不能超过200字")]
    public string? Title { get; init; }

    [StringLength(500, ErrorMessage = "说明不能超过500字")]
    public string? Help { get; init; }

    public bool Required { get; init; }

    [StringLength(3000, ErrorMessage = "选项内容过长")]
    public string? Options { get; init; }

    [Range(1, 30, ErrorMessage = "最多可选项数应为1至30")]
    public int? MaxChoices { get; init; }

    public bool AllowOther { get; init; }

    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    [StringLength(3000, ErrorMessage = "矩阵行内容过长")]
    public string? Rows { get; init; }

    [StringLength(500, ErrorMessage = "矩阵列内容过长")]
    public string? Columns { get; init; }

    public string? SectionKey { get; init; }

    public static QuestionForm From(SurveyQuestion q, string sectionKey) => new()
    {
        Type = q.Type, Title = q.Title, Help = q.Help, Required = q.Required, Options = Lines(q.Options), MaxChoices = q.MaxChoices,
        AllowOther = q.AllowOther, Min = q.Min, Max = q.Max, Rows = Lines(q.Rows), Columns = Lines(q.Columns), SectionKey = sectionKey,
    };

    private static string Lines(IEnumerable<SurveyChoice> list) => string.Join('\n', list.Select(c => c.Label));

    /// <summary>Applies the form to a question, keeping the key of every option whose words did not change.</summary>
    public void ApplyTo(SurveyQuestion q)
    {
        q.Type = Type ?? QuestionType.SingleChoice;
        q.Title = Title?.Trim() ?? "";
        q.Help = string.IsNullOrWhiteSpace(Help) ? null : Help.Trim();
        q.Required = Required;
        q.Options = Merge(q.Options, Options);
        q.MaxChoices = MaxChoices;
        q.AllowOther = AllowOther;
        q.Min = Min;
        q.Max = Max;
        q.Rows = Merge(q.Rows, Rows);
        q.Columns = Merge(q.Columns, Columns);
    }

    private static List<SurveyChoice> Merge(List<SurveyChoice> existing, string? lines) =>
        (lines ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(label => new SurveyChoice { Key = existing.FirstOrDefault(c => c.Label == label)?.Key ?? "", Label = label }).ToList();
}

/// <summary>
/// Builds questionnaires: create, edit (title, sections, questions, order), copy, delete. Content is checked on every
/// save; once any batch using the questionnaire has opened, its content is frozen (409 QUESTIONNAIRE_FROZEN) and the
/// operator makes a copy instead.
/// </summary>
public sealed class QuestionnaireHandler(AppDbContext db, SurveyAccess access, AuditTrail audit, TimeProvider clock)
{
    public async Task<List<QuestionnaireRow>> ListAsync(ClaimsPrincipal user)
    {
        var managed = DataScope.Of(user);
        var rows = await access.VisibleQuestionnaires(user).AsNoTracking().OrderByDescending(q => q.UpdatedAt)
            .Select(q => new { q.Id, q.Title, q.RegionCode, q.UpdatedAt, q.DefinitionJson, Batches = db.SurveyBatches.Count(b => b.QuestionnaireId == q.Id),
                Frozen = db.SurveyBatches.Any(b => b.QuestionnaireId == q.Id && b.Status != BatchStatus.Draft) })
            .Take(200).ToListAsync();
        return rows.Select(r => new QuestionnaireRow(r.Id, r.Title, r.RegionCode, SurveyDefinition.FromJson(r.DefinitionJson).Questions.Count(), r.Batches,
            r.Frozen, managed.Covers(r.RegionCode), r.UpdatedAt)).ToList();
    }

    public Task<Questionnaire?> FindAsync(ClaimsPrincipal user, Guid id) =>
        access.VisibleQuestionnaires(user).AsNoTracking().FirstOrDefaultAsync(q => q.Id == id);

    public Task<bool> IsFrozenAsync(Guid id) => db.SurveyBatches.AnyAsync(b => b.QuestionnaireId == id && b.Status != BatchStatus.Draft);

    public bool CanEdit(ClaimsPrincipal user, Questionnaire q) => SurveyAccess.IsOperator(user) && DataScope.Of(user).Covers(q.RegionCode);

    public async Task<Questionnaire> CreateAsync(ClaimsPrincipal user, QuestionnaireInput input)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var definition = new SurveyDefinition();
        if (input.Sections is { } sections) definition.Sections = sections;
        if (definition.Sections.Count == 0) definition.Sections.Add(new SurveySection { Title = "" });
        definition.AssignKeys();
        definition.Check();
        var q = new Questionnaire
        {
            Id = Guid.NewGuid(), Title = input.Title!.Trim(), Description = input.Description?.Trim() ?? "", RegionCode = OwnRegion(user),
            CreatedAt = now, UpdatedAt = now,
        };
        q.SetDefinition(definition, now);
        db.Questionnaires.Add(q);
        audit.Record("新建问卷", SurveysModule.AuditEntityType, q.Id, q.RegionCode, null, q.Snapshot());
        await db.SaveChangesAsync();
        return q;
    }

    public async Task<Questionnaire?> UpdateAsync(ClaimsPrincipal user, Guid id, QuestionnaireInput input)
    {
        var q = await access.ManagedQuestionnaires(user).FirstOrDefaultAsync(x => x.Id == id);
        if (q is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var before = q.Snapshot();
        q.Title = input.Title!.Trim();
        q.Description = input.Description?.Trim() ?? "";
        if (input.Sections is { } sections)
        {
            await EnsureNotFrozenAsync(id);
            var definition = q.Definition();
            definition.Sections = sections;
            definition.AssignKeys();
            definition.Check();
            q.SetDefinition(definition, now);
        }
        else q.Touch(now);
        audit.Record("修改问卷", SurveysModule.AuditEntityType, q.Id, q.RegionCode, before, q.Snapshot());
        await db.SaveChangesAsync();
        return q;
    }

    /// <summary>One builder step (add, edit, move or delete a section or question) on a questionnaire that is not frozen.</summary>
    public async Task<Questionnaire?> EditAsync(ClaimsPrincipal user, Guid id, string action, Action<SurveyDefinition> change)
    {
        var q = await access.ManagedQuestionnaires(user).FirstOrDefaultAsync(x => x.Id == id);
        if (q is null) return null;
        await EnsureNotFrozenAsync(id);
        var definition = q.Definition();
        change(definition);
        definition.AssignKeys();
        definition.Check();
        var now = clock.GetUtcNow().UtcDateTime;
        q.SetDefinition(definition, now);
        audit.Record(action, SurveysModule.AuditEntityType, q.Id, q.RegionCode, null, q.Snapshot());
        await db.SaveChangesAsync();
        return q;
    }

    public async Task<Questionnaire?> CopyAsync(ClaimsPrincipal user, Guid id)
    {
        var source = await FindAsync(user, id);
        if (source is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var copy = new Questionnaire
        {
            Id = Guid.NewGuid(), Title = Trim(source.Title + "（副本）", 100), Description = source.Description, RegionCode = OwnRegion(user),
            CopiedFromId = source.Id, CreatedAt = now, UpdatedAt = now,
        };
        copy.SetDefinition(source.Definition(), now);
        db.Questionnaires.Add(copy);
        audit.Record("复制问卷", SurveysModule.AuditEntityType, copy.Id, copy.RegionCode, null, copy.Snapshot(), $"复制自 {source.Title}");
        await db.SaveChangesAsync();
        return copy;
    }

    public async Task<bool> DeleteAsync(ClaimsPrincipal user, Guid id)
    {
        var q = await access.ManagedQuestionnaires(user).FirstOrDefaultAsync(x => x.Id == id);
        if (q is null) return false;
        if (await db.SurveyBatches.AnyAsync(b => b.QuestionnaireId == id))
            throw new RuleViolationException("QUESTIONNAIRE_IN_USE", "该问卷已用于摸排批次，不能删除");
        db.Questionnaires.Remove(q);
        audit.Record("删除问卷", SurveysModule.AuditEntityType, q.Id, q.RegionCode, q.Snapshot(), null);
        await db.SaveChangesAsync();
        return true;
    }

    private async Task EnsureNotFrozenAsync(Guid id)
    {
        if (await IsFrozenAsync(id))
            throw new RuleViolationException("QUESTIONNAIRE_FROZEN", "该问卷已有批次开启，题目不能再修改；如需调整请复制一份新问卷");
    }

    private static string OwnRegion(ClaimsPrincipal user)
    {
        var scope = DataScope.Of(user);
        return scope.All ? RegionCodes.City : scope.RegionCode!;
    }

    private static string Trim(string s, int max) => s.Length <= max ? s : s[..max];
}

public sealed record QuestionnaireRow(Guid Id, string Title, string RegionCode, int Questions, int Batches, bool Frozen, bool Editable, DateTime UpdatedAt);
