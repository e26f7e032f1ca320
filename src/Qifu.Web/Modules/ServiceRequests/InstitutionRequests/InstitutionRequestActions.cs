using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Platform.Calendar;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Errors;

namespace Qifu.Web.Modules.ServiceRequests.InstitutionRequests;

public sealed record AcceptDecision
{
    /// <summary>The expected completion date told to the enterprise; by default the item's lead time in working days from today.</summary>
    public DateOnly? CompleteDueOn { get; init; }

    [StringLength(500, ErrorMessage = "受理说明不能超过500字")]
    public string? Note { get; init; }
}

public sealed record DeclineDecision
{
    [Required(ErrorMessage = "请填写不能受理的原因")]
    [StringLength(500, ErrorMessage = "原因不能超过500字")]
    public string? Reason { get; init; }
}

public sealed record ProgressNote
{
    [Required(ErrorMessage = "请填写服务进展")]
    [StringLength(2000, ErrorMessage = "服务进展不能超过2000字")]
    public string? Note { get; init; }

    /// <summary>A short line the enterprise sees as the request's status (e.g. 等待企业补充材料).</summary>
    [StringLength(500, ErrorMessage = "状态说明不能超过500字")]
    public string? StatusNote { get; init; }
}

public sealed record CompletionNote
{
    [StringLength(2000, ErrorMessage = "办结说明不能超过2000字")]
    public string? Note { get; init; }
}

/// <summary>
/// The institution's steps on a request addressed to it: accept (with the expected completion date) or decline with a
/// reason within the deadline, record progress (the first note starts the service), complete.
/// </summary>
public sealed class InstitutionRequestActions(AppDbContext db, RequestAccess access, RequestSteps steps, WorkingCalendar calendar,
    SiteSettings settings)
{
    public async Task<DateOnly> DefaultDueOnAsync(Guid itemId) =>
        await calendar.AddWorkingDaysAsync(calendar.Today,
            Math.Max(1, await db.ServiceItems.Where(i => i.Id == itemId).Select(i => i.Content.LeadTimeDays).FirstOrDefaultAsync()));

    public async Task<ServiceRequest?> AcceptAsync(Guid id, AcceptDecision decision, ClaimsPrincipal user)
    {
        var r = await access.OfOwnInstitutionAsync(user, id);
        if (r is null) return null;
        var today = calendar.Today;
        var due = decision.CompleteDueOn ?? await DefaultDueOnAsync(r.ItemId);
        if (due < today)
            throw new RuleViolationException("DUE_DATE_INVALID", "预计办结日期不能早于今天", "completeDueOn", 400);
        if (due > today.AddYears(1))
            throw new RuleViolationException("DUE_DATE_INVALID", "预计办结日期不能晚于一年以后", "completeDueOn", 400);
        var note = Clean(decision.Note, 500, "note", "受理说明");
        await steps.TakeAsync(r, "受理服务申请", now => r.Accept(due, note, RequestAccess.ActorOf(user), now),
            x => [new StepNotice("request.accepted", $"服务申请已受理：{x.ItemTitle}",
                $"{x.InstitutionName}已受理您的服务申请 {x.Number}，预计 {due:yyyy-MM-dd} 前办结。{note}")]);
        return r;
    }

    public async Task<ServiceRequest?> DeclineAsync(Guid id, string? reason, ClaimsPrincipal user)
    {
        var r = await access.OfOwnInstitutionAsync(user, id);
        if (r is null) return null;
        await steps.TakeAsync(r, "拒绝受理服务申请", now => r.Decline(reason, RequestAccess.ActorOf(user), now),
            x => [new StepNotice("request.declined", $"服务申请未被受理：{x.ItemTitle}", $"{x.InstitutionName}未能受理您的服务申请 {x.Number}。原因：{x.DeclineReason}")]);
        return r;
    }

    public async Task<ServiceRequest?> ProgressAsync(Guid id, ProgressNote input, IReadOnlyList<IFormFile>? files, ClaimsPrincipal user)
    {
        var r = await access.OfOwnInstitutionAsync(user, id);
        if (r is null) return null;
        var note = Clean(input.Note, 2000, "note", "服务进展")
                   ?? throw new RuleViolationException("NOTE_REQUIRED", "请填写服务进展", "note", 400);
        var statusNote = Clean(input.StatusNote, 500, "statusNote", "状态说明");
        await steps.TakeAsync(r, "记录服务进展", now => r.Progress(note, statusNote, RequestAccess.ActorOf(user), now),
            x => [new StepNotice("request.progress", $"服务进展：{x.ItemTitle}", RequestNotices.Short(note))],
            files, CurrentUser.Id(user));
        return r;
    }

    public async Task<ServiceRequest?> CompleteAsync(Guid id, CompletionNote input, IReadOnlyList<IFormFile>? files, ClaimsPrincipal user)
    {
        var r = await access.OfOwnInstitutionAsync(user, id);
        if (r is null) return null;
        var note = Clean(input.Note, 2000, "note", "办结说明");
        var window = await settings.GetIntAsync(Settings.ReopenWindowDays);
        await steps.TakeAsync(r, "办结服务申请", now => r.Complete(note, window, RequestAccess.ActorOf(user), now),
            x => [new StepNotice("request.completed", $"服务已办结，请确认：{x.ItemTitle}",
                $"{x.InstitutionName}已办结服务申请 {x.Number}。请在 {RequestText.Time(x.ReopenUntil)} 前确认办结或重新打开，并对本次服务进行评价。")],
            files, CurrentUser.Id(user));
        return r;
    }

    private static string? Clean(string? text, int max, string field, string label)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        if (t.Length > max) throw new RuleViolationException("TEXT_TOO_LONG", $"{label}不能超过{max}字", field, 400);
        return t;
    }
}
