using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Modules.ServiceRequests;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Activities;

/// <summary>
/// The activity cards of 我的工作台: enterprise — registrations for activities still to come; operators — proposals to
/// review and today's activities to check in; institutions — today's activities and proposals under review.
/// Also the headline figure 活动组织次数 (DOMAIN.md §1.5): activities held, i.e. finished or published and already over.
/// </summary>
public sealed class ActivityWorkbench(AppDbContext db, ActivityAccess access, TimeProvider clock)
{
    public async Task<IReadOnlyList<WorkbenchCard>> ForAsync(ClaimsPrincipal user)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = HengyangCalendar.Today(clock);
        var from = DateTime.SpecifyKind(today.ToDateTime(TimeOnly.MinValue).AddHours(-8), DateTimeKind.Utc);
        var to = from.AddDays(1);
        if (user.IsInRole(Roles.Enterprise))
        {
            var enterpriseId = Accounts.CurrentUser.EnterpriseId(user) ?? Guid.Empty;
            var upcoming = await db.ActivityRegistrations.CountAsync(r => r.EnterpriseId == enterpriseId
                && (r.Status == RegistrationStatus.Registered || r.Status == RegistrationStatus.Pending || r.Status == RegistrationStatus.Waitlisted)
                && db.Activities.Any(a => a.Id == r.ActivityId && a.EndsAt >= now && a.Status == ActivityStatus.Published));
            return [new("个待参加的活动报名", upcoming, "/enterprise/activities")];
        }
        var managed = access.Managed(user);
        var todays = await managed.CountAsync(a => a.Status == ActivityStatus.Published && a.StartsAt < to && a.EndsAt >= from);
        if (ActivityAccess.IsOperator(user))
            return
            [
                new("场机构提议活动待审核", await managed.CountAsync(a => a.Status == ActivityStatus.PendingReview), "/review/activities"),
                new("场活动今日签到", todays, "/checkin"),
            ];
        if (user.IsInRole(Roles.Institution))
            return
            [
                new("场活动提议审核中", await managed.CountAsync(a => a.Status == ActivityStatus.PendingReview), "/manage/activities?Status=PendingReview"),
                new("场活动今日签到", todays, "/checkin"),
            ];
        return [];
    }
}
