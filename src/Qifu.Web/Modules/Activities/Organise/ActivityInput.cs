using System.ComponentModel.DataAnnotations;
using Qifu.Web.Modules.Activities.Data;

namespace Qifu.Web.Modules.Activities.Organise;

/// <summary>An activity as the organiser writes it. Times are Beijing time (what the form shows); stored as UTC.</summary>
public record ActivityInput : IValidatableObject
{
    [Required(ErrorMessage = "请选择活动类型")]
    public ActivityType? Type { get; init; }

    [Required(ErrorMessage = "请填写活动名称")]
    [StringLength(100, MinimumLength = 4, ErrorMessage = "活动名称应为4至100字")]
    public string Title { get; init; } = "";

    [Required(ErrorMessage = "请填写活动介绍")]
    [StringLength(20000, ErrorMessage = "活动介绍不能超过20000字")]
    public string Description { get; init; } = "";

    /// <summary>主办单位. Empty: the default — the centre (city level) or the county's site for an operator's activity, the institution's
    /// own name for its proposal.</summary>
    [StringLength(100, ErrorMessage = "主办单位不能超过100字")]
    public string? OrganiserName { get; init; }

    /// <summary>Only the city operator chooses; a county operator and an institution always use their own region.</summary>
    public string? RegionCode { get; init; }

    [Required(ErrorMessage = "请填写开始时间")]
    public DateTime? StartsAt { get; init; }

    [Required(ErrorMessage = "请填写结束时间")]
    public DateTime? EndsAt { get; init; }

    [StringLength(200, ErrorMessage = "活动地点不能超过200字")]
    public string? Venue { get; init; }

    [StringLength(500, ErrorMessage = "线上链接不能超过500字")]
    public string? OnlineLink { get; init; }

    [Required(ErrorMessage = "请填写名额")]
    [Range(1, 10000, ErrorMessage = "名额应为1至10000人")]
    public int? Capacity { get; init; }

    [Range(0, 10000, ErrorMessage = "预留名额应为0至10000人")]
    public int Reserved { get; init; }

    [Required(ErrorMessage = "请填写报名开始时间")]
    public DateTime? RegistrationOpensAt { get; init; }

    [Required(ErrorMessage = "请填写报名截止时间")]
    public DateTime? RegistrationClosesAt { get; init; }

    [StringLength(1000, ErrorMessage = "报名问题不能超过1000字")]
    public string? Questions { get; init; }

    public bool RequiresApproval { get; init; }

    public bool WithoutWaitlist { get; init; }

    public bool IsPublicInterest { get; init; }

    /// <summary>Combined fields (SECURITY.md BL-02): each message names both fields.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (StartsAt is { } s && EndsAt is { } e && e <= s)
            yield return new ValidationResult("结束时间须晚于开始时间", [nameof(EndsAt), nameof(StartsAt)]);
        if (RegistrationOpensAt is { } o && RegistrationClosesAt is { } c && c <= o)
            yield return new ValidationResult("报名截止时间须晚于报名开始时间", [nameof(RegistrationClosesAt), nameof(RegistrationOpensAt)]);
        if (RegistrationClosesAt is { } close && StartsAt is { } start && close > start)
            yield return new ValidationResult("报名截止时间不能晚于活动开始时间", [nameof(RegistrationClosesAt), nameof(StartsAt)]);
        if (Capacity is { } cap && Reserved >= cap)
            yield return new ValidationResult("预留名额须少于总名额", [nameof(Reserved), nameof(Capacity)]);
        if (string.IsNullOrWhiteSpace(Venue) && string.IsNullOrWhiteSpace(OnlineLink))
            yield return new ValidationResult("请填写活动地点或线上链接", [nameof(Venue), nameof(OnlineLink)]);
        if (!string.IsNullOrWhiteSpace(OnlineLink) && !(OnlineLink.Trim().StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                || OnlineLink.Trim().StartsWith("http://", StringComparison.OrdinalIgnoreCase)))
            yield return new ValidationResult("线上链接须以 http:// 或 https:// 开头", [nameof(OnlineLink)]);
        if (Questions is not null && Questions.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length > 5)
            yield return new ValidationResult("报名问题最多5个（每行一个）", [nameof(Questions)]);
    }

    public static ActivityInput From(Activity a) => new()
    {
        Type = a.Type, Title = a.Title, Description = a.Description, OrganiserName = a.OrganiserName, RegionCode = a.RegionCode, StartsAt = ActivityLabels.Local(a.StartsAt),
        EndsAt = ActivityLabels.Local(a.EndsAt), Venue = a.Venue, OnlineLink = a.OnlineLink, Capacity = a.Capacity, Reserved = a.Reserved,
        RegistrationOpensAt = ActivityLabels.Local(a.RegistrationOpensAt), RegistrationClosesAt = ActivityLabels.Local(a.RegistrationClosesAt),
        Questions = a.Questions, RequiresApproval = a.RequiresApproval, WithoutWaitlist = a.WithoutWaitlist, IsPublicInterest = a.IsPublicInterest,
    };
}

/// <summary>The API's body: the activity plus what to do now (publish: operators publish, institutions submit for review).</summary>
public sealed record ActivityRequest : ActivityInput
{
    public bool Publish { get; init; }
}

public sealed record ReasonInput
{
    [StringLength(500, ErrorMessage = "原因不能超过500字")]
    public string? Reason { get; init; }
}
