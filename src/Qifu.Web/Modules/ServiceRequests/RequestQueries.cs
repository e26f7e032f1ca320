using Qifu.Web.Platform.Files;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Modules.ServiceRequests.FollowUps;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Calendar;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.ServiceRequests;

/// <summary>Reads over requests, always through <see cref="RequestAccess"/>; the same rows feed the pages and the API.</summary>
public sealed class RequestQueries(AppDbContext db, RequestAccess access, RequestFiles files, WorkingCalendar calendar, TimeProvider clock)
{
    private static readonly DateOnly Far = new(9999, 12, 31);

    /// <summary>
    /// Institutions see the request with the least time left first (ECOSYSTEM.md §4b); operators looking at overdue
    /// requests the oldest deadline first; everyone else the newest request first.
    /// </summary>
    public async Task<Paged<RequestRow>> ListAsync(ClaimsPrincipal user, RequestFilter f)
    {
        var q = access.Visible(user);
        if (f.Status is { } s) q = q.Where(r => r.Status == s);
        q = RequestStages.Apply(q, f.Stage);
        if (!string.IsNullOrWhiteSpace(f.Region)) q = q.Where(r => r.RegionCode == f.Region);
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var term = f.Q.Trim();
            var number = term.ToUpperInvariant();
            q = q.Where(r => r.Number == number || r.ItemTitle.Contains(term) || r.EnterpriseName.Contains(term));
        }
        var byDeadline = RequestAccess.ViewerOf(user) == Viewer.Institution || f.Stage == RequestStages.Overdue;
        var far = Far;
        IOrderedQueryable<ServiceRequest> ordered = byDeadline
            ? q.OrderBy(r => r.Status == RequestStatus.Submitted ? r.AcceptDueOn
                    : (r.Status == RequestStatus.Accepted || r.Status == RequestStatus.InService) && r.CompleteDueOn != null ? r.CompleteDueOn.Value
                    : far)
                .ThenByDescending(r => r.SubmittedAt)
            : q.OrderByDescending(r => r.SubmittedAt);
        var page = await Paged<ServiceRequest>.OfAsync(ordered.ThenBy(r => r.Id), f.Page, f.PageSize, r => r);
        var rows = new List<RequestRow>(page.Items.Count);
        foreach (var r in page.Items) rows.Add(await RowAsync(r));
        return new Paged<RequestRow>(rows, page.Total, page.Page, page.PageSize);
    }

    public async Task<RequestRow> RowAsync(ServiceRequest r)
    {
        var (due, label) = r.Status switch
        {
            RequestStatus.Submitted => ((DateOnly?)r.AcceptDueOn, "受理期限"),
            RequestStatus.Accepted or RequestStatus.InService => (r.CompleteDueOn, "办结期限"),
            _ => (null, null),
        };
        int? left = due is { } d ? await calendar.WorkingDaysLeftAsync(d, calendar.Today) : null;
        return new RequestRow(r.Id, r.Number, r.ItemId, r.ItemTitle, r.InstitutionId, r.InstitutionName, r.EnterpriseId, r.EnterpriseName,
            r.RegionCode, RequestText.RegionName(r.RegionCode), r.Status.ToString(), RequestStatuses.Label(r.Status), RequestText.StatusNote(r),
            r.SubmittedAt, r.AcceptDueOn, r.CompleteDueOn, r.ExpectedOn, due, label, left, left is { } l ? WorkingCalendar.Countdown(l) : null,
            r.OverdueSince);
    }

    public async Task<RequestDetail?> DetailAsync(ClaimsPrincipal user, Guid id)
    {
        var r = await access.Visible(user).FirstOrDefaultAsync(x => x.Id == id);
        if (r is null) return null;
        var viewer = RequestAccess.ViewerOf(user);
        var events = await db.RequestEvents.AsNoTracking().Where(e => e.RequestId == id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync();
        var eventFiles = await files.OfEventsAsync(events.Select(e => e.Id).ToList());
        var evaluation = await db.Evaluations.AsNoTracking().FirstOrDefaultAsync(e => e.RequestId == id);
        var followUp = viewer == Viewer.Operator && evaluation is not null
            ? await db.FollowUps.AsNoTracking().FirstOrDefaultAsync(x => x.EvaluationId == evaluation.Id) : null;
        // PI-04: the institution sees the contact in full only if the enterprise's separate consent names it for this request.
        var full = viewer == Viewer.Enterprise
                   || (viewer == Viewer.Institution && await db.DataSharingConsents.AnyAsync(c =>
                       c.Id == r.ConsentId && c.RecipientId == r.InstitutionId && c.EnterpriseId == r.EnterpriseId));
        var now = clock.GetUtcNow().UtcDateTime;
        return new RequestDetail(await RowAsync(r), r.Need, full ? r.ContactName : PersonName.Mask(r.ContactName),
            full ? r.ContactPhone : PhoneNumber.Mask(r.ContactPhone), !full, r.DeclineReason, r.AcceptedAt, r.CompletedAt, r.ReopenUntil,
            r.ConfirmedAt, r.EvaluateUntil, r.ClosedAt, r.ReopenCount, ActionsFor(r, viewer, evaluation is not null, now),
            events.Select(e => new EventView(e.Id, e.At, e.Action, RequestText.ActionLabel(e.Action), e.FromStatus.ToString(), e.ToStatus.ToString(),
                RequestStatuses.Label(e.ToStatus), e.Party.ToString(), RequestText.PartyLabel(e.Party), e.ActorName, e.Comment,
                eventFiles[e.Id].Select(FileLink.Of).ToList())).ToList(),
            evaluation is null ? null : EvaluationView.Of(evaluation, viewer),
            followUp is null ? null : await FollowUpQueries.ViewAsync(followUp, r, evaluation!, calendar));
    }

    public static IReadOnlyList<string> ActionsFor(ServiceRequest r, Viewer viewer, bool evaluated, DateTime now) => viewer switch
    {
        Viewer.Enterprise => r.Status switch
        {
            RequestStatus.Submitted => ["withdraw"],
            RequestStatus.Completed => now <= r.ReopenUntil ? ["confirm", "reopen", "evaluate"] : ["confirm", "evaluate"],
            RequestStatus.AwaitingEvaluation when !evaluated => ["evaluate"],
            _ => [],
        },
        Viewer.Institution => r.Status switch
        {
            RequestStatus.Submitted => ["accept", "decline"],
            RequestStatus.Accepted or RequestStatus.InService => ["progress", "complete"],
            _ => [],
        },
        _ => [],
    };
}
