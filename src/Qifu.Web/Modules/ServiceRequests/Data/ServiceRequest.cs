using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Registration;

namespace Qifu.Web.Modules.ServiceRequests.Data;

/// <summary>
/// 已提交 → 已受理 | 已拒绝 | 已撤回; 已受理 → 服务中 → 机构办结 → 待评价 (confirmed, or after the reopen window) → 已评价 | 未评价.
/// 机构办结 can be reopened by the enterprise within the window, which puts it back into 服务中.
/// </summary>
public enum RequestStatus
{
    Submitted = 0,
    Accepted = 1,
    InService = 2,
    Completed = 3,
    AwaitingEvaluation = 4,
    Evaluated = 5,
    ClosedUnrated = 6,
    Declined = 7,
    Withdrawn = 8,
}

/// <summary>Who acted on a request: the timeline shows it next to each step.</summary>
public enum Party { Enterprise = 0, Institution = 1, Operator = 2, System = 3 }

/// <summary>An enterprise's request (服务申请) for one service item, handled by the item's institution.</summary>
public sealed class ServiceRequest
{
    public Guid Id { get; init; }
    /// <summary>What people quote on the phone: FW + date + six characters.</summary>
    public required string Number { get; init; }
    public Guid ItemId { get; init; }
    public int ItemVersion { get; init; }
    public required string ItemTitle { get; init; }
    public Guid InstitutionId { get; init; }
    public required string InstitutionName { get; init; }
    public Guid EnterpriseId { get; init; }
    public required string EnterpriseName { get; init; }
    /// <summary>The enterprise's operating region: its county operator follows the request up.</summary>
    public required string RegionCode { get; init; }
    public required string Need { get; set; }
    public required string ContactName { get; init; }
    public required string ContactPhone { get; init; }
    public Guid ConsentId { get; init; }
    public RequestStatus Status { get; private set; }
    /// <summary>A short note for the enterprise at every step (e.g. 等待补充材料).</summary>
    public string? StatusNote { get; private set; }
    public string? DeclineReason { get; private set; }
    public DateTime SubmittedAt { get; init; }
    public DateOnly AcceptDueOn { get; init; }
    public DateTime? AcceptedAt { get; private set; }
    public DateOnly? CompleteDueOn { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    public DateTime? ReopenUntil { get; private set; }
    public int ReopenCount { get; private set; }
    public DateTime? ConfirmedAt { get; private set; }
    public DateTime? EvaluateUntil { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    /// <summary>Set by the deadline job when a step is late; cleared when the step is done.</summary>
    public DateTime? OverdueSince { get; private set; }
    public DateTime? EscalatedAt { get; private set; }
    public int Version { get; private set; }

    public bool IsOpen => Status is RequestStatus.Submitted or RequestStatus.Accepted or RequestStatus.InService or RequestStatus.Completed;

    /// <summary>The date the enterprise is told to expect the result.</summary>
    public DateOnly? ExpectedOn => Status == RequestStatus.Submitted ? null : CompleteDueOn;

    public RequestEvent Accept(DateOnly completeDueOn, string? note, Actor by, DateTime now)
    {
        Expect(RequestStatus.Submitted, "受理");
        CompleteDueOn = completeDueOn;
        AcceptedAt = now;
        OverdueSince = null;
        return Move(RequestStatus.Accepted, "accept", note ?? "机构已受理", by, now, note);
    }

    public RequestEvent Decline(string? reason, Actor by, DateTime now)
    {
        Expect(RequestStatus.Submitted, "拒绝");
        DeclineReason = RegistrationStatuses.RequireReason(reason, "拒绝");
        ClosedAt = now;
        OverdueSince = null;
        return Move(RequestStatus.Declined, "decline", "机构未能受理：" + DeclineReason, by, now, DeclineReason);
    }

    public RequestEvent Withdraw(string? reason, Actor by, DateTime now)
    {
        Expect(RequestStatus.Submitted, "撤回");
        ClosedAt = now;
        OverdueSince = null;
        return Move(RequestStatus.Withdrawn, "withdraw", "企业已撤回申请", by, now, reason);
    }

    /// <summary>A progress note (服务进展). The first one after acceptance starts the service.</summary>
    public RequestEvent Progress(string note, string? statusNote, Actor by, DateTime now)
    {
        if (Status is not (RequestStatus.Accepted or RequestStatus.InService))
            throw Illegal("记录服务进展");
        return Move(RequestStatus.InService, "progress", statusNote ?? StatusNote ?? "服务进行中", by, now, note);
    }

    public RequestEvent Complete(string? note, int reopenWindowDays, Actor by, DateTime now)
    {
        if (Status is not (RequestStatus.Accepted or RequestStatus.InService))
            throw Illegal("办结");
        CompletedAt = now;
        ReopenUntil = now.AddDays(reopenWindowDays);
        OverdueSince = null;
        return Move(RequestStatus.Completed, "complete", "机构已办结，请确认服务结果并评价", by, now, note);
    }

    public RequestEvent Confirm(int evaluationWindowDays, Actor by, DateTime now)
    {
        Expect(RequestStatus.Completed, "确认办结");
        ConfirmedAt = now;
        EvaluateUntil = now.AddDays(evaluationWindowDays);
        return Move(RequestStatus.AwaitingEvaluation, by.Party == Party.System ? "auto-confirm" : "confirm",
            "待评价", by, now, by.Party == Party.System ? "确认期满，系统视为已确认办结" : null);
    }

    public RequestEvent Reopen(string? reason, DateOnly completeDueOn, Actor by, DateTime now)
    {
        Expect(RequestStatus.Completed, "重新打开");
        if (now > ReopenUntil)
            throw new RuleViolationException("REOPEN_WINDOW_CLOSED", "已超过可重新打开的期限");
        var why = RegistrationStatuses.RequireReason(reason, "重新打开");
        ReopenCount++;
        CompletedAt = null;
        ReopenUntil = null;
        CompleteDueOn = completeDueOn;
        return Move(RequestStatus.InService, "reopen", "企业认为问题未解决，已重新打开", by, now, why);
    }

    /// <summary>Evaluating a request the institution completed also confirms it.</summary>
    public RequestEvent Evaluated(Actor by, DateTime now)
    {
        if (Status is not (RequestStatus.Completed or RequestStatus.AwaitingEvaluation))
            throw new RuleViolationException("EVALUATION_NOT_ALLOWED",
                Status == RequestStatus.Evaluated ? "该服务申请已评价，每个申请只能评价一次" : $"当前状态为“{RequestStatuses.Label(Status)}”，办结后才能评价");
        ConfirmedAt ??= now;
        ClosedAt = now;
        return Move(RequestStatus.Evaluated, "evaluate", "已评价，服务结束", by, now, null);
    }

    /// <summary>No automatic five stars: an unrated request closes as 未评价.</summary>
    public RequestEvent CloseUnrated(DateTime now)
    {
        Expect(RequestStatus.AwaitingEvaluation, "关闭");
        ClosedAt = now;
        return Move(RequestStatus.ClosedUnrated, "close-unrated", "评价期满未评价，已关闭", Actor.System, now, null);
    }

    /// <summary>The deadline job marks a late step; the first time it escalates to the county operator.</summary>
    public bool MarkOverdue(DateTime now)
    {
        if (OverdueSince is not null) return false;
        OverdueSince = now;
        EscalatedAt ??= now;
        Version++;
        return true;
    }

    private RequestEvent Move(RequestStatus to, string action, string statusNote, Actor by, DateTime now, string? comment)
    {
        var from = Status;
        Status = to;
        // The column holds 500 characters; "机构未能受理：" + a 500-character reason would not fit.
        StatusNote = statusNote.Length > 500 ? statusNote[..500] : statusNote;
        Version++;
        return new RequestEvent
        {
            Id = Guid.NewGuid(), RequestId = Id, At = now, Action = action, FromStatus = from, ToStatus = to,
            Party = by.Party, ActorId = by.UserId, ActorName = by.Name, Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
        };
    }

    private void Expect(RequestStatus expected, string action)
    {
        if (Status != expected) throw Illegal(action);
    }

    private RuleViolationException Illegal(string action) =>
        new("REQUEST_STATUS_CONFLICT", $"当前状态为“{RequestStatuses.Label(Status)}”，不能{action}");
}

/// <summary>Who did it, as the timeline names them.</summary>
public sealed record Actor(Party Party, Guid? UserId, string Name)
{
    public static readonly Actor System = new(Party.System, null, "系统");
}

/// <summary>One step on a request's timeline (办理记录): who, when, from → to, comment; files hang off it.</summary>
public sealed class RequestEvent
{
    public Guid Id { get; init; }
    public Guid RequestId { get; init; }
    public DateTime At { get; init; }
    public required string Action { get; init; }
    public RequestStatus FromStatus { get; init; }
    public RequestStatus ToStatus { get; init; }
    public Party Party { get; init; }
    public Guid? ActorId { get; init; }
    public required string ActorName { get; init; }
    public string? Comment { get; init; }
}

public static class RequestStatuses
{
    public static string Label(RequestStatus s) => s switch
    {
        RequestStatus.Submitted => "已提交",
        RequestStatus.Accepted => "已受理",
        RequestStatus.InService => "服务中",
        RequestStatus.Completed => "机构已办结",
        RequestStatus.AwaitingEvaluation => "待评价",
        RequestStatus.Evaluated => "已评价",
        RequestStatus.ClosedUnrated => "未评价",
        RequestStatus.Declined => "已拒绝",
        RequestStatus.Withdrawn => "已撤回",
        _ => s.ToString(),
    };
}
