using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Modules.Search;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Web;

namespace Qifu.Web.Modules.Activities;

/// <summary>
/// Activities in the site search: published and finished ones (drafts, proposals and cancelled activities are dropped).
/// The module writes <c>SearchLog.Changed(db, "activity", id, now)</c> on publish, approval, edits of a published
/// activity, cancellation and finishing.
/// </summary>
public sealed class ActivitySearchSource : ISearchSource
{
    public const string KindCode = "activity";

    public string Kind => KindCode;
    public string KindLabel => "活动";

    public async Task<SearchDocument?> LoadAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        var a = await db.Activities.AsNoTracking()
            .FirstOrDefaultAsync(x => x.Id == id && (x.Status == ActivityStatus.Published || x.Status == ActivityStatus.Finished), ct);
        return a is null ? null : Document(a);
    }

    public async IAsyncEnumerable<SearchDocument> LoadAllAsync(AppDbContext db, [EnumeratorCancellation] CancellationToken ct)
    {
        var all = db.Activities.AsNoTracking()
            .Where(x => x.Status == ActivityStatus.Published || x.Status == ActivityStatus.Finished).AsAsyncEnumerable();
        await foreach (var a in all.WithCancellation(ct)) yield return Document(a);
    }

    public static SearchDocument Document(Activity a) => new()
    {
        Kind = KindCode,
        Id = a.Id,
        Title = a.Title,
        Body = SearchText.Join(RichText.ToPlainText(a.Description), ActivityLabels.Label(a.Type), a.OrganiserName, a.Venue),
        Url = $"/activities/{a.Id}",
        Meta = string.Join(" · ", new[] { ActivityLabels.Label(a.Type), ActivityLabels.Schedule(a.StartsAt, a.EndsAt), a.OrganiserName,
            a.IsPublicInterest ? "公益" : null }.Where(s => !string.IsNullOrEmpty(s))),
        PublishedAt = a.PublishedAt ?? a.CreatedAt,
        Popularity = a.Taken,
        Facets = new Dictionary<string, IReadOnlyList<string>>
        {
            [SearchFacets.Region] = a.RegionCode == RegionCodes.City ? RegionCodes.Hengyang.Select(r => r.Code).ToList() : [a.RegionCode],
            [SearchFacets.Fee] = a.IsPublicInterest ? [FacetValues.FeePublic] : [FacetValues.FeeFree],
            [SearchFacets.Mode] = a.IsOnline ? [FacetValues.ModeOnline] : [FacetValues.ModeOnSite],
        },
    };
}
