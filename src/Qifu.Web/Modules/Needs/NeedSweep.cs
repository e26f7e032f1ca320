using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Needs.Data;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Calendar;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Jobs;
using Qifu.Web.Platform.Notifications;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Needs;

/// <summary>
/// Every 30 minutes on every node: needs past their deadline become 已过期 (the enterprise is told), and open needs with no
/// proposal <c>need.follow-up-days</c> working days after approval go on the county's 待跟进 list (its operators are told).
/// Each need is saved on its own under its Version token, so two nodes sweeping at once change it once.
/// </summary>
public sealed class NeedSweep(AppDbContext db, WorkingCalendar calendar, SiteSettings settings, AuditTrail audit, Notifier notifier, TimeProvider clock)
    : IScheduledWork
{
    public async Task RunAsync(CancellationToken ct = default)
    {
        await ExpireAsync(ct);
        await FollowUpAsync(ct);
    }

    /// <summary>Returns how many needs expired.</summary>
    public async Task<int> ExpireAsync(CancellationToken ct = default)
    {
        var today = calendar.Today;
        var ids = await db.Needs.Where(n => (n.Status == NeedStatus.PendingReview || n.Status == NeedStatus.Open) && n.Deadline < today)
            .OrderBy(n => n.Deadline).Select(n => n.Id).Take(500).ToListAsync(ct);
        var count = 0;
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var need = await db.Needs.FirstOrDefaultAsync(n => n.Id == id, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            if (need is null || !need.Expire(today, now)) continue;
            foreach (var p in await db.NeedProposals.Where(p => p.NeedId == id && p.Status == ProposalStatus.Live).ToListAsync(ct))
            {
                p.Status = ProposalStatus.NotPicked;
                p.Touch(now);
            }
            audit.Record("需求过期", NeedsModule.AuditEntityType, id, need.RegionCode, null, need.Snapshot(), $"截止日期 {need.Deadline:yyyy-MM-dd}", "系统");
            await notifier.NotifyAsync("need.expired", new Parties(EnterpriseId: need.EnterpriseId), $"需求已过期：{need.Title}",
                $"该需求已过截止日期 {need.Deadline:yyyy-MM-dd}，不再征集方案。如仍需要，可重新发布。", $"/enterprise/needs/{id}");
            if (await SavedAsync(ct)) count++;
        }
        db.ChangeTracker.Clear();
        return count;
    }

    /// <summary>Returns how many needs were put on the follow-up list.</summary>
    public async Task<int> FollowUpAsync(CancellationToken ct = default)
    {
        var days = await settings.GetIntAsync(Settings.NeedFollowUpWorkingDays);
        var today = calendar.Today;
        var candidates = await db.Needs.AsNoTracking()
            .Where(n => n.Status == NeedStatus.Open && n.FirstProposalAt == null && n.FollowUpSince == null && n.OpenedAt != null)
            .OrderBy(n => n.OpenedAt).Select(n => new { n.Id, n.OpenedAt }).Take(500).ToListAsync(ct);
        var count = 0;
        foreach (var c in candidates)
        {
            var due = await calendar.AddWorkingDaysAsync(HengyangCalendar.DayOf(c.OpenedAt!.Value), days);
            if (today < due) continue;
            db.ChangeTracker.Clear();
            var need = await db.Needs.FirstOrDefaultAsync(n => n.Id == c.Id && n.FirstProposalAt == null && n.FollowUpSince == null, ct);
            if (need is null) continue;
            need.MarkForFollowUp(clock.GetUtcNow().UtcDateTime);
            audit.Record("需求转入待跟进", NeedsModule.AuditEntityType, need.Id, need.RegionCode, null, null, $"发布后{days}个工作日无机构响应", "系统");
            await notifier.NotifyAsync("need.follow-up", new Parties(RegionCode: need.RegionCode), $"需求待跟进：{need.Title}",
                $"{need.EnterpriseName}的需求发布{days}个工作日仍无机构提交方案，请跟进或派单。", $"/manage/needs/{need.Id}");
            if (await SavedAsync(ct)) count++;
        }
        db.ChangeTracker.Clear();
        return count;
    }

    private async Task<bool> SavedAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another node (or the enterprise) changed it first: that change stands.
            return false;
        }
    }
}
