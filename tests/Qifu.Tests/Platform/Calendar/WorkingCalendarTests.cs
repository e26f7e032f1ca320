using System.Net;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Modules.ServiceRequests;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Administration.Calendar;
using Qifu.Web.Platform.Calendar;

namespace Qifu.Tests.Platform.Calendar;

/// <summary>Deadlines in working days over the 2026 holiday table (国务院办公厅, seeded in demo mode), 调休 make-up days included.</summary>
[Collection(RequestsCollection.Name)]
public sealed class WorkingCalendarTests(RequestsApp app)
{
    private Task<T> WithCalendarAsync<T>(Func<WorkingCalendar, Task<T>> use) => app.WithDbAsync(db => use(new WorkingCalendar(db, app.Clock)));

    private static DateOnly D(string s) => DateOnly.Parse(s);

    [Theory]
    [InlineData("2026-09-30", 2, "2026-10-09")] // submitted the day before 国庆: 1–7 October off, then Thursday and Friday
    [InlineData("2026-10-08", 2, "2026-10-10")] // the make-up Saturday after 国庆 counts
    [InlineData("2026-09-18", 2, "2026-09-21")] // the make-up Sunday before 国庆 counts
    [InlineData("2026-02-13", 1, "2026-02-14")] // 春节 make-up Saturday
    [InlineData("2026-02-13", 2, "2026-02-24")] // then nine days of 春节
    [InlineData("2026-04-03", 1, "2026-04-07")] // 清明 Monday off
    [InlineData("2026-11-27", 2, "2026-12-01")] // an ordinary weekend
    [InlineData("2026-12-31", 1, "2027-01-04")] // 2027 元旦 (demo rows) on a Friday
    public async Task Working_days_skip_holidays_and_count_make_up_days(string from, int days, string due)
    {
        Assert.Equal(D(due), await WithCalendarAsync(c => c.AddWorkingDaysAsync(D(from), days)));
    }

    [Fact]
    public async Task Days_left_count_today_and_go_negative_when_late_and_read_in_words()
    {
        Assert.Equal(3, await WithCalendarAsync(c => c.WorkingDaysLeftAsync(D("2026-10-09"), D("2026-09-30"))));
        Assert.Equal(1, await WithCalendarAsync(c => c.WorkingDaysLeftAsync(D("2026-10-09"), D("2026-10-09"))));
        Assert.Equal(0, await WithCalendarAsync(c => c.WorkingDaysLeftAsync(D("2026-10-04"), D("2026-10-03")))); // due during the holiday
        Assert.Equal(-2, await WithCalendarAsync(c => c.WorkingDaysLeftAsync(D("2026-09-30"), D("2026-10-09"))));
        Assert.Equal(-1, await WithCalendarAsync(c => c.WorkingDaysLeftAsync(D("2026-10-09"), D("2026-10-10")))); // late on the make-up Saturday
        Assert.True(await WithCalendarAsync(c => c.IsWorkdayAsync(D("2026-10-10"))));
        Assert.False(await WithCalendarAsync(c => c.IsWorkdayAsync(D("2026-10-05"))));

        Assert.Equal("剩余 2 个工作日", WorkingCalendar.Countdown(2));
        Assert.Equal("今日到期", WorkingCalendar.Countdown(0));
        Assert.Equal("已超期 3 个工作日", WorkingCalendar.Countdown(-3));
    }

    [Fact]
    public void The_demo_table_holds_only_days_that_change_something()
    {
        var days = DemoHolidays.All.ToList();
        Assert.All(days, d => Assert.Equal(d.IsWorkday, d.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday));
        Assert.Equal(days.Count, days.Select(d => d.Date).Distinct().Count());
        Assert.All(days.Where(d => d.Date.Year == 2027), d => Assert.Contains("演示", d.Name));
        Assert.Equal(["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
            days.Where(d => d.IsWorkday && d.Date.Year == 2026).Select(d => d.Date.ToString("yyyy-MM-dd")).Order());
    }
}

[Collection(RequestsCollection.Name)]
public sealed class CalendarAdminTests(RequestsApp app)
{
    [Fact]
    public async Task The_city_operator_keeps_the_holiday_table_and_pointless_days_are_refused()
    {
        var county = await app.SignedInAsync(Http.ZhuhuiOperator);
        var denied = await county.GetAsync("/admin/calendar");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/account/denied", denied.Headers.Location?.OriginalString);

        var city = await app.SignedInAsync(Http.CityOperator);
        var y2026 = await city.GetStringAsync("/admin/calendar?Year=2026");
        Assert.Contains("2026-10-10", y2026);
        Assert.Contains("国庆节调休上班", y2026);
        Assert.Contains("放假 19 天，调休上班 6 天", y2026);

        var weekendOff = await city.PostFormAsync("/admin/calendar?handler=Add",
            new() { ["NewDay.Date"] = "2028-01-01", ["NewDay.Kind"] = "holiday", ["NewDay.Name"] = "元旦" }, "/admin/calendar");
        Assert.Equal((HttpStatusCode)422, weekendOff.StatusCode);
        Assert.Contains("2028年1月1日是周六，本来就不上班，无需登记为放假", await weekendOff.Content.ReadAsStringAsync());
        var weekdayOn = await city.PostFormAsync("/admin/calendar?handler=Add",
            new() { ["NewDay.Date"] = "2028-01-05", ["NewDay.Kind"] = "workday", ["NewDay.Name"] = "调休" }, "/admin/calendar");
        Assert.Equal((HttpStatusCode)422, weekdayOn.StatusCode);
        Assert.Contains("本来就是工作日，无需登记为调休上班", await weekdayOn.Content.ReadAsStringAsync());
        var noName = await city.PostFormAsync("/admin/calendar?handler=Add", new() { ["NewDay.Date"] = "2028-01-03", ["NewDay.Kind"] = "holiday" }, "/admin/calendar");
        Assert.Contains("请填写名称", await noName.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.CalendarDays.AnyAsync(d => d.Date.Year == 2028)));

        var before = await app.WithDbAsync(db => new WorkingCalendar(db, app.Clock).AddWorkingDaysAsync(new DateOnly(2027, 12, 31), 1));
        Assert.Equal(new DateOnly(2028, 1, 3), before);
        var added = await city.PostFormAsync("/admin/calendar?handler=Add",
            new() { ["NewDay.Date"] = "2028-01-03", ["NewDay.Kind"] = "holiday", ["NewDay.Name"] = "元旦" }, "/admin/calendar");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var makeUp = await city.PostFormAsync("/admin/calendar?handler=Add",
            new() { ["NewDay.Date"] = "2028-01-08", ["NewDay.Kind"] = "workday", ["NewDay.Name"] = "元旦调休上班" }, "/admin/calendar");
        Assert.Equal(HttpStatusCode.Redirect, makeUp.StatusCode);
        Assert.Equal(new DateOnly(2028, 1, 4), await app.WithDbAsync(db => new WorkingCalendar(db, app.Clock).AddWorkingDaysAsync(new DateOnly(2027, 12, 31), 1)));
        Assert.Equal(new DateOnly(2028, 1, 8), await app.WithDbAsync(db => new WorkingCalendar(db, app.Clock).AddWorkingDaysAsync(new DateOnly(2028, 1, 7), 1)));

        var twice = await city.PostFormAsync("/admin/calendar?handler=Add",
            new() { ["NewDay.Date"] = "2028-01-03", ["NewDay.Kind"] = "holiday", ["NewDay.Name"] = "元旦" }, "/admin/calendar");
        Assert.Equal((HttpStatusCode)422, twice.StatusCode);
        Assert.Contains("已登记", await twice.Content.ReadAsStringAsync());

        var page = await city.GetStringAsync("/admin/calendar?Year=2028");
        Assert.Contains("元旦调休上班", page);
        foreach (var date in new[] { "2028-01-03", "2028-01-08" })
        {
            var removed = await city.PostFormAsync($"/admin/calendar?handler=Remove&date={date}", [], "/admin/calendar?Year=2028");
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        }
        Assert.False(await app.WithDbAsync(db => db.CalendarDays.AnyAsync(d => d.Date.Year == 2028)));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "节假日安排" && a.EntityId!.StartsWith("2028"))
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["新增节假日安排", "新增节假日安排", "删除节假日安排", "删除节假日安排"], audit);
    }
}
