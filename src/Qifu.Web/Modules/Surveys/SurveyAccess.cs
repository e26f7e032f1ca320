using System.Security.Claims;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Modules.Surveys.Data;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;
using EnterpriseStatus = Qifu.Web.Platform.Registration.RegistrationStatus;

namespace Qifu.Web.Modules.Surveys;

/// <summary>
/// Who sees what (docs/decisions/0013): the city operator everything; a county operator its own questionnaires and
/// batches (which it changes) plus the city's questionnaires (to reuse) and the city's batches whose audience covers its
/// county (results only, and only its county's responses). Anything else does not exist for them (404).
/// </summary>
public sealed class SurveyAccess(AppDbContext db)
{
    public static bool IsOperator(ClaimsPrincipal user) => Roles.Operators.Any(user.IsInRole);

    /// <summary>Questionnaires the operator may read (and use for a batch).</summary>
    public IQueryable<Questionnaire> VisibleQuestionnaires(ClaimsPrincipal user)
    {
        var scope = DataScope.Of(user);
        if (!IsOperator(user)) return db.Questionnaires.Where(q => false);
        if (scope.All) return db.Questionnaires;
        var own = scope.RegionCode;
        return db.Questionnaires.Where(q => q.RegionCode == own || q.RegionCode == RegionCodes.City);
    }

    /// <summary>Questionnaires the operator may change: its own region's (the city operator: all).</summary>
    public IQueryable<Questionnaire> ManagedQuestionnaires(ClaimsPrincipal user) =>
        IsOperator(user) ? DataScope.Of(user).Apply(db.Questionnaires, q => q.RegionCode) : db.Questionnaires.Where(q => false);

    /// <summary>Batches the operator may open, close and change.</summary>
    public IQueryable<SurveyBatch> ManagedBatches(ClaimsPrincipal user) =>
        IsOperator(user) ? DataScope.Of(user).Apply(db.SurveyBatches, b => b.RegionCode) : db.SurveyBatches.Where(b => false);

    /// <summary>Batches whose results the operator may read: its own, and for a county the city's batches that reach it.</summary>
    public IQueryable<SurveyBatch> VisibleBatches(ClaimsPrincipal user)
    {
        if (!IsOperator(user)) return db.SurveyBatches.Where(b => false);
        var scope = DataScope.Of(user);
        if (scope.All) return db.SurveyBatches;
        var own = scope.RegionCode!;
        var marker = "," + own + ",";
        return db.SurveyBatches.Where(b => b.RegionCode == own
            || (b.RegionCode == RegionCodes.City && (b.AudienceRegions == "" || ("," + b.AudienceRegions + ",").Contains(marker))));
    }

    /// <summary>The region a reader's results are limited to: null for the city operator, the county's code otherwise.</summary>
    public static string? ResultRegion(ClaimsPrincipal user)
    {
        var scope = DataScope.Of(user);
        return scope.All ? null : scope.RegionCode;
    }

    /// <summary>Approved enterprises in the batch's audience (every non-empty list must match).</summary>
    public IQueryable<Enterprise> Audience(SurveyBatch batch)
    {
        var q = db.Enterprises.Where(e => e.Status == EnterpriseStatus.Approved);
        var regions = batch.Regions.ToList();
        var industries = batch.Industries.ToList();
        var sizes = batch.Sizes.ToList();
        if (regions.Count > 0) q = q.Where(e => regions.Contains(e.RegionCode));
        if (industries.Count > 0) q = q.Where(e => industries.Contains(e.IndustrySection));
        if (sizes.Count > 0) q = q.Where(e => sizes.Contains(e.SizeClass));
        return q;
    }
}
