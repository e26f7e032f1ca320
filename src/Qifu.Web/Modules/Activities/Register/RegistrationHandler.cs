using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Modules.Indicators;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Notifications;
using Qifu.Web.Platform.Standards;
using EnterpriseStatus = Qifu.Web.Platform.Registration.RegistrationStatus;

namespace Qifu.Web.Modules.Activities.Register;

/// <summary>
/// An enterprise registers named staff, cancels (until the registration deadline) and gives feedback (once, after
/// checking in). Seats go through <see cref="Seats"/>; when none are left the registration joins the waitlist, and
/// every seat that frees up goes to the earliest waitlisted registration that fits, who is told through the inbox.
/// </summary>
public sealed class RegistrationHandler(AppDbContext db, RegistrationCodes codes, AuditTrail audit, Notifier notifier, TimeProvider clock)
{
    public const int MaxAttendees = 5;

    public IQueryable<ActivityRegistration> Own(ClaimsPrincipal user)
    {
        var enterpriseId = CurrentUser.EnterpriseId(user) ?? Guid.Empty;
        return db.ActivityRegistrations.Where(r => r.EnterpriseId == enterpriseId);
    }

    public async Task<ActivityRegistration?> RegisterAsync(ClaimsPrincipal user, Guid activityId, RegistrationInput input)
    {
        var enterpriseId = CurrentUser.EnterpriseId(user);
        var enterprise = enterpriseId is null ? null : await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.Id == enterpriseId);
        var activity = await db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == activityId
            && (a.Status == ActivityStatus.Published || a.Status == ActivityStatus.Finished || a.Status == ActivityStatus.Cancelled));
        if (activity is null) return null;
        if (enterprise?.Status != EnterpriseStatus.Approved)
            throw new RuleViolationException("ENTERPRISE_NOT_APPROVED", "企业注册审核通过后才能报名活动");
        var now = clock.GetUtcNow().UtcDateTime;
        activity.EnsureOpenForRegistration(now);
        var attendees = CheckAttendees(input);
        var answers = CheckAnswers(input, activity);
        var previous = await db.ActivityRegistrations.AsNoTracking().Where(r => r.ActivityId == activityId && r.EnterpriseId == enterprise.Id)
            .Select(r => new { r.Id, r.Status, r.Code }).FirstOrDefaultAsync();
        if (previous is not null && previous.Status is not (RegistrationStatus.Cancelled or RegistrationStatus.Rejected))
            throw new RuleViolationException("ALREADY_REGISTERED", $"本企业已报名该活动（{ActivityLabels.Label(previous.Status)}，报名码 {previous.Code}），如需变更参会人请先取消");

        try
        {
            // A clash of codes (the unique index on Code) runs the registration again with another code.
            return await codes.SaveWithNewCodeAsync(db, code => db.InTransactionAsync(async () =>
            {
                db.ChangeTracker.Clear();
                // Registering again after cancelling: the old row goes, the new one queues behind everyone already waiting.
                if (previous is not null)
                    await db.ActivityRegistrations.Where(r => r.Id == previous.Id
                        && (r.Status == RegistrationStatus.Cancelled || r.Status == RegistrationStatus.Rejected)).ExecuteDeleteAsync();
                var gotSeats = await Seats.TryTakeAsync(db, activityId, attendees.Count);
                // Thrown inside the transaction: the old row's removal above is rolled back with it.
                if (!gotSeats && activity.WithoutWaitlist)
                    throw new RuleViolationException("ACTIVITY_FULL", "活动名额已满，本活动不设候补");
                var registration = new ActivityRegistration
                {
                    ActivityId = activityId, EnterpriseId = enterprise.Id, EnterpriseName = enterprise.Name, RegionCode = enterprise.RegionCode,
                    Status = !gotSeats ? RegistrationStatus.Waitlisted : activity.RequiresApproval ? RegistrationStatus.Pending : RegistrationStatus.Registered,
                    Code = code, Seats = attendees.Count, Attendees = attendees, Answers = answers, CreatedAt = now,
                    CreatedBy = CurrentUser.Id(user),
                };
                db.ActivityRegistrations.Add(registration);
                audit.Record("活动报名", ActivitiesModule.AuditEntityType, activityId, activity.RegionCode, null,
                    new { registration.EnterpriseName, Status = registration.Status.ToString(), registration.Seats }, ActivityLabels.Label(registration.Status));
                await db.SaveChangesAsync();
                return registration;
            }));
        }
        catch (DbUpdateException)
        {
            // The unique (activity, enterprise) index: the same enterprise's other request got there first (SECURITY.md IN-09).
            throw new RuleViolationException("ALREADY_REGISTERED", "本企业已报名该活动，请勿重复提交");
        }
    }

    /// <summary>Cancels an enterprise's own registration until the deadline; a seat it held goes to the waitlist.</summary>
    public async Task<ActivityRegistration?> CancelAsync(ClaimsPrincipal user, long registrationId)
    {
        var own = await Own(user).AsNoTracking().FirstOrDefaultAsync(r => r.Id == registrationId);
        if (own is null) return null;
        var activity = await db.Activities.AsNoTracking().FirstAsync(a => a.Id == own.ActivityId);
        var now = clock.GetUtcNow().UtcDateTime;
        if (own.Status is RegistrationStatus.Cancelled or RegistrationStatus.Rejected)
            throw new RuleViolationException("REGISTRATION_STATUS_CONFLICT", $"该报名已是“{ActivityLabels.Label(own.Status)}”状态");
        if (now > activity.RegistrationClosesAt)
            throw new RuleViolationException("CANCEL_DEADLINE_PASSED", $"报名已于 {ActivityLabels.Time(activity.RegistrationClosesAt)} 截止，截止后不能在线取消，请联系主办方", null, 422);
        await db.InTransactionAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var changed = await db.ActivityRegistrations.Where(r => r.Id == own.Id && r.Status == own.Status)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Cancelled).SetProperty(r => r.CancelledAt, now));
            if (changed == 0) throw RuleViolationException.Conflict();
            if (own.HoldsSeats)
            {
                await Seats.ReleaseAsync(db, activity.Id, own.Seats);
                await PromoteAsync(activity, now);
            }
            audit.Record("取消活动报名", ActivitiesModule.AuditEntityType, activity.Id, activity.RegionCode,
                new { own.EnterpriseName, Status = own.Status.ToString() }, new { Status = nameof(RegistrationStatus.Cancelled) });
            await db.SaveChangesAsync();
            return true;
        });
        return await db.ActivityRegistrations.AsNoTracking().FirstAsync(r => r.Id == own.Id);
    }

    /// <summary>
    /// Gives freed seats to the waitlist in arrival order (the first registration that fits). Each promotion changes the
    /// row only while it is still waitlisted, so two cancellations at once cannot promote the same registration twice.
    /// Runs inside the caller's transaction; inbox messages are saved with it.
    /// </summary>
    public async Task<int> PromoteAsync(Activity activity, DateTime now)
    {
        var waiting = await db.ActivityRegistrations.AsNoTracking()
            .Where(r => r.ActivityId == activity.Id && r.Status == RegistrationStatus.Waitlisted)
            .OrderBy(r => r.Id).Select(r => new { r.Id, r.Seats, r.EnterpriseId, r.EnterpriseName }).Take(50).ToListAsync();
        var promoted = 0;
        var next = activity.RequiresApproval ? RegistrationStatus.Pending : RegistrationStatus.Registered;
        foreach (var w in waiting)
        {
            if (!await Seats.TryTakeAsync(db, activity.Id, w.Seats)) continue;
            var changed = await db.ActivityRegistrations.Where(r => r.Id == w.Id && r.Status == RegistrationStatus.Waitlisted)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, next).SetProperty(r => r.PromotedAt, now));
            if (changed == 0)
            {
                await Seats.ReleaseAsync(db, activity.Id, w.Seats);
                continue;
            }
            promoted++;
            await notifier.NotifyAsync("activity.promoted", new Parties(EnterpriseId: w.EnterpriseId), $"候补成功：{activity.Title}",
                $"有名额空出，贵单位的候补报名已转为“{ActivityLabels.Label(next)}”。活动时间 {ActivityLabels.Schedule(activity.StartsAt, activity.EndsAt)}。",
                $"/activities/{activity.Id}");
            audit.Record("候补转正", ActivitiesModule.AuditEntityType, activity.Id, activity.RegionCode, null, new { w.EnterpriseName, Status = next.ToString() });
        }
        return promoted;
    }

    public async Task<ActivityRegistration?> FeedbackAsync(ClaimsPrincipal user, long registrationId, FeedbackInput input)
    {
        var own = await Own(user).AsNoTracking().FirstOrDefaultAsync(r => r.Id == registrationId);
        if (own is null) return null;
        if (own.CheckedInAt is null)
            throw new RuleViolationException("FEEDBACK_NOT_ALLOWED", "签到参会后才能评价该活动");
        if (own.FeedbackAt is not null)
            throw new RuleViolationException("FEEDBACK_EXISTS", "已评价过该活动，每次报名只能评价一次");
        var now = clock.GetUtcNow().UtcDateTime;
        var level = (Satisfaction)input.Level!.Value;
        var comment = Clean(input.Comment);
        await db.InTransactionAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var changed = await db.ActivityRegistrations.Where(r => r.Id == own.Id && r.FeedbackAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Feedback, level).SetProperty(r => r.FeedbackComment, comment).SetProperty(r => r.FeedbackAt, now));
            if (changed == 0) throw new RuleViolationException("FEEDBACK_EXISTS", "已评价过该活动，每次报名只能评价一次");
            // Activity feedback is counted on the dashboard (decision 0025); the ExecuteUpdate bypasses the change tracker.
            IndicatorChanges.Note(db, now);
            await db.SaveChangesAsync();
            return true;
        });
        return await db.ActivityRegistrations.AsNoTracking().FirstAsync(r => r.Id == own.Id);
    }

    private static List<Attendee> CheckAttendees(RegistrationInput input)
    {
        var rows = input.Attendees.Where(a => !string.IsNullOrWhiteSpace(a.Name) || !string.IsNullOrWhiteSpace(a.Phone)).ToList();
        if (rows.Count == 0)
            throw new RuleViolationException("ATTENDEES_REQUIRED", "请至少填写一名参会人的姓名和手机号", "attendees", 400);
        if (rows.Count > MaxAttendees)
            throw new RuleViolationException("TOO_MANY_ATTENDEES", $"每家企业最多报名{MaxAttendees}人", "attendees", 400);
        var list = new List<Attendee>();
        foreach (var (a, i) in rows.Select((a, i) => (a, i)))
        {
            if (string.IsNullOrWhiteSpace(a.Name))
                throw new RuleViolationException("ATTENDEE_NAME_REQUIRED", $"请填写第{i + 1}位参会人的姓名", "attendees", 400);
            var phone = PhoneNumber.Normalize(a.Phone);
            if (!PhoneNumber.IsMobile(phone))
                throw new RuleViolationException("ATTENDEE_PHONE_INVALID", $"第{i + 1}位参会人的手机号格式不正确", "attendees", 400);
            if (list.Any(x => x.Phone == phone))
                throw new RuleViolationException("ATTENDEE_DUPLICATE", $"第{i + 1}位参会人的手机号与前面重复", "attendees", 400);
            list.Add(new Attendee { Name = a.Name.Trim(), Phone = phone, Position = a.Position?.Trim() ?? "" });
        }
        return list;
    }

    private static string CheckAnswers(RegistrationInput input, Activity activity)
    {
        var questions = activity.QuestionList;
        var answers = new List<string>();
        for (var i = 0; i < questions.Count; i++)
        {
            var answer = Clean(i < input.Answers.Count ? input.Answers[i] : null);
            if (string.IsNullOrEmpty(answer))
                throw new RuleViolationException("ANSWER_REQUIRED", $"请回答报名问题：{questions[i]}", "answers", 400);
            if (answer.Length > 300)
                throw new RuleViolationException("ANSWER_TOO_LONG", $"“{questions[i]}”的回答不能超过300字", "answers", 400);
            answers.Add(answer.Replace('\n', ' '));
        }
        return string.Join('\n', answers);
    }

    private static string? Clean(string? text)
    {
        if (text is null) return null;
        var kept = new string(text.Where(c => !char.IsControl(c) || c == '\n').ToArray()).Trim();
        return kept.Length == 0 ? null : kept;
    }
}
