namespace Qifu.Web.Modules.Needs.Data;

/// <summary>The zh-CN words for the needs module's states and amounts.</summary>
public static class NeedLabels
{
    public static string Label(NeedStatus s) => s switch
    {
        NeedStatus.PendingReview => "待审核",
        NeedStatus.Open => "征集方案中",
        NeedStatus.Rejected => "未通过审核",
        NeedStatus.Docked => "已对接",
        NeedStatus.Closed => "已关闭",
        NeedStatus.Expired => "已过期",
        _ => s.ToString(),
    };

    public static string CssClass(NeedStatus s) => s switch
    {
        NeedStatus.Open or NeedStatus.Docked => "tag tag-ok",
        NeedStatus.Rejected => "tag tag-bad",
        NeedStatus.PendingReview => "tag tag-pending",
        _ => "tag tag-muted",
    };

    public static string Label(ProposalStatus s) => s switch
    {
        ProposalStatus.Live => "有效",
        ProposalStatus.Withdrawn => "已撤回",
        ProposalStatus.Picked => "已选中",
        ProposalStatus.NotPicked => "未选中",
        _ => s.ToString(),
    };

    /// <summary>元 amounts as people write them: 5,000元, 面议.</summary>
    public static string Money(decimal? amount) =>
        amount is { } a ? a.ToString(a == decimal.Truncate(a) ? "#,0" : "#,0.00", System.Globalization.CultureInfo.InvariantCulture) + "元" : "面议";

    public static string Date(DateTime utc) => utc.AddHours(8).ToString("yyyy-MM-dd HH:mm");

    /// <summary>Hours as the figures page shows them: under two days in hours, otherwise in days.</summary>
    public static string Duration(double? hours) => hours switch
    {
        null => "—",
        < 48 => $"{hours.Value:0.#} 小时",
        _ => $"{hours.Value / 24:0.#} 天",
    };
}
