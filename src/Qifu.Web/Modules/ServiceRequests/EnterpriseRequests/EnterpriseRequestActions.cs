using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Platform.Calendar;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Errors;

namespace Qifu.Web.Modules.ServiceRequests.EnterpriseRequests;

public sealed record WithdrawDecision
{
    [StringLength(500, ErrorMessage = "撤回原因不能超过500字")]
    public string? Reason { get; init; }
}

public sealed record ReopenDecision
{
    [Required(ErrorMessage = "请说明需要重新打开的原因")]
    [StringLength(500, ErrorMessage = "重新打开原因不能超过500字")]
    public string? Reason { get; init; }
}

/// <summary>好差评: the overall level and the three sub-scores are all required, 1 (非常不满意) to 5 (非常满意).</summary>
public sealed record EvaluationInput
{
    [Required(ErrorMessage = "请选择总体评价")]
    [Range(1, 5, ErrorMessage = "总体评价应为1至5")]
    public int? Overall { get; init; }

    [Required(ErrorMessage = "请为“响应及时”打分")]
    [Range(1, 5, ErrorMessage = "“响应及时”应为1至5分")]
    public int? Timeliness { get; init; }

    [Required(ErrorMessage = "请为“专业水平”打分")]
    [Range(1, 5, ErrorMessage = "“专业水平”应为1至5分")]
    public int? Professionalism { get; init; }

    [Required(ErrorMessage = "请为“服务态度”打分")]
    [Range(1, 5, ErrorMessage = "“服务态度”应为1至5分")]
    public int? Attitude { get; init; }

    [StringLength(500, ErrorMessage = "评价内容不能超过500字")]
    public string? Comment { get; init; }
}

/// <summary>
/// The requesting enterprise's steps: withdraw before acceptance, confirm the institution's completion, reopen it within
/// the window, and evaluate once. Another enterprise's request does not exist for the caller (null → 404).
/// </summary>
public sealed class EnterpriseRequestActions(AppDbContext db, RequestAccess access, RequestSteps steps, WorkingCalendar calendar,
    SiteSettings settings)
{
    public async Task<ServiceRequest?> WithdrawAsync(Guid id, string? reason, ClaimsPrincipal user)
    {
        var r = await access.OfOwnEnterpriseAsync(user, id);
        if (r is null) return null;
        await steps.TakeAsync(r, "撤回服务申请", now => r.Withdraw(reason, RequestAccess.ActorOf(user), now),
            x => [new StepNotice("request.withdrawn", $"企业撤回服务申请 {x.Number}", $"{x.EnterpriseName}已撤回对“{x.ItemTitle}”的申请。")]);
        return r;
    }

    public async Task<ServiceRequest?> ConfirmAsync(Guid id, ClaimsPrincipal user)
    {
        var r = await access.OfOwnEnterpriseAsync(user, id);
        if (r is null) return null;
        var window = await settings.GetIntAsync(Settings.EvaluationWindowDays);
        await steps.TakeAsync(r, "确认办结", now => r.Confirm(window, RequestAccess.ActorOf(user), now),
            x => [new StepNotice("request.confirmed", $"企业已确认办结 {x.Number}", $"{x.EnterpriseName}已确认“{x.ItemTitle}”服务办结。")],
            counts: x => new ItemCounts(x.ItemId, Completed: 1));
        return r;
    }

    public async Task<ServiceRequest?> ReopenAsync(Guid id, string? reason, ClaimsPrincipal user)
    {
        var r = await access.OfOwnEnterpriseAsync(user, id);
        if (r is null) return null;
        var due = await calendar.AddWorkingDaysAsync(calendar.Today, await LeadTimeAsync(r.ItemId));
        await steps.TakeAsync(r, "重新打开服务申请", now => r.Reopen(reason, due, RequestAccess.ActorOf(user), now),
            x => [new StepNotice("request.reopened", $"服务申请被重新打开 {x.Number}",
                $"{x.EnterpriseName}认为问题未解决：{RequestNotices.Short(reason)}。请在 {due:yyyy-MM-dd} 前重新办结。")]);
        return r;
    }

    /// <summary>
    /// One evaluation per request, only by its enterprise, only once the institution has completed it. A comment waits
    /// for moderation; a rating of 2 or lower opens a call-back task for the county operator.
    /// </summary>
    public async Task<Evaluation?> EvaluateAsync(Guid id, EvaluationInput input, ClaimsPrincipal user)
    {
        var r = await access.OfOwnEnterpriseAsync(user, id);
        if (r is null) return null;
        if (await db.Evaluations.AnyAsync(e => e.RequestId == id))
            throw new RuleViolationException("EVALUATION_EXISTS", "该服务申请已评价，每个申请只能评价一次");
        var comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
        if (comment?.Length > 500)
            throw new RuleViolationException("COMMENT_TOO_LONG", "评价内容不能超过500字", "comment", 400);
        foreach (var (value, field, label) in new[] { (input.Overall, "overall", "总体评价"), (input.Timeliness, "timeliness", "响应及时"),
                     (input.Professionalism, "professionalism", "专业水平"), (input.Attitude, "attitude", "服务态度") })
            if (value is not (>= 1 and <= 5))
                throw new RuleViolationException("SCORE_INVALID", $"请为“{label}”选择1至5分", field, 400);

        var wasCompleted = r.Status == RequestStatus.Completed;
        Evaluation? evaluation = null;
        var followUpDays = await settings.GetIntAsync(Settings.FollowUpWorkingDays);
        var followUpDue = await calendar.AddWorkingDaysAsync(calendar.Today, followUpDays);
        await steps.TakeAsync(r, "评价服务", now => r.Evaluated(RequestAccess.ActorOf(user), now),
            x => input.Overall <= 2
                ? [Evaluated(x, input), new StepNotice("evaluation.bad", $"差评待回访 {x.Number}",
                    $"{x.EnterpriseName}对{x.InstitutionName}“{x.ItemTitle}”的总体评价为{Evaluation.LevelLabel(input.Overall!.Value)}，请在 {followUpDue:yyyy-MM-dd} 前完成回访。")]
                : [Evaluated(x, input)],
            counts: x => new ItemCounts(x.ItemId, Completed: wasCompleted ? 1 : 0, Evaluations: 1, EvaluationTotal: input.Overall!.Value),
            alsoAdd: (_, now) =>
            {
                evaluation = new Evaluation
                {
                    Id = Guid.NewGuid(), RequestId = r.Id, ItemId = r.ItemId, InstitutionId = r.InstitutionId, EnterpriseId = r.EnterpriseId,
                    RegionCode = r.RegionCode, Overall = input.Overall!.Value, Timeliness = input.Timeliness!.Value,
                    Professionalism = input.Professionalism!.Value, Attitude = input.Attitude!.Value, Comment = comment, CreatedAt = now,
                };
                // Nothing to read, nothing to moderate: a rating without a comment is public at once.
                if (comment is null) evaluation.Moderate(true, null, now);
                db.Evaluations.Add(evaluation);
                if (evaluation.IsBad)
                    db.FollowUps.Add(new FollowUp
                    {
                        Id = Guid.NewGuid(), EvaluationId = evaluation.Id, RequestId = r.Id, RegionCode = r.RegionCode, DueOn = followUpDue, CreatedAt = now,
                    });
            });
        return evaluation;
    }

    private static StepNotice Evaluated(ServiceRequest x, EvaluationInput input) =>
        new("request.evaluated", $"收到服务评价 {x.Number}", $"{x.EnterpriseName}对“{x.ItemTitle}”的总体评价：{Evaluation.LevelLabel(input.Overall!.Value)}。");

    private async Task<int> LeadTimeAsync(Guid itemId) =>
        Math.Max(1, await db.ServiceItems.Where(i => i.Id == itemId).Select(i => i.Content.LeadTimeDays).FirstOrDefaultAsync());
}
