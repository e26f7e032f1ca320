using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Calendar;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Administration.Calendar;

public sealed record NewCalendarDay
{
    [Required(ErrorMessage = "请选择日期")]
    public DateOnly? Date { get; init; }

    /// <summary>holiday (放假) or workday (调休上班).</summary>
    [Required(ErrorMessage = "请选择放假或调休上班")]
    [RegularExpression("^(holiday|workday)$", ErrorMessage = "请选择放假或调休上班")]
    public string? Kind { get; init; }

    [Required(ErrorMessage = "请填写名称，如“国庆节”")]
    [StringLength(30, ErrorMessage = "名称不能超过30字")]
    public string? Name { get; init; }
}

/// <summary>
/// 节假日安排 (city operator): the exceptions to the Monday–Friday week from which every deadline is counted — holidays on
/// weekdays and 调休 make-up workdays on weekends. A row that would change nothing (a weekend marked 放假, a weekday
/// marked 调休上班) is refused. Every change is audited; every web node reads the table per request.
/// </summary>
[Authorize(Policy = Permissions.ManageCalendar)]
public sealed class CalendarModel(AppDbContext db, AuditTrail audit, TimeProvider clock) : PageModel
{
    public const string AuditEntityType = "节假日安排";
    private static readonly string[] WeekdayNames = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    public int ShownYear { get; private set; }
    public List<CalendarDay> Days { get; private set; } = [];
    [BindProperty] public NewCalendarDay NewDay { get; set; } = new();

    public static string Weekday(DateOnly d) => WeekdayNames[(int)d.DayOfWeek];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAddAsync()
    {
        await LoadAsync();
        if (!ModelState.IsValid) return Page();
        var date = NewDay.Date!.Value;
        var workday = NewDay.Kind == "workday";
        var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        if (weekend && !workday)
            throw new RuleViolationException("DAY_CHANGES_NOTHING", $"{date:yyyy年M月d日}是{Weekday(date)}，本来就不上班，无需登记为放假", "date", 400);
        if (!weekend && workday)
            throw new RuleViolationException("DAY_CHANGES_NOTHING", $"{date:yyyy年M月d日}是{Weekday(date)}，本来就是工作日，无需登记为调休上班", "date", 400);
        if (await db.CalendarDays.AnyAsync(d => d.Date == date))
            throw new RuleViolationException("DAY_EXISTS", $"{date:yyyy年M月d日}已登记，请先删除原记录", "date");
        var day = new CalendarDay { Date = date, IsWorkday = workday, Name = NewDay.Name!.Trim() };
        db.CalendarDays.Add(day);
        audit.Record("新增节假日安排", AuditEntityType, date.ToString("yyyy-MM-dd"), null, after: new { day.Date, Kind = Label(day), day.Name });
        await db.SaveChangesAsync();
        TempData["Flash"] = $"已登记 {date:yyyy-MM-dd}（{Weekday(date)}）{Label(day)}：{day.Name}。此后计算的期限按新安排计算。";
        return Redirect($"/admin/calendar?Year={date.Year}");
    }

    public async Task<IActionResult> OnPostRemoveAsync(DateOnly date)
    {
        await LoadAsync();
        var day = await db.CalendarDays.FirstOrDefaultAsync(d => d.Date == date);
        if (day is null) return NotFound();
        db.CalendarDays.Remove(day);
        audit.Record("删除节假日安排", AuditEntityType, date.ToString("yyyy-MM-dd"), null, before: new { day.Date, Kind = Label(day), day.Name });
        await db.SaveChangesAsync();
        TempData["Flash"] = $"已删除 {date:yyyy-MM-dd} {Label(day)}：{day.Name}";
        return Redirect($"/admin/calendar?Year={date.Year}");
    }

    public static string Label(CalendarDay d) => d.IsWorkday ? "调休上班" : "放假";

    private async Task LoadAsync()
    {
        ShownYear = Year is >= 2000 and <= 2100 ? Year.Value : HengyangCalendar.Today(clock).Year;
        var from = new DateOnly(ShownYear, 1, 1);
        var to = new DateOnly(ShownYear, 12, 31);
        Days = await db.CalendarDays.AsNoTracking().Where(d => d.Date >= from && d.Date <= to).OrderBy(d => d.Date).ToListAsync();
    }
}
