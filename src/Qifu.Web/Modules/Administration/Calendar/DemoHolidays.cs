using Microsoft.EntityFrameworkCore;
using Qifu.Web.Platform.Calendar;
using Qifu.Web.Platform.Database;

namespace Qifu.Web.Modules.Administration.Calendar;

/// <summary>
/// The holiday table of the demo: 2026 as the 国务院办公厅 announced it (国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04), and an invented
/// 2027 marked 演示 (the real notice comes out in the autumn before). Only exceptions to Monday–Friday are rows:
/// holidays on weekdays and 调休 make-up workdays on weekends (see <see cref="CalendarDay"/>).
/// </summary>
public static class DemoHolidays
{
    private static readonly (string Date, bool Workday, string Name)[] Days =
    [
        // 2026 (国务院办公厅关于2026年部分节假日安排的通知)
        ("2026-01-01", false, "元旦"), ("2026-01-02", false, "元旦"), ("2026-01-04", true, "元旦调休上班"),
        ("2026-02-14", true, "春节调休上班"),
        ("2026-02-16", false, "春节"), ("2026-02-17", false, "春节"), ("2026-02-18", false, "春节"), ("2026-02-19", false, "春节"),
        ("2026-02-20", false, "春节"), ("2026-02-23", false, "春节"),
        ("2026-02-28", true, "春节调休上班"),
        ("2026-04-06", false, "清明节"),
        ("2026-05-01", false, "劳动节"), ("2026-05-04", false, "劳动节"), ("2026-05-05", false, "劳动节"), ("2026-05-09", true, "劳动节调休上班"),
        ("2026-06-19", false, "端午节"),
        ("2026-09-25", false, "中秋节"),
        ("2026-09-20", true, "国庆节调休上班"),
        ("2026-10-01", false, "国庆节"), ("2026-10-02", false, "国庆节"), ("2026-10-05", false, "国庆节"), ("2026-10-06", false, "国庆节"),
        ("2026-10-07", false, "国庆节"), ("2026-10-10", true, "国庆节调休上班"),

        // 2027: invented for the demo, plausible but not announced.
        ("2027-01-01", false, "元旦（演示）"),
        ("2027-01-31", true, "春节调休上班（演示）"),
        ("2027-02-05", false, "春节（演示）"), ("2027-02-08", false, "春节（演示）"), ("2027-02-09", false, "春节（演示）"),
        ("2027-02-10", false, "春节（演示）"), ("2027-02-11", false, "春节（演示）"), ("2027-02-12", false, "春节（演示）"),
        ("2027-02-20", true, "春节调休上班（演示）"),
        ("2027-04-05", false, "清明节（演示）"),
        ("2027-05-03", false, "劳动节（演示）"), ("2027-05-04", false, "劳动节（演示）"), ("2027-05-05", false, "劳动节（演示）"),
        ("2027-05-08", true, "劳动节调休上班（演示）"),
        ("2027-06-09", false, "端午节（演示）"),
        ("2027-09-15", false, "中秋节（演示）"),
        ("2027-09-26", true, "国庆节调休上班（演示）"),
        ("2027-10-01", false, "国庆节（演示）"), ("2027-10-04", false, "国庆节（演示）"), ("2027-10-05", false, "国庆节（演示）"),
        ("2027-10-06", false, "国庆节（演示）"), ("2027-10-07", false, "国庆节（演示）"), ("2027-10-09", true, "国庆节调休上班（演示）"),
    ];

    public static IEnumerable<CalendarDay> All => Days.Select(d => new CalendarDay { Date = DateOnly.Parse(d.Date), IsWorkday = d.Workday, Name = d.Name });

    /// <summary>Adds the demo rows when the table is empty; true if it did. Safe to call more than once.</summary>
    public static async Task<bool> SeedAsync(AppDbContext db)
    {
        if (await db.CalendarDays.AnyAsync()) return false;
        db.CalendarDays.AddRange(All);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Another web node seeded the table at the same moment.
            db.ChangeTracker.Clear();
            return false;
        }
        return true;
    }
}

/// <summary>Seeds the demo holiday table at start-up in demo mode (Development, or Qifu:DemoData=true).</summary>
internal sealed class DemoHolidaySeeding(IServiceScopeFactory scopes, IConfiguration config, IHostEnvironment env, ILogger<DemoHolidaySeeding> log)
    : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (!(config.GetValue<bool?>("Qifu:DemoData") ?? env.IsDevelopment())) return;
        await using var scope = scopes.CreateAsyncScope();
        if (await DemoHolidays.SeedAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>()))
            log.LogInformation("已写入2026、2027年演示节假日安排");
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
