using System.Text;
using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Platform.Web;

namespace Qifu.Web.Modules.Activities.Browse;

/// <summary>
/// One activity as an iCalendar file (RFC 5545), written by hand: CRLF line ends, lines folded at 75 octets without
/// splitting a UTF-8 character, text escaped, times in UTC.
/// </summary>
public static class ActivityCalendar
{
    public static string Ics(Activity a, DateTime now, string baseUrl)
    {
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Qifu//Activities//ZH", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            $"UID:activity-{a.Id:N}@qifu",
            $"DTSTAMP:{Stamp(now)}",
            $"DTSTART:{Stamp(a.StartsAt)}",
            $"DTEND:{Stamp(a.EndsAt)}",
            $"SUMMARY:{Escape(a.Title)}",
            $"DESCRIPTION:{Escape($"{ActivityLabels.Label(a.Type)} · 主办：{a.OrganiserName}\n{Trim(RichText.ToPlainText(a.Description), 500)}\n{baseUrl}/activities/{a.Id}")}",
            $"LOCATION:{Escape(a.Venue ?? a.OnlineLink ?? "线上")}",
            $"URL:{baseUrl}/activities/{a.Id}",
            $"STATUS:{(a.Status == ActivityStatus.Cancelled ? "CANCELLED" : "CONFIRMED")}",
            "END:VEVENT", "END:VCALENDAR",
        };
        var sb = new StringBuilder();
        foreach (var line in lines) Fold(sb, line);
        return sb.ToString();
    }

    private static string Stamp(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyyMMdd'T'HHmmss'Z'");

    private static string Trim(string s, int max) => s.Length <= max ? s : s[..max] + "…";

    public static string Escape(string text) =>
        text.Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,").Replace("\r\n", "\n").Replace("\r", "\n").Replace("\n", "\\n");

    /// <summary>Folds at 75 octets (RFC 5545 §3.1): continuation lines start with one space.</summary>
    public static void Fold(StringBuilder sb, string line)
    {
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                sb.Append("\r\n ");
                octets = 1;
            }
            sb.Append(rune.ToString());
            octets += size;
        }
        sb.Append("\r\n");
    }
}
