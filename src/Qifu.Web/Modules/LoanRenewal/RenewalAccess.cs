using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.LoanRenewal.Data;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.LoanRenewal;

/// <summary>Who is looking at a case.</summary>
public enum RenewalViewer { Enterprise, Bank, Desk, None }

/// <summary>
/// The one place that decides which cases a caller may see (decisions/0014): the applying enterprise its own (drafts
/// included); desk operators the submitted cases of enterprises in their region (DataScope); a bank's staff only the
/// cases forwarded to their bank. Anything else does not exist for the caller (null → 404, never 403).
/// </summary>
public sealed class RenewalAccess(AppDbContext db)
{
    public static RenewalViewer ViewerOf(ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Enterprise) && CurrentUser.EnterpriseId(user) is not null) return RenewalViewer.Enterprise;
        if (user.IsInRole(Roles.Institution) && CurrentUser.InstitutionId(user) is not null) return RenewalViewer.Bank;
        if (Roles.Operators.Any(user.IsInRole)) return RenewalViewer.Desk;
        return RenewalViewer.None;
    }

    public IQueryable<RenewalCase> Visible(ClaimsPrincipal user, bool tracked = false)
    {
        var q = tracked ? db.RenewalCases : db.RenewalCases.AsNoTracking();
        switch (ViewerOf(user))
        {
            case RenewalViewer.Enterprise:
                var e = CurrentUser.EnterpriseId(user)!.Value;
                return q.Where(c => c.EnterpriseId == e);
            case RenewalViewer.Bank:
                var b = CurrentUser.InstitutionId(user)!.Value;
                return q.Where(c => c.BankId == b && c.ForwardedAt != null);
            case RenewalViewer.Desk:
                return DataScope.Of(user).Apply(q, c => c.RegionCode).Where(c => c.Status != RenewalStatus.Draft);
            default:
                return q.Where(_ => false);
        }
    }

    /// <summary>A case the caller may change in the given role, tracked; null when it is not theirs (404).</summary>
    public Task<RenewalCase?> ForAsync(ClaimsPrincipal user, Guid id, RenewalViewer role) =>
        ViewerOf(user) == role ? Visible(user, tracked: true).FirstOrDefaultAsync(c => c.Id == id) : Task.FromResult<RenewalCase?>(null);

    public static RenewalActor ActorOf(ClaimsPrincipal user) => new(ViewerOf(user) switch
    {
        RenewalViewer.Enterprise => RenewalParty.Enterprise,
        RenewalViewer.Bank => RenewalParty.Bank,
        _ => RenewalParty.Desk,
    }, CurrentUser.Id(user), Trim(CurrentUser.Name(user), 100));

    private static string Trim(string s, int max) => s.Length > max ? s[..max] : s;
}
