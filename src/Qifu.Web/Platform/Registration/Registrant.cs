using Qifu.Web.Platform.Errors;

namespace Qifu.Web.Platform.Registration;

/// <summary>
/// What enterprises and institutions share: the onboarding review (draft → submitted → approved | rejected), its dates,
/// and a version bumped on every change (a concurrency token; SQLite has no row version). Not an entity of its own:
/// each subclass maps these columns into its own table.
/// </summary>
public abstract class Registrant
{
    public RegistrationStatus Status { get; protected set; }
    public string? RejectReason { get; private set; }
    public DateTime? SubmittedAt { get; protected set; }
    public DateTime? ReviewedAt { get; protected set; }
    public DateTime? ApprovedAt { get; protected set; }
    public int Version { get; protected set; }

    /// <summary>What the user calls the record they edit: 注册信息, 入驻信息.</summary>
    protected abstract string RecordLabel { get; }

    public void Submit(DateTime now)
    {
        if (Status is not (RegistrationStatus.Draft or RegistrationStatus.Rejected))
            throw new RuleViolationException("STATUS_CONFLICT", $"当前状态为“{RegistrationStatuses.Label(Status)}”，不能提交审核");
        Status = RegistrationStatus.Submitted;
        SubmittedAt = now;
        Version++;
    }

    public void Approve(DateTime now)
    {
        RegistrationStatuses.EnsureReviewable(Status);
        Status = RegistrationStatus.Approved;
        RejectReason = null;
        ReviewedAt = now;
        ApprovedAt ??= now;
        Version++;
    }

    public void Reject(string? reason, DateTime now)
    {
        RegistrationStatuses.EnsureReviewable(Status);
        RejectReason = RegistrationStatuses.RequireReason(reason);
        Status = RegistrationStatus.Rejected;
        ReviewedAt = now;
        Version++;
    }

    public void EnsureEditable()
    {
        if (Status is not (RegistrationStatus.Draft or RegistrationStatus.Rejected))
            throw new RuleViolationException("STATUS_CONFLICT", $"当前状态为“{RegistrationStatuses.Label(Status)}”，不能修改{RecordLabel}");
    }
}
