using Microsoft.AspNetCore.Mvc;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Calendar;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.ServiceRequests.FollowUps;

public sealed record FollowUpFilter
{
    public FollowUpStatus? Status { get; init; }
    public string? Region { get; init; }
    // From the query only: bound as a page model's filter, "Page" would otherwise be read from Razor Pages' own "page" route value.
    [FromQuery(Name = "Page")] public int? Page { get; init; }
    public int? PageSize { get; init; }
}

/// <summary>The call-back record (回访记录). Calls are made by phone, so the time is when the call happened.</summary>
public sealed record CallbackInput
{
    /// <summary>When the call was made; the API takes an ISO 8601 time with its offset, the page Hengyang's local time.</summary>
    [Required(ErrorMessage = "请填写回访时间")]
    public DateTimeOffset? CalledBackAt { get; init; }

    [Required(ErrorMessage = "请填写回访情况")]
    [StringLength(1000, ErrorMessage = "回访情况不能超过1000字")]
    public string? CallbackNote { get; init; }

    [StringLength(100, ErrorMessage = "回访结果不能超过100字")]
    public string? Outcome { get; init; }
}

public static class FollowUpQueries
{
    public static readonly string[] Outcomes = ["问题已解决，企业认可", "部分解决，机构继续跟进", "未解决，已督促机构整改", "企业未接听，另约时间"];

    public static string StatusLabel(FollowUpStatus s) => s == FollowUpStatus.Open ? "待回访" : "已回访";

    public static async Task<FollowUpView> ViewAsync(FollowUp f, ServiceRequest r, Evaluation e, WorkingCalendar calendar) =>
        new(f.Id, f.EvaluationId, f.RequestId, r.Number, r.EnterpriseName, r.EnterpriseId, r.InstitutionName, r.ItemTitle, f.RegionCode,
            RequestText.RegionName(f.RegionCode), e.Overall, Evaluation.LevelLabel(e.Overall), e.Comment, f.DueOn,
            f.Status == FollowUpStatus.Open ? WorkingCalendar.Countdown(await calendar.WorkingDaysLeftAsync(f.DueOn, calendar.Today)) : null,
            f.Status.ToString(), StatusLabel(f.Status), f.CreatedAt, f.CalledBackAt, f.CallbackNote, f.Outcome, f.HandledByName);
}

/// <summary>
/// 差评回访: a rating of 2 or lower gives the county operator of the enterprise's region a task due in 15 working days;
/// they call the enterprise back and record when, what was said and the outcome. The city operator sees every county's.
/// </summary>
public sealed class FollowUpHandler(AppDbContext db, WorkingCalendar calendar, AuditTrail audit, TimeProvider clock)
{
    public const string AuditEntityType = "差评回访";

    private IQueryable<FollowUp> Scoped(ClaimsPrincipal user, bool tracked = false) =>
        Roles.Operators.Any(user.IsInRole)
            ? DataScope.Of(user).Apply(tracked ? db.FollowUps : db.FollowUps.AsNoTracking(), f => f.RegionCode)
            : db.FollowUps.Where(_ => false);

    /// <summary>Open tasks by due date (the nearest first); done ones by call-back time, latest first.</summary>
    public async Task<Paged<FollowUpView>> ListAsync(ClaimsPrincipal user, FollowUpFilter f)
    {
        var q = Scoped(user);
        if (f.Status is { } s) q = q.Where(x => x.Status == s);
        if (!string.IsNullOrWhiteSpace(f.Region)) q = q.Where(x => x.RegionCode == f.Region);
        var ordered = f.Status == FollowUpStatus.Done ? q.OrderByDescending(x => x.CalledBackAt) : q.OrderBy(x => x.Status).ThenBy(x => x.DueOn);
        var page = await Paged<FollowUp>.OfAsync(ordered.ThenBy(x => x.Id), f.Page, f.PageSize, x => x);
        return new Paged<FollowUpView>(await ViewsAsync(page.Items), page.Total, page.Page, page.PageSize);
    }

    public async Task<FollowUpView?> FindAsync(ClaimsPrincipal user, Guid id)
    {
        var f = await Scoped(user).FirstOrDefaultAsync(x => x.Id == id);
        return f is null ? null : (await ViewsAsync([f]))[0];
    }

    public async Task<FollowUp?> RecordCallbackAsync(Guid id, CallbackInput input, ClaimsPrincipal user)
    {
        var f = await Scoped(user, tracked: true).FirstOrDefaultAsync(x => x.Id == id);
        if (f is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        if (input.CalledBackAt is not { } at)
            throw new RuleViolationException("CALLBACK_TIME_REQUIRED", "请填写回访时间", "calledBackAt", 400);
        if (at.UtcDateTime < f.CreatedAt.AddDays(-1))
            throw new RuleViolationException("CALLBACK_TOO_EARLY", "回访时间不能早于差评时间", "calledBackAt", 400);
        var before = new { Status = f.Status.ToString() };
        f.RecordCallback(at.UtcDateTime, input.CallbackNote, input.Outcome, CurrentUser.Name(user), now);
        audit.Record("记录差评回访", AuditEntityType, f.Id, f.RegionCode, before,
            new { Status = f.Status.ToString(), f.CalledBackAt, f.Outcome }, f.CallbackNote);
        await db.SaveChangesAsync();
        return f;
    }

    private async Task<List<FollowUpView>> ViewsAsync(IReadOnlyList<FollowUp> items)
    {
        var requestIds = items.Select(x => x.RequestId).ToList();
        var evaluationIds = items.Select(x => x.EvaluationId).ToList();
        var requests = await db.ServiceRequests.AsNoTracking().Where(r => requestIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id);
        var evaluations = await db.Evaluations.AsNoTracking().Where(e => evaluationIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id);
        var views = new List<FollowUpView>(items.Count);
        foreach (var x in items) views.Add(await FollowUpQueries.ViewAsync(x, requests[x.RequestId], evaluations[x.EvaluationId], calendar));
        return views;
    }
}
