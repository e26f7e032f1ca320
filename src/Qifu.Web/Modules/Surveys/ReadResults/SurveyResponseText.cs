using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Surveys.Data;

namespace Qifu.Web.Modules.Surveys.ReadResults;

/// <summary>
/// A response's answers as readable text, one line per question ("3. 贵企业目前最需要哪些服务？（多选）：融资服务；其他：厂房租赁"),
/// unanswered questions left out. The hook for turning an answer into a need (需求): the Needs module can take this text
/// as the need's description.
/// </summary>
public static class SurveyResponseText
{
    public static string Describe(SurveyResponse response, SurveyDefinition definition) =>
        string.Join('\n', Lines(response, definition).Select(l => $"{l.Number}. {l.Question}：{l.Answer}"));

    /// <summary>Loads the response and its questionnaire and describes it; null when there is no such response.</summary>
    public static async Task<string?> DescribeAsync(Platform.Database.AppDbContext db, Guid responseId)
    {
        var response = await db.SurveyResponses.AsNoTracking().Include(r => r.Answers).FirstOrDefaultAsync(r => r.Id == responseId);
        if (response is null) return null;
        var json = await db.SurveyBatches.Where(b => b.Id == response.BatchId)
            .Join(db.Questionnaires, b => b.QuestionnaireId, q => q.Id, (b, q) => q.DefinitionJson).FirstAsync();
        return Describe(response, SurveyDefinition.FromJson(json));
    }

    /// <summary>The same, per question, for pages that lay it out themselves.</summary>
    public static IEnumerable<(int Number, string Key, string Question, string Answer)> Lines(SurveyResponse response, SurveyDefinition definition)
    {
        foreach (var q in definition.Questions)
        {
            var mine = response.Answers.Where(a => a.QuestionKey == q.Key).ToList();
            if (mine.Count == 0) continue;
            var answer = q.Type switch
            {
                QuestionType.SingleChoice or QuestionType.MultipleChoice => string.Join("；", mine
                    .OrderBy(a => a.OptionKey == SurveyDefinition.OtherKey ? int.MaxValue : q.Options.FindIndex(o => o.Key == a.OptionKey))
                    .Select(a => a.OptionKey == SurveyDefinition.OtherKey ? $"其他：{a.Text}" : q.OptionLabel(a.OptionKey))),
                QuestionType.Number => string.Join("；", mine.Select(a => a.Number?.ToString("0.####") ?? "")),
                QuestionType.Matrix => string.Join("；", q.Rows.Select(r => (r, a: mine.FirstOrDefault(a => a.RowKey == r.Key))).Where(x => x.a is not null)
                    .Select(x => $"{x.r.Label}：{q.Columns.FirstOrDefault(c => c.Key == x.a!.OptionKey)?.Label}")),
                _ => string.Join("；", mine.Select(a => a.Text)),
            };
            var suffix = q.Type == QuestionType.MultipleChoice ? "（多选）" : "";
            yield return (definition.NumberOf(q), q.Key, q.Title + suffix, answer);
        }
    }
}
