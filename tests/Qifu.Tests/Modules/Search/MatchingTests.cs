using Qifu.Web.Modules.Search;
using Qifu.Web.Modules.Search.Engine;

namespace Qifu.Tests.Modules.Search;

/// <summary>
/// The engine in process (decision 0015): totals, tab counts and facet counts equal a plain substring scan whichever way the matches
/// are found (common words read whole into bit sets or taken from the word cache, rare or phrase words through Lucene's scorers,
/// filters, deletions, postings in memory or on disk), and by
/// relevance every word in the title ranks before some word in the title, before the words in the body only.
/// </summary>
public sealed class MatchingTests : IDisposable
{
    private static readonly string[] Words = ["融资", "贷款", "培训", "专利", "补贴", "担保", "高新技术企业", "数字化转型", "税务局", "知识产权质押"];
    private static readonly string[] Regions = ["430405", "430406", "430421", "430422"];
    private readonly string _path = Directory.CreateTempSubdirectory("qifu-matching.").FullName;

    private sealed record Doc(SearchDocument Document, string Region, string Category);

    private static List<Doc> Corpus(int count)
    {
        var random = new Random(20261127);
        var docs = new List<Doc>(count);
        for (var i = 0; i < count; i++)
        {
            string Pick() => Words[random.Next(Words.Length)];
            // Common words are on far more than one document in 32, so both matching paths get used.
            var title = $"{Pick()}服务第{i}号";
            var body = string.Join("，", Enumerable.Range(0, 1 + random.Next(4)).Select(_ => $"提供{Pick()}相关咨询"));
            var region = Regions[random.Next(Regions.Length)];
            var category = random.Next(3) == 0 ? "finance" : "legal";
            docs.Add(new Doc(new SearchDocument
            {
                Kind = random.Next(5) == 0 ? "institution" : "item",
                Id = Guid.NewGuid(),
                Title = title,
                Body = body,
                Url = $"/items/{i}",
                PublishedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(i),
                Facets = new Dictionary<string, IReadOnlyList<string>> { [SearchFacets.Region] = [region], [SearchFacets.Category] = [category] },
            }, region, category));
        }
        return docs;
    }

    private static bool Holds(Doc d, string query) =>
        SearchIndex.SplitWords(query).All(w => d.Document.Title.Contains(w, StringComparison.Ordinal) || d.Document.Body.Contains(w, StringComparison.Ordinal));

    [Theory]
    [InlineData("融资 贷款", null, null)]          // two common terms: bit sets
    [InlineData("融资 贷款 培训", "item", null)]
    [InlineData("融资 知识产权质押", null, null)] // a phrase word: scorers
    [InlineData("高新技术企业 税务局", "item", "430405")]
    [InlineData("担保", null, "430421")]          // one word under a filter
    [InlineData("专利 补贴", "institution", "430422")]
    [InlineData("", "item", "430406")]            // browsing
    public void Totals_tabs_and_facets_equal_a_substring_scan(string query, string? kind, string? region)
    {
        var docs = Corpus(3000);
        List<Doc> live;
        using (var index = new SearchIndex(_path))
        {
            index.Rebuild(docs.Select(d => d.Document), 1);
            // Deletions must not count: remove every tenth document.
            var removed = docs.Where((_, i) => i % 10 == 0).ToList();
            foreach (var d in removed) index.Remove(d.Document.Kind, d.Document.Id);
            index.Commit(2);
            live = docs.Except(removed).ToList();
        }
        var filters = region is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [SearchFacets.Region] = region };

        // Decision 0021: common words from the word cache (searched twice: the sets are made, then reused) and postings in memory,
        // or neither: the same answer.
        var pages = new List<List<Guid>>();
        foreach (var options in new[] { new SearchIndexOptions { PostingsInMemory = true }, new SearchIndexOptions { WordCacheSize = 0, PostingsInMemory = false } })
        {
            using var index = new SearchIndex(_path, options);
            for (var round = 0; round < 2; round++)
                pages.Add(Check(index, live, query, kind, filters, region));
        }
        foreach (var page in pages.Skip(1)) Assert.Equal(pages[0], page);
    }

    private static List<Guid> Check(SearchIndex index, List<Doc> live, string query, string? kind, Dictionary<string, string> filters, string? region)
    {
        var result = index.Search(new SearchRequest { Query = query, Kind = kind, Filters = filters, Fresh = true });

        var matching = live.Where(d => Holds(d, query) && (region is null || d.Region == region)).ToList();
        var ofKind = matching.Where(d => kind is null || d.Document.Kind == kind).ToList();
        Assert.True(ofKind.Count > 0, "the corpus should hold matches for this case");
        Assert.Equal(ofKind.Count, result.Total);
        foreach (var k in new[] { "item", "institution" })
            Assert.Equal(matching.Count(d => d.Document.Kind == k), result.Kinds.FirstOrDefault(c => c.Value == k)?.Count ?? 0);
        foreach (var r in Regions)
            Assert.Equal(ofKind.Count(d => d.Region == r), result.CountOf(SearchFacets.Region, r));
        foreach (var c in new[] { "finance", "legal" })
            Assert.Equal(ofKind.Count(d => d.Category == c), result.CountOf(SearchFacets.Category, c));

        // Every page together is every match once (up to the deepest page).
        var seen = new HashSet<Guid>();
        for (var page = 1; page <= result.PageLimit; page++)
            foreach (var hit in index.Search(new SearchRequest { Query = query, Kind = kind, Filters = filters, Page = page, PageSize = 100, Fresh = true }).Hits)
                Assert.True(seen.Add(hit.Id), $"{hit.Id} shown twice");
        Assert.Equal(Math.Min(ofKind.Count, SearchIndex.MaxWindow), seen.Count);
        Assert.Subset(ofKind.Select(d => d.Document.Id).ToHashSet(), seen);
        return result.Hits.Select(h => h.Id).ToList();
    }

    [Fact]
    public void Every_word_in_the_title_ranks_first_then_some_word_then_the_body_only()
    {
        SearchDocument Doc(string title, string body, int hour) => new()
        {
            Kind = "item", Id = Guid.NewGuid(), Title = title, Body = body, Url = "/x",
            PublishedAt = new DateTime(2026, 1, 1, hour, 0, 0, DateTimeKind.Utc),
        };
        // The body-only documents say the words many times (a high body score), the titled ones once.
        var bodyOnly = Enumerable.Range(0, 5).Select(i => Doc($"综合服务{i}", string.Concat(Enumerable.Repeat("融资 贷款 ", 20)), i)).ToList();
        var oneWord = Enumerable.Range(0, 5).Select(i => Doc($"融资顾问{i}", "另有贷款咨询", i)).ToList();
        var bothWords = Enumerable.Range(0, 3).Select(i => Doc($"融资与贷款专场{i}", "详见通知", i)).ToList();
        using var index = new SearchIndex(_path);
        index.Rebuild([.. bodyOnly, .. oneWord, .. bothWords], 1);

        var hits = index.Search(new SearchRequest { Query = "融资 贷款", Fresh = true }).Hits.Select(h => h.Id).ToList();
        Assert.Equal(13, hits.Count);
        Assert.Equal(bothWords.Select(d => d.Id).ToHashSet(), hits.Take(3).ToHashSet());
        Assert.Equal(oneWord.Select(d => d.Id).ToHashSet(), hits.Skip(3).Take(5).ToHashSet());
        Assert.Equal(bodyOnly.Select(d => d.Id).ToHashSet(), hits.Skip(8).ToHashSet());

        // A page that the first tiers cannot fill is continued from the next, without overlap.
        var second = index.Search(new SearchRequest { Query = "融资 贷款", Page = 2, PageSize = 5, Fresh = true }).Hits.Select(h => h.Id).ToList();
        Assert.Equal(hits.Skip(5).Take(5), second);
    }

    public void Dispose()
    {
        try { Directory.Delete(_path, true); } catch (IOException) { }
    }
}
