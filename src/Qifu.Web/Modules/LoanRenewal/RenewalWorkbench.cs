using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.LoanRenewal.Data;
using Qifu.Web.Modules.ServiceRequests;

namespace Qifu.Web.Modules.LoanRenewal;

/// <summary>The renewal cards of 我的工作台: the cases waiting on the caller (enterprise: drafts and returns to complete;
/// desk: to accept or forward; bank: forwarded, under due diligence, approved but not disbursed).</summary>
public sealed class RenewalWorkbench(RenewalAccess access, Platform.Database.AppDbContext db)
{
    public async Task<IReadOnlyList<WorkbenchCard>> ForAsync(ClaimsPrincipal user)
    {
        var viewer = RenewalAccess.ViewerOf(user);
        var visible = access.Visible(user);
        switch (viewer)
        {
            case RenewalViewer.Enterprise:
                return [new("件续贷申请待补正或提交", await visible.CountAsync(c => c.Status == RenewalStatus.Incomplete || c.Status == RenewalStatus.Draft),
                    "/enterprise/loan-renewals")];
            case RenewalViewer.Desk:
                return
                [
                    new("件续贷申请待受理", await visible.CountAsync(c => c.Status == RenewalStatus.Submitted || c.Status == RenewalStatus.Resubmitted),
                        "/manage/loan-renewals?Stage=waiting"),
                    new("件续贷申请待推送银行", await visible.CountAsync(c => c.Status == RenewalStatus.Accepted), "/manage/loan-renewals?Status=Accepted"),
                ];
            case RenewalViewer.Bank:
                var count = await visible.CountAsync(c => c.Status == RenewalStatus.PushedToBank || c.Status == RenewalStatus.DueDiligence
                                                          || c.Status == RenewalStatus.Approved);
                var me = Accounts.CurrentUser.InstitutionId(user);
                var isBank = await db.Institutions.AnyAsync(i => i.Id == me && i.Kind == Institutions.Data.InstitutionKind.Bank);
                return !isBank ? [] : [new("件续贷申请待银行办理", count, "/institution/loan-renewals?Stage=waiting")];
            default:
                return [];
        }
    }
}
