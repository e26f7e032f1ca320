using System.Globalization;
using Qifu.Web.Platform.Errors;

namespace Qifu.Web.Modules.Indicators;

public enum PeriodKind { ToDate = 0, Year = 1, Quarter = 2, Month = 3, Range = 4 }

/// <summary>
/// A reporting period in China time (UTC+8), both ends inclusive: 累计 (to date), a year "2026", a quarter "2026-Q3", a month
/// "2026-10", or any from–to range (the API). A record counts in a period when its China-time date falls inside it.
/// </summary>
public sealed record Period(PeriodKind Kind, DateOnly From, DateOnly To, string Key, string Label)
{
    /// <summary>The first day any figure can have (the platform did not exist before).</summary>
    public static readonly DateOnly Beginning = new(2000, 1, 1);

    public static DateOnly ChinaToday(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(8));

    public static int DayOf(DateTime utc) => DateOnly.FromDateTime(utc.AddHours(8)).DayNumber;

    public static Period ToDate(DateOnly today) => new(PeriodKind.ToDate, Beginning, today, "all", $"累计（截至 {today:yyyy年M月d日}）");

    public static Period Year(int y) => new(PeriodKind.Year, new DateOnly(y, 1, 1), new DateOnly(y, 12, 31), $"{y}", $"{y}年");

    public static Period Quarter(int y, int q) =>
        new(PeriodKind.Quarter, new DateOnly(y, q * 3 - 2, 1), new DateOnly(y, q * 3, 1).AddMonths(1).AddDays(-1), $"{y}-Q{q}", $"{y}年第{"一二三四"[q - 1]}季度");

    public static Period Month(int y, int m) =>
        new(PeriodKind.Month, new DateOnly(y, m, 1), new DateOnly(y, m, 1).AddMonths(1).AddDays(-1), $"{y}-{m:00}", $"{y}年{m}月");

    public static Period Range(DateOnly from, DateOnly to) =>
        new(PeriodKind.Range, from, to, $"{from:yyyy-MM-dd}~{to:yyyy-MM-dd}", $"{from:yyyy年M月d日}至{to:yyyy年M月d日}");

    /// <summary>Reads "all", "2026", "2026-Q3" or "2026-10" (empty = to date); a bad key is a 400 naming the field.</summary>
    public static Period Parse(string? key, DateOnly today, string field = "period")
    {
        key = key?.Trim();
        if (string.IsNullOrEmpty(key) || key.Equals("all", StringComparison.OrdinalIgnoreCase)) return ToDate(today);
        var parts = key.Split('-');
        if (parts.Length >= 1 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100)
        {
            if (parts.Length == 1) return Year(y);
            if (parts.Length == 2 && parts[1].Length == 2 && (parts[1][0] is 'Q' or 'q') && parts[1][1] is >= '1' and <= '4') return Quarter(y, parts[1][1] - '0');
            if (parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12) return Month(y, m);
        }
        throw new RuleViolationException("PERIOD_INVALID", "统计期间格式不正确：应为 all、年份（如 2026）、季度（如 2026-Q3）或月份（如 2026-10）", field, 400);
    }

    /// <summary>A from–to range of dates (yyyy-MM-dd); either end may be left out (from the beginning / to today).</summary>
    public static Period ParseRange(string? from, string? to, DateOnly today)
    {
        var f = ParseDate(from, "from") ?? Beginning;
        var t = ParseDate(to, "to") ?? today;
        if (t < f) throw new RuleViolationException("PERIOD_INVALID", "统计截止日期不能早于起始日期", "to", 400);
        return f == Beginning && t == today ? ToDate(today) : Range(f, t);
    }

    private static DateOnly? ParseDate(string? s, string field)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        if (DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d >= Beginning && d.Year <= 2100) return d;
        throw new RuleViolationException("PERIOD_INVALID", $"日期“{s}”格式不正确，应为 yyyy-MM-dd", field, 400);
    }

    /// <summary>The period just before, for the change column: the previous month, quarter or year; for 累计, the total at the
    /// end of the previous month; for a range, the range of the same length just before it.</summary>
    public Period Previous() => Kind switch
    {
        PeriodKind.Year => Year(From.Year - 1),
        PeriodKind.Quarter => From.Month == 1 ? Quarter(From.Year - 1, 4) : Quarter(From.Year, (From.Month + 2) / 3 - 1),
        PeriodKind.Month => Month(From.AddMonths(-1).Year, From.AddMonths(-1).Month),
        PeriodKind.ToDate => new(PeriodKind.ToDate, Beginning, new DateOnly(To.Year, To.Month, 1).AddDays(-1), "all-prev",
            $"累计（截至 {new DateOnly(To.Year, To.Month, 1).AddDays(-1):yyyy年M月d日}）"),
        _ => Range(From.AddDays(-(To.DayNumber - From.DayNumber + 1)), From.AddDays(-1)),
    };

    public string PreviousLabel => Kind switch
    {
        PeriodKind.Month => "环比上月", PeriodKind.Quarter => "环比上季", PeriodKind.Year => "同比上年", PeriodKind.ToDate => "较上月末", _ => "较上一期",
    };

    /// <summary>The choices the dashboard offers: to date, the last 3 years, their quarters up to now, the last 12 months.</summary>
    public static IReadOnlyList<Period> Choices(DateOnly today)
    {
        var list = new List<Period> { ToDate(today) };
        for (var y = today.Year; y > today.Year - 3; y--) list.Add(Year(y));
        for (var y = today.Year; y > today.Year - 2; y--)
            for (var q = 4; q >= 1; q--)
                if (new DateOnly(y, q * 3 - 2, 1) <= today) list.Add(Quarter(y, q));
        var first = new DateOnly(today.Year, today.Month, 1);
        for (var i = 0; i < 12; i++) list.Add(Month(first.AddMonths(-i).Year, first.AddMonths(-i).Month));
        return list;
    }
}
