using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Activities.Organise;

/// <summary>
/// Registrations and attendance as .xlsx, one row per attendee, then one column per registration question with the answer;
/// phones are masked (SECURITY.md PI-05), cells that look like formulas are quoted (EN-05).
/// </summary>
public static class RegistrationExport
{
    public static byte[] Xlsx(RegistrationList list)
    {
        var answers = list.Items.ToDictionary(r => r.Id, r => r.AnswersTo(list.Questions));
        // Every row has the same columns: as many as the longest list of answers (one may outlive a question removed later).
        var headers = answers.Values.Append(list.Questions.Select(q => new QuestionAnswer(q, "")).ToList()).MaxBy(a => a.Count)!
            .Select((a, i) => $"问题{i + 1}：{a.Question}").ToList();
        var rows = list.Items.SelectMany(r => (r.Attendees.Count == 0 ? [new Attendee()] : r.Attendees).Select(p => WithAnswers(new Dictionary<string, object?>
        {
            ["报名序号"] = r.Id,
            ["单位名称"] = Cell(r.EnterpriseName),
            ["参会人"] = Cell(p.Name),
            ["手机号"] = PhoneNumber.Mask(p.Phone),
            ["职务"] = Cell(p.Position),
            ["报名状态"] = ActivityLabels.Label(r.Status),
            ["报名方式"] = r.IsWalkIn ? "现场登记" : "在线报名",
            ["报名码"] = r.Code,
            ["报名时间"] = ActivityLabels.Time(r.CreatedAt),
            ["签到时间"] = r.CheckedInAt is { } c ? ActivityLabels.Time(c) : "",
            ["满意度"] = r.Feedback is { } f ? ActivityLabels.Label(f) : "",
            ["评价内容"] = Cell(r.FeedbackComment),
        }, headers, answers[r.Id]))).ToList();
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, rows);
        return stream.ToArray();
    }

    /// <summary>Headed 问题1：… so the organiser's wording never clashes with a fixed column or another question.</summary>
    private static Dictionary<string, object?> WithAnswers(Dictionary<string, object?> row, List<string> headers, IReadOnlyList<QuestionAnswer> answers)
    {
        for (var i = 0; i < headers.Count; i++) row[headers[i]] = i < answers.Count ? Cell(answers[i].Answer) : "";
        return row;
    }

    /// <summary>Formula injection (ASVS 1.2.10, SECURITY.md EN-05): text starting with = + - @ tab or CR is prefixed with an apostrophe.</summary>
    private static string Cell(string? s) => string.IsNullOrEmpty(s) ? "" : s[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + s : s;
}
