using Qifu.Web.Modules.Surveys.Data;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Surveys.ReadResults;

/// <summary>
/// Responses as .xlsx (MiniExcel, as the other exports): one row per response, one column per question — per option for
/// multiple choice (1 = chosen) plus one for the 其他 text, per row for a matrix. Text that looks like a formula is quoted
/// (ASVS 1.2.10). No personal data: the enterprise, its region, industry and size class.
/// </summary>
public static class ResultsExport
{
    public static byte[] Xlsx(SurveyDefinition definition, IReadOnlyList<SurveyResponse> responses)
    {
        var columns = Columns(definition);
        var rows = responses.Select((r, i) =>
        {
            var row = new Dictionary<string, object?>
            {
                ["序号"] = i + 1,
                ["企业名称"] = Cell(r.EnterpriseName),
                ["所在区县"] = RegionCodes.NameOf(r.RegionCode),
                ["行业门类"] = Industries.FindSection(r.IndustrySection)?.Name ?? r.IndustrySection,
                ["企业规模"] = SizeClasses.Label(r.SizeClass),
                ["提交时间"] = SurveyLabels.Time(r.SubmittedAt),
                ["最后修改"] = SurveyLabels.Time(r.UpdatedAt),
            };
            foreach (var (header, value) in columns) row[header] = value(r.Answers);
            return row;
        }).ToList();
        if (rows.Count == 0)
        {
            // An empty export still carries the header row, so the workbook shows what would be there.
            var header = new Dictionary<string, object?> { ["序号"] = null, ["企业名称"] = null, ["所在区县"] = null, ["行业门类"] = null, ["企业规模"] = null, ["提交时间"] = null, ["最后修改"] = null };
            foreach (var (h, _) in columns) header[h] = null;
            rows.Add(header);
        }
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, rows);
        return stream.ToArray();
    }

    /// <summary>Headers start with the question number (Q3), so two questions with the same words never share a column.</summary>
    public static List<(string Header, Func<List<SurveyAnswer>, object?> Value)> Columns(SurveyDefinition definition)
    {
        var list = new List<(string, Func<List<SurveyAnswer>, object?>)>();
        foreach (var q in definition.Questions)
        {
            var n = $"Q{definition.NumberOf(q)} {q.Title}";
            var key = q.Key;
            switch (q.Type)
            {
                case QuestionType.SingleChoice:
                    list.Add((n, a => a.FirstOrDefault(x => x.QuestionKey == key) is { } x ? q.OptionLabel(x.OptionKey) : null));
                    if (q.AllowOther) list.Add(($"{n} - 其他（请注明）", a => Cell(a.FirstOrDefault(x => x.QuestionKey == key && x.OptionKey == SurveyDefinition.OtherKey)?.Text)));
                    break;
                case QuestionType.MultipleChoice:
                    foreach (var o in q.Options)
                    {
                        var ok = o.Key;
                        list.Add(($"{n} - {o.Label}", a => a.Any(x => x.QuestionKey == key) ? a.Any(x => x.QuestionKey == key && x.OptionKey == ok) ? 1 : 0 : null));
                    }
                    if (q.AllowOther)
                    {
                        list.Add(($"{n} - 其他", a => a.Any(x => x.QuestionKey == key) ? a.Any(x => x.QuestionKey == key && x.OptionKey == SurveyDefinition.OtherKey) ? 1 : 0 : null));
                        list.Add(($"{n} - 其他（请注明）", a => Cell(a.FirstOrDefault(x => x.QuestionKey == key && x.OptionKey == SurveyDefinition.OtherKey)?.Text)));
                    }
                    break;
                case QuestionType.Number:
                    list.Add((n, a => a.FirstOrDefault(x => x.QuestionKey == key)?.Number));
                    break;
                case QuestionType.Matrix:
                    foreach (var r in q.Rows)
                    {
                        var rk = r.Key;
                        list.Add(($"{n} - {r.Label}", a => a.FirstOrDefault(x => x.QuestionKey == key && x.RowKey == rk) is { } x
                            ? q.Columns.FirstOrDefault(c => c.Key == x.OptionKey)?.Label : null));
                    }
                    break;
                default:
                    list.Add((n, a => Cell(a.FirstOrDefault(x => x.QuestionKey == key)?.Text)));
                    break;
            }
        }
        return list;
    }

    /// <summary>Formula injection (ASVS 1.2.10): text starting with = + - @ is prefixed with an apostrophe.</summary>
    private static string? Cell(string? s) => string.IsNullOrEmpty(s) ? s : s[0] is '=' or '+' or '-' or '@' ? "'" + s : s;
}
