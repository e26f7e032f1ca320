using System.ComponentModel.DataAnnotations;

namespace Qifu.Web.Modules.Needs;

/// <summary>A need as the enterprise writes it (page form and API body).</summary>
public record NeedInput : IValidatableObject
{
    [Required(ErrorMessage = "请选择服务类别")]
    [StringLength(20, ErrorMessage = "服务类别不存在")]
    public string CategoryCode { get; init; } = "";

    [StringLength(30, ErrorMessage = "服务子类不存在")]
    public string? SubCategory { get; init; }

    [Required(ErrorMessage = "请填写需求标题")]
    [StringLength(100, MinimumLength = 4, ErrorMessage = "需求标题应为4至100字")]
    public string Title { get; init; } = "";

    [Required(ErrorMessage = "请填写需求描述")]
    [StringLength(2000, MinimumLength = 10, ErrorMessage = "需求描述应为10至2000字")]
    public string Description { get; init; } = "";

    [Range(typeof(decimal), "1", "1000000000", ErrorMessage = "预算金额应为1至1000000000元")]
    public decimal? Budget { get; init; }

    /// <summary>面议: no amount.</summary>
    public bool BudgetNegotiable { get; init; }

    [Required(ErrorMessage = "请填写截止日期")]
    public DateOnly? Deadline { get; init; }

    /// <summary>Where the service is wanted; empty means the enterprise's own region.</summary>
    [StringLength(6, ErrorMessage = "服务区域不存在")]
    public string? RegionCode { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (!BudgetNegotiable && Budget is null)
            yield return new ValidationResult("请填写预算金额，或选择“面议”", [nameof(Budget)]);
        if (BudgetNegotiable && Budget is not null)
            yield return new ValidationResult("选择“面议”时不填写预算金额", [nameof(Budget), nameof(BudgetNegotiable)]);
    }
}

/// <summary>An institution's proposal (方案).</summary>
public sealed record ProposalInput : IValidatableObject
{
    [Required(ErrorMessage = "请选择以哪个服务项目提供服务")]
    public Guid? ItemId { get; init; }

    [Required(ErrorMessage = "请填写服务内容")]
    [StringLength(2000, MinimumLength = 10, ErrorMessage = "服务内容应为10至2000字")]
    public string Scope { get; init; } = "";

    [Range(typeof(decimal), "0", "1000000000", ErrorMessage = "报价应为0至1000000000元")]
    public decimal? Price { get; init; }

    public bool PriceNegotiable { get; init; }

    [Required(ErrorMessage = "请填写所需时间")]
    [Range(1, 365, ErrorMessage = "所需时间应为1至365天")]
    public int? DaysNeeded { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (!PriceNegotiable && Price is null)
            yield return new ValidationResult("请填写报价，或选择“面议”", [nameof(Price)]);
        if (PriceNegotiable && Price is not null)
            yield return new ValidationResult("选择“面议”时不填写报价", [nameof(Price), nameof(PriceNegotiable)]);
    }
}

/// <summary>Picking a proposal: the contact the institution receives and the separate consent (PI-04) naming it.</summary>
public record PickInput
{
    [Required(ErrorMessage = "请填写联系人")]
    [StringLength(50, ErrorMessage = "联系人不能超过50字")]
    public string ContactName { get; init; } = "";

    [Required(ErrorMessage = "请填写联系电话")]
    [StringLength(20, ErrorMessage = "联系电话不能超过20位")]
    public string ContactPhone { get; init; } = "";

    [Required(ErrorMessage = "请勾选单独同意")]
    public bool Consent { get; init; }
}

public sealed record PickRequest : PickInput
{
    [Required(ErrorMessage = "请指定要选择的方案")]
    public Guid? ProposalId { get; init; }
}

public sealed record NeedReasonInput
{
    [StringLength(500, ErrorMessage = "原因不能超过500字")]
    public string? Reason { get; init; }
}

public sealed record FollowUpInput
{
    [StringLength(500, ErrorMessage = "跟进情况不能超过500字")]
    public string? Note { get; init; }
}

public sealed record DispatchInput
{
    public List<Guid> InstitutionIds { get; init; } = [];

    [StringLength(500, ErrorMessage = "派单说明不能超过500字")]
    public string? Note { get; init; }
}

public sealed record NeedFilter
{
    public string? Status { get; init; }
    public string? Q { get; init; }
    /// <summary>Institutions: only needs an operator dispatched to them.</summary>
    public bool? Dispatched { get; init; }
    public int? Page { get; init; }
}
