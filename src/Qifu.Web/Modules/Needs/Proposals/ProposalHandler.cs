using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.Needs.Data;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Notifications;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Needs.Proposals;

/// <summary>An item an institution may deliver a proposal as.</summary>
public sealed record OwnItem(Guid Id, string Title, string CategoryCode);

/// <summary>
/// The institution's side: answer a need it can see with one proposal (方案), change it, withdraw it, answer again.
/// The proposal names one of the institution's published items, which is what a pick requests (docs/decisions/0012).
/// </summary>
public sealed class ProposalHandler(AppDbContext db, NeedAccess access, AuditTrail audit, Notifier notifier, TimeProvider clock)
{
    public Task<List<OwnItem>> ItemsAsync(ClaimsPrincipal user, string? preferCategory = null)
    {
        var id = CurrentUser.InstitutionId(user) ?? Guid.Empty;
        return db.ServiceItems.AsNoTracking().Where(i => i.InstitutionId == id && i.Status == ItemStatus.Published)
            .OrderByDescending(i => i.Content.CategoryCode == preferCategory).ThenBy(i => i.Content.Title)
            .Select(i => new OwnItem(i.Id, i.Content.Title, i.Content.CategoryCode)).Take(200).ToListAsync();
    }

    public async Task<Proposal?> MineAsync(ClaimsPrincipal user, Guid needId)
    {
        var id = CurrentUser.InstitutionId(user) ?? Guid.Empty;
        return await db.NeedProposals.AsNoTracking().FirstOrDefaultAsync(p => p.NeedId == needId && p.InstitutionId == id);
    }

    public async Task<Proposal?> ProposeAsync(ClaimsPrincipal user, Guid needId, ProposalInput input)
    {
        var need = await access.ForInstitution(user, tracked: true).FirstOrDefaultAsync(n => n.Id == needId);
        if (need is null) return null;
        var institutionId = CurrentUser.InstitutionId(user)!.Value;
        need.EnsureOpenForProposals(HengyangCalendar.Today(clock));
        var item = await db.ServiceItems.AsNoTracking()
            .FirstOrDefaultAsync(i => i.Id == input.ItemId && i.InstitutionId == institutionId && i.Status == ItemStatus.Published)
            ?? throw new RuleViolationException("ITEM_INVALID", "请选择本机构已上架的服务项目", "itemId", 400);
        var now = clock.GetUtcNow().UtcDateTime;
        var proposal = await db.NeedProposals.FirstOrDefaultAsync(p => p.NeedId == needId && p.InstitutionId == institutionId);
        var isNew = proposal is null || proposal.Status == ProposalStatus.Withdrawn;
        var before = proposal?.Snapshot();
        if (proposal is null)
        {
            var name = await db.Institutions.Where(i => i.Id == institutionId).Select(i => i.Name).FirstAsync();
            proposal = new Proposal
            {
                Id = Guid.NewGuid(), NeedId = needId, InstitutionId = institutionId, InstitutionName = name, ItemTitle = "", Scope = "", CreatedAt = now,
            };
            db.NeedProposals.Add(proposal);
        }
        else if (proposal.Status is ProposalStatus.Picked or ProposalStatus.NotPicked)
        {
            throw new RuleViolationException("PROPOSAL_STATUS_CONFLICT", $"该方案当前为“{NeedLabels.Label(proposal.Status)}”，不能修改");
        }
        proposal.ItemId = item.Id;
        proposal.ItemTitle = item.Content.Title;
        proposal.Scope = input.Scope.Trim();
        proposal.Price = input.PriceNegotiable ? null : input.Price;
        proposal.DaysNeeded = input.DaysNeeded!.Value;
        proposal.Status = ProposalStatus.Live;
        proposal.Touch(now);
        need.RecordProposal(now);
        audit.Record(isNew ? "提交方案" : "修改方案", NeedsModule.AuditEntityType, needId, need.RegionCode, before, proposal.Snapshot());
        if (isNew)
            await notifier.NotifyAsync("need.proposed", new Parties(EnterpriseId: need.EnterpriseId), $"收到新方案：{need.Title}",
                $"{proposal.InstitutionName}提交了方案（报价 {NeedLabels.Money(proposal.Price)}，约{proposal.DaysNeeded}天），可在需求页面比较各方案。",
                $"/enterprise/needs/{needId}");
        await db.SaveChangesAsync();
        return proposal;
    }

    public async Task<Proposal?> WithdrawAsync(ClaimsPrincipal user, Guid needId)
    {
        var need = await access.ForInstitution(user, tracked: true).FirstOrDefaultAsync(n => n.Id == needId);
        if (need is null) return null;
        var institutionId = CurrentUser.InstitutionId(user)!.Value;
        var proposal = await db.NeedProposals.FirstOrDefaultAsync(p => p.NeedId == needId && p.InstitutionId == institutionId);
        if (proposal is null) return null;
        if (proposal.Status != ProposalStatus.Live)
            throw new RuleViolationException("PROPOSAL_STATUS_CONFLICT", $"该方案当前为“{NeedLabels.Label(proposal.Status)}”，不能撤回");
        var before = proposal.Snapshot();
        proposal.Status = ProposalStatus.Withdrawn;
        proposal.Touch(clock.GetUtcNow().UtcDateTime);
        audit.Record("撤回方案", NeedsModule.AuditEntityType, needId, need.RegionCode, before, proposal.Snapshot());
        await db.SaveChangesAsync();
        return proposal;
    }
}
