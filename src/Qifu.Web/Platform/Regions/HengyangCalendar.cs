namespace Qifu.Web.Platform.Regions;

/// <summary>Validity periods (核心服务机构) are counted in Hengyang's calendar days (UTC+8), whatever the server's time zone.</summary>
public static class HengyangCalendar
{
    public static DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(utc.AddHours(8));

    public static DateOnly Today(TimeProvider clock) => DayOf(clock.GetUtcNow().UtcDateTime);
}
