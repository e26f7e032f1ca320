using Qifu.Web.Platform.Errors;

namespace Qifu.Web.Platform.Registration;

/// <summary>The onboarding review (入驻申请 / 注册审核) shared by enterprises and institutions.</summary>
public enum RegistrationStatus { Draft = 0, Submitted = 1, Approved = 2, Rejected = 3, Suspended = 4 }

public static class RegistrationStatuses
{
    public static string Label(RegistrationStatus s) => s switch
    {
        RegistrationStatus.Draft => "草稿",
        RegistrationStatus.Submitted => "待审核",
        RegistrationStatus.Approved => "已通过",
        RegistrationStatus.Rejected => "已驳回",
        RegistrationStatus.Suspended => "已暂停",
        _ => s.ToString(),
    };

    public static string CssClass(RegistrationStatus s) => s switch
    {
        RegistrationStatus.Submitted => "tag tag-pending",
        RegistrationStatus.Approved => "tag tag-ok",
        RegistrationStatus.Rejected => "tag tag-bad",
        RegistrationStatus.Suspended => "tag tag-muted",
        _ => "tag",
    };

    public static void EnsureReviewable(RegistrationStatus s)
    {
        if (s != RegistrationStatus.Submitted)
            throw new RuleViolationException("STATUS_CONFLICT", $"该申请当前状态为“{Label(s)}”，不能审核");
    }

    /// <param name="action">The decision the reason explains, as the user reads it: 驳回, 暂停.</param>
    public static string RequireReason(string? reason, string action = "驳回")
    {
        var r = reason?.Trim();
        if (string.IsNullOrEmpty(r))
            throw new RuleViolationException("REASON_REQUIRED", $"{action}时请填写{action}原因", "reason", 400);
        if (r.Length > 500)
            throw new RuleViolationException("REASON_TOO_LONG", $"{action}原因不能超过500字", "reason", 400);
        return r;
    }
}
