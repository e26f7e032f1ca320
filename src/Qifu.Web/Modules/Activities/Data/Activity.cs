using Qifu.Web.Platform.Errors;

namespace Qifu.Web.Modules.Activities.Data;

/// <summary>活动类型 (the API reads and writes the names).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ActivityType>))]
public enum ActivityType { Training = 0, PolicyBriefing = 1, Matchmaking = 2, BankEnterprise = 3, PublicService = 4, Exhibition = 5, LiveStream = 6 }

/// <summary>草稿 → (机构提议：待审核 →) 已发布 → 已结束; 已发布 → 已取消. A rejected proposal goes back to 草稿 with the reason.</summary>
public enum ActivityStatus { Draft = 0, PendingReview = 1, Published = 2, Cancelled = 3, Finished = 4 }

/// <summary>
/// An activity (活动) organised by the centre, a county site or an approved institution. Seats are counted in
/// <see cref="Taken"/>, which only ever moves through one conditional UPDATE in the database (docs/decisions/0010), never
/// through a tracked change, so two requests can never both take the last seat.
/// </summary>
public sealed class Activity
{
    public Guid Id { get; init; }
    public ActivityType Type { get; set; }
    public string Title { get; set; } = "";
    /// <summary>Rich text, sanitised when saved (SECURITY.md EN-03).</summary>
    public string Description { get; set; } = "";
    public string OrganiserName { get; set; } = "";
    /// <summary>Set when an institution organises it (a proposal reviewed by the region's operator); null for the centre or a county site.</summary>
    public Guid? InstitutionId { get; init; }
    public required string RegionCode { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public string? Venue { get; set; }
    public string? OnlineLink { get; set; }
    public int Capacity { get; set; }
    /// <summary>Places kept back (county quotas, guests): never offered for registration.</summary>
    public int Reserved { get; set; }
    /// <summary>Seats held by registered and pending registrations. Changed only by <see cref="Register.Seats"/>.</summary>
    public int Taken { get; private set; }
    public DateTime RegistrationOpensAt { get; set; }
    public DateTime RegistrationClosesAt { get; set; }
    /// <summary>Extra questions of the registration form, one per line (at most five).</summary>
    public string Questions { get; set; } = "";
    public bool RequiresApproval { get; set; }
    /// <summary>No waitlist: once the seats are gone, registering is refused (409 ACTIVITY_FULL) instead of queued.</summary>
    public bool WithoutWaitlist { get; set; }
    public bool IsPublicInterest { get; set; }
    public ActivityStatus Status { get; private set; }
    public string? RejectReason { get; private set; }
    public string? CancelReason { get; private set; }
    public string? Summary { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? PublishedAt { get; private set; }
    public DateTime? ReminderSentAt { get; set; }
    public int Version { get; private set; }

    public int Available => Math.Max(0, Capacity - Reserved);
    public int SeatsLeft => Math.Max(0, Available - Taken);
    public IReadOnlyList<string> QuestionList => QuestionsOf(Questions);

    public static IReadOnlyList<string> QuestionsOf(string questions) => questions.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    public bool IsOnline => Type == ActivityType.LiveStream || (string.IsNullOrEmpty(Venue) && !string.IsNullOrEmpty(OnlineLink));

    public void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }

    public void EnsureEditable()
    {
        if (Status is not (ActivityStatus.Draft or ActivityStatus.Published))
            throw new RuleViolationException("ACTIVITY_STATUS_CONFLICT", $"当前状态为“{ActivityLabels.Label(Status)}”，不能修改");
    }

    /// <summary>An operator publishes directly; an approved proposal is published by the reviewer.</summary>
    public void Publish(DateTime now)
    {
        if (Status is not (ActivityStatus.Draft or ActivityStatus.PendingReview))
            throw new RuleViolationException("ACTIVITY_STATUS_CONFLICT", $"当前状态为“{ActivityLabels.Label(Status)}”，不能发布");
        Status = ActivityStatus.Published;
        PublishedAt = now;
        RejectReason = null;
        Touch(now);
    }

    public void SubmitForReview(DateTime now)
    {
        if (Status != ActivityStatus.Draft)
            throw new RuleViolationException("ACTIVITY_STATUS_CONFLICT", $"当前状态为“{ActivityLabels.Label(Status)}”，不能提交审核");
        Status = ActivityStatus.PendingReview;
        Touch(now);
    }

    public void Reject(string? reason, DateTime now)
    {
        if (Status != ActivityStatus.PendingReview)
            throw new RuleViolationException("ACTIVITY_STATUS_CONFLICT", "该活动不在待审核状态");
        if (string.IsNullOrWhiteSpace(reason))
            throw new RuleViolationException("REASON_REQUIRED", "请填写驳回原因", "reason", 400);
        Status = ActivityStatus.Draft;
        RejectReason = reason.Trim();
        Touch(now);
    }

    public void Cancel(string? reason, DateTime now)
    {
        if (Status is not (ActivityStatus.Published or ActivityStatus.Draft or ActivityStatus.PendingReview))
            throw new RuleViolationException("ACTIVITY_STATUS_CONFLICT", $"当前状态为“{ActivityLabels.Label(Status)}”，不能取消");
        if (Status == ActivityStatus.Published && string.IsNullOrWhiteSpace(reason))
            throw new RuleViolationException("REASON_REQUIRED", "取消已发布的活动须填写原因（将通知已报名企业）", "reason", 400);
        Status = ActivityStatus.Cancelled;
        CancelReason = reason?.Trim();
        Touch(now);
    }

    public void Finish(DateTime now)
    {
        if (Status != ActivityStatus.Published || EndsAt > now) return;
        Status = ActivityStatus.Finished;
        Touch(now);
    }

    public void EnsureOpenForRegistration(DateTime now)
    {
        if (Status != ActivityStatus.Published)
            throw new RuleViolationException("ACTIVITY_NOT_OPEN", "该活动未开放报名");
        if (now < RegistrationOpensAt)
            throw new RuleViolationException("REGISTRATION_NOT_STARTED", $"报名尚未开始，开始时间 {ActivityLabels.Time(RegistrationOpensAt)}", null, 422);
        if (now > RegistrationClosesAt)
            throw new RuleViolationException("DEADLINE_PASSED", $"报名已于 {ActivityLabels.Time(RegistrationClosesAt)} 截止", null, 422);
    }

    public object Snapshot() => new
    {
        Type = Type.ToString(), Title, OrganiserName, RegionCode, StartsAt, EndsAt, Venue, OnlineLink, Capacity, Reserved,
        RegistrationOpensAt, RegistrationClosesAt, RequiresApproval, IsPublicInterest, Status = Status.ToString(),
    };
}

/// <summary>报名状态: 待审核 (holds a seat) / 已报名 / 候补 / 已取消 / 未通过.</summary>
public enum RegistrationStatus { Pending = 0, Registered = 1, Waitlisted = 2, Cancelled = 3, Rejected = 4 }

/// <summary>满意度 (5 levels, as the 好差评 form).</summary>
public enum Satisfaction { VeryDissatisfied = 1, Dissatisfied = 2, Neutral = 3, Satisfied = 4, VerySatisfied = 5 }

/// <summary>
/// One enterprise's registration for named staff, or a walk-in added at the door. The key is a database sequence, so
/// ordering by it is the order registrations arrived (the waitlist order).
/// </summary>
public sealed class ActivityRegistration
{
    public long Id { get; init; }
    public Guid ActivityId { get; init; }
    /// <summary>Null for a walk-in who is not a registered enterprise.</summary>
    public Guid? EnterpriseId { get; init; }
    public required string EnterpriseName { get; set; }
    public string RegionCode { get; init; } = "";
    public RegistrationStatus Status { get; set; }
    /// <summary>Short check-in code (报名码), 8 characters without 0/O/1/I/L.</summary>
    public required string Code { get; set; }
    public int Seats { get; set; }
    public List<Attendee> Attendees { get; set; } = [];
    /// <summary>Answers to the activity's questions, one per line in the order of the questions.</summary>
    public string Answers { get; set; } = "";
    public bool IsWalkIn { get; init; }
    public DateTime CreatedAt { get; set; }
    public DateTime? PromotedAt { get; set; }
    public DateTime? CancelledAt { get; set; }
    public DateTime? CheckedInAt { get; set; }
    public string? CheckedInBy { get; set; }
    public Satisfaction? Feedback { get; set; }
    public string? FeedbackComment { get; set; }
    public DateTime? FeedbackAt { get; set; }
    public Guid? CreatedBy { get; init; }

    public bool HoldsSeats => Status is RegistrationStatus.Registered or RegistrationStatus.Pending;

    /// <summary>
    /// The activity's questions, each with this registration's answer ("" for none: a walk-in, or a question added later).
    /// Answers are kept by position; one beyond the current questions (a question removed later) is shown as 问题N.
    /// </summary>
    public IReadOnlyList<QuestionAnswer> AnswersTo(IReadOnlyList<string> questions)
    {
        var answers = Answers.Split('\n');
        var count = Math.Max(questions.Count, Answers.Length == 0 ? 0 : answers.Length);
        return [.. Enumerable.Range(0, count).Select(i => new QuestionAnswer(
            i < questions.Count ? questions[i] : $"问题{i + 1}", Answers.Length > 0 && i < answers.Length ? answers[i] : ""))];
    }
}

/// <summary>One registration question with the answer an enterprise gave.</summary>
public sealed record QuestionAnswer(string Question, string Answer);

public sealed class Attendee
{
    public string Name { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Position { get; set; } = "";
}
