using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.ServiceRequests;

/// <summary>Who is looking at a request: the two parties, an operator in scope, or the public (published evaluations only).</summary>
public enum Viewer { Enterprise, Institution, Operator, Public }

/// <summary>
/// The one place that decides which requests a caller may see: the requesting enterprise its own, the institution the
/// ones addressed to it, an operator those of enterprises in their region (DataScope). Anything else does not exist
/// for the caller (null → 404, never 403).
/// </summary>
public sealed class RequestAccess(AppDbContext db)
{
    public static Viewer ViewerOf(ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Enterprise) && CurrentUser.EnterpriseId(user) is not null) return Viewer.Enterprise;
        if (user.IsInRole(Roles.Institution) && CurrentUser.InstitutionId(user) is not null) return Viewer.Institution;
        if (Roles.Operators.Any(user.IsInRole)) return Viewer.Operator;
        return Viewer.Public;
    }

    public IQueryable<ServiceRequest> Visible(ClaimsPrincipal user, bool tracked = false)
    {
        var q = tracked ? db.ServiceRequests : db.ServiceRequests.AsNoTracking();
        switch (ViewerOf(user))
        {
            case Viewer.Enterprise:
                var e = CurrentUser.EnterpriseId(user)!.Value;
                return q.Where(r => r.EnterpriseId == e);
            case Viewer.Institution:
                var i = CurrentUser.InstitutionId(user)!.Value;
                return q.Where(r => r.InstitutionId == i);
            case Viewer.Operator:
                return DataScope.Of(user).Apply(q, r => r.RegionCode);
            default:
                return q.Where(_ => false);
        }
    }

    public IQueryable<Evaluation> VisibleEvaluations(ClaimsPrincipal user, bool tracked = false)
    {
        var q = tracked ? db.Evaluations : db.Evaluations.AsNoTracking();
        switch (ViewerOf(user))
        {
            case Viewer.Enterprise:
                var e = CurrentUser.EnterpriseId(user)!.Value;
                return q.Where(x => x.EnterpriseId == e);
            case Viewer.Institution:
                var i = CurrentUser.InstitutionId(user)!.Value;
                return q.Where(x => x.InstitutionId == i);
            case Viewer.Operator:
                return DataScope.Of(user).Apply(q, x => x.RegionCode);
            default:
                return q.Where(_ => false);
        }
    }

    /// <summary>A request of the caller's own enterprise, tracked for a change.</summary>
    public Task<ServiceRequest?> OfOwnEnterpriseAsync(ClaimsPrincipal user, Guid id) =>
        ViewerOf(user) == Viewer.Enterprise ? Visible(user, tracked: true).FirstOrDefaultAsync(r => r.Id == id) : Task.FromResult<ServiceRequest?>(null);

    /// <summary>A request addressed to the caller's own institution, tracked for a change.</summary>
    public Task<ServiceRequest?> OfOwnInstitutionAsync(ClaimsPrincipal user, Guid id) =>
        ViewerOf(user) == Viewer.Institution ? Visible(user, tracked: true).FirstOrDefaultAsync(r => r.Id == id) : Task.FromResult<ServiceRequest?>(null);

    public static Actor ActorOf(ClaimsPrincipal user) => new(ViewerOf(user) switch
    {
        Viewer.Enterprise => Party.Enterprise,
        Viewer.Institution => Party.Institution,
        _ => Party.Operator,
    }, CurrentUser.Id(user), Trim(CurrentUser.Name(user), 100));

    private static string Trim(string s, int max) => s.Length > max ? s[..max] : s;
}
