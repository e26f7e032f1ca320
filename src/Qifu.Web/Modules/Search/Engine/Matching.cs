using System.Buffers;
using System.Numerics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Qifu.Web.Modules.Search.Engine;

/// <summary>What a search asks of the index: per word, the queries of which one must match (the word and its synonyms) and its
/// ranking clauses (the word in the title); all words as one query every match must meet (null: every document); and the scored
/// query (the words as MUST clauses, the ranking clauses as SHOULD).</summary>
internal sealed record QueryPlan(IReadOnlyList<IReadOnlyList<Query>> Words, IReadOnlyList<IReadOnlyList<Query>> Ranking, Query? Match, Query? Scored);

/// <summary>
/// One search worked out in two steps (decision 0015). First the matches, per segment, as a bit set: the words' query walked without
/// scoring (Lucene leaps the common word's postings to the rare word's documents), under the filters and deletions as accepted
/// documents. The total, the tab counts and the facet counts come from the bit sets (<see cref="SegmentFacets.Count"/>): many
/// matches are counted a facet value at a time rather than a document at a time. Then the ranking: by relevance, documents holding a
/// word in the title (the title tier) come first, ordered by how well their titles match, and the rest follow by the score of the
/// whole query; the rest is scored only when the tier cannot fill the page, so 400,000 matches of 融资 never all get scored. Other
/// sorts walk the bit sets with a field collector. Bit sets come from a pool and go back when the search ends.
/// </summary>
internal sealed class Matching : IDisposable
{
    private readonly IndexSearcher _searcher;
    private readonly IList<AtomicReaderContext> _leaves;
    private readonly FixedBitSet?[] _matches;
    private readonly List<long[]> _rented = [];
    private readonly Dictionary<string, int> _kinds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _facets = new(StringComparer.Ordinal);

    public int Total { get; private set; }
    public IReadOnlyDictionary<string, int> KindCounts => _kinds;
    public IReadOnlyDictionary<string, int> FacetCounts => _facets;

    private Matching(IndexSearcher searcher)
    {
        _searcher = searcher;
        _leaves = searcher.IndexReader.Leaves;
        _matches = new FixedBitSet?[_leaves.Count];
    }

    /// <summary>Finds and counts the matches of <paramref name="plan"/> under <paramref name="filters"/>; every kind is counted for
    /// the tabs, and only <paramref name="kind"/> (null: all) goes on to the total, the facets and the ranking.</summary>
    public static Matching Find(IndexSearcher searcher, QueryPlan plan, IReadOnlyList<Filter> filters, string? kind, SearchTimings? timings = null,
        WordCache? words = null)
    {
        var run = new Matching(searcher);
        try
        {
            run.FindAll(plan, filters, kind, timings, words);
            return run;
        }
        catch
        {
            run.Dispose();
            throw;
        }
    }

    private void FindAll(QueryPlan plan, IReadOnlyList<Filter> filters, string? kind, SearchTimings? timings, WordCache? wordCache)
    {
        var lap = timings?.Now() ?? 0;
        // Common words (on more than one document in 32) come as cached bit sets per segment; the rest are walked, under those.
        var common = new List<Filter>();
        var rare = new List<IReadOnlyList<Query>>();
        foreach (var word in plan.Words)
        {
            if (wordCache is not null && IsCommon(word, _searcher.IndexReader) && wordCache.For(Any(word)) is { } cached) common.Add(cached);
            else rare.Add(word);
        }
        var rareMatch = common.Count == 0 ? plan.Match : All(rare);
        // Weights for what is not a plain term (phrases, prefixes), made once for all segments.
        var weights = new Dictionary<Query, Weight>(ReferenceEqualityComparer.Instance);
        foreach (var query in rare.SelectMany(w => w).Where(q => q is not TermQuery).Append(rareMatch))
            if (query is not null && query is not TermQuery) weights[query] = _searcher.CreateNormalizedWeight(query);
        int[] counts = [];
        for (var i = 0; i < _leaves.Count; i++)
        {
            var leaf = _leaves[i];
            var reader = leaf.AtomicReader;
            if (reader.MaxDoc == 0) continue;
            var accepted = SegmentFacets.LiveDocs(reader);
            if (filters.Count > 0)
            {
                var narrowed = Rent(reader.MaxDoc);
                if (accepted is null) narrowed.Set(0, reader.MaxDoc);
                else narrowed.Or(accepted);
                foreach (var filter in filters)
                {
                    var set = filter.GetDocIdSet(leaf, null);
                    if (set is FixedBitSet bits) narrowed.And(bits);
                    else if (set?.GetIterator() is { } iterator) narrowed.And(iterator);
                    else narrowed.Clear(0, reader.MaxDoc);
                }
                accepted = narrowed;
            }
            FixedBitSet matches;
            if (common.Count > 0)
            {
                matches = Rent(reader.MaxDoc);
                var first = true;
                foreach (var filter in common)
                {
                    var set = filter.GetDocIdSet(leaf, null);
                    if (set is FixedBitSet bits)
                    {
                        if (first) matches.Or(bits);
                        else matches.And(bits);
                    }
                    else if (set?.GetIterator() is { } iterator)
                    {
                        if (first) matches.Or(iterator);
                        else matches.And(iterator);
                    }
                    else matches.Clear(0, reader.MaxDoc);
                    first = false;
                }
                if (accepted is not null) matches.And(accepted);
                if (rareMatch is not null)
                {
                    var under = matches;
                    matches = Rent(reader.MaxDoc);
                    if (rareMatch is TermQuery rareTerm) AddMatches(matches, rareTerm, leaf, weights, under);
                    else if (weights[rareMatch].GetScorer(leaf, under) is { } rareScorer) matches.Or(rareScorer);
                }
            }
            else
            {
                matches = Rent(reader.MaxDoc);
                if (plan.Match is null)
                {
                    if (accepted is null) matches.Set(0, reader.MaxDoc);
                    else matches.Or(accepted);
                }
                else if (IsDense(plan.Words, reader, accepted))
                {
                    // Every word is common here: reading each word's postings whole into a bit set and combining them costs less than
                    // leaping between postings that hardly ever skip.
                    var first = true;
                    foreach (var word in plan.Words)
                    {
                        var found = first ? matches : Rent(reader.MaxDoc);
                        foreach (var alternative in word) AddMatches(found, alternative, leaf, weights);
                        if (!first) matches.And(found);
                        first = false;
                    }
                    if (accepted is not null) matches.And(accepted);
                }
                else if (plan.Match is TermQuery term) AddMatches(matches, term, leaf, weights, accepted);
                else if (weights[plan.Match].GetScorer(leaf, accepted) is { } scorer) matches.Or(scorer);
            }

            var segment = SegmentFacets.Of(reader);
            var wanted = -1;
            for (var ord = 0; ord < segment.KindValues.Length; ord++)
            {
                var n = (int)BitCounts.Intersection(matches.GetBits().AsSpan(0, FixedBitSet.Bits2words(reader.MaxDoc)), segment.KindDocs[ord].GetBits());
                if (n > 0) _kinds[segment.KindValues[ord]] = _kinds.GetValueOrDefault(segment.KindValues[ord]) + n;
                if (segment.KindValues[ord] == kind) wanted = ord;
            }
            if (kind is not null)
            {
                if (wanted < 0) continue;
                matches.And(segment.KindDocs[wanted]);
            }
            var cardinality = matches.Cardinality;
            if (cardinality == 0) continue;
            Total += cardinality;
            _matches[i] = matches;

            timings?.Lap(SearchTimings.Match, ref lap);
            if (counts.Length < segment.Values.Length) counts = new int[segment.Values.Length];
            else Array.Clear(counts, 0, segment.Values.Length);
            segment.Count(matches, cardinality, counts);
            for (var ord = 0; ord < segment.Values.Length; ord++)
                if (counts[ord] > 0) _facets[segment.Values[ord]] = _facets.GetValueOrDefault(segment.Values[ord]) + counts[ord];
            timings?.Lap(SearchTimings.Facets, ref lap);
        }
        timings?.Lap(SearchTimings.Match, ref lap);
    }

    /// <summary>A word (any of its alternatives) that may be on more than one document in 32 of the index: an alternative's rarest
    /// term is that common, or it is a prefix.</summary>
    private static bool IsCommon(IReadOnlyList<Query> word, IndexReader reader)
    {
        long estimate = 0;
        foreach (var alternative in word)
        {
            switch (alternative)
            {
                case TermQuery term:
                    estimate += reader.DocFreq(term.Term);
                    break;
                case PhraseQuery phrase:
                    var least = long.MaxValue;
                    foreach (var term in phrase.GetTerms()) least = Math.Min(least, reader.DocFreq(term));
                    estimate += least == long.MaxValue ? 0 : least;
                    break;
                default:
                    return true;
            }
        }
        return estimate * 32 > reader.MaxDoc;
    }

    private static Query? All(IReadOnlyList<IReadOnlyList<Query>> words)
    {
        if (words.Count == 0) return null;
        if (words.Count == 1) return Any(words[0]);
        var all = new BooleanQuery();
        foreach (var word in words) all.Add(Any(word), Occur.MUST);
        return all;
    }

    /// <summary>True when every word is plain terms (no phrase to check positions of) and even the rarest word is on more than one
    /// document in 32 of the segment, and no filter narrows the segment much.</summary>
    private static bool IsDense(IReadOnlyList<IReadOnlyList<Query>> words, AtomicReader reader, FixedBitSet? accepted)
    {
        if (words.Count < 2 || (accepted is not null && accepted.Cardinality < reader.MaxDoc / 4)) return false;
        var dense = reader.MaxDoc / 32;
        foreach (var word in words)
        {
            long frequency = 0;
            foreach (var alternative in word)
            {
                if (alternative is not TermQuery t) return false;
                frequency += reader.DocFreq(t.Term);
            }
            if (frequency <= dense) return false;
        }
        return true;
    }

    /// <summary>A term's documents straight from its postings (no frequencies); anything else through its scorer.</summary>
    private static void AddMatches(FixedBitSet into, Query query, AtomicReaderContext leaf, Dictionary<Query, Weight> weights, IBits? accepted = null)
    {
        if (query is TermQuery term)
        {
            var iterator = leaf.AtomicReader.GetTerms(term.Term.Field)?.GetEnumerator();
            if (iterator is not null && iterator.SeekExact(term.Term.Bytes)) into.Or(iterator.Docs(accepted, null, DocsFlags.NONE));
            return;
        }
        if (weights[query].GetScorer(leaf, accepted) is { } scorer) into.Or(scorer);
    }

    /// <summary>The window (top <paramref name="window"/>): by <paramref name="fieldSort"/>, or by relevance when it is null.</summary>
    public ScoreDoc[] Rank(QueryPlan plan, Sort? fieldSort, int window)
    {
        if (Total == 0) return [];
        if (fieldSort is not null)
        {
            var sorted = TopFieldCollector.Create(fieldSort, window, false, false, false, true);
            for (var i = 0; i < _leaves.Count; i++)
                if (_matches[i] is { } matches) Collect(sorted, _leaves[i], matches);
            return sorted.GetTopDocs(0, window).ScoreDocs;
        }

        var scored = plan.Scored ?? new MatchAllDocsQuery();
        var titled = plan.Ranking.Where(r => r.Count > 0).ToList();
        if (titled.Count == 0) return Scored(_searcher.CreateNormalizedWeight(scored), _matches, window, null);

        // Tiers, each ranked only while the page is not full: every word in the title, then some word in the title (both ordered by
        // the title clauses alone, whose postings are short), then the words in the body only (by the whole query).
        var tiers = new List<Query>();
        if (titled.Count > 1)
        {
            var all = new BooleanQuery();
            foreach (var word in titled) all.Add(Any(word), Occur.MUST);
            tiers.Add(all);
        }
        tiers.Add(Any(titled.SelectMany(r => r).ToList()));
        // The words alone last: what is left holds no word in its title, so the title clauses of the whole query would score nothing
        // there, and dropping them only scales every score alike (the coordination factor and the query norm are the same for each
        // document left), which keeps the order while sparing each remaining document a walk of the title clauses' postings. Its
        // weight (a terms-dictionary lookup per term and segment) is made only when this tier is reached.
        tiers.Add(plan.Match ?? scored);

        var ranked = new List<ScoreDoc>(window);
        var seen = new FixedBitSet?[_leaves.Count];
        for (var i = 0; i < _leaves.Count; i++)
            if (_matches[i] is { } matches) seen[i] = Rent(matches.Length);
        var left = _matches;
        foreach (var query in tiers)
        {
            var before = 0;
            foreach (var set in seen) before += set?.Cardinality ?? 0;
            if (before == Total) break;
            var tier = _searcher.CreateNormalizedWeight(query);
            if (before > 0)
            {
                left = new FixedBitSet?[_leaves.Count];
                for (var i = 0; i < _leaves.Count; i++)
                {
                    if (_matches[i] is not { } matches) continue;
                    var rest = left[i] = Rent(matches.Length);
                    rest.Or(matches);
                    rest.AndNot(seen[i]!);
                }
            }
            ranked.AddRange(Scored(tier, left, window - ranked.Count, seen));
            if (ranked.Count >= window) break;
        }
        return [.. ranked];
    }

    private static Query Any(IReadOnlyList<Query> queries)
    {
        if (queries.Count == 1) return queries[0];
        var any = new BooleanQuery();
        foreach (var query in queries) any.Add(query, Occur.SHOULD);
        return any;
    }

    /// <summary>The top <paramref name="window"/> of <paramref name="docs"/> by the weight's score (its scorer walks only the accepted
    /// documents); every document scored is also set in <paramref name="seen"/> when given.</summary>
    private ScoreDoc[] Scored(Weight weight, FixedBitSet?[] docs, int window, FixedBitSet?[]? seen)
    {
        var top = TopScoreDocCollector.Create(Math.Max(1, window), true);
        for (var i = 0; i < _leaves.Count; i++)
        {
            if (docs[i] is not { } accepted || weight.GetScorer(_leaves[i], accepted) is not { } scorer) continue;
            top.SetNextReader(_leaves[i]);
            top.SetScorer(scorer);
            var mark = seen?[i];
            int doc;
            while ((doc = scorer.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
            {
                top.Collect(doc);
                mark?.Set(doc);
            }
        }
        return top.GetTopDocs(0, window).ScoreDocs;
    }

    /// <summary>Hands every document of <paramref name="docs"/> to <paramref name="collector"/> (one sorting by a field).</summary>
    private static void Collect(ICollector collector, AtomicReaderContext leaf, FixedBitSet docs)
    {
        collector.SetNextReader(leaf);
        collector.SetScorer(NoScorer.Instance);
        var words = docs.GetBits();
        for (int w = 0, n = FixedBitSet.Bits2words(docs.Length); w < n; w++)
        {
            var word = words[w];
            while (word != 0)
            {
                collector.Collect((w << 6) + BitOperations.TrailingZeroCount(word));
                word &= word - 1;
            }
        }
    }

    /// <summary>A cleared bit set of <paramref name="bits"/> bits on a pooled array (a million documents take 125 KB, which would
    /// otherwise land on the large object heap at every search).</summary>
    private FixedBitSet Rent(int bits)
    {
        var words = FixedBitSet.Bits2words(bits);
        var array = ArrayPool<long>.Shared.Rent(words);
        Array.Clear(array); // all of it: FixedBitSet counts over the whole array, and a pooled one may be longer

        _rented.Add(array);
        return new FixedBitSet(array, bits);
    }

    public void Dispose()
    {
        foreach (var array in _rented) ArrayPool<long>.Shared.Return(array);
        _rented.Clear();
    }

    /// <summary>Caches a filter per segment as a FixedBitSet (1 bit per document) rather than the default compressed set, which
    /// has no random access.</summary>
    internal sealed class BitSetCachingFilter(Filter filter) : CachingWrapperFilter(filter)
    {
        protected override DocIdSet DocIdSetToCache(DocIdSet docIdSet, AtomicReader reader)
        {
            if (docIdSet?.GetIterator() is not { } iterator) return EMPTY_DOCIDSET;
            var bits = new FixedBitSet(reader.MaxDoc);
            bits.Or(iterator);
            return bits;
        }
    }

    /// <summary>For collectors sorting by a field: they are handed a scorer but never ask it for a score.</summary>
    private sealed class NoScorer : Scorer
    {
        public static readonly NoScorer Instance = new();
        private NoScorer() : base(null) { }
        public override float GetScore() => 0;
        public override int Freq => 1;
        public override int DocID => -1;
        public override int NextDoc() => NO_MORE_DOCS;
        public override int Advance(int target) => NO_MORE_DOCS;
        public override long GetCost() => 0;
    }
}

/// <summary>
/// The documents of common query words, per segment, as bit sets (decision 0021; what Elasticsearch's query cache and Solr's filter
/// cache do for filters): people search the same few hundred words over and over, and walking the doc list of a word on 100,000s of
/// documents was the largest part of a search. Only words on more than one document in 32 are cached (a bit per document each,
/// 125 KB per million documents); at <see cref="Capacity"/> words the cache starts again. A segment's sets go with the segment.
/// </summary>
internal sealed class WordCache(int capacity)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Query, Filter> _words = new();

    public int Capacity => capacity;

    public Filter? For(Query word)
    {
        if (capacity <= 0) return null;
        if (_words.TryGetValue(word, out var filter)) return filter;
        if (_words.Count >= capacity) _words.Clear();
        return _words.GetOrAdd(word, q => new Matching.BitSetCachingFilter(new QueryWrapperFilter(q)));
    }
}
