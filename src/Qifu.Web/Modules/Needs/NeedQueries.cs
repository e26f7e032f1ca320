using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Needs.Data;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Needs;

public sealed record NeedSummary(Guid Id, string Title, string CategoryCode, string CategoryName, string SubCategory, string RegionCode, string RegionName,
    decimal? Budget, string BudgetLabel, DateOnly Deadline, string Status, string StatusLabel, DateTime CreatedAt, DateTime? OpenedAt, int Proposals,
    bool Dispatched, string? EnterpriseName, DateTime? FollowUpSince);

public sealed record ProposalView(Guid Id, Guid InstitutionId, string InstitutionName, Guid ItemId, string ItemTitle, string Scope, decimal? Price,
    string PriceLabel, int DaysNeeded, string Status, string StatusLabel, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record DispatchView(Guid InstitutionId, string InstitutionName, string? Note, DateTime DispatchedAt, string DispatchedBy);

/// <param name="EnterpriseName">Null for institutions: the enterprise is named to an institution only once it picks it (the service request).</param>
/// <param name="Proposals">Enterprise: the proposals it can compare (not withdrawn ones); operator: all; institution: only its own.</param>
public sealed record NeedDetail(Guid Id, string Title, string Description, string CategoryCode, string CategoryName, string SubCategory, string RegionCode,
    string RegionName, decimal? Budget, string BudgetLabel, DateOnly Deadline, string Status, string StatusLabel, string? EnterpriseName, string? RejectReason,
    string? CloseReason, Guid? ServiceRequestId, Guid? PickedProposalId, string Source, DateTime CreatedAt, DateTime? OpenedAt, DateTime? FirstProposalAt,
    DateTime? FollowUpSince, DateTime? FollowedUpAt, string? FollowUpNote, IReadOnlyList<ProposalView> Proposals, IReadOnlyList<DispatchView> Dispatches);

/// <summary>Reads for pages and API: lists per role and one need as the caller may see it.</summary>
public sealed class NeedQueries(AppDbContext db, NeedAccess access)
{
    public Task<Paged<NeedSummary>> ListAsync(ClaimsPrincipal user, NeedFilter f, bool followUpsOnly = false)
    {
        var q = access.Readable(user);
        if (Enum.TryParse<NeedStatus>(f.Status, out var status)) q = q.Where(n => n.Status == status);
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var term = f.Q.Trim();
            q = q.Where(n => n.Title.Contains(term));
        }
        if (followUpsOnly) q = q.Where(n => n.FollowUpSince != null && n.Status == NeedStatus.Open && n.FirstProposalAt == null);
        var isInstitution = user.IsInRole(Roles.Institution);
        var institutionId = isInstitution ? CurrentUser.InstitutionId(user) ?? Guid.Empty : Guid.Empty;
        if (isInstitution && f.Dispatched == true) q = q.Where(n => db.NeedDispatches.Any(d => d.NeedId == n.Id && d.InstitutionId == institutionId));
        var live = new[] { ProposalStatus.Live, ProposalStatus.Picked, ProposalStatus.NotPicked };
        var rows = q.OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Id).Select(n => new
        {
            Need = n,
            Proposals = db.NeedProposals.Count(p => p.NeedId == n.Id && live.Contains(p.Status)),
            Dispatched = db.NeedDispatches.Any(d => d.NeedId == n.Id && d.InstitutionId == institutionId),
        });
        return Paged<NeedSummary>.OfAsync(rows, f.Page, 20, x => Summary(x.Need, x.Proposals, x.Dispatched, !isInstitution));
    }

    public static NeedSummary Summary(Need n, int proposals, bool dispatched, bool showEnterprise) => new(n.Id, n.Title, n.CategoryCode,
        ServiceCategories.NameOf(n.CategoryCode), n.SubCategory, n.RegionCode, RegionCodes.NameOf(n.RegionCode), n.Budget, NeedLabels.Money(n.Budget),
        n.Deadline, n.Status.ToString(), NeedLabels.Label(n.Status), n.CreatedAt, n.OpenedAt, proposals, dispatched, showEnterprise ? n.EnterpriseName : null,
        n.FollowUpSince);

    public async Task<NeedDetail?> DetailAsync(ClaimsPrincipal user, Guid id)
    {
        var need = await access.Readable(user).FirstOrDefaultAsync(n => n.Id == id);
        if (need is null) return null;
        var proposals = db.NeedProposals.AsNoTracking().Where(p => p.NeedId == id);
        var isInstitution = user.IsInRole(Roles.Institution);
        if (isInstitution)
        {
            var mine = CurrentUser.InstitutionId(user) ?? Guid.Empty;
            proposals = proposals.Where(p => p.InstitutionId == mine);
        }
        else if (user.IsInRole(Roles.Enterprise))
        {
            proposals = proposals.Where(p => p.Status != ProposalStatus.Withdrawn);
        }
        var list = (await proposals.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync()).Select(View).ToList();
        var dispatches = NeedAccess.IsOperator(user)
            ? (await db.NeedDispatches.AsNoTracking().Where(d => d.NeedId == id).OrderBy(d => d.DispatchedAt).ThenBy(d => d.InstitutionName).ToListAsync())
                .Select(d => new DispatchView(d.InstitutionId, d.InstitutionName, d.Note, d.DispatchedAt, d.DispatchedBy)).ToList()
            : [];
        var n = need;
        return new NeedDetail(n.Id, n.Title, n.Description, n.CategoryCode, ServiceCategories.NameOf(n.CategoryCode), n.SubCategory, n.RegionCode,
            RegionCodes.NameOf(n.RegionCode), n.Budget, NeedLabels.Money(n.Budget), n.Deadline, n.Status.ToString(), NeedLabels.Label(n.Status),
            isInstitution ? null : n.EnterpriseName, n.RejectReason, n.CloseReason, isInstitution ? null : n.ServiceRequestId,
            n.PickedProposalId, n.Source, n.CreatedAt, n.OpenedAt, n.FirstProposalAt, n.FollowUpSince, n.FollowedUpAt, n.FollowUpNote, list, dispatches);
    }

    public static ProposalView View(Proposal p) => new(p.Id, p.InstitutionId, p.InstitutionName, p.ItemId, p.ItemTitle, p.Scope, p.Price,
        NeedLabels.Money(p.Price), p.DaysNeeded, p.Status.ToString(), NeedLabels.Label(p.Status), p.CreatedAt, p.UpdatedAt);

    /// <summary>Institutions an operator may dispatch to: approved ones, those that serve the need first (Serves = true).</summary>
    public async Task<List<(Guid Id, string Name, bool Serves, bool Dispatched)>> DispatchCandidatesAsync(Need need)
    {
        var serving = await access.ServingInstitutions(need.CategoryCode, need.RegionCode).ToListAsync();
        var dispatched = await db.NeedDispatches.Where(d => d.NeedId == need.Id).Select(d => d.InstitutionId).ToListAsync();
        var all = await db.Institutions.AsNoTracking().Where(i => i.Status == Platform.Registration.RegistrationStatus.Approved)
            .OrderBy(i => i.Name).Select(i => new { i.Id, i.Name }).Take(300).ToListAsync();
        return all.Select(i => (i.Id, i.Name, serving.Contains(i.Id), dispatched.Contains(i.Id)))
            .OrderByDescending(i => i.Item3).ThenBy(i => i.Name, StringComparer.Ordinal).ToList();
    }
}
