namespace Qifu.Web.Modules.Activities.Data;

/// <summary>The words users see for the module's codes; times shown in Beijing time.</summary>
public static class ActivityLabels
{
    public static string Label(ActivityType t) => t switch
    {
        ActivityType.Training => "培训",
        ActivityType.PolicyBriefing => "政策宣讲",
        ActivityType.Matchmaking => "对接会",
        ActivityType.BankEnterprise => "银企对接",
        ActivityType.PublicService => "公益服务",
        ActivityType.Exhibition => "展会",
        ActivityType.LiveStream => "线上直播",
        _ => t.ToString(),
    };

    public static string Label(ActivityStatus s) => s switch
    {
        ActivityStatus.Draft => "草稿",
        ActivityStatus.PendingReview => "待审核",
        ActivityStatus.Published => "已发布",
        ActivityStatus.Cancelled => "已取消",
        ActivityStatus.Finished => "已结束",
        _ => s.ToString(),
    };

    public static string Label(RegistrationStatus s) => s switch
    {
        RegistrationStatus.Pending => "待审核",
        RegistrationStatus.Registered => "已报名",
        RegistrationStatus.Waitlisted => "候补中",
        RegistrationStatus.Cancelled => "已取消",
        RegistrationStatus.Rejected => "未通过",
        _ => s.ToString(),
    };

    public static string Label(Satisfaction s) => s switch
    {
        Satisfaction.VerySatisfied => "非常满意",
        Satisfaction.Satisfied => "满意",
        Satisfaction.Neutral => "一般",
        Satisfaction.Dissatisfied => "不满意",
        Satisfaction.VeryDissatisfied => "非常不满意",
        _ => s.ToString(),
    };

    public static string CssClass(ActivityStatus s) => s switch
    {
        ActivityStatus.Published => "tag tag-ok",
        ActivityStatus.PendingReview => "tag tag-pending",
        ActivityStatus.Cancelled => "tag tag-bad",
        _ => "tag",
    };

    public static DateTime Local(DateTime utc) => utc.AddHours(8);

    public static string Time(DateTime utc) => Local(utc).ToString("yyyy-MM-dd HH:mm");

    public static string Schedule(DateTime startsAt, DateTime endsAt) =>
        Local(startsAt).Date == Local(endsAt).Date
            ? $"{Local(startsAt):yyyy-MM-dd HH:mm}–{Local(endsAt):HH:mm}"
            : $"{Time(startsAt)} 至 {Time(endsAt)}";
}
