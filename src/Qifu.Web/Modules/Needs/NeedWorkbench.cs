using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Needs.Data;
using Qifu.Web.Modules.ServiceRequests;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Needs;

/// <summary>Workbench cards: enterprise — needs collecting proposals (with how many proposals wait); institution — open needs
/// it can answer and needs dispatched to it not yet answered; operators — needs to moderate and needs to follow up.</summary>
public sealed class NeedWorkbench(AppDbContext db, NeedAccess access)
{
    public async Task<IReadOnlyList<WorkbenchCard>> ForAsync(ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Enterprise))
        {
            var mine = access.OwnEnterprise(user);
            var open = await mine.CountAsync(n => n.Status == NeedStatus.Open);
            var proposals = await mine.Where(n => n.Status == NeedStatus.Open)
                .SelectMany(n => db.NeedProposals.Where(p => p.NeedId == n.Id && p.Status == ProposalStatus.Live)).CountAsync();
            return [new("项需求征集方案中", open, "/enterprise/needs?Status=Open", proposals > 0 ? $"共 {proposals} 个方案待比较" : null)];
        }
        if (user.IsInRole(Roles.Institution))
        {
            var id = CurrentUser.InstitutionId(user) ?? Guid.Empty;
            var visible = access.ForInstitution(user).Where(n => n.Status == NeedStatus.Open);
            var unanswered = visible.Where(n => !db.NeedProposals.Any(p => p.NeedId == n.Id && p.InstitutionId == id));
            return
            [
                new("项企业需求可提交方案", await unanswered.CountAsync(), "/institution/needs"),
                new("项派单待响应", await unanswered.CountAsync(n => db.NeedDispatches.Any(d => d.NeedId == n.Id && d.InstitutionId == id)), "/institution/needs?Dispatched=true"),
            ];
        }
        if (NeedAccess.IsOperator(user))
        {
            var managed = access.Managed(user);
            return
            [
                new("项企业需求待审核", await managed.CountAsync(n => n.Status == NeedStatus.PendingReview), "/manage/needs?Status=PendingReview"),
                new("项需求待跟进", await managed.CountAsync(n => n.Status == NeedStatus.Open && n.FollowUpSince != null && n.FirstProposalAt == null
                    && n.FollowedUpAt == null), "/manage/needs/follow-ups"),
            ];
        }
        return [];
    }
}
