using Qifu.Web.Modules.Search.SearchPage;
using Qifu.Web.Platform.Errors;

namespace Qifu.Web.Modules.Needs;

/// <summary>Published service items that may already answer a need (先看看现成的服务).</summary>
public sealed record MatchingItems(IReadOnlyList<SearchHitView> Hits, bool SearchAvailable);

/// <summary>
/// Asks the site search (the same <see cref="SiteSearch"/> as /search) for service items in the need's category and region:
/// first with the title as the query (every word must be found), then, if that finds too little, with the shorter words
/// inside the title, and last with the category alone, so the enterprise always sees what the catalogue has.
/// </summary>
public sealed class NeedMatches(SiteSearch search)
{
    public const int Take = 5;

    public async Task<MatchingItems> FindAsync(string? title, string category, string? region, CancellationToken ct)
    {
        var hits = new List<SearchHitView>();
        try
        {
            async Task AddAsync(string? q)
            {
                if (hits.Count >= Take) return;
                var result = await search.SearchAsync(new SearchInput
                {
                    Q = q, Kind = Catalogue.ItemSearchKinds.Item, Category = category, Region = region, PageSize = Take.ToString(),
                }, ct);
                foreach (var h in result.Hits)
                    if (hits.Count < Take && hits.All(x => x.Id != h.Id)) hits.Add(h);
                if (q is not null && hits.Count < Take)
                    foreach (var shorter in result.Words.SelectMany(w => w.Shorter).Distinct().Take(3))
                    {
                        if (hits.Count >= Take) break;
                        var more = await search.SearchAsync(new SearchInput
                        {
                            Q = shorter, Kind = Catalogue.ItemSearchKinds.Item, Category = category, Region = region, PageSize = Take.ToString(),
                        }, ct);
                        foreach (var h in more.Hits)
                            if (hits.Count < Take && hits.All(x => x.Id != h.Id)) hits.Add(h);
                    }
            }
            var q = string.IsNullOrWhiteSpace(title) ? null : (title.Trim().Length > 100 ? title.Trim()[..100] : title.Trim());
            await AddAsync(q);
            await AddAsync(null);
            return new MatchingItems(hits, true);
        }
        catch (RuleViolationException)
        {
            // The index is still building on this node: posting the need must not wait for it.
            return new MatchingItems(hits, false);
        }
    }
}
