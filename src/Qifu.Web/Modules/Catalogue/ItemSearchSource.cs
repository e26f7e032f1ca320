using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.Search;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Registration;
using Qifu.Web.Platform.Web;

namespace Qifu.Web.Modules.Catalogue;

/// <summary>
/// Service items as the Search module sees them: what the item page shows, i.e. published items of institutions that are still
/// approved (a draft, a rejected or an off-shelf item, or any item of a suspended institution, is dropped from the index).
/// Changes arrive through <c>SearchLog.Changed(db, ItemSearchKinds.Item, id, now)</c>: the catalogue writes it on publish,
/// approved revisions and shelf changes, service requests on the counters behind rating and popularity, the institution
/// review when an institution is suspended or resumed.
/// </summary>
public sealed class ItemSearchSource : ISearchSource
{
    public const string KindCode = ItemSearchKinds.Item;

    public string Kind => KindCode;
    public string KindLabel => "服务项目";

    public async Task<SearchDocument?> LoadAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        var item = await db.ServiceItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.Status == ItemStatus.Published, ct);
        if (item is null) return null;
        var institution = await db.Institutions.AsNoTracking().Where(i => i.Id == item.InstitutionId && i.Status == RegistrationStatus.Approved)
            .Select(i => i.Name).FirstOrDefaultAsync(ct);
        return institution is null ? null : Document(item, institution);
    }

    public async IAsyncEnumerable<SearchDocument> LoadAllAsync(AppDbContext db, [EnumeratorCancellation] CancellationToken ct)
    {
        // Institutions are few next to items: one lookup table rather than a join per row.
        var names = await db.Institutions.AsNoTracking().Where(i => i.Status == RegistrationStatus.Approved)
            .Select(i => new { i.Id, i.Name }).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        var items = db.ServiceItems.AsNoTracking().Where(i => i.Status == ItemStatus.Published).AsAsyncEnumerable();
        await foreach (var item in items.WithCancellation(ct))
            if (names.TryGetValue(item.InstitutionId, out var institution))
                yield return Document(item, institution);
    }

    public static SearchDocument Document(ServiceItem item, string institution)
    {
        var c = item.Content;
        return new SearchDocument
        {
            Kind = KindCode,
            Id = item.Id,
            Title = c.Title,
            Body = SearchText.Join(RichText.ToPlainText(c.Description), c.Deliverables, c.SubCategory, institution),
            Url = $"/services/{item.Id}",
            Meta = string.Join(" · ", new[] { institution, ItemStatuses.PriceLabel(c), ItemStatuses.Label(c.Mode) }.Where(s => !string.IsNullOrEmpty(s))),
            PublishedAt = item.PublishedAt ?? item.CreatedAt,
            Rating = item.AverageRating,
            Popularity = item.RequestCount + item.ClaimCount,
            Facets = new Dictionary<string, IReadOnlyList<string>>
            {
                [SearchFacets.Category] = [c.CategoryCode],
                [SearchFacets.SubCategory] = string.IsNullOrEmpty(c.SubCategory) ? [] : [c.SubCategory],
                // An item serving the whole city (衡阳市) serves every county: filtering by a county must find it.
                [SearchFacets.Region] = c.ServiceRegionCodes.Contains(Platform.Regions.RegionCodes.City)
                    ? Platform.Regions.RegionCodes.Hengyang.Select(r => r.Code).ToList()
                    : c.ServiceRegionCodes.ToList(),
                [SearchFacets.Fee] = [Fee(c.FeeType)],
                [SearchFacets.Mode] = c.Mode switch
                {
                    ServiceMode.Online => [FacetValues.ModeOnline],
                    ServiceMode.OnSite => [FacetValues.ModeOnSite],
                    _ => [FacetValues.ModeOnline, FacetValues.ModeOnSite],
                },
                [SearchFacets.RatingBand] = FacetValues.RatingBandsOf(item.AverageRating),
            },
        };
    }

    private static string Fee(FeeType fee) => fee switch
    {
        FeeType.Free => FacetValues.FeeFree,
        FeeType.PublicInterest => FacetValues.FeePublic,
        FeeType.Discounted => FacetValues.FeeDiscounted,
        _ => FacetValues.FeeMarket,
    };
}
