using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.ServiceRequests;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Registration;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Portal.Workbench;

/// <summary>我的工作台 (ECOSYSTEM.md §4b): cards with counts that link to the lists behind them, per role, within the caller's scope.</summary>
public sealed class WorkbenchModel(AppDbContext db, RequestWorkbench requests, Content.MatchPolicies.PolicyMatches policies, Activities.ActivityWorkbench activities,
    Needs.NeedWorkbench needs, Surveys.SurveyWorkbench surveys, LoanRenewal.RenewalWorkbench renewals, Indicators.OwnFigures own) : PageModel
{
    public DataScope Scope { get; private set; } = new(false, null);
    public List<WorkbenchCard> Cards { get; private set; } = [];
    /// <summary>For enterprises and institutions: the registration status line (注册信息 / 入驻信息).</summary>
    public string? OwnStatus { get; private set; }
    /// <summary>For enterprises: the best few of "适用于我的政策".</summary>
    public Content.MatchPolicies.MyPolicies? Policies { get; private set; }
    /// <summary>For enterprises and institutions: 我的数据, their own figures.</summary>
    public IReadOnlyList<Indicators.OwnFigure> OwnFigures { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (User.IsInRole(Roles.Enterprise))
        {
            var id = CurrentUser.EnterpriseId(User);
            var status = await db.Enterprises.Where(e => e.Id == id).Select(e => (RegistrationStatus?)e.Status).FirstOrDefaultAsync();
            OwnStatus = status is { } s ? RegistrationStatuses.Label(s) : null;
            Policies = await policies.ForAsync(User, page: 1, pageSize: 5);
        }
        else if (User.IsInRole(Roles.Institution))
        {
            var id = CurrentUser.InstitutionId(User);
            var status = await db.Institutions.Where(e => e.Id == id).Select(e => (RegistrationStatus?)e.Status).FirstOrDefaultAsync();
            OwnStatus = status is { } s ? RegistrationStatuses.Label(s) : null;
            Cards.Add(new WorkbenchCard("项服务项目审核中", await db.ServiceItems.CountAsync(i => i.InstitutionId == id && i.Status == ItemStatus.Submitted),
                "/institution/items?Status=Submitted"));
            Cards.Add(new WorkbenchCard("项服务项目被驳回", await db.ServiceItems.CountAsync(i => i.InstitutionId == id && i.Status == ItemStatus.Rejected),
                "/institution/items?Status=Rejected"));
        }
        else if (Roles.Operators.Any(User.IsInRole))
        {
            Scope = DataScope.Of(User);
            Cards.Add(new WorkbenchCard("家企业注册待审核", await Scope.Apply(db.Enterprises, e => e.RegionCode).CountAsync(e => e.Status == RegistrationStatus.Submitted),
                "/review/enterprises?Status=Submitted"));
            Cards.Add(new WorkbenchCard("家机构入驻待审核", await Scope.Apply(db.Institutions, e => e.RegionCode).CountAsync(e => e.Status == RegistrationStatus.Submitted),
                "/review/institutions?Status=Submitted"));
            var items = Scope.Apply(db.ServiceItems, i => i.RegionCode);
            Cards.Add(new WorkbenchCard("项服务项目待审核（含修改）", await items.CountAsync(i => i.Status == ItemStatus.Submitted
                || db.ServiceItemRevisions.Any(r => r.ItemId == i.Id && r.Status == RevisionStatus.Pending)), "/review/items"));
            if (User.IsInRole(Roles.CityOperator))
                Cards.Add(new WorkbenchCard("篇区县文章待审核", await db.Articles.CountAsync(a => a.Status == Qifu.Web.Modules.Content.Data.ArticleStatus.PendingReview), "/review/articles"));
        }
        else
        {
            return Forbid();
        }
        Cards.AddRange(await requests.ForAsync(User));
        Cards.AddRange(await activities.ForAsync(User));
        Cards.AddRange(await needs.ForAsync(User));
        Cards.AddRange(await surveys.ForAsync(User));
        Cards.AddRange(await renewals.ForAsync(User));
        OwnFigures = await own.ForAsync(User);
        return Page();
    }
}
