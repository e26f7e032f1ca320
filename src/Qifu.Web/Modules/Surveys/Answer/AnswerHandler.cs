using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Modules.Surveys.Data;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using EnterpriseStatus = Qifu.Web.Platform.Registration.RegistrationStatus;

namespace Qifu.Web.Modules.Surveys.Answer;

/// <summary>One answer. Choice questions: option keys in <see cref="Choices"/> ("other" for 其他, with <see cref="Other"/>);
/// text: <see cref="Text"/>; number: <see cref="Number"/> (or <see cref="Text"/>, as a form posts it); matrix: row key → column key.</summary>
public sealed record AnswerInput
{
    public List<string> Choices { get; init; } = [];
    public string? Other { get; init; }
    public string? Text { get; init; }
    public decimal? Number { get; init; }
    public Dictionary<string, string> Rows { get; init; } = [];
}

public sealed record ResponseInput
{
    /// <summary>Question key → answer.</summary>
    public Dictionary<string, AnswerInput> Answers { get; init; } = [];
}

/// <summary>Either the saved response or the answers' problems (question key → zh-CN message naming the question).</summary>
public sealed record SubmitResult(SurveyResponse? Response, Dictionary<string, string[]> Errors, bool Created);

public sealed record MyBatch(SurveyBatch Batch, string QuestionnaireTitle, SurveyResponse? Response);

/// <summary>
/// The enterprise's side: open batches it is in the audience of, its answer (one per batch, editable until the batch
/// closes), and its past responses. A batch the enterprise is not in the audience of, and has not answered, is 404.
/// </summary>
public sealed class AnswerHandler(AppDbContext db, AuditTrail audit, TimeProvider clock)
{
    public const int ShortTextLimit = 200;
    public const int LongTextLimit = 2000;

    private async Task<Enterprise?> EnterpriseAsync(ClaimsPrincipal user)
    {
        var id = CurrentUser.EnterpriseId(user);
        return id is null ? null : await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id);
    }

    private static bool InAudience(SurveyBatch b, Enterprise e) =>
        e.Status == EnterpriseStatus.Approved && b.Includes(e.RegionCode, e.IndustrySection, e.SizeClass);

    /// <summary>Batches accepting answers now that the enterprise is in the audience of, with its response if any.</summary>
    public async Task<List<MyBatch>> OpenForMeAsync(ClaimsPrincipal user)
    {
        var e = await EnterpriseAsync(user);
        if (e is null || e.Status != EnterpriseStatus.Approved) return [];
        var now = clock.GetUtcNow().UtcDateTime;
        var open = await db.SurveyBatches.AsNoTracking().Where(b => b.Status == BatchStatus.Open && b.OpensAt <= now && b.ClosesAt > now)
            .OrderBy(b => b.ClosesAt).ToListAsync();
        open = open.Where(b => InAudience(b, e)).ToList();
        return await WithResponsesAsync(open, e.Id);
    }

    /// <summary>Batches the enterprise answered (open or closed), newest first.</summary>
    public async Task<List<MyBatch>> AnsweredAsync(ClaimsPrincipal user)
    {
        var id = CurrentUser.EnterpriseId(user) ?? Guid.Empty;
        var batches = await db.SurveyBatches.AsNoTracking().Where(b => db.SurveyResponses.Any(r => r.BatchId == b.Id && r.EnterpriseId == id))
            .OrderByDescending(b => b.ClosesAt).Take(100).ToListAsync();
        return await WithResponsesAsync(batches, id);
    }

    private async Task<List<MyBatch>> WithResponsesAsync(List<SurveyBatch> batches, Guid enterpriseId)
    {
        var ids = batches.Select(b => b.Id).ToList();
        var qids = batches.Select(b => b.QuestionnaireId).Distinct().ToList();
        var titles = await db.Questionnaires.AsNoTracking().Where(q => qids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, q => q.Title);
        var responses = await db.SurveyResponses.AsNoTracking().Where(r => ids.Contains(r.BatchId) && r.EnterpriseId == enterpriseId).ToListAsync();
        return batches.Select(b => new MyBatch(b, titles.GetValueOrDefault(b.QuestionnaireId, ""), responses.FirstOrDefault(r => r.BatchId == b.Id))).ToList();
    }

    /// <summary>The batch, its questionnaire and the enterprise's own response (with answers); null when it is not theirs to see.</summary>
    public async Task<(SurveyBatch Batch, Questionnaire Questionnaire, SurveyResponse? Response)?> FindForMeAsync(ClaimsPrincipal user, Guid batchId)
    {
        var e = await EnterpriseAsync(user);
        if (e is null) return null;
        var batch = await db.SurveyBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == batchId && b.Status != BatchStatus.Draft);
        if (batch is null) return null;
        var response = await db.SurveyResponses.AsNoTracking().Include(r => r.Answers).FirstOrDefaultAsync(r => r.BatchId == batchId && r.EnterpriseId == e.Id);
        if (response is null && !InAudience(batch, e)) return null;
        var questionnaire = await db.Questionnaires.AsNoTracking().FirstAsync(q => q.Id == batch.QuestionnaireId);
        return (batch, questionnaire, response);
    }

    /// <summary>
    /// Saves the enterprise's answers: the first time a new response, later a replacement of its answers. Two submissions
    /// at once end with one response: the loser of the unique (batch, enterprise) index runs again as an edit.
    /// </summary>
    public async Task<SubmitResult?> SubmitAsync(ClaimsPrincipal user, Guid batchId, ResponseInput input)
    {
        var found = await FindForMeAsync(user, batchId);
        if (found is null) return null;
        var (batch, questionnaire, _) = found.Value;
        var e = (await EnterpriseAsync(user))!;
        var now = clock.GetUtcNow().UtcDateTime;
        if (!batch.IsAccepting(now))
            throw new RuleViolationException("SURVEY_CLOSED", $"本次摸排已于 {SurveyLabels.Time(batch.ClosesAt)} 截止，不能再提交或修改答卷", null, 422);
        if (e.Status != EnterpriseStatus.Approved)
            throw new RuleViolationException("ENTERPRISE_NOT_APPROVED", "企业注册审核通过后才能填写问卷");
        var definition = questionnaire.Definition();
        var (answers, errors) = Check(definition, input);
        if (errors.Count > 0) return new SubmitResult(null, errors, false);

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.InTransactionAsync(async () =>
                {
                    db.ChangeTracker.Clear();
                    var existing = await db.SurveyResponses.AsNoTracking().Where(r => r.BatchId == batchId && r.EnterpriseId == e.Id)
                        .Select(r => new { r.Id, r.RegionCode, r.IndustrySection, r.SizeClass }).FirstOrDefaultAsync();
                    if (existing is null)
                    {
                        var response = new SurveyResponse
                        {
                            Id = Guid.NewGuid(), BatchId = batchId, EnterpriseId = e.Id, EnterpriseName = e.Name, RegionCode = e.RegionCode,
                            IndustrySection = e.IndustrySection, SizeClass = e.SizeClass, SubmittedAt = now, UpdatedAt = now,
                            SubmittedBy = CurrentUser.Id(user),
                        };
                        response.Answers = Rows(answers, response.Id, batchId, e.RegionCode, e.IndustrySection, e.SizeClass);
                        db.SurveyResponses.Add(response);
                        audit.Record("提交问卷答卷", SurveysModule.AuditEntityType, batchId, e.RegionCode, null,
                            new { e.Name, Answers = response.Answers.Count });
                        await db.SaveChangesAsync();
                        return new SubmitResult(response, [], true);
                    }
                    // Locks the response row first, so two edits at once replace the answers one after the other.
                    await db.SurveyResponses.Where(r => r.Id == existing.Id)
                        .ExecuteUpdateAsync(s => s.SetProperty(r => r.UpdatedAt, now).SetProperty(r => r.Version, r => r.Version + 1));
                    await db.SurveyAnswers.Where(a => a.ResponseId == existing.Id).ExecuteDeleteAsync();
                    var rows = Rows(answers, existing.Id, batchId, existing.RegionCode, existing.IndustrySection, existing.SizeClass);
                    db.SurveyAnswers.AddRange(rows);
                    audit.Record("修改问卷答卷", SurveysModule.AuditEntityType, batchId, existing.RegionCode, null, new { e.Name, Answers = rows.Count });
                    await db.SaveChangesAsync();
                    var saved = await db.SurveyResponses.AsNoTracking().Include(r => r.Answers).FirstAsync(r => r.Id == existing.Id);
                    return new SubmitResult(saved, [], false);
                });
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // The unique (batch, enterprise) index: our other request created the response first; go again as an edit.
                db.ChangeTracker.Clear();
            }
        }
    }

    private static List<SurveyAnswer> Rows(List<(string Q, string? Row, string? Option, string? Text, decimal? Number)> answers, Guid responseId, Guid batchId,
        string region, string industry, Platform.Standards.SizeClass size) =>
        answers.Select(a => new SurveyAnswer
        {
            ResponseId = responseId, BatchId = batchId, RegionCode = region, IndustrySection = industry, SizeClass = size,
            QuestionKey = a.Q, RowKey = a.Row, OptionKey = a.Option, Text = a.Text, Number = a.Number,
        }).ToList();

    /// <summary>
    /// Checks every answer against its question (required, known options, max choices, number range, 其他 text, matrix rows)
    /// and turns the valid ones into answer rows. Messages name the question: 第N题“标题”….
    /// </summary>
    public static (List<(string Q, string? Row, string? Option, string? Text, decimal? Number)> Rows, Dictionary<string, string[]> Errors) Check(
        SurveyDefinition definition, ResponseInput input)
    {
        var rows = new List<(string, string?, string?, string?, decimal?)>();
        var errors = new Dictionary<string, string[]>();
        var answers = input.Answers ?? [];
        foreach (var unknown in answers.Keys.Where(k => definition.Find(k) is null))
            errors[$"answers.{unknown}"] = [$"问卷中没有编号为“{unknown}”的题目"];
        foreach (var q in definition.Questions)
        {
            var name = $"第{definition.NumberOf(q)}题“{q.Title}”";
            var a = answers.GetValueOrDefault(q.Key) ?? new AnswerInput();
            string? error = null;
            switch (q.Type)
            {
                case QuestionType.SingleChoice or QuestionType.MultipleChoice:
                {
                    var chosen = (a.Choices ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct().ToList();
                    var other = Clean(a.Other);
                    if (chosen.FirstOrDefault(c => c != SurveyDefinition.OtherKey && q.Options.All(o => o.Key != c)) is { } bad)
                        error = $"{name}没有“{bad}”这个选项";
                    else if (chosen.Contains(SurveyDefinition.OtherKey) && !q.AllowOther)
                        error = $"{name}不能选择“其他”";
                    else if (chosen.Count == 0 && q.Required)
                        error = $"请回答{name}";
                    else if (q.Type == QuestionType.SingleChoice && chosen.Count > 1)
                        error = $"{name}只能选择一项";
                    else if (q.Type == QuestionType.MultipleChoice && q.MaxChoices is { } max && chosen.Count > max)
                        error = $"{name}最多选择{max}项，您选择了{chosen.Count}项";
                    else if (chosen.Contains(SurveyDefinition.OtherKey) && other is null)
                        error = $"{name}选择了“其他”，请填写具体内容";
                    else if (other?.Length > ShortTextLimit)
                        error = $"{name}“其他”的内容不能超过{ShortTextLimit}字";
                    else
                        rows.AddRange(chosen.Select(c => (q.Key, (string?)null, (string?)c, c == SurveyDefinition.OtherKey ? other : null, (decimal?)null)));
                    break;
                }
                case QuestionType.ShortText or QuestionType.LongText:
                {
                    var text = Clean(a.Text, keepLines: q.Type == QuestionType.LongText);
                    var limit = q.Type == QuestionType.ShortText ? ShortTextLimit : LongTextLimit;
                    if (text is null && q.Required) error = $"请回答{name}";
                    else if (text?.Length > limit) error = $"{name}的回答不能超过{limit}字";
                    else if (text is not null) rows.Add((q.Key, null, null, text, null));
                    break;
                }
                case QuestionType.Number:
                {
                    var number = a.Number;
                    var raw = Clean(a.Text);
                    if (number is null && raw is not null)
                    {
                        if (decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed)) number = parsed;
                        else { error = $"{name}请填写数字"; break; }
                    }
                    if (number is null && q.Required) error = $"请回答{name}";
                    else if (number is { } n && ((q.Min is { } lo && n < lo) || (q.Max is { } hi && n > hi)))
                        error = q.Min is not null && q.Max is not null ? $"{name}应在{q.Min:0.####}至{q.Max:0.####}之间"
                            : q.Min is not null ? $"{name}不能小于{q.Min:0.####}" : $"{name}不能大于{q.Max:0.####}";
                    else if (number is { } m && Math.Abs(m) >= 100_000_000_000_000m) error = $"{name}的数值过大";
                    else if (number is { } v) rows.Add((q.Key, null, null, null, Math.Round(v, 4)));
                    break;
                }
                case QuestionType.Matrix:
                {
                    var given = (a.Rows ?? []).Where(p => !string.IsNullOrWhiteSpace(p.Value)).ToDictionary(p => p.Key, p => p.Value.Trim());
                    if (given.Keys.FirstOrDefault(k => q.Rows.All(r => r.Key != k)) is { } badRow) error = $"{name}没有“{badRow}”这一行";
                    else if (given.FirstOrDefault(p => q.Columns.All(c => c.Key != p.Value)) is { Key: not null } badCol)
                        error = $"{name}第“{q.Rows.First(r => r.Key == badCol.Key).Label}”行的选择无效";
                    else if (q.Required && q.Rows.FirstOrDefault(r => !given.ContainsKey(r.Key)) is { } missing)
                        error = $"{name}的“{missing.Label}”一行未选择";
                    else rows.AddRange(q.Rows.Where(r => given.ContainsKey(r.Key)).Select(r => (q.Key, (string?)r.Key, (string?)given[r.Key], (string?)null, (decimal?)null)));
                    break;
                }
            }
            if (error is not null) errors[$"answers.{q.Key}"] = [error];
        }
        return (rows, errors);
    }

    private static string? Clean(string? text, bool keepLines = false)
    {
        if (text is null) return null;
        var kept = new string(text.Where(c => !char.IsControl(c) || (keepLines && c == '\n')).ToArray()).Trim();
        return kept.Length == 0 ? null : kept;
    }
}
