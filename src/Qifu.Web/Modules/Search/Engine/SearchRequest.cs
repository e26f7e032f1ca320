namespace Qifu.Web.Modules.Search.Engine;

public enum SearchSort { Relevance, Newest, Rating, Popularity }

/// <summary>One search. Filters are facet name → value (see <see cref="SearchFacets"/>); Kind narrows to one kind (the tabs).</summary>
public sealed record SearchRequest
{
    public string? Query { get; init; }
    public string? Kind { get; init; }
    public IReadOnlyDictionary<string, string> Filters { get; init; } = new Dictionary<string, string>();
    /// <summary>Null: by relevance when there are words, newest first when browsing.</summary>
    public SearchSort? Sort { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
    public SynonymTable Synonyms { get; init; } = SynonymTable.Empty;
    /// <summary>Work the answer out again rather than take it from the result cache (a client sent Cache-Control: no-cache).</summary>
    public bool Fresh { get; init; }
    /// <summary>Where to add the time each phase took (profiling only; never cached, so set <see cref="Fresh"/> too).</summary>
    public SearchTimings? Timings { get; init; }
}

/// <param name="TitleHtml">HTML-encoded title with the query words in &lt;mark&gt;.</param>
/// <param name="SnippetHtml">About 120 characters of the body around the first hit, encoded and marked the same way.</param>
public sealed record SearchHit(string Kind, Guid Id, string TitleHtml, string SnippetHtml, string Url, string Meta, DateTime PublishedAt,
    double? Rating, int Popularity, float Score);

public sealed record FacetCount(string Value, int Count);

/// <summary>What a query word was searched as: the word itself plus its synonyms.</summary>
public sealed record QueryWord(string Word, IReadOnlyList<string> Alternatives, bool SingleCharacter)
{
    /// <summary>Shorter words inside a long word (its SmartCn words of two or more characters): suggestions when nothing is found.</summary>
    public IReadOnlyList<string> Shorter { get; init; } = [];
}

/// <param name="Total">All matching documents of the chosen kind (not capped).</param>
/// <param name="Facets">Counts over every matching document of the chosen kind, per facet name, largest first.</param>
/// <param name="Kinds">Counts per kind over the query and filters, ignoring the kind itself (so the tabs show what each holds).</param>
/// <param name="PageLimit">The last page that can be shown (deep pages are cut at <see cref="SearchIndex.MaxWindow"/> results).</param>
public sealed record SearchResult(int Total, IReadOnlyList<SearchHit> Hits, IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets,
    IReadOnlyList<FacetCount> Kinds, IReadOnlyList<QueryWord> Words, SearchSort Sort, int Page, int PageSize, int PageLimit)
{
    public int CountOf(string facet, string value) =>
        Facets.TryGetValue(facet, out var values) ? values.FirstOrDefault(v => v.Value == value)?.Count ?? 0 : 0;
}

/// <summary>How long a rebuild took; DocumentsPerSecond is what the reindex command prints.</summary>
public sealed record RebuildReport(int Documents, TimeSpan Elapsed)
{
    public double DocumentsPerSecond => Elapsed.TotalSeconds > 0 ? Documents / Elapsed.TotalSeconds : Documents;
}

/// <summary>
/// CPU (or wall) milliseconds per phase of the searches it is handed to (<see cref="SearchRequest.Timings"/>), for the profiling
/// mode of bench/search. The clock is the caller's (the bench passes the thread's CPU clock); null timings cost nothing.
/// </summary>
public sealed class SearchTimings(Func<double> clock)
{
    public const string Analyse = "analyse", Plan = "plan", Match = "match", Facets = "facets", Rank = "rank", Load = "load", Highlight = "highlight", Assemble = "assemble";
    public static readonly string[] Phases = [Analyse, Plan, Match, Facets, Rank, Load, Highlight, Assemble];

    private readonly Dictionary<string, double> _ms = Phases.ToDictionary(p => p, _ => 0.0, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, double> Ms => _ms;

    public double Now() => clock();

    /// <summary>Adds the time since <paramref name="since"/> to <paramref name="phase"/> and moves <paramref name="since"/> to now.</summary>
    public void Lap(string phase, ref double since)
    {
        var now = clock();
        _ms[phase] += now - since;
        since = now;
    }

    public void Clear()
    {
        foreach (var phase in Phases) _ms[phase] = 0;
    }
}
