using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Notifications;

namespace Qifu.Web.Modules.ServiceRequests;

/// <summary>What one step tells people: the routing-table topic, the message title and body.</summary>
public sealed record StepNotice(string Topic, string Title, string Body);

/// <summary>
/// Carries out one step on a request the caller may change: files are checked and written first, then the entity's
/// state machine moves (an illegal move throws before anything changed, AC-05), then the timeline entry with its
/// files, the notice, the audit entry and any counter change are saved together (BL-03).
/// </summary>
public sealed class RequestSteps(AppDbContext db, RequestFiles files, FileStore store, Notifier notifier, AuditTrail audit, TimeProvider clock)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<RequestEvent> TakeAsync(ServiceRequest request, string auditAction, Func<DateTime, RequestEvent> move,
        Func<ServiceRequest, IEnumerable<StepNotice>> notices, IReadOnlyList<IFormFile>? uploads = null, Guid? uploadedBy = null,
        Func<ServiceRequest, ItemCounts?>? counts = null, Action<RequestEvent, DateTime>? alsoAdd = null)
    {
        var saved = await files.SaveAsync(uploads, uploadedBy);
        try
        {
            var now = Now;
            var before = RequestNotices.Snapshot(request);
            var step = move(now);
            foreach (var f in saved) f.OwnerId = step.Id;
            db.RequestEvents.Add(step);
            db.Files.AddRange(saved);
            alsoAdd?.Invoke(step, now);
            foreach (var n in notices(request))
                await notifier.NotifyAsync(n.Topic, RequestNotices.Parties(request), n.Title, n.Body, RequestNotices.Link(request));
            var comment = step.Comment is null ? null : RequestNotices.Short(step.Comment, 500);
            if (saved.Count > 0) comment = (comment is null ? "" : comment + "；") + $"附件 {saved.Count} 个";
            audit.Record(auditAction, ServiceRequestsModule.AuditEntityType, request.Id, request.RegionCode, before, RequestNotices.Snapshot(request), comment);
            await RequestCommit.SaveAsync(db, store, saved, counts?.Invoke(request), now);
            return step;
        }
        catch
        {
            files.Discard(saved);
            throw;
        }
    }
}
