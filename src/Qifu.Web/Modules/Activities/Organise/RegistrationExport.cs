using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Activities.Organise;

/// <summary>Registrations and attendance as .xlsx; phones are masked (SECURITY.md PI-05), cells that look like formulas are quoted.</summary>
public static class RegistrationExport
{
    public static byte[] Xlsx(IEnumerable<ActivityRegistration> registrations)
    {
        var rows = registrations.SelectMany(r => (r.Attendees.Count == 0 ? [new Attendee()] : r.Attendees).Select(p => new Dictionary<string, object?>
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
        })).ToList();
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, rows);
        return stream.ToArray();
    }

    /// <summary>Formula injection (ASVS 1.2.10): text starting with = + - @ is prefixed with an apostrophe.</summary>
    private static string Cell(string? s) => string.IsNullOrEmpty(s) ? "" : s[0] is '=' or '+' or '-' or '@' ? "'" + s : s;
}
