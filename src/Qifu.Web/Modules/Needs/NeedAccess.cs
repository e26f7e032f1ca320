using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.Needs.Data;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Registration;

namespace Qifu.Web.Modules.Needs;

/// <summary>
/// The one place that decides who sees which need (docs/decisions/0012-needs.md): the posting enterprise its own; an
/// operator those of its region (the city all); an institution the open needs it serves (a published item in the need's
/// category whose regions served include the need's region or the whole city), the needs dispatched to it, and those it
/// has answered. Anything else does not exist for the caller (404).
/// </summary>
public sealed class NeedAccess(AppDbContext db)
{
    public static bool IsOperator(ClaimsPrincipal user) => Roles.Operators.Any(user.IsInRole);

    public IQueryable<Need> OwnEnterprise(ClaimsPrincipal user, bool tracked = false)
    {
        var q = tracked ? db.Needs : db.Needs.AsNoTracking();
        return user.IsInRole(Roles.Enterprise) && CurrentUser.EnterpriseId(user) is { } id ? q.Where(n => n.EnterpriseId == id) : q.Where(_ => false);
    }

    public IQueryable<Need> Managed(ClaimsPrincipal user, bool tracked = false)
    {
        var q = tracked ? db.Needs : db.Needs.AsNoTracking();
        return IsOperator(user) ? DataScope.Of(user).Apply(q, n => n.RegionCode) : q.Where(_ => false);
    }

    /// <summary>What an institution may see: open needs it serves or was dispatched, and any need it answered.</summary>
    public IQueryable<Need> ForInstitution(ClaimsPrincipal user, bool tracked = false)
    {
        var q = tracked ? db.Needs : db.Needs.AsNoTracking();
        if (!user.IsInRole(Roles.Institution) || CurrentUser.InstitutionId(user) is not { } id) return q.Where(_ => false);
        var approved = db.Institutions.Any(i => i.Id == id && i.Status == RegistrationStatus.Approved);
        if (!approved) return q.Where(_ => false);
        return q.Where(n =>
            db.NeedProposals.Any(p => p.NeedId == n.Id && p.InstitutionId == id)
            || (n.Status == NeedStatus.Open && (db.NeedDispatches.Any(d => d.NeedId == n.Id && d.InstitutionId == id) || Serves(id).Any(i => i.Content.CategoryCode == n.CategoryCode
                && (("," + i.Content.ServiceRegions + ",").Contains("," + n.RegionCode + ",") || ("," + i.Content.ServiceRegions + ",").Contains("," + RegionCodes.City + ","))))));
    }

    /// <summary>The institution's live items (what "serves" is read from).</summary>
    private IQueryable<ServiceItem> Serves(Guid institutionId) =>
        db.ServiceItems.Where(i => i.InstitutionId == institutionId && i.Status == ItemStatus.Published);

    /// <summary>Approved institutions that serve a category in a region (the dispatch page lists them first).</summary>
    public IQueryable<Guid> ServingInstitutions(string category, string region) =>
        db.ServiceItems.Where(i => i.Status == ItemStatus.Published && i.Content.CategoryCode == category
                && (("," + i.Content.ServiceRegions + ",").Contains("," + region + ",") || ("," + i.Content.ServiceRegions + ",").Contains("," + RegionCodes.City + ",")))
            .Select(i => i.InstitutionId)
            .Where(id => db.Institutions.Any(x => x.Id == id && x.Status == RegistrationStatus.Approved))
            .Distinct();

    /// <summary>Any need the caller may read, whatever the role.</summary>
    public IQueryable<Need> Readable(ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Enterprise)) return OwnEnterprise(user);
        if (user.IsInRole(Roles.Institution)) return ForInstitution(user);
        return Managed(user);
    }
}
