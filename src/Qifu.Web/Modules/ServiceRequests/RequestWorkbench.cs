using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Platform.Calendar;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.ServiceRequests;

/// <summary>One card on 我的工作台: a count with what it counts, a link to the list behind it and, if useful, a line of detail.</summary>
public sealed record WorkbenchCard(string Label, int Count, string Link, string? Note = null);

/// <summary>
/// The service-request cards of the workbench (ECOSYSTEM.md §4b), per role and through the caller's scope:
/// enterprise — open requests, requests to evaluate; institution — 待受理 with the nearest deadline in words, 服务中,
/// evaluations without a reply; operators — overdue requests, open follow-ups, comments to moderate, and for the city
/// appeals to decide.
/// </summary>
public sealed class RequestWorkbench(AppDbContext db, RequestAccess access, WorkingCalendar calendar)
{
    public async Task<IReadOnlyList<WorkbenchCard>> ForAsync(ClaimsPrincipal user)
    {
        var requests = access.Visible(user);
        switch (RequestAccess.ViewerOf(user))
        {
            case Viewer.Enterprise:
                return
                [
                    new("进行中的服务申请", await RequestStages.Apply(requests, RequestStages.Open).CountAsync(), "/enterprise/requests?Stage=open"),
                    new("待评价的服务", await RequestStages.Apply(requests, RequestStages.Evaluate).CountAsync(), "/enterprise/requests?Stage=evaluate"),
                ];
            case Viewer.Institution:
                var waiting = requests.Where(r => r.Status == RequestStatus.Submitted);
                var nearest = await waiting.OrderBy(r => r.AcceptDueOn).Select(r => (DateOnly?)r.AcceptDueOn).FirstOrDefaultAsync();
                var note = nearest is { } due ? "最近一件" + WorkingCalendar.Countdown(await calendar.WorkingDaysLeftAsync(due, calendar.Today)) : null;
                return
                [
                    new("待受理的服务申请", await waiting.CountAsync(), "/institution/requests?Status=Submitted", note),
                    new("服务中的申请", await RequestStages.Apply(requests, RequestStages.Active).CountAsync(), "/institution/requests?Stage=active"),
                    new("待回复的新评价", await access.VisibleEvaluations(user).CountAsync(e => e.Reply == null && e.Moderation != ModerationStatus.Hidden),
                        "/institution/evaluations?Replied=false"),
                ];
            case Viewer.Operator:
                var scope = DataScope.Of(user);
                List<WorkbenchCard> cards =
                [
                    new("超期服务申请", await RequestStages.Apply(requests, RequestStages.Overdue).CountAsync(), "/review/overdue-requests"),
                    new("待回访的差评", await scope.Apply(db.FollowUps.AsNoTracking(), f => f.RegionCode).CountAsync(f => f.Status == FollowUpStatus.Open),
                        "/review/follow-ups?Status=Open"),
                    new("待审核的评价内容", await access.VisibleEvaluations(user).CountAsync(e => e.Moderation == ModerationStatus.Pending && e.Comment != null),
                        "/review/evaluations?Moderation=Pending"),
                ];
                if (Permissions.Has(user, Permissions.DecideAppeals))
                    cards.Add(new("待裁定的评价申诉", await db.Evaluations.CountAsync(e => e.Appeal == AppealStatus.Pending), "/review/appeals"));
                return cards;
            default:
                return [];
        }
    }
}
