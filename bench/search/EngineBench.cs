using System.Diagnostics;
using Qifu.Web.Modules.Search.Engine;

namespace Qifu.Bench.Search;

public sealed record LatencySample(BenchQuery Query, double Ms, int Total, int Hits, bool Highlighted);

/// <param name="Recall">Found ∩ truth / truth: over the exact id sets when Exact, else Total / truth (capped at 1).</param>
/// <param name="FalseHits">Returned ids (of those fetched) that do not contain every word.</param>
/// <param name="FacetMismatch">Category counts of the engine differ from the substring scan's.</param>
public sealed record RecallRow(BenchQuery Query, int Truth, int Total, double Recall, bool Exact, int Checked, int FalseHits, bool FacetMismatch);

/// <summary>In-process latency and recall of <see cref="SearchIndex"/>.</summary>
public static class EngineBench
{
    /// <summary>Warm-up searches of other queries (<see cref="QuerySet.WarmUp"/>) before anything is timed.</summary>
    public const int WarmUp = 300;

    /// <summary>Every timed search is worked out: the engine's result cache (on in the platform) would answer repeats from memory.</summary>
    public static readonly SearchIndexOptions Uncached = new() { ResultCacheSize = 0 };

    private static SearchRequest Request(BenchQuery q, int page = 1, int size = 20) =>
        new() { Query = q.Text, Filters = q.Filters, Page = page, PageSize = size };

    /// <summary>One client, one Search call per query (facet counts + 20 highlighted hits, as the /search page asks), after warm-up.</summary>
    public static List<LatencySample> Latency(SearchIndex index, IReadOnlyList<BenchQuery> queries)
    {
        foreach (var q in QuerySet.WarmUp(WarmUp)) index.Search(Request(q));
        var samples = new List<LatencySample>(queries.Count);
        var clock = new Stopwatch();
        foreach (var q in queries)
        {
            clock.Restart();
            var result = index.Search(Request(q));
            clock.Stop();
            var marked = result.Hits.Count == 0 || result.Hits.Any(h => h.TitleHtml.Contains("<mark>") || h.SnippetHtml.Contains("<mark>"));
            samples.Add(new LatencySample(q, clock.Elapsed.TotalMilliseconds, result.Total, result.Hits.Count, marked));
        }
        return samples;
    }

    /// <summary>
    /// Compares the engine with the substring scan. The engine shows at most <see cref="SearchIndex.MaxWindow"/> results (pages of ≤ 100), so
    /// the exact id set is compared when the truth fits that window; above it, the Total and the category facet counts are compared and the
    /// first 100 ids are checked for false hits.
    /// </summary>
    public static List<RecallRow> Recall(SearchIndex index, Doc[] docs, GroundTruth truth, IReadOnlyList<BenchQuery> queries, Action<string> progress)
    {
        var rows = new List<RecallRow>(queries.Count);
        foreach (var q in queries)
        {
            if (rows.Count > 0 && rows.Count % 50 == 0) progress($"  recall: {rows.Count} queries checked");
            var expected = truth.For(q);
            var truthCount = expected.Count();
            var first = index.Search(Request(q, 1, 100));
            var ids = new List<int>(first.Hits.Select(h => Corpus.IndexOf(h.Id)));
            var exact = truthCount <= SearchIndex.MaxWindow && first.Total <= SearchIndex.MaxWindow;
            if (exact)
                for (var page = 2; (page - 1) * 100 < first.Total; page++)
                    ids.AddRange(index.Search(Request(q, page, 100)).Hits.Select(h => Corpus.IndexOf(h.Id)));
            var valid = ids.Where(i => i >= 0 && i < docs.Length).ToList();
            var falseHits = ids.Count - valid.Count + valid.Count(i => !expected.Get(i));
            double recall;
            if (truthCount == 0) recall = 1;
            else if (exact) recall = (double)valid.Distinct().Count(expected.Get) / truthCount;
            else recall = Math.Min(1.0, (double)first.Total / truthCount);

            // Facet counts are computed by the engine over every match: they must equal the truth's per category.
            var expectedFacets = new Dictionary<string, int>();
            foreach (var i in expected.Members())
                foreach (var c in docs[i].Categories) expectedFacets[c] = expectedFacets.GetValueOrDefault(c) + 1;
            var engineFacets = first.Facets.TryGetValue("category", out var values) ? values.ToDictionary(v => v.Value, v => v.Count) : [];
            var facetMismatch = expectedFacets.Count != engineFacets.Count || expectedFacets.Any(kv => engineFacets.GetValueOrDefault(kv.Key) != kv.Value);

            rows.Add(new RecallRow(q, truthCount, first.Total, recall, exact, ids.Count, falseHits, facetMismatch));
        }
        return rows;
    }
}
