using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Database;

namespace Qifu.Web.Modules.ServiceRequests;

/// <summary>A published evaluation as anyone may read it: the enterprise's name masked, no moderation or appeal details.</summary>
public sealed record PublicEvaluation(Guid Id, string EnterpriseName, Guid ItemId, string ItemTitle, int Overall, string OverallLabel, int Timeliness,
    int Professionalism, int Attitude, string? Comment, DateTime CreatedAt, string? Reply, DateTime? RepliedAt);

/// <summary>
/// The figures an item or institution page shows (申请数, 办结率, 平均评分), from the counters the request module keeps
/// in the same transaction as each step. Completed = confirmed by the enterprise or by the end of the reopen window.
/// </summary>
public sealed record ItemStats(int Requests, int Completed, double? CompletionRate, int Evaluations, double? AverageRating)
{
    public static ItemStats Of(ServiceItem item) => From(item.RequestCount, item.CompletedCount, item.EvaluationCount, item.EvaluationTotal);

    public static ItemStats From(int requests, int completed, int evaluations, int total) => new(requests, completed,
        requests == 0 ? null : Math.Round((double)completed / requests, 3), evaluations,
        evaluations == 0 ? null : Math.Round((double)total / evaluations, 1));

    /// <summary>"办结率 85%" style text, or 暂无 when there is nothing to divide.</summary>
    public string CompletionRateText => CompletionRate is { } r ? $"{r * 100:0.#}%" : "暂无";
    public string AverageRatingText => AverageRating is { } a ? $"{a:0.0} 分" : "暂无评价";
}

/// <summary>
/// For the public item and institution pages (Catalogue, Institutions): published evaluations (comment approved, or no
/// comment; an upheld appeal removes one) with the institution's reply, newest first, and the item figures.
/// </summary>
public sealed class PublicEvaluations(AppDbContext db)
{
    public Task<Paged<PublicEvaluation>> ForItemAsync(Guid itemId, int? page, int? pageSize = 10) =>
        ListAsync(Published().Where(e => e.ItemId == itemId), page, pageSize);

    public Task<Paged<PublicEvaluation>> ForInstitutionAsync(Guid institutionId, int? page, int? pageSize = 10) =>
        ListAsync(Published().Where(e => e.InstitutionId == institutionId), page, pageSize);

    /// <summary>Null for an unknown item.</summary>
    public async Task<ItemStats?> ItemStatsAsync(Guid itemId) =>
        await db.ServiceItems.AsNoTracking().Where(i => i.Id == itemId)
            .Select(i => new { i.RequestCount, i.CompletedCount, i.EvaluationCount, i.EvaluationTotal }).FirstOrDefaultAsync() is { } c
            ? ItemStats.From(c.RequestCount, c.CompletedCount, c.EvaluationCount, c.EvaluationTotal)
            : null;

    /// <summary>The sum over all the institution's items (published or not: past requests still count).</summary>
    public async Task<ItemStats> InstitutionStatsAsync(Guid institutionId)
    {
        var items = db.ServiceItems.AsNoTracking().Where(i => i.InstitutionId == institutionId);
        var sums = await items.GroupBy(_ => 1).Select(g => new
        {
            Requests = g.Sum(i => i.RequestCount), Completed = g.Sum(i => i.CompletedCount), Evaluations = g.Sum(i => i.EvaluationCount),
            Total = g.Sum(i => i.EvaluationTotal),
        }).FirstOrDefaultAsync();
        return sums is null ? ItemStats.From(0, 0, 0, 0) : ItemStats.From(sums.Requests, sums.Completed, sums.Evaluations, sums.Total);
    }

    private IQueryable<Evaluation> Published() =>
        db.Evaluations.AsNoTracking().Where(e => e.Moderation == ModerationStatus.Published && e.Appeal != AppealStatus.Upheld);

    private async Task<Paged<PublicEvaluation>> ListAsync(IQueryable<Evaluation> q, int? page, int? pageSize)
    {
        var rows = from e in q
                   join r in db.ServiceRequests.AsNoTracking() on e.RequestId equals r.Id
                   orderby e.CreatedAt descending, e.Id
                   select new { e, r.EnterpriseName, r.ItemTitle };
        return await Paged<PublicEvaluation>.OfAsync(rows, page, pageSize, x => new PublicEvaluation(x.e.Id, RequestText.MaskOrganisation(x.EnterpriseName),
            x.e.ItemId, x.ItemTitle, x.e.Overall, Evaluation.LevelLabel(x.e.Overall), x.e.Timeliness, x.e.Professionalism, x.e.Attitude, x.e.Comment,
            x.e.CreatedAt, x.e.Reply, x.e.RepliedAt));
    }
}
