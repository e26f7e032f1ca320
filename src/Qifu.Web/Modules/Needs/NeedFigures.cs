using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Needs.Data;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Needs;

/// <param name="Posted">Needs approved (published) in the region.</param>
/// <param name="Docked">Of those, needs that became a service request (已对接).</param>
/// <param name="DockingRate">Docked ÷ posted (0–1), null when nothing was posted.</param>
/// <param name="MedianHoursToFirstAnswer">Median of (first proposal − approval) over needs that got an answer; null when none did.</param>
public sealed record RegionFigures(string RegionCode, string RegionName, int Posted, int Docked, double? DockingRate, double? MedianHoursToFirstAnswer, int Answered);

/// <summary>需求对接情况: per region in the caller's scope (a county operator only its own), plus a total row for the city.</summary>
public sealed class NeedFigures(NeedAccess access)
{
    public async Task<List<RegionFigures>> ForAsync(ClaimsPrincipal user)
    {
        var rows = await access.Managed(user).Where(n => n.OpenedAt != null)
            .Select(n => new { n.RegionCode, n.Status, OpenedAt = n.OpenedAt!.Value, n.FirstProposalAt }).ToListAsync();
        var scope = DataScope.Of(user);
        var regions = scope.All
            ? RegionCodes.Hengyang.Where(r => rows.Any(x => x.RegionCode == r.Code)).Select(r => r.Code).ToList()
            : [scope.RegionCode!];
        var result = regions.Select(code => Of(code, RegionCodes.NameOf(code), rows.Where(r => r.RegionCode == code)
            .Select(r => (r.Status, r.OpenedAt, r.FirstProposalAt)))).ToList();
        if (scope.All) result.Add(Of("", "合计", rows.Select(r => (r.Status, r.OpenedAt, r.FirstProposalAt))));
        return result;
    }

    public static RegionFigures Of(string code, string name, IEnumerable<(NeedStatus Status, DateTime OpenedAt, DateTime? FirstProposalAt)> needs)
    {
        var list = needs.ToList();
        var docked = list.Count(n => n.Status == NeedStatus.Docked);
        var waits = list.Where(n => n.FirstProposalAt is not null).Select(n => Math.Max(0, (n.FirstProposalAt!.Value - n.OpenedAt).TotalHours)).ToList();
        return new RegionFigures(code, name, list.Count, docked, list.Count == 0 ? null : (double)docked / list.Count, Median(waits), waits.Count);
    }

    public static double? Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.OrderBy(v => v).ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
