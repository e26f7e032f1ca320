using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Modules.Activities.Register;
using Qifu.Web.Modules.Indicators;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Activities.CheckIn;

public sealed record CheckInResult(ActivityRegistration Registration, string Message);

/// <summary>
/// At the door: staff of the region (or the organising institution) see today's activities, scan a QR (its token is
/// verified) or type the short code, and add walk-ins. A registration checks in once: the second attempt is refused with
/// the time of the first. Check-in is one conditional UPDATE, so two scanners at once cannot both succeed.
/// </summary>
public sealed class CheckInHandler(AppDbContext db, ActivityAccess access, RegistrationCodes codes, AuditTrail audit, TimeProvider clock)
{
    public Task<List<Activity>> TodayAsync(ClaimsPrincipal user)
    {
        var today = HengyangCalendar.Today(clock);
        var from = DateTime.SpecifyKind(today.ToDateTime(TimeOnly.MinValue).AddHours(-8), DateTimeKind.Utc);
        var to = from.AddDays(1);
        return access.Managed(user).AsNoTracking()
            .Where(a => (a.Status == ActivityStatus.Published || a.Status == ActivityStatus.Finished) && a.StartsAt < to && a.EndsAt >= from)
            .OrderBy(a => a.StartsAt).ThenBy(a => a.Id).ToListAsync();
    }

    public async Task<CheckInResult?> CheckInAsync(ClaimsPrincipal user, Guid activityId, string? typed)
    {
        var activity = await access.Managed(user).AsNoTracking().FirstOrDefaultAsync(a => a.Id == activityId);
        if (activity is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        EnsureOpenForCheckIn(activity, now);
        var registration = await FindAsync(activityId, typed);
        if (registration.Status != RegistrationStatus.Registered)
            throw new RuleViolationException("NOT_REGISTERED", $"该报名当前为“{ActivityLabels.Label(registration.Status)}”，不能签到", "code");
        var by = CurrentUser.Name(user);
        await db.InTransactionAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var changed = await db.ActivityRegistrations.Where(r => r.Id == registration.Id && r.CheckedInAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.CheckedInAt, now).SetProperty(r => r.CheckedInBy, by));
            if (changed == 0)
            {
                var first = await db.ActivityRegistrations.Where(r => r.Id == registration.Id).Select(r => r.CheckedInAt).FirstAsync();
                throw new RuleViolationException("ALREADY_CHECKED_IN",
                    $"该报名已于 {ActivityLabels.Local(first!.Value):yyyy-MM-dd HH:mm:ss} 签到，不能重复签到", "code");
            }
            audit.Record("活动签到", ActivitiesModule.AuditEntityType, activityId, activity.RegionCode, null, new { registration.EnterpriseName, registration.Code });
            IndicatorChanges.Note(db, now);
            await db.SaveChangesAsync();
            return true;
        });
        var done = await db.ActivityRegistrations.AsNoTracking().Include(r => r.Attendees).FirstAsync(r => r.Id == registration.Id);
        return new CheckInResult(done, $"签到成功：{done.EnterpriseName}（{string.Join("、", done.Attendees.Select(a => a.Name))}）");
    }

    public async Task<CheckInResult?> WalkInAsync(ClaimsPrincipal user, Guid activityId, WalkInInput input)
    {
        var activity = await access.Managed(user).AsNoTracking().FirstOrDefaultAsync(a => a.Id == activityId);
        if (activity is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        EnsureOpenForCheckIn(activity, now);
        var phone = PhoneNumber.Normalize(input.Phone);
        if (!PhoneNumber.IsMobile(phone))
            throw new RuleViolationException("PHONE_INVALID", "手机号格式不正确", "phone", 400);
        // Walk-ins are already in the room: they are recorded as attendance, not counted against the seats offered.
        var registration = await codes.SaveWithNewCodeAsync(db, async code =>
        {
            var walkIn = new ActivityRegistration
            {
                ActivityId = activityId, EnterpriseName = input.Company!.Trim(), RegionCode = activity.RegionCode, Status = RegistrationStatus.Registered,
                Code = code, Seats = 1, IsWalkIn = true, CreatedAt = now, CheckedInAt = now, CheckedInBy = CurrentUser.Name(user),
                CreatedBy = CurrentUser.Id(user),
                Attendees = [new Attendee { Name = input.Name!.Trim(), Phone = phone, Position = input.Position?.Trim() ?? "" }],
            };
            db.ActivityRegistrations.Add(walkIn);
            audit.Record("现场登记签到", ActivitiesModule.AuditEntityType, activityId, activity.RegionCode, null, new { walkIn.EnterpriseName });
            await db.SaveChangesAsync();
            return walkIn;
        });
        return new CheckInResult(registration, $"已登记并签到：{registration.EnterpriseName}（{input.Name!.Trim()}）");
    }

    private async Task<ActivityRegistration> FindAsync(Guid activityId, string? typed)
    {
        var text = (typed ?? "").Trim();
        var code = RegistrationCodes.Normalize(text);
        ActivityRegistration? found;
        if (RegistrationCodes.LooksLikeCode(code))
        {
            found = await db.ActivityRegistrations.AsNoTracking().FirstOrDefaultAsync(r => r.ActivityId == activityId && r.Code == code);
        }
        else
        {
            var token = codes.Read(text)
                ?? throw new RuleViolationException("TOKEN_INVALID", "二维码无效：签名校验未通过，请让参会人出示报名码后手工输入", "code", 422);
            found = await db.ActivityRegistrations.AsNoTracking()
                .FirstOrDefaultAsync(r => r.Id == token.Id && r.Code == token.Code && r.ActivityId == activityId);
            if (found is null)
                throw new RuleViolationException("WRONG_ACTIVITY", "该二维码不是本活动的报名凭证", "code", 422);
        }
        return found ?? throw new RuleViolationException("CODE_NOT_FOUND", "本活动没有这个报名码，请核对后重新输入", "code", 422);
    }

    private static void EnsureOpenForCheckIn(Activity activity, DateTime now)
    {
        if (activity.Status is not (ActivityStatus.Published or ActivityStatus.Finished))
            throw new RuleViolationException("CHECKIN_NOT_OPEN", $"活动当前为“{ActivityLabels.Label(activity.Status)}”，不能签到");
        var today = HengyangCalendar.DayOf(now);
        if (today < HengyangCalendar.DayOf(activity.StartsAt) || today > HengyangCalendar.DayOf(activity.EndsAt))
            throw new RuleViolationException("CHECKIN_NOT_OPEN", $"签到仅在活动当天开放（{ActivityLabels.Schedule(activity.StartsAt, activity.EndsAt)}）");
    }
}
