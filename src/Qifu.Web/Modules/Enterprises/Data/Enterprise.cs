using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Registration;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Enterprises.Data;

/// <summary>A registered company or 个体工商户, identified by its credit code, reviewed by the operator of its operating region.</summary>
public sealed class Enterprise : Registrant
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
    /// <summary>Enterprise tags (专精特新, 高新技术企业…), dictionary codes, comma separated.</summary>
    public string Tags { get; set; } = "";
    public DateTime CreatedAt { get; init; }

    protected override string RecordLabel => "注册信息";

    /// <summary>
    /// The person registering with an imported enterprise's credit code claims it; whether they really act for it is
    /// reviewed like any registration.
    /// </summary>
    public void Claim(DateTime now)
    {
        Status = RegistrationStatus.Submitted;
        SubmittedAt = now;
        Version++;
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
