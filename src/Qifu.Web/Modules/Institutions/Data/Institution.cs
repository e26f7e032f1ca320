using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Registration;

namespace Qifu.Web.Modules.Institutions.Data;

public enum InstitutionKind { General = 0, Bank = 1 }

/// <summary>A service institution applying to join (入驻): law firm, accountant, bank, trainer, lab...</summary>
public sealed class Institution : Registrant
{
    public Guid Id { get; init; }
    public required string CreditCode { get; set; }
    public required string Name { get; set; }
    public InstitutionKind Kind { get; set; }
    /// <summary>Where it is located; the operator of this region reviews it.</summary>
    public required string RegionCode { get; set; }
    /// <summary>Service category codes, comma separated (see ServiceCategories).</summary>
    public string Categories { get; set; } = "";
    /// <summary>Region codes it serves, comma separated.</summary>
    public string ServiceRegions { get; set; } = "";
    public int StaffCount { get; set; }
    public string FeePolicy { get; set; } = "";
    public string Introduction { get; set; } = "";
    public required string ContactName { get; set; }
    public required string ContactPhone { get; set; }
    public string? SuspendReason { get; private set; }
    public bool IsCore { get; private set; }
    public DateOnly? CoreFrom { get; private set; }
    public DateOnly? CoreUntil { get; private set; }
    public DateTime CreatedAt { get; init; }

    /// <summary>Who may join by the first two characters of the credit code (DOMAIN.md §3.1): companies, 个体工商户,
    /// co-operatives, 民办非企业, 社会团体, 事业单位 and law firms.</summary>
    public static readonly string[] EligibleCreditCodeTypes = ["91", "92", "93", "52", "51", "12", "31"];

    public static void EnsureEligible(string normalizedCreditCode)
    {
        if (!EligibleCreditCodeTypes.Contains(normalizedCreditCode[..2]))
            throw new RuleViolationException("USCC_TYPE_NOT_ALLOWED", "该统一社会信用代码类型不能申请服务机构入驻", "creditCode", 400);
    }

    public IEnumerable<string> CategoryCodes => Categories.Split(',', StringSplitOptions.RemoveEmptyEntries);
    public IEnumerable<string> ServiceRegionCodes => ServiceRegions.Split(',', StringSplitOptions.RemoveEmptyEntries);

    protected override string RecordLabel => "入驻信息";

    public void Suspend(string? reason, DateTime now)
    {
        if (Status != RegistrationStatus.Approved)
            throw new RuleViolationException("STATUS_CONFLICT", "只有已通过的机构可以暂停");
        SuspendReason = RegistrationStatuses.RequireReason(reason, "暂停");
        Status = RegistrationStatus.Suspended;
        ReviewedAt = now;
        Version++;
    }

    public void Resume(DateTime now)
    {
        if (Status != RegistrationStatus.Suspended)
            throw new RuleViolationException("STATUS_CONFLICT", "只有已暂停的机构可以恢复");
        Status = RegistrationStatus.Approved;
        SuspendReason = null;
        ReviewedAt = now;
        Version++;
    }

    /// <summary>核心服务机构: only an approved institution, for a validity period that has not already ended.</summary>
    public void MarkCore(DateOnly from, DateOnly until, DateOnly today)
    {
        if (Status != RegistrationStatus.Approved)
            throw new RuleViolationException("STATUS_CONFLICT", "只有已通过入驻的机构可以认定为核心服务机构");
        if (until < from)
            throw new RuleViolationException("PERIOD_INVALID", "有效期结束日期不能早于开始日期", "coreUntil", 400);
        if (until < today)
            throw new RuleViolationException("PERIOD_INVALID", "有效期结束日期不能早于今天", "coreUntil", 400);
        IsCore = true;
        CoreFrom = from;
        CoreUntil = until;
        Version++;
    }

    public void UnmarkCore()
    {
        IsCore = false;
        CoreFrom = CoreUntil = null;
        Version++;
    }

    public bool IsCoreOn(DateOnly day) => IsCore && CoreFrom <= day && day <= CoreUntil;

    public object Snapshot() => new
    {
        CreditCode, Name, Kind = Kind.ToString(), RegionCode, Categories, ServiceRegions, StaffCount,
        Status = Status.ToString(), RejectReason, SuspendReason, IsCore, CoreFrom, CoreUntil,
    };
}
