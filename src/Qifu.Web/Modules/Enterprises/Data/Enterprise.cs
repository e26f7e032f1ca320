using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Registration;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Enterprises.Data;

/// <summary>A registered company or 个体工商户, identified by its credit code, reviewed by the operator of its operating region.</summary>
public sealed class Enterprise
{
    public Guid Id { get; init; }
    public required string CreditCode { get; set; }
    public required string Name { get; set; }
    public required string LegalRepresentative { get; set; }
    /// <summary>经营所在区县: decides which county reviews it (not the region inside the credit code).</summary>
    public required string RegionCode { get; set; }
    public required string IndustrySection { get; set; }
    public required string IndustryDivision { get; set; }
    public string? IndustryGroup { get; set; }
    public int Employees { get; set; }
    public decimal RevenueWan { get; set; }
    public decimal AssetsWan { get; set; }
    public SizeClass SizeClass { get; set; }
    public string SizeReason { get; set; } = "";
    public required string ContactName { get; set; }
    public required string ContactPhone { get; set; }
    public Guid? LicenceFileId { get; set; }
    public RegistrationStatus Status { get; private set; }
    public string? RejectReason { get; private set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? SubmittedAt { get; private set; }
    public DateTime? ReviewedAt { get; private set; }
    public DateTime? ApprovedAt { get; private set; }
    public int Version { get; private set; }

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
            throw new RuleViolationException("STATUS_CONFLICT", $"当前状态为“{RegistrationStatuses.Label(Status)}”，不能修改注册信息");
    }

    /// <summary>Imported records were checked by the operator who imported them.</summary>
    public void ApproveOnImport(DateTime now)
    {
        Status = RegistrationStatus.Approved;
        SubmittedAt = ReviewedAt = ApprovedAt = now;
        Version++;
    }

    public object Snapshot() => new
    {
        CreditCode, Name, LegalRepresentative, RegionCode, IndustryDivision, Employees, RevenueWan, AssetsWan,
        SizeClass = SizeClass.ToString(), Status = Status.ToString(), RejectReason,
    };
}
