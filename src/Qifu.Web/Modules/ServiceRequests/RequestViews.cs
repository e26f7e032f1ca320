using Microsoft.AspNetCore.Mvc;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.ServiceRequests;

/// <summary>
/// Query string of the request lists (pages and API). Stage groups statuses the way people ask for them:
/// open (进行中), active (已受理/服务中), evaluate (待评价), closed (已结束), overdue (已超期).
/// </summary>
public sealed record RequestFilter
{
    public RequestStatus? Status { get; init; }
    public string? Stage { get; init; }
    public string? Region { get; init; }
    /// <summary>Request number, item title or enterprise name.</summary>
    public string? Q { get; init; }
    // From the query only: bound as a page model's filter, "Page" would otherwise be read from Razor Pages' own "page" route value.
    [FromQuery(Name = "Page")] public int? Page { get; init; }
    public int? PageSize { get; init; }
}

public static class RequestStages
{
    public const string Open = "open";
    public const string Active = "active";
    public const string Evaluate = "evaluate";
    public const string Closed = "closed";
    public const string Overdue = "overdue";

    public static readonly (string Code, string Label)[] All =
        [(Open, "进行中"), (Active, "已受理/服务中"), (Evaluate, "待评价"), (Closed, "已结束"), (Overdue, "已超期")];

    public static IQueryable<ServiceRequest> Apply(IQueryable<ServiceRequest> q, string? stage) => stage switch
    {
        Open => q.Where(r => r.Status == RequestStatus.Submitted || r.Status == RequestStatus.Accepted || r.Status == RequestStatus.InService
                             || r.Status == RequestStatus.Completed),
        Active => q.Where(r => r.Status == RequestStatus.Accepted || r.Status == RequestStatus.InService),
        Evaluate => q.Where(r => r.Status == RequestStatus.Completed || r.Status == RequestStatus.AwaitingEvaluation),
        Closed => q.Where(r => r.Status == RequestStatus.Evaluated || r.Status == RequestStatus.ClosedUnrated || r.Status == RequestStatus.Declined
                               || r.Status == RequestStatus.Withdrawn),
        Overdue => q.Where(r => r.OverdueSince != null && (r.Status == RequestStatus.Submitted || r.Status == RequestStatus.Accepted
                                                          || r.Status == RequestStatus.InService)),
        _ => q,
    };
}

/// <summary>One row of a request list. DueOn is the deadline of the step the request waits for (受理 or 办结), if any.</summary>
public sealed record RequestRow(Guid Id, string Number, Guid ItemId, string ItemTitle, Guid InstitutionId, string InstitutionName,
    Guid EnterpriseId, string EnterpriseName, string RegionCode, string RegionName, string Status, string StatusLabel, string StatusNote,
    DateTime SubmittedAt, DateOnly AcceptDueOn, DateOnly? CompleteDueOn, DateOnly? ExpectedOn, DateOnly? DueOn, string? DueLabel,
    int? WorkingDaysLeft, string? Countdown, DateTime? OverdueSince);

public sealed record EventView(Guid Id, DateTime At, string Action, string ActionLabel, string FromStatus, string ToStatus, string ToStatusLabel,
    string Party, string PartyLabel, string ActorName, string? Comment, IReadOnlyList<FileLink> Files);

/// <summary>
/// An evaluation as one viewer may see it: the author and operators see everything; the institution sees the comment
/// unless it was hidden, and the moderation reason only as "未通过审核"; the public only published comments.
/// </summary>
public sealed record EvaluationView(Guid Id, Guid RequestId, int Overall, string OverallLabel, int Timeliness, int Professionalism, int Attitude,
    string? Comment, string Moderation, string ModerationLabel, string? ModerationReason, string? Reply, DateTime? RepliedAt, string Appeal,
    string AppealLabel, string? AppealReason, string? AppealDecision, bool Counts, DateTime CreatedAt)
{
    public static EvaluationView Of(Evaluation e, Viewer viewer)
    {
        var showComment = viewer is Viewer.Enterprise or Viewer.Operator
                          || (viewer == Viewer.Institution && e.Moderation != ModerationStatus.Hidden)
                          || e.Moderation == ModerationStatus.Published;
        var showReason = viewer is Viewer.Enterprise or Viewer.Operator;
        var showAppeal = viewer is Viewer.Institution or Viewer.Operator;
        return new EvaluationView(e.Id, e.RequestId, e.Overall, Evaluation.LevelLabel(e.Overall), e.Timeliness, e.Professionalism, e.Attitude,
            showComment ? e.Comment : null, e.Moderation.ToString(), EvaluationText.ModerationLabel(e), showReason ? e.ModerationReason : null,
            e.Reply, e.RepliedAt, e.Appeal.ToString(), EvaluationText.AppealLabel(e.Appeal), showAppeal ? e.AppealReason : null,
            viewer == Viewer.Public ? null : e.AppealDecision, e.Counts, e.CreatedAt);
    }
}

public sealed record FollowUpView(Guid Id, Guid EvaluationId, Guid RequestId, string RequestNumber, string EnterpriseName, Guid EnterpriseId,
    string InstitutionName, string ItemTitle, string RegionCode, string RegionName, int Overall, string OverallLabel, string? Comment,
    DateOnly DueOn, string? Countdown, string Status, string StatusLabel, DateTime CreatedAt, DateTime? CalledBackAt, string? CallbackNote,
    string? Outcome, string? HandledByName);

/// <summary>What the caller may do next, by name of the API action (accept, decline, withdraw, progress, complete, confirm, reopen, evaluate).</summary>
public sealed record RequestDetail(RequestRow Request, string Need, string ContactName, string ContactPhone, bool ContactMasked,
    string? DeclineReason, DateTime? AcceptedAt, DateTime? CompletedAt, DateTime? ReopenUntil, DateTime? ConfirmedAt, DateTime? EvaluateUntil,
    DateTime? ClosedAt, int ReopenCount, IReadOnlyList<string> Actions, IReadOnlyList<EventView> Events, EvaluationView? Evaluation,
    FollowUpView? FollowUp);

public static class EvaluationText
{
    public static string ModerationLabel(Evaluation e) => e.Moderation switch
    {
        _ when string.IsNullOrEmpty(e.Comment) => "无评价内容",
        ModerationStatus.Pending => "评价内容待审核",
        ModerationStatus.Published => "已公开",
        ModerationStatus.Hidden => "未通过审核",
        _ => e.Moderation.ToString(),
    };

    public static string AppealLabel(AppealStatus a) => a switch
    {
        AppealStatus.None => "未申诉",
        AppealStatus.Pending => "申诉待裁定",
        AppealStatus.Upheld => "申诉成立（不计入评分）",
        AppealStatus.Dismissed => "申诉不成立",
        _ => a.ToString(),
    };

    public static string Stars(int score) => new string('★', Math.Clamp(score, 0, 5)) + new string('☆', 5 - Math.Clamp(score, 0, 5));

    public static readonly (string Field, string Label)[] SubScores =
        [("Timeliness", "响应及时"), ("Professionalism", "专业水平"), ("Attitude", "服务态度")];
}

/// <summary>Labels and small formatting shared by the pages.</summary>
public static class RequestText
{
    public static string StatusCss(RequestStatus s) => s switch
    {
        RequestStatus.Submitted or RequestStatus.Completed or RequestStatus.AwaitingEvaluation => "tag tag-pending",
        RequestStatus.Evaluated => "tag tag-ok",
        RequestStatus.Declined => "tag tag-bad",
        RequestStatus.Withdrawn or RequestStatus.ClosedUnrated => "tag tag-muted",
        _ => "tag",
    };

    public static string PartyLabel(Party p) => p switch
    {
        Party.Enterprise => "申请企业",
        Party.Institution => "服务机构",
        Party.Operator => "运营人员",
        Party.System => "系统",
        _ => p.ToString(),
    };

    public static string ActionLabel(string action) => action switch
    {
        "submit" => "提交申请",
        "accept" => "受理",
        "decline" => "拒绝受理",
        "withdraw" => "撤回申请",
        "progress" => "服务进展",
        "complete" => "办结",
        "confirm" => "确认办结",
        "auto-confirm" => "确认期满自动确认",
        "reopen" => "重新打开",
        "evaluate" => "评价",
        "close-unrated" => "未评价关闭",
        "overdue" => "超期督办",
        _ => action,
    };

    /// <summary>The note the enterprise sees when no one has written one yet.</summary>
    public static string StatusNote(ServiceRequest r) => r.StatusNote ?? r.Status switch
    {
        RequestStatus.Submitted => $"等待{r.InstitutionName}受理（受理期限 {r.AcceptDueOn:yyyy-MM-dd}）",
        _ => RequestStatuses.Label(r.Status),
    };

    /// <summary>Times are stored in UTC and shown in Hengyang's time (UTC+8).</summary>
    public static string Time(DateTime? utc) => utc is { } t ? t.AddHours(8).ToString("yyyy-MM-dd HH:mm") : "";

    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd") ?? "";

    public static string RegionName(string code) => RegionCodes.NameOf(code);

    /// <summary>How the public sees who wrote an evaluation: 衡阳恒远机械制造有限公司 → 衡阳****公司.</summary>
    public static string MaskOrganisation(string name) =>
        name.Length <= 4 ? name[..1] + new string('*', Math.Max(1, name.Length - 1)) : name[..2] + "****" + name[^2..];
}
