using System.ComponentModel.DataAnnotations;
using Qifu.Web.Modules.Content.Data;

namespace Qifu.Web.Modules.Content.PublishArticles;

/// <summary>What an operator types for an article (form fields and API body alike). Times are Beijing time.</summary>
public sealed record ArticleInput : IValidatableObject
{
    [Required(ErrorMessage = "请选择文章类型")]
    public ArticleKind? Kind { get; set; }
    [StringLength(20)]
    public string? Column { get; set; }
    [Required(ErrorMessage = "请填写标题"), StringLength(100, ErrorMessage = "标题不能超过100字")]
    public string Title { get; set; } = "";
    [StringLength(300, ErrorMessage = "摘要不能超过300字")]
    public string? Summary { get; set; }
    [Required(ErrorMessage = "请填写正文"), StringLength(100000, ErrorMessage = "正文过长")]
    public string Body { get; set; } = "";
    [StringLength(50, ErrorMessage = "来源不能超过50字")]
    public string? Source { get; set; }
    [StringLength(50, ErrorMessage = "作者不能超过50字")]
    public string? Author { get; set; }
    /// <summary>The sub-site; a county operator's articles always belong to their county.</summary>
    [StringLength(6)]
    public string? RegionCode { get; set; }
    /// <summary>Publish time (北京时间); empty or past means now, ahead means scheduled.</summary>
    public DateTime? PublishAt { get; set; }
    /// <summary>Omitted (null) on an update keeps the article's pin; on a new article it means not pinned.</summary>
    public bool? IsPinned { get; set; }
    public Guid? InterpretsPolicyId { get; set; }
    /// <summary>API only: true publishes (or sends to review), false keeps a draft.</summary>
    public bool Submit { get; set; }

    // 政策文件 metadata and applicability.
    [StringLength(50, ErrorMessage = "索引号不能超过50字")] public string? IndexNumber { get; set; }
    [StringLength(100, ErrorMessage = "发文机关不能超过100字")] public string? Issuer { get; set; }
    [StringLength(50, ErrorMessage = "发文字号不能超过50字")] public string? DocumentNumber { get; set; }
    public DateOnly? WrittenOn { get; set; }
    public DateOnly? IssuedOn { get; set; }
    /// <summary>Current or Repealed; 已失效 and 尚未生效 follow the dates.</summary>
    public PolicyValidity? Validity { get; set; }
    /// <summary>废止日期: required when <see cref="Validity"/> is Repealed.</summary>
    public DateOnly? RepealedOn { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public PolicyLevel? Level { get; set; }
    [StringLength(20)] public string? Theme { get; set; }
    [StringLength(20)] public string? SupportType { get; set; }
    public List<string> SizeClasses { get; set; } = [];
    public List<string> IndustrySections { get; set; } = [];
    public List<string> Regions { get; set; } = [];
    public List<string> Qualifications { get; set; } = [];
    [StringLength(1000, ErrorMessage = "其他申报条件不能超过1000字")] public string? OtherConditions { get; set; }
    public DateOnly? ApplyFrom { get; set; }
    public DateOnly? ApplyUntil { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Kind != ArticleKind.Policy) yield break;
        if (string.IsNullOrWhiteSpace(Issuer)) yield return new("政策文件请填写发文机关", [nameof(Issuer)]);
        if (Level is null) yield return new("政策文件请选择政策层级", [nameof(Level)]);
        if (string.IsNullOrWhiteSpace(Theme)) yield return new("政策文件请选择政策主题", [nameof(Theme)]);
        if (Validity is PolicyValidity.Expired or PolicyValidity.NotYetInForce)
            yield return new("有效性只能选择现行有效或已废止；已失效、尚未生效由有效期自动判断", [nameof(Validity)]);
        if (Validity == PolicyValidity.Repealed && RepealedOn is null) yield return new("已废止的政策请填写废止日期", [nameof(RepealedOn)]);
        if (ValidFrom is { } f && ValidUntil is { } u && u < f) yield return new("有效期截止日期不能早于开始日期", [nameof(ValidUntil)]);
        if (ApplyFrom is { } af && ApplyUntil is { } au && au < af) yield return new("申报截止日期不能早于开始日期", [nameof(ApplyUntil)]);
    }

    public static ArticleInput From(Article a) => new()
    {
        Kind = a.Kind, Column = a.Column, Title = a.Title, Summary = a.Summary, Body = a.Body, Source = a.Source, Author = a.Author,
        RegionCode = a.RegionCode, PublishAt = a.PublishAt?.AddHours(8), IsPinned = a.IsPinned, InterpretsPolicyId = a.InterpretsPolicyId,
        IndexNumber = a.Policy?.IndexNumber, Issuer = a.Policy?.Issuer, DocumentNumber = a.Policy?.DocumentNumber, WrittenOn = a.Policy?.WrittenOn,
        IssuedOn = a.Policy?.IssuedOn, Validity = a.Policy?.Validity, RepealedOn = a.Policy?.RepealedOn, ValidFrom = a.Policy?.ValidFrom, ValidUntil = a.Policy?.ValidUntil,
        Level = a.Policy?.Level, Theme = a.Policy?.Theme, SupportType = a.Policy?.SupportType,
        SizeClasses = PolicyDetails.Codes(a.Policy?.SizeClasses ?? "").ToList(), IndustrySections = PolicyDetails.Codes(a.Policy?.IndustrySections ?? "").ToList(),
        Regions = PolicyDetails.Codes(a.Policy?.Regions ?? "").ToList(), Qualifications = PolicyDetails.Codes(a.Policy?.Qualifications ?? "").ToList(),
        OtherConditions = a.Policy?.OtherConditions, ApplyFrom = a.Policy?.ApplyFrom, ApplyUntil = a.Policy?.ApplyUntil,
    };
}

public sealed record ReasonInput
{
    [StringLength(500, ErrorMessage = "原因不能超过500字")]
    public string? Reason { get; init; }
}

public sealed record PinInput(bool Pinned);
