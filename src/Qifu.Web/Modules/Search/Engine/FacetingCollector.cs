using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Qifu.Web.Modules.Search.Engine;

/// <summary>
/// Counts facets over every matching document while passing the kind's documents on to the top-N collector: one pass, no second
/// query for counts. Facet values come from <see cref="SegmentFacets"/> (flat arrays per segment), counted per segment by ordinal
/// and turned into strings once per segment.
/// The kind is not a filter of the query: every kind is counted (the tabs), and only the chosen kind goes on to ranking and facets.
/// </summary>
internal sealed class FacetingCollector(ICollector top, string? kind) : ICollector
{
    private readonly Dictionary<string, int> _facets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _kinds = new(StringComparer.Ordinal);
    private SegmentFacets? _segment;
    private int[] _starts = [];
    private int[] _ords = [];
    private int[] _docKinds = [];
    private int[] _kindCounts = new int[8];
    private int[] _facetCounts = new int[256];
    private int _wantedKind = -1; // -1: every kind; -2: the kind has no document in this segment

    public int Total { get; private set; }
    public IReadOnlyDictionary<string, int> KindCounts => _kinds;
    public IReadOnlyDictionary<string, int> FacetCounts => _facets;

    public void SetScorer(Scorer scorer) => top.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        var segment = _segment = SegmentFacets.Of(context.AtomicReader);
        (_starts, _ords, _docKinds) = (segment.Starts, segment.Ords, segment.Kinds);
        if (segment.KindValues.Length > _kindCounts.Length) _kindCounts = new int[segment.KindValues.Length];
        if (segment.Values.Length > _facetCounts.Length) _facetCounts = new int[segment.Values.Length];
        _wantedKind = kind is null ? -1 : Array.IndexOf(segment.KindValues, kind) is var ord and >= 0 ? ord : -2;
        top.SetNextReader(context);
    }

    public void Collect(int doc)
    {
        var k = _docKinds[doc];
        if (k >= 0) _kindCounts[k]++;
        if (_wantedKind != -1 && k != _wantedKind) return;
        Total++;
        var ords = _ords;
        var counts = _facetCounts;
        for (int i = _starts[doc], end = _starts[doc + 1]; i < end; i++) counts[ords[i]]++;
        top.Collect(doc);
    }

    public bool AcceptsDocsOutOfOrder => top.AcceptsDocsOutOfOrder;

    /// <summary>Call once after the search: counts of the last segment are added then.</summary>
    public void Finish() => Flush();

    private void Flush()
    {
        if (_segment is not { } segment) return;
        for (var ord = 0; ord < segment.KindValues.Length; ord++)
        {
            if (_kindCounts[ord] == 0) continue;
            _kinds[segment.KindValues[ord]] = _kinds.GetValueOrDefault(segment.KindValues[ord]) + _kindCounts[ord];
            _kindCounts[ord] = 0;
        }
        for (var ord = 0; ord < segment.Values.Length; ord++)
        {
            if (_facetCounts[ord] == 0) continue;
            _facets[segment.Values[ord]] = _facets.GetValueOrDefault(segment.Values[ord]) + _facetCounts[ord];
            _facetCounts[ord] = 0;
        }
        _segment = null;
    }
}
