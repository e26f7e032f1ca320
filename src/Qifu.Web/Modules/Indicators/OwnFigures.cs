using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Modules.Needs.Data;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Indicators;

/// <summary>One of the caller's own figures on the workbench (我的数据): a number, its unit and what it counts.</summary>
public sealed record OwnFigure(string Label, string Value, string Note);

/// <summary>我的数据: an enterprise's or an institution's own figures, counted with the dashboard's rules, cumulative.</summary>
public sealed class OwnFigures(AppDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<OwnFigure>> ForAsync(ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Enterprise) && CurrentUser.EnterpriseId(user) is { } e)
        {
            var requests = db.ServiceRequests.Where(r => r.EnterpriseId == e);
            var needs = db.Needs.Where(n => n.EnterpriseId == e && n.OpenedAt != null);
            var loans = db.RenewalCases.Where(c => c.EnterpriseId == e && c.SubmittedAt != null);
            var approved = await loans.Where(c => c.ApprovedAmount != null).Select(c => c.ApprovedAmount!.Value).ToListAsync();
            return
            [
                new("获得服务", $"{await requests.CountAsync(r => r.CompletedAt != null && IndicatorRules.Completed.Contains(r.Status))} 次", "服务机构办结的服务申请"),
                new("评价服务", $"{await db.Evaluations.CountAsync(x => x.EnterpriseId == e)} 次", "本企业作出的服务评价"),
                new("参加活动", $"{await db.ActivityRegistrations.CountAsync(r => r.EnterpriseId == e && r.CheckedInAt != null)} 次", "签到参加的活动"),
                new("发布需求", $"{await needs.CountAsync()} 项，已对接 {await needs.CountAsync(n => n.DockedAt != null)} 项", "经审核发布的需求"),
                new("续贷申请", $"{await loans.CountAsync()} 件，获批 {approved.Count} 件 {approved.Sum() / 10_000m:0.##} 万元", "提交的无还本续贷申请"),
                new("填写问卷", $"{await db.SurveyResponses.CountAsync(r => r.EnterpriseId == e)} 份", "需求摸排问卷"),
            ];
        }
        if (user.IsInRole(Roles.Institution) && CurrentUser.InstitutionId(user) is { } i)
        {
            var requests = db.ServiceRequests.Where(r => r.InstitutionId == i);
            var received = await requests.CountAsync();
            var accepted = await requests.CountAsync(r => r.AcceptedAt != null);
            var done = await requests.CountAsync(r => r.CompletedAt != null && IndicatorRules.Completed.Contains(r.Status));
            var ratings = await db.Evaluations.Where(x => x.InstitutionId == i).Select(x => x.Overall).ToListAsync();
            var proposals = db.NeedProposals.Where(p => p.InstitutionId == i);
            var now = clock.GetUtcNow().UtcDateTime;
            var figures = new List<OwnFigure>
            {
                new("发布服务项目", $"{await db.ServiceItems.CountAsync(x => x.InstitutionId == i && x.PublishedAt != null)} 项", "经审核发布过的服务项目"),
                new("收到服务申请", $"{received} 次", "企业提交的服务申请"),
                new("办结服务", $"{done} 次" + (accepted > 0 ? $"，办结率 {100.0 * done / accepted:0.0}%" : ""), "办结率 = 办结 ÷ 已受理"),
                new("获得评价", ratings.Count == 0 ? "0 次" : $"{ratings.Count} 次，满意率 {100.0 * ratings.Count(x => x >= 4) / ratings.Count:0.0}%，平均 {ratings.Average():0.0} 分",
                    "满意率 = 满意和非常满意 ÷ 全部评价"),
                new("组织活动", $"{await db.Activities.CountAsync(a => a.InstitutionId == i && (a.Status == ActivityStatus.Finished || (a.Status == ActivityStatus.Published && a.EndsAt < now)))} 次", "本机构组织并已举办的活动"),
                new("响应企业需求", $"{await proposals.CountAsync()} 个方案，被选中 {await proposals.CountAsync(p => p.Status == ProposalStatus.Picked)} 个", "对企业需求提交的方案"),
            };
            var decided = db.RenewalCases.Where(c => c.BankId == i && c.DecidedAt != null);
            if (await decided.AnyAsync())
            {
                var amounts = await decided.Where(c => c.ApprovedAmount != null).Select(c => c.ApprovedAmount!.Value).ToListAsync();
                figures.Add(new("续贷审批", $"{await decided.CountAsync()} 件，批准 {amounts.Count} 件 {amounts.Sum() / 10_000m:0.##} 万元", "作为合作银行作出的续贷决定"));
            }
            return figures;
        }
        return [];
    }
}
