using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Platform.Notifications;

namespace Qifu.Web.Modules.ServiceRequests;

/// <summary>Who hears of a request's steps (the routing table picks among them) and where their message links to.</summary>
public static class RequestNotices
{
    public static Parties Parties(ServiceRequest r) => new(r.EnterpriseId, r.InstitutionId, r.RegionCode);

    /// <summary>/requests/{id} sends each reader to their own view of the request (enterprise, institution or operator).</summary>
    public static string Link(ServiceRequest r) => $"/requests/{r.Id}";

    public static string Short(string? text, int max = 200) =>
        string.IsNullOrWhiteSpace(text) ? "" : text.Trim().Length > max ? text.Trim()[..max] + "…" : text.Trim();

    /// <summary>What the audit log keeps of a request before and after a step.</summary>
    public static object Snapshot(ServiceRequest r) => new
    {
        r.Number, r.ItemTitle, r.InstitutionName, r.EnterpriseName, Status = r.Status.ToString(), r.StatusNote, r.DeclineReason,
        r.AcceptDueOn, r.CompleteDueOn, r.ReopenUntil, r.ReopenCount, r.EvaluateUntil, r.OverdueSince,
    };
}
