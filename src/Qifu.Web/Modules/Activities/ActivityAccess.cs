using System.Security.Claims;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Activities;

/// <summary>
/// Who may run an activity: operators within their data scope (the city all, a county its own region) and the
/// institution that organises it. Everything outside is invisible (404, SECURITY.md D6).
/// </summary>
public sealed class ActivityAccess(AppDbContext db)
{
    public IQueryable<Activity> Managed(ClaimsPrincipal user, bool tracked = false)
    {
        var activities = tracked ? db.Activities : db.Activities.AsQueryable();
        if (Roles.Operators.Any(user.IsInRole)) return DataScope.Of(user).Apply(activities, a => a.RegionCode);
        if (user.IsInRole(Roles.Institution) && CurrentUser.InstitutionId(user) is { } institutionId)
            return activities.Where(a => a.InstitutionId == institutionId);
        return activities.Where(a => false);
    }

    public static bool IsOperator(ClaimsPrincipal user) => Roles.Operators.Any(user.IsInRole);

    /// <summary>What the public may see: published, finished and cancelled activities (never drafts or proposals).</summary>
    public IQueryable<Activity> Public() =>
        db.Activities.Where(a => a.Status == ActivityStatus.Published || a.Status == ActivityStatus.Finished || a.Status == ActivityStatus.Cancelled);
}
