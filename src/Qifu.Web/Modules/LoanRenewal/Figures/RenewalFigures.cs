using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.LoanRenewal.Data;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.LoanRenewal.Figures;

/// <summary>
/// One line of the desk's figures. Amounts in 元; the approval rate is approved ÷ decided (批准 and 续贷完成 over those
/// plus 未批准), null when nothing was decided; median days per step are calendar days between the step's two moments.
/// </summary>
public sealed record FigureLine(string Key, string Label, int Cases, long AmountApplied, long AmountRenewed, int Decided, int Approved, int Renewed,
    double? ApprovalRate, double? MedianAcceptDays, double? MedianForwardDays, double? MedianDecisionDays, double? MedianDisburseDays, double? MedianTotalDays);

public sealed record DeskFigures(string Scope, FigureLine Total, IReadOnlyList<FigureLine> ByBank, IReadOnlyList<FigureLine> ByRegion);

/// <summary>
/// 续贷受理中心 figures (DOMAIN.md §4.6 "Stats"): cases, amounts applied and renewed, approval rate and median days per
/// step, by bank and by region. Counted over the submitted cases in the operator's data scope (drafts are not cases yet).
/// </summary>
public sealed class RenewalFigures(RenewalAccess access)
{
    public async Task<DeskFigures> ForAsync(ClaimsPrincipal user)
    {
        var cases = await access.Visible(user).Where(c => c.SubmittedAt != null).ToListAsync();
        var scope = DataScope.Of(user);
        return new DeskFigures(scope.All ? "全市" : RegionCodes.NameOf(scope.RegionCode ?? ""), Line("all", "合计", cases),
            cases.GroupBy(c => c.BankId).Select(g => Line(g.Key.ToString(), g.First().BankName, g.ToList())).OrderByDescending(l => l.Cases).ThenBy(l => l.Label).ToList(),
            cases.GroupBy(c => c.RegionCode).Select(g => Line(g.Key, RegionCodes.NameOf(g.Key), g.ToList())).OrderBy(l => l.Key).ToList());
    }

    public static FigureLine Line(string key, string label, IReadOnlyCollection<RenewalCase> cases)
    {
        var approved = cases.Count(c => c.Status is RenewalStatus.Approved or RenewalStatus.Disbursed);
        var decided = approved + cases.Count(c => c.Status == RenewalStatus.Rejected);
        var renewed = cases.Where(c => c.Status == RenewalStatus.Disbursed).ToList();
        return new FigureLine(key, label, cases.Count, cases.Sum(c => c.RequestedAmount), renewed.Sum(c => c.ApprovedAmount ?? 0), decided, approved,
            renewed.Count, decided == 0 ? null : Math.Round(100.0 * approved / decided, 1),
            Median(cases.Select(c => Days(c.SubmittedAt, c.AcceptedAt))), Median(cases.Select(c => Days(c.AcceptedAt, c.ForwardedAt))),
            Median(cases.Select(c => Days(c.ForwardedAt, c.DecidedAt))), Median(cases.Select(c => Days(c.DecidedAt, c.CompletedAt))),
            Median(cases.Select(c => Days(c.SubmittedAt, c.CompletedAt))));
    }

    public static double? Days(DateTime? from, DateTime? to) => from is { } f && to is { } t ? (t - f).TotalDays : null;

    public static double? Median(IEnumerable<double?> values)
    {
        var sorted = values.Where(v => v is not null).Select(v => v!.Value).OrderBy(v => v).ToList();
        if (sorted.Count == 0) return null;
        var mid = sorted.Count / 2;
        var m = sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return Math.Round(m, 1);
    }
}
