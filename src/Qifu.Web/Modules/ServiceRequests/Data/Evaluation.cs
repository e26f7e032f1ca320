using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Registration;

namespace Qifu.Web.Modules.ServiceRequests.Data;

/// <summary>Comments are shown once an operator lets them through; the author always sees why one was not.</summary>
public enum ModerationStatus { Pending = 0, Published = 1, Hidden = 2 }

public enum AppealStatus { None = 0, Pending = 1, Upheld = 2, Dismissed = 3 }

/// <summary>
/// 好差评: one evaluation per completed request, by its enterprise. 5 levels (非常满意 ★5 … 非常不满意 ★1) and three
/// sub-scores (响应及时, 专业水平, 服务态度). An upheld appeal excludes it from the figures but keeps the record.
/// </summary>
public sealed class Evaluation
{
    public Guid Id { get; init; }
    public Guid RequestId { get; init; }
    public Guid ItemId { get; init; }
    public Guid InstitutionId { get; init; }
    public Guid EnterpriseId { get; init; }
    public required string RegionCode { get; init; }
    public int Overall { get; init; }
    public int Timeliness { get; init; }
    public int Professionalism { get; init; }
    public int Attitude { get; init; }
    public string? Comment { get; init; }
    public DateTime CreatedAt { get; init; }
    public ModerationStatus Moderation { get; private set; }
    public string? ModerationReason { get; private set; }
    public DateTime? ModeratedAt { get; private set; }
    public string? Reply { get; private set; }
    public DateTime? RepliedAt { get; private set; }
    public AppealStatus Appeal { get; private set; }
    public string? AppealReason { get; private set; }
    public string? AppealDecision { get; private set; }
    public DateTime? AppealedAt { get; private set; }
    public DateTime? AppealDecidedAt { get; private set; }
    public int Version { get; private set; }

    /// <summary>Counts toward satisfaction and ratings unless an appeal removed it.</summary>
    public bool Counts => Appeal != AppealStatus.Upheld;
    public bool IsBad => Overall <= 2;

    public static readonly string[] Levels = ["", "非常不满意", "不满意", "基本满意", "满意", "非常满意"];

    public static string LevelLabel(int score) => score is >= 1 and <= 5 ? Levels[score] : "";

    public void Moderate(bool publish, string? reason, DateTime now)
    {
        if (publish)
        {
            Moderation = ModerationStatus.Published;
            ModerationReason = null;
        }
        else
        {
            ModerationReason = RegistrationStatuses.RequireReason(reason, "屏蔽");
            Moderation = ModerationStatus.Hidden;
        }
        ModeratedAt = now;
        Version++;
    }

    public void PostReply(string? reply, DateTime now)
    {
        if (Reply is not null)
            throw new RuleViolationException("REPLY_EXISTS", "每条评价只能公开回复一次");
        var text = reply?.Trim();
        if (string.IsNullOrEmpty(text))
            throw new RuleViolationException("REPLY_REQUIRED", "请填写回复内容", "reply", 400);
        if (text.Length > 500)
            throw new RuleViolationException("REPLY_TOO_LONG", "回复内容不能超过500字", "reply", 400);
        Reply = text;
        RepliedAt = now;
        Version++;
    }

    public void FileAppeal(string? reason, DateTime now)
    {
        if (Appeal != AppealStatus.None)
            throw new RuleViolationException("APPEAL_EXISTS", "该评价已申诉过，不能重复申诉");
        AppealReason = RegistrationStatuses.RequireReason(reason, "申诉");
        Appeal = AppealStatus.Pending;
        AppealedAt = now;
        Version++;
    }

    public void DecideAppeal(bool uphold, string? decision, DateTime now)
    {
        if (Appeal != AppealStatus.Pending)
            throw new RuleViolationException("APPEAL_STATUS_CONFLICT", "没有待处理的申诉");
        AppealDecision = RegistrationStatuses.RequireReason(decision, "裁定");
        Appeal = uphold ? AppealStatus.Upheld : AppealStatus.Dismissed;
        AppealDecidedAt = now;
        Version++;
    }
}

public enum FollowUpStatus { Open = 0, Done = 1 }

/// <summary>差评回访: an evaluation of 2 or lower opens a task for the county operator, due in 15 working days.</summary>
public sealed class FollowUp
{
    public Guid Id { get; init; }
    public Guid EvaluationId { get; init; }
    public Guid RequestId { get; init; }
    public required string RegionCode { get; init; }
    public DateOnly DueOn { get; init; }
    public FollowUpStatus Status { get; private set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? CalledBackAt { get; private set; }
    public string? CallbackNote { get; private set; }
    public string? Outcome { get; private set; }
    public string? HandledByName { get; private set; }
    public int Version { get; private set; }

    public void RecordCallback(DateTime calledAt, string? note, string? outcome, string handledBy, DateTime now)
    {
        if (Status == FollowUpStatus.Done)
            throw new RuleViolationException("FOLLOW_UP_DONE", "该回访已办结");
        if (calledAt > now)
            throw new RuleViolationException("CALLBACK_IN_FUTURE", "回访时间不能晚于现在", "calledBackAt", 400);
        var text = note?.Trim();
        if (string.IsNullOrEmpty(text))
            throw new RuleViolationException("CALLBACK_NOTE_REQUIRED", "请填写回访情况", "callbackNote", 400);
        if (text.Length > 1000)
            throw new RuleViolationException("CALLBACK_NOTE_TOO_LONG", "回访情况不能超过1000字", "callbackNote", 400);
        CallbackNote = text;
        Outcome = string.IsNullOrWhiteSpace(outcome) ? null : outcome.Trim();
        CalledBackAt = calledAt;
        HandledByName = handledBy;
        Status = FollowUpStatus.Done;
        Version++;
    }
}
