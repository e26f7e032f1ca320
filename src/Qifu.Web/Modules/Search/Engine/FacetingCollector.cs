using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Qifu.Web.Modules.Search.Engine;

/// <summary>
/// Counts facets over every matching document while passing the kind's documents on to the top-N collector: one pass, no second
/// query for counts. All facet values of a document sit in one sorted-set doc-values field, so a document costs one lookup and a
/// few ordinals; ordinals are counted per segment in an array and turned into strings once per segment.
/// The kind is not a filter of the query: every kind is counted (the tabs), and only the chosen kind goes on to ranking and facets.
/// </summary>
internal sealed class FacetingCollector(ICollector top, string? kind) : ICollector
{
    private readonly Dictionary<string, int> _facets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _kinds = new(StringComparer.Ordinal);
    private readonly BytesRef _scratch = new();
    private readonly BytesRef? _kindTerm = kind is null ? null : new BytesRef(kind);
    private SortedDocValues? _kindValues;
    private SortedSetDocValues? _facetValues;
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
        var reader = context.AtomicReader;
        _kindValues = reader.GetSortedDocValues(IndexFields.Kind);
        _facetValues = reader.GetSortedSetDocValues(IndexFields.Facets);
        if (_kindValues is not null && _kindValues.ValueCount > _kindCounts.Length) _kindCounts = new int[_kindValues.ValueCount];
        if (_facetValues is not null && _facetValues.ValueCount > _facetCounts.Length) _facetCounts = new int[_facetValues.ValueCount];
        if (_kindTerm is null) _wantedKind = -1;
        else
        {
            var ord = _kindValues?.LookupTerm(_kindTerm) ?? -1;
            _wantedKind = ord >= 0 ? ord : -2;
        }
        top.SetNextReader(context);
    }

    public void Collect(int doc)
    {
        var k = _kindValues?.GetOrd(doc) ?? -1;
        if (k >= 0) _kindCounts[k]++;
        if (_wantedKind != -1 && k != _wantedKind) return;
        Total++;
        if (_facetValues is not null)
        {
            _facetValues.SetDocument(doc);
            long ord;
            while ((ord = _facetValues.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS) _facetCounts[ord]++;
        }
        top.Collect(doc);
    }

    public bool AcceptsDocsOutOfOrder => top.AcceptsDocsOutOfOrder;

    /// <summary>Call once after the search: counts of the last segment are added then.</summary>
    public void Finish() => Flush();

    private void Flush()
    {
        if (_kindValues is not null)
        {
            for (var ord = 0; ord < _kindValues.ValueCount; ord++)
            {
                if (_kindCounts[ord] == 0) continue;
                _kindValues.LookupOrd(ord, _scratch);
                var value = _scratch.Utf8ToString();
                _kinds[value] = _kinds.GetValueOrDefault(value) + _kindCounts[ord];
                _kindCounts[ord] = 0;
            }
        }
        if (_facetValues is not null)
        {
            for (var ord = 0; ord < _facetValues.ValueCount; ord++)
            {
                if (_facetCounts[ord] == 0) continue;
                _facetValues.LookupOrd(ord, _scratch);
                var value = _scratch.Utf8ToString();
                _facets[value] = _facets.GetValueOrDefault(value) + _facetCounts[ord];
                _facetCounts[ord] = 0;
            }
        }
        _kindValues = null;
        _facetValues = null;
    }
}
