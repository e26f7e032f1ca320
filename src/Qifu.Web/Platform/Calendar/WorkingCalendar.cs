using Microsoft.EntityFrameworkCore;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Platform.Calendar;

/// <summary>
/// An exception to the Monday–Friday week that operators keep (节假日安排): a holiday on a weekday (IsWorkday = false)
/// or a 调休 make-up workday on a weekend (IsWorkday = true). Days not in the table follow the week.
/// </summary>
public sealed class CalendarDay
{
    public DateOnly Date { get; init; }
    public bool IsWorkday { get; set; }
    public required string Name { get; set; }
}

/// <summary>Counts working days in Hengyang's calendar (国务院办公厅 holiday notice, as the operators entered it).</summary>
public sealed class WorkingCalendar(AppDbContext db, TimeProvider clock)
{
    private Dictionary<DateOnly, bool>? _exceptions;

    public DateOnly Today => HengyangCalendar.Today(clock);

    public async Task<bool> IsWorkdayAsync(DateOnly day) => IsWorkday(day, await ExceptionsAsync());

    /// <summary>
    /// The day a task is due when it gets <paramref name="days"/> working days starting the day after <paramref name="from"/>
    /// (a request submitted on Friday with 2 working days is due on Tuesday, unless a holiday or 调休 moves it).
    /// </summary>
    public async Task<DateOnly> AddWorkingDaysAsync(DateOnly from, int days)
    {
        var exceptions = await ExceptionsAsync();
        var day = from;
        var left = Math.Max(0, days);
        while (left > 0)
        {
            day = day.AddDays(1);
            if (IsWorkday(day, exceptions)) left--;
        }
        return day;
    }

    /// <summary>Working days left until the end of <paramref name="due"/>, counting today if it is one; negative when late.</summary>
    public async Task<int> WorkingDaysLeftAsync(DateOnly due, DateOnly? today = null)
    {
        var exceptions = await ExceptionsAsync();
        var from = today ?? Today;
        if (due < from)
        {
            var late = 0;
            for (var d = due.AddDays(1); d <= from; d = d.AddDays(1)) if (IsWorkday(d, exceptions)) late++;
            return -late;
        }
        var left = 0;
        for (var d = from; d <= due; d = d.AddDays(1)) if (IsWorkday(d, exceptions)) left++;
        return left;
    }

    /// <summary>The countdown in words, never in colour alone (ECOSYSTEM.md §4b).</summary>
    public static string Countdown(int left) => left switch
    {
        > 0 => $"剩余 {left} 个工作日",
        0 => "今日到期",
        _ => $"已超期 {-left} 个工作日",
    };

    private static bool IsWorkday(DateOnly day, Dictionary<DateOnly, bool> exceptions) =>
        exceptions.TryGetValue(day, out var w) ? w : day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    private async Task<Dictionary<DateOnly, bool>> ExceptionsAsync() =>
        _exceptions ??= await db.Set<CalendarDay>().AsNoTracking().ToDictionaryAsync(d => d.Date, d => d.IsWorkday);
}
