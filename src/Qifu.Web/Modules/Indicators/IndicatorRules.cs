using Qifu.Web.Modules.ServiceRequests.Data;

namespace Qifu.Web.Modules.Indicators;

/// <summary>Rules several figures share (decision 0016).</summary>
public static class IndicatorRules
{
    /// <summary>办结: the institution completed the service (whatever the enterprise did next, short of reopening it).</summary>
    public static readonly RequestStatus[] Completed = [RequestStatus.Completed, RequestStatus.AwaitingEvaluation, RequestStatus.Evaluated, RequestStatus.ClosedUnrated];
}
