namespace Qifu.Web.Platform.Dictionaries;

/// <summary>
/// An operator-maintained dictionary value (字典), e.g. an enterprise tag such as 专精特新中小企业.
/// The code is stable once created; the name and whether it is offered can change.
/// </summary>
public sealed class DictionaryItem
{
    public int Id { get; init; }
    public required string Kind { get; init; }
    public required string Code { get; init; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
    public bool IsEnabled { get; set; } = true;

    public void Rename(string name, int sortOrder, bool enabled)
    {
        Name = name.Trim();
        SortOrder = sortOrder;
        IsEnabled = enabled;
    }
}

public static class DictionaryKinds
{
    public const string EnterpriseTag = "enterprise-tag";
    /// <summary>A search synonym group: Name holds the words separated by spaces (融资 贷款 借款).</summary>
    public const string SearchSynonym = "search-synonym";
}

/// <summary>A runtime setting (参数配置) a city operator may change, e.g. the service hotline shown in the footer.</summary>
public sealed class Setting
{
    public required string Key { get; init; }
    public required string Value { get; set; }
}

/// <summary>A setting; with <see cref="Min"/> and <see cref="Max"/> it is a whole number in that range.</summary>
public sealed record SettingDefinition(string Key, string Label, string Default, int MaxLength, int? Min = null, int? Max = null);

public static class Settings
{
    public const string Organizer = "site.organizer";
    public const string Address = "site.address";
    public const string Hotline = "site.hotline";
    public const string Email = "site.email";
    public const string Icp = "site.icp";
    public const string AcceptWorkingDays = "request.accept-working-days";
    public const string ReopenWindowDays = "request.reopen-window-days";
    public const string EvaluationWindowDays = "request.evaluation-window-days";
    public const string FollowUpWorkingDays = "evaluation.follow-up-working-days";
    public const string CountyArticleReview = "content.county-review";
    public const string PolicyWindowReminderDays = "policy.window-reminder-days";
    public const string NeedFollowUpWorkingDays = "need.follow-up-days";
    public const string LoanRenewalMinDaysBeforeMaturity = "loan-renewal.min-days-before-maturity";
    public const string LoanRenewalAcceptWorkingDays = "loan-renewal.accept-working-days";
    public const string LoanRenewalForwardWorkingDays = "loan-renewal.forward-working-days";
    public const string LoanRenewalDecisionWorkingDays = "loan-renewal.decision-working-days";
    public const string TargetSatisfaction = "indicators.target-satisfaction";
    public const string TargetFreeShare = "indicators.target-free-share";
    public const string TargetServedPerYear = "indicators.target-served-per-year";
    public const string TargetActivitiesPerYear = "indicators.target-activities-per-year";
    public const string TargetPartnerInstitutions = "indicators.target-partner-institutions";

    public static readonly SettingDefinition[] All =
    [
        new(Organizer, "主办单位", "衡阳市中小企业服务中心", 100),
        new(Address, "地址", "湖南省衡阳市（演示）", 200),
        new(Hotline, "服务热线", "0734-0000000（演示号码）", 50),
        new(Email, "电子邮箱", "service@example.org（演示地址）", 100),
        new(Icp, "ICP备案号", "", 50),
        new(AcceptWorkingDays, "服务申请受理时限（工作日）", "2", 2, 1, 30),
        new(ReopenWindowDays, "办结后可重新打开的期限（天）", "7", 2, 1, 60),
        new(EvaluationWindowDays, "待评价期限（天，期满记为未评价）", "15", 2, 1, 90),
        new(FollowUpWorkingDays, "差评回访时限（工作日）", "15", 2, 1, 60),
        new(CountyArticleReview, "区县文章须经市级审核（1 是，0 否）", "1", 1, 0, 1),
        new(PolicyWindowReminderDays, "政策申报截止前提醒订阅企业（天）", "7", 2, 1, 60),
        new(NeedFollowUpWorkingDays, "企业需求发布后无机构响应转入待跟进（工作日）", "3", 2, 1, 30),
        new(LoanRenewalMinDaysBeforeMaturity, "续贷建议提前申请天数（不足时提醒，不拒绝）", "30", 3, 1, 180),
        new(LoanRenewalAcceptWorkingDays, "续贷受理（或退回补正）时限（工作日）", "2", 2, 1, 30),
        new(LoanRenewalForwardWorkingDays, "续贷受理后推送银行时限（工作日）", "1", 2, 1, 10),
        new(LoanRenewalDecisionWorkingDays, "合作银行续贷审批决定时限（工作日）", "10", 2, 1, 60),
        new(TargetSatisfaction, "运营指标目标：服务满意率不低于（%）", "80", 3, 0, 100),
        new(TargetFreeShare, "运营指标目标：免费及低收费服务占比不低于（%）", "20", 3, 0, 100),
        new(TargetServedPerYear, "运营指标目标：年度服务企业不少于（家）", "150", 6, 0, 999999),
        new(TargetActivitiesPerYear, "运营指标目标：年度组织活动不少于（次）", "8", 4, 0, 9999),
        new(TargetPartnerInstitutions, "运营指标目标：合作服务机构不少于（家）", "5", 4, 0, 9999),
    ];
}
