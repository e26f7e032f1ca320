using System.ComponentModel.DataAnnotations;

namespace Qifu.Web.Modules.Activities.Register;

public sealed record AttendeeInput
{
    [StringLength(50, ErrorMessage = "参会人姓名不能超过50字")]
    public string? Name { get; init; }

    [StringLength(20, ErrorMessage = "参会人手机号不能超过20位")]
    public string? Phone { get; init; }

    [StringLength(50, ErrorMessage = "参会人职务不能超过50字")]
    public string? Position { get; init; }
}

/// <summary>An enterprise's registration: named staff (1–5) and answers to the activity's extra questions.</summary>
public sealed record RegistrationInput
{
    public List<AttendeeInput> Attendees { get; init; } = [];

    public List<string?> Answers { get; init; } = [];
}

public sealed record CancelInput
{
    [StringLength(500, ErrorMessage = "原因不能超过500字")]
    public string? Reason { get; init; }
}

public sealed record FeedbackInput
{
    [Required(ErrorMessage = "请选择满意度")]
    [Range(1, 5, ErrorMessage = "满意度应为1（非常不满意）至5（非常满意）")]
    public int? Level { get; init; }

    [StringLength(500, ErrorMessage = "评价内容不能超过500字")]
    public string? Comment { get; init; }
}

public sealed record CheckInInput
{
    [Required(ErrorMessage = "请扫描二维码或输入报名码")]
    [StringLength(400, ErrorMessage = "报名码或二维码内容过长")]
    public string? Code { get; init; }
}

public sealed record WalkInInput
{
    [Required(ErrorMessage = "请填写参会人姓名")]
    [StringLength(50, ErrorMessage = "参会人姓名不能超过50字")]
    public string? Name { get; init; }

    [Required(ErrorMessage = "请填写参会人手机号")]
    [StringLength(20, ErrorMessage = "手机号不能超过20位")]
    public string? Phone { get; init; }

    [Required(ErrorMessage = "请填写单位名称")]
    [StringLength(100, ErrorMessage = "单位名称不能超过100字")]
    public string? Company { get; init; }

    [StringLength(50, ErrorMessage = "职务不能超过50字")]
    public string? Position { get; init; }
}
