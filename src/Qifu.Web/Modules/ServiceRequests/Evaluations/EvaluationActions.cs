using Microsoft.AspNetCore.Mvc;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Notifications;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.ServiceRequests.Evaluations;

public sealed record ModerationDecision
{
    /// <summary>true: publish the comment; false: hide it (a reason is required and the author sees it).</summary>
    [Required(ErrorMessage = "请选择公开或屏蔽")]
    public bool? Publish { get; init; }

    [StringLength(500, ErrorMessage = "屏蔽原因不能超过500字")]
    public string? Reason { get; init; }
}

public sealed record ReplyInput
{
    [Required(ErrorMessage = "请填写回复内容")]
    [StringLength(500, ErrorMessage = "回复内容不能超过500字")]
    public string? Reply { get; init; }
}

public sealed record AppealInput
{
    [Required(ErrorMessage = "请填写申诉理由")]
    [StringLength(500, ErrorMessage = "申诉理由不能超过500字")]
    public string? Reason { get; init; }
}

public sealed record AppealDecisionInput
{
    /// <summary>true: the appeal stands and the evaluation no longer counts toward the item's rating; false: dismissed.</summary>
    [Required(ErrorMessage = "请选择申诉是否成立")]
    public bool? Uphold { get; init; }

    [Required(ErrorMessage = "请填写裁定意见")]
    [StringLength(500, ErrorMessage = "裁定意见不能超过500字")]
    public string? Decision { get; init; }
}

public sealed record EvaluationFilter
{
    public ModerationStatus? Moderation { get; init; }
    public AppealStatus? Appeal { get; init; }
    /// <summary>false: evaluations the institution has not replied to yet.</summary>
    public bool? Replied { get; init; }
    /// <summary>true: only ratings of 2 or lower (差评).</summary>
    public bool? Bad { get; init; }
    public string? Region { get; init; }
    // From the query only: bound as a page model's filter, "Page" would otherwise be read from Razor Pages' own "page" route value.
    [FromQuery(Name = "Page")] public int? Page { get; init; }
    public int? PageSize { get; init; }
}

/// <summary>An evaluation with its request, as the lists show it.</summary>
public sealed record EvaluationRow(EvaluationView Evaluation, Guid RequestId, string RequestNumber, string ItemTitle, string InstitutionName,
    string EnterpriseName, string RegionCode, string RegionName);

/// <summary>Lists of evaluations through the caller's scope (own enterprise, own institution, operator region).</summary>
public sealed class EvaluationQueries(AppDbContext db, RequestAccess access)
{
    public async Task<Paged<EvaluationRow>> ListAsync(ClaimsPrincipal user, EvaluationFilter f)
    {
        var q = access.VisibleEvaluations(user);
        if (f.Moderation is { } m) q = q.Where(e => e.Moderation == m && e.Comment != null);
        if (f.Appeal is { } a) q = q.Where(e => e.Appeal == a);
        if (f.Replied is { } replied) q = replied ? q.Where(e => e.Reply != null) : q.Where(e => e.Reply == null);
        if (f.Bad == true) q = q.Where(e => e.Overall <= 2);
        if (!string.IsNullOrWhiteSpace(f.Region)) q = q.Where(e => e.RegionCode == f.Region);
        var ordered = f.Appeal == AppealStatus.Pending ? q.OrderBy(e => e.AppealedAt) : f.Moderation == ModerationStatus.Pending ? q.OrderBy(e => e.CreatedAt)
            : q.OrderByDescending(e => e.CreatedAt);
        var page = await Paged<Evaluation>.OfAsync(ordered.ThenBy(e => e.Id), f.Page, f.PageSize, e => e);
        var ids = page.Items.Select(e => e.RequestId).ToList();
        var requests = await db.ServiceRequests.AsNoTracking().Where(r => ids.Contains(r.Id))
            .Select(r => new { r.Id, r.Number, r.ItemTitle, r.InstitutionName, r.EnterpriseName }).ToDictionaryAsync(r => r.Id);
        var viewer = RequestAccess.ViewerOf(user);
        return new Paged<EvaluationRow>(page.Items.Select(e =>
        {
            var r = requests[e.RequestId];
            return new EvaluationRow(EvaluationView.Of(e, viewer), r.Id, r.Number, r.ItemTitle, r.InstitutionName, r.EnterpriseName, e.RegionCode,
                RequestText.RegionName(e.RegionCode));
        }).ToList(), page.Total, page.Page, page.PageSize);
    }

    public async Task<EvaluationRow?> FindAsync(ClaimsPrincipal user, Guid id)
    {
        var e = await access.VisibleEvaluations(user).FirstOrDefaultAsync(x => x.Id == id);
        if (e is null) return null;
        var r = await db.ServiceRequests.AsNoTracking().FirstAsync(x => x.Id == e.RequestId);
        return new EvaluationRow(EvaluationView.Of(e, RequestAccess.ViewerOf(user)), r.Id, r.Number, r.ItemTitle, r.InstitutionName, r.EnterpriseName,
            e.RegionCode, RequestText.RegionName(e.RegionCode));
    }
}

/// <summary>
/// What happens to an evaluation after it is written: operators moderate its comment (the author sees why it was hidden),
/// the institution replies once in public and may appeal once, and a city operator decides the appeal. An upheld appeal
/// takes the rating out of the item's figures; the record stays. Everything is audited in the same save.
/// </summary>
public sealed class EvaluationActions(AppDbContext db, RequestAccess access, Notifier notifier, AuditTrail audit, FileStore store, TimeProvider clock)
{
    public const string AuditEntityType = "服务评价";

    public async Task<Evaluation?> ModerateAsync(Guid id, bool publish, string? reason, ClaimsPrincipal user)
    {
        if (RequestAccess.ViewerOf(user) != Viewer.Operator) return null;
        var e = await access.VisibleEvaluations(user, tracked: true).FirstOrDefaultAsync(x => x.Id == id);
        if (e is null) return null;
        if (string.IsNullOrEmpty(e.Comment))
            throw new RuleViolationException("NOTHING_TO_MODERATE", "该评价没有文字内容，无需审核");
        var before = Snapshot(e);
        var now = Now;
        e.Moderate(publish, reason, now);
        var r = await RequestOf(e);
        if (!publish)
            await notifier.NotifyAsync("evaluation.hidden", RequestNotices.Parties(r), $"您的评价内容未通过审核 {r.Number}",
                $"您对“{r.ItemTitle}”的评价内容未公开。原因：{e.ModerationReason}（评分仍然有效）", $"/enterprise/requests/{r.Id}");
        audit.Record(publish ? "公开评价内容" : "屏蔽评价内容", AuditEntityType, e.Id, e.RegionCode, before, Snapshot(e), e.ModerationReason);
        await db.SaveChangesAsync();
        return e;
    }

    public async Task<Evaluation?> ReplyAsync(Guid id, string? reply, ClaimsPrincipal user)
    {
        var e = await OwnInstitutionsAsync(user, id);
        if (e is null) return null;
        var before = Snapshot(e);
        e.PostReply(reply, Now);
        var r = await RequestOf(e);
        await notifier.NotifyAsync("evaluation.replied", RequestNotices.Parties(r), $"{r.InstitutionName}回复了您的评价",
            RequestNotices.Short(e.Reply), $"/enterprise/requests/{r.Id}");
        audit.Record("回复评价", AuditEntityType, e.Id, e.RegionCode, before, Snapshot(e), e.Reply);
        await db.SaveChangesAsync();
        return e;
    }

    public async Task<Evaluation?> AppealAsync(Guid id, string? reason, ClaimsPrincipal user)
    {
        var e = await OwnInstitutionsAsync(user, id);
        if (e is null) return null;
        var before = Snapshot(e);
        e.FileAppeal(reason, Now);
        var r = await RequestOf(e);
        await notifier.NotifyAsync("evaluation.appealed", RequestNotices.Parties(r), $"{r.InstitutionName}对评价提出申诉",
            $"服务申请 {r.Number}（{r.ItemTitle}）。申诉理由：{RequestNotices.Short(e.AppealReason)}", "/review/appeals");
        audit.Record("申诉评价", AuditEntityType, e.Id, e.RegionCode, before, Snapshot(e), e.AppealReason);
        await db.SaveChangesAsync();
        return e;
    }

    public async Task<Evaluation?> DecideAppealAsync(Guid id, bool uphold, string? decision, ClaimsPrincipal user)
    {
        if (!Permissions.Has(user, Permissions.DecideAppeals)) return null;
        var e = await access.VisibleEvaluations(user, tracked: true).FirstOrDefaultAsync(x => x.Id == id);
        if (e is null) return null;
        var before = Snapshot(e);
        var now = Now;
        e.DecideAppeal(uphold, decision, now);
        var r = await RequestOf(e);
        await notifier.NotifyAsync("evaluation.appeal-decided", RequestNotices.Parties(r), $"评价申诉已裁定 {r.Number}",
            uphold ? $"申诉成立，该评价不再计入“{r.ItemTitle}”的评分。裁定意见：{e.AppealDecision}" : $"申诉不成立，评价保持不变。裁定意见：{e.AppealDecision}",
            RequestNotices.Link(r));
        audit.Record(uphold ? "裁定申诉成立" : "裁定申诉不成立", AuditEntityType, e.Id, e.RegionCode, before, Snapshot(e), e.AppealDecision);
        // The rating leaves the item's figures in the same transaction as the decision.
        await RequestCommit.SaveAsync(db, store, [], uphold ? new ItemCounts(e.ItemId, Evaluations: -1, EvaluationTotal: -e.Overall) : null, now);
        return e;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<Evaluation?> OwnInstitutionsAsync(ClaimsPrincipal user, Guid id) =>
        RequestAccess.ViewerOf(user) == Viewer.Institution && CurrentUser.InstitutionId(user) is { } i
            ? await db.Evaluations.FirstOrDefaultAsync(x => x.Id == id && x.InstitutionId == i)
            : null;

    private Task<ServiceRequest> RequestOf(Evaluation e) => db.ServiceRequests.AsNoTracking().FirstAsync(r => r.Id == e.RequestId);

    private static object Snapshot(Evaluation e) => new
    {
        e.Overall, e.Timeliness, e.Professionalism, e.Attitude, Moderation = e.Moderation.ToString(), e.ModerationReason, e.Reply,
        Appeal = e.Appeal.ToString(), e.AppealReason, e.AppealDecision,
    };
}
