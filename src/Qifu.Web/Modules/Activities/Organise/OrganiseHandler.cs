using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Modules.Activities.Register;
using Qifu.Web.Modules.Search;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Notifications;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Web;
using EnterpriseStatus = Qifu.Web.Platform.Registration.RegistrationStatus;

namespace Qifu.Web.Modules.Activities.Organise;

public sealed record ManagedFilter
{
    public string? Status { get; init; }
    public string? Q { get; init; }
    public int? Page { get; init; }
}

/// <summary>An activity's registrations for its organiser, and the questions their answers belong to.</summary>
public sealed record RegistrationList(IReadOnlyList<string> Questions, List<ActivityRegistration> Items);

/// <summary>
/// The organiser's side: operators create and publish activities for their region (the city anywhere); approved
/// institutions propose, and the region's operator approves or rejects with a reason. Edits, cancellation, manual approval
/// of registrations, the closing summary and photos (evidence), and the registration list.
/// </summary>
public sealed class OrganiseHandler(AppDbContext db, ActivityAccess access, RegistrationHandler registrations, AuditTrail audit, Notifier notifier,
    FileStore files, TimeProvider clock)
{
    public const string FileOwnerType = "activity";
    public const int MaxPhotos = 9;
    public static readonly UploadRule PhotoRule = new("activity-photo", "活动照片", 10 * 1024 * 1024, [FileKind.Jpeg, FileKind.Png]);
    public static readonly UploadRule SummaryRule = new("activity-summary", "活动总结", 10 * 1024 * 1024, [FileKind.Pdf]);

    public Task<Paged<Activity>> ListManagedAsync(ClaimsPrincipal user, ManagedFilter f)
    {
        var q = access.Managed(user).AsNoTracking();
        if (Enum.TryParse<ActivityStatus>(f.Status, out var status)) q = q.Where(a => a.Status == status);
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var term = f.Q.Trim();
            q = q.Where(a => a.Title.Contains(term));
        }
        return Paged<Activity>.OfAsync(q.OrderByDescending(a => a.StartsAt).ThenBy(a => a.Id), f.Page, 20, a => a);
    }

    public Task<Activity?> FindManagedAsync(ClaimsPrincipal user, Guid id) => access.Managed(user).AsNoTracking().FirstOrDefaultAsync(a => a.Id == id);

    public async Task<Activity> CreateAsync(ClaimsPrincipal user, ActivityInput input, bool publish)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (region, organiser, institutionId) = await OrganiserAsync(user, input.RegionCode);
        var activity = new Activity { Id = Guid.NewGuid(), RegionCode = region, InstitutionId = institutionId, CreatedAt = now, UpdatedAt = now };
        Apply(activity, input, organiser);
        db.Activities.Add(activity);
        audit.Record("新建活动", ActivitiesModule.AuditEntityType, activity.Id, region, null, activity.Snapshot());
        if (publish) await PublishOrSubmitAsync(user, activity, now);
        await db.SaveChangesAsync();
        return activity;
    }

    public async Task<Activity?> UpdateAsync(ClaimsPrincipal user, Guid id, ActivityInput input)
    {
        var activity = await access.Managed(user, tracked: true).FirstOrDefaultAsync(a => a.Id == id);
        if (activity is null) return null;
        activity.EnsureEditable();
        if (!ActivityAccess.IsOperator(user) && activity.Status != ActivityStatus.Draft)
            throw new RuleViolationException("ACTIVITY_STATUS_CONFLICT", "已发布的活动由运营修改，如需调整请联系所在区县运营");
        var now = clock.GetUtcNow().UtcDateTime;
        var before = activity.Snapshot();
        var oldAvailable = activity.Available;
        if (ActivityAccess.IsOperator(user) && DataScope.Of(user).All && RegionCodes.Exists(input.RegionCode) && activity.InstitutionId is null)
            activity.RegionCode = input.RegionCode!;
        var organiser = activity.InstitutionId is { } institutionId
            ? await db.Institutions.Where(i => i.Id == institutionId).Select(i => i.Name).FirstAsync()
            : DefaultOrganiser(activity.RegionCode);
        Apply(activity, input, organiser);
        if (activity.Available < activity.Taken)
            throw new RuleViolationException("CAPACITY_BELOW_TAKEN", $"已有{activity.Taken}个名额被占用，名额减去预留不能少于此数", "capacity", 400);
        activity.Touch(now);
        audit.Record("修改活动", ActivitiesModule.AuditEntityType, id, activity.RegionCode, before, activity.Snapshot());
        if (activity.Status == ActivityStatus.Published) SearchLog.Changed(db, ActivitySearchSource.KindCode, id, now);
        await db.InTransactionAsync(async () =>
        {
            await db.SaveChangesAsync();
            if (activity.Available > oldAvailable && activity.Status == ActivityStatus.Published)
            {
                await registrations.PromoteAsync(activity, now);
                await db.SaveChangesAsync();
            }
            return true;
        });
        return activity;
    }

    /// <summary>An operator publishes; an institution submits its proposal for the region's review.</summary>
    public async Task<Activity?> PublishAsync(ClaimsPrincipal user, Guid id)
    {
        var activity = await access.Managed(user, tracked: true).FirstOrDefaultAsync(a => a.Id == id);
        if (activity is null) return null;
        await PublishOrSubmitAsync(user, activity, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
        return activity;
    }

    public async Task<Activity?> ApproveAsync(ClaimsPrincipal user, Guid id)
    {
        var activity = await ReviewableAsync(user, id);
        if (activity is null) return null;
        if (activity.Status != ActivityStatus.PendingReview)
            throw new RuleViolationException("ACTIVITY_STATUS_CONFLICT", "该活动不在待审核状态");
        var now = clock.GetUtcNow().UtcDateTime;
        var before = activity.Snapshot();
        activity.Publish(now);
        audit.Record("活动审核通过", ActivitiesModule.AuditEntityType, id, activity.RegionCode, before, activity.Snapshot());
        SearchLog.Changed(db, ActivitySearchSource.KindCode, id, now);
        await notifier.NotifyAsync("activity.approved", new Parties(InstitutionId: activity.InstitutionId), $"活动已发布：{activity.Title}",
            "您提议的活动已通过审核并发布，企业现在可以报名。", $"/manage/activities/{id}");
        await db.SaveChangesAsync();
        return activity;
    }

    public async Task<Activity?> RejectAsync(ClaimsPrincipal user, Guid id, string? reason)
    {
        var activity = await ReviewableAsync(user, id);
        if (activity is null) return null;
        var before = activity.Snapshot();
        activity.Reject(reason, clock.GetUtcNow().UtcDateTime);
        audit.Record("活动审核驳回", ActivitiesModule.AuditEntityType, id, activity.RegionCode, before, activity.Snapshot(), activity.RejectReason);
        await notifier.NotifyAsync("activity.rejected", new Parties(InstitutionId: activity.InstitutionId), $"活动未通过审核：{activity.Title}",
            $"驳回原因：{activity.RejectReason}", $"/manage/activities/{id}");
        await db.SaveChangesAsync();
        return activity;
    }

    public async Task<Activity?> CancelAsync(ClaimsPrincipal user, Guid id, string? reason)
    {
        var activity = await access.Managed(user, tracked: true).FirstOrDefaultAsync(a => a.Id == id);
        if (activity is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var before = activity.Snapshot();
        var wasPublished = activity.Status == ActivityStatus.Published;
        activity.Cancel(reason, now);
        audit.Record("取消活动", ActivitiesModule.AuditEntityType, id, activity.RegionCode, before, activity.Snapshot(), activity.CancelReason);
        SearchLog.Changed(db, ActivitySearchSource.KindCode, id, now);
        if (wasPublished)
        {
            var enterprises = await db.ActivityRegistrations.Where(r => r.ActivityId == id && r.EnterpriseId != null
                    && (r.Status == RegistrationStatus.Registered || r.Status == RegistrationStatus.Pending || r.Status == RegistrationStatus.Waitlisted))
                .Select(r => r.EnterpriseId).Distinct().ToListAsync();
            foreach (var e in enterprises)
                await notifier.NotifyAsync("activity.cancelled", new Parties(EnterpriseId: e), $"活动取消：{activity.Title}",
                    $"原定于 {ActivityLabels.Schedule(activity.StartsAt, activity.EndsAt)} 的活动已取消。原因：{activity.CancelReason}", $"/activities/{id}");
        }
        await db.SaveChangesAsync();
        return activity;
    }

    /// <summary>Manual approval: a pending registration (it already holds its seats) is confirmed or refused.</summary>
    public async Task<ActivityRegistration?> DecideRegistrationAsync(ClaimsPrincipal user, Guid activityId, long registrationId, bool approve, string? reason)
    {
        var activity = await access.Managed(user).AsNoTracking().FirstOrDefaultAsync(a => a.Id == activityId);
        if (activity is null) return null;
        var reg = await db.ActivityRegistrations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == registrationId && r.ActivityId == activityId);
        if (reg is null) return null;
        if (reg.Status != RegistrationStatus.Pending)
            throw new RuleViolationException("REGISTRATION_STATUS_CONFLICT", $"该报名当前为“{ActivityLabels.Label(reg.Status)}”，无需审核");
        if (!approve && string.IsNullOrWhiteSpace(reason))
            throw new RuleViolationException("REASON_REQUIRED", "请填写不通过的原因", "reason", 400);
        var now = clock.GetUtcNow().UtcDateTime;
        var next = approve ? RegistrationStatus.Registered : RegistrationStatus.Rejected;
        await db.InTransactionAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var changed = await db.ActivityRegistrations.Where(r => r.Id == reg.Id && r.Status == RegistrationStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, next));
            if (changed == 0) throw RuleViolationException.Conflict();
            if (!approve)
            {
                await Seats.ReleaseAsync(db, activityId, reg.Seats);
                await registrations.PromoteAsync(activity, now);
            }
            audit.Record(approve ? "报名审核通过" : "报名审核不通过", ActivitiesModule.AuditEntityType, activityId, activity.RegionCode, null,
                new { reg.EnterpriseName, Status = next.ToString() }, reason);
            await notifier.NotifyAsync(approve ? "activity.registration-approved" : "activity.registration-rejected", new Parties(EnterpriseId: reg.EnterpriseId),
                approve ? $"报名已确认：{activity.Title}" : $"报名未通过：{activity.Title}",
                approve ? $"报名码 {reg.Code}，请按时参加。" : $"原因：{reason!.Trim()}", $"/activities/{activityId}");
            await db.SaveChangesAsync();
            return true;
        });
        return await db.ActivityRegistrations.AsNoTracking().FirstAsync(r => r.Id == reg.Id);
    }

    /// <summary>The closing summary and photos: evidence for the indicators (DOMAIN.md §1.5), once the activity has ended.</summary>
    public async Task<Activity?> SaveEvidenceAsync(ClaimsPrincipal user, Guid id, string? summary, IReadOnlyList<IFormFile> photos, IReadOnlyList<IFormFile> documents)
    {
        var activity = await access.Managed(user, tracked: true).FirstOrDefaultAsync(a => a.Id == id);
        if (activity is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        if (activity.Status is not (ActivityStatus.Published or ActivityStatus.Finished) || activity.StartsAt > now)
            throw new RuleViolationException("EVIDENCE_TOO_EARLY", "活动开始后才能上传总结和照片");
        var text = summary?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length < 10)
            throw new RuleViolationException("SUMMARY_REQUIRED", "请填写活动总结（至少10个字）", "summary", 400);
        if (text.Length > 5000)
            throw new RuleViolationException("SUMMARY_TOO_LONG", "活动总结不能超过5000字", "summary", 400);
        var existingPhotos = await db.Files.CountAsync(f => f.OwnerType == FileOwnerType && f.OwnerId == id && f.Purpose == PhotoRule.Purpose);
        var added = await files.SaveAllAsync(photos, PhotoRule, MaxPhotos - existingPhotos, FileOwnerType, id, CurrentUser.Id(user), "photos");
        try
        {
            added.AddRange(await files.SaveAllAsync(documents, SummaryRule, 1, FileOwnerType, id, CurrentUser.Id(user), "documents"));
            activity.Summary = text;
            activity.Finish(now);
            activity.Touch(now);
            db.Files.AddRange(added);
            audit.Record("上传活动总结", ActivitiesModule.AuditEntityType, id, activity.RegionCode, null, new { Photos = added.Count }, null);
            await db.SaveChangesAsync();
        }
        catch
        {
            files.Discard(added);
            throw;
        }
        return activity;
    }

    public Task<List<StoredFile>> EvidenceAsync(Guid id) =>
        db.Files.AsNoTracking().Where(f => f.OwnerType == FileOwnerType && f.OwnerId == id).OrderBy(f => f.UploadedAt).ThenBy(f => f.FileName).ToListAsync();

    /// <summary>The registrations of an activity the caller manages, in arrival order, with the activity's registration questions.</summary>
    public async Task<RegistrationList?> RegistrationsAsync(ClaimsPrincipal user, Guid id)
    {
        var questions = await access.Managed(user).Where(a => a.Id == id).Select(a => a.Questions).FirstOrDefaultAsync();
        if (questions is null) return null;
        var items = await db.ActivityRegistrations.AsNoTracking().Include(r => r.Attendees).Where(r => r.ActivityId == id).OrderBy(r => r.Id).ToListAsync();
        return new RegistrationList(Activity.QuestionsOf(questions), items);
    }

    public Task<List<Activity>> PendingReviewAsync(ClaimsPrincipal user) =>
        DataScope.Of(user).Apply(db.Activities.AsNoTracking(), a => a.RegionCode)
            .Where(a => a.Status == ActivityStatus.PendingReview).OrderBy(a => a.UpdatedAt).ThenBy(a => a.Id).ToListAsync();

    private Task<Activity?> ReviewableAsync(ClaimsPrincipal user, Guid id) =>
        ActivityAccess.IsOperator(user)
            ? DataScope.Of(user).Apply(db.Activities, a => a.RegionCode).FirstOrDefaultAsync(a => a.Id == id)
            : Task.FromResult<Activity?>(null);

    private async Task PublishOrSubmitAsync(ClaimsPrincipal user, Activity activity, DateTime now)
    {
        var before = activity.Snapshot();
        if (ActivityAccess.IsOperator(user))
        {
            activity.Publish(now);
            audit.Record("发布活动", ActivitiesModule.AuditEntityType, activity.Id, activity.RegionCode, before, activity.Snapshot());
            SearchLog.Changed(db, ActivitySearchSource.KindCode, activity.Id, now);
        }
        else
        {
            activity.SubmitForReview(now);
            audit.Record("提交活动审核", ActivitiesModule.AuditEntityType, activity.Id, activity.RegionCode, before, activity.Snapshot());
            await notifier.NotifyAsync("activity.proposed", new Parties(InstitutionId: activity.InstitutionId, RegionCode: activity.RegionCode),
                $"活动待审核：{activity.Title}", $"{activity.OrganiserName}提议举办活动，请审核。", $"/review/activities/{activity.Id}");
        }
    }

    /// <summary>The region, default organiser and institution of a new activity, from who creates it.</summary>
    private async Task<(string Region, string Organiser, Guid? InstitutionId)> OrganiserAsync(ClaimsPrincipal user, string? requestedRegion)
    {
        if (ActivityAccess.IsOperator(user))
        {
            var scope = DataScope.Of(user);
            var region = scope.All ? (RegionCodes.Exists(requestedRegion) ? requestedRegion! : RegionCodes.City) : scope.RegionCode!;
            return (region, DefaultOrganiser(region), null);
        }
        var id = CurrentUser.InstitutionId(user);
        var institution = id is null ? null : await db.Institutions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id);
        if (institution?.Status != EnterpriseStatus.Approved)
            throw new RuleViolationException("INSTITUTION_NOT_APPROVED", "机构入驻审核通过后才能提议活动");
        return (institution.RegionCode, institution.Name, institution.Id);
    }

    /// <summary>The organiser of an operator's activity when none is entered: the centre at city level, else the county's site.</summary>
    public static string DefaultOrganiser(string region) =>
        region == RegionCodes.City ? "衡阳市中小企业服务中心" : $"{RegionCodes.NameOf(region)}中小企业服务分站";

    /// <param name="defaultOrganiser">主办单位 when the input leaves it empty.</param>
    private static void Apply(Activity a, ActivityInput input, string defaultOrganiser)
    {
        var description = RichText.Sanitize(input.Description);
        if (RichText.ToPlainText(description).Length < 10)
            throw new RuleViolationException("DESCRIPTION_TOO_SHORT", "活动介绍至少需要10个字", "description", 400);
        a.Type = input.Type!.Value;
        a.Title = input.Title.Trim();
        a.OrganiserName = string.IsNullOrWhiteSpace(input.OrganiserName) ? defaultOrganiser : input.OrganiserName.Trim();
        a.Description = description;
        a.StartsAt = Utc(input.StartsAt!.Value);
        a.EndsAt = Utc(input.EndsAt!.Value);
        a.Venue = string.IsNullOrWhiteSpace(input.Venue) ? null : input.Venue.Trim();
        a.OnlineLink = string.IsNullOrWhiteSpace(input.OnlineLink) ? null : input.OnlineLink.Trim();
        a.Capacity = input.Capacity!.Value;
        a.Reserved = input.Reserved;
        a.RegistrationOpensAt = Utc(input.RegistrationOpensAt!.Value);
        a.RegistrationClosesAt = Utc(input.RegistrationClosesAt!.Value);
        a.Questions = string.Join('\n', (input.Questions ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        a.RequiresApproval = input.RequiresApproval;
        a.WithoutWaitlist = input.WithoutWaitlist;
        a.IsPublicInterest = input.IsPublicInterest;
    }

    /// <summary>Form and API times are Beijing time; an explicit UTC value is taken as it is.</summary>
    public static DateTime Utc(DateTime t) => t.Kind == DateTimeKind.Utc ? t : DateTime.SpecifyKind(t.AddHours(-8), DateTimeKind.Utc);
}
