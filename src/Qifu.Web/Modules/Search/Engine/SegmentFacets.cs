using System.Numerics;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Qifu.Web.Modules.Search.Engine;

/// <summary>
/// One segment's facet values and kinds, decoded once from doc values into flat arrays, both ways round: the values of each document
/// (to count a few matches one by one) and the documents of each value as a bit set (to count many matches a value at a time). Counting is then array work instead of doc-values lookups through packed
/// readers (which cost as much as the search itself in our measurements), and a search matching half the index costs no more to
/// count than one matching a tenth. Segments are immutable, so the arrays live as long as the segment core; a searcher warms new
/// segments when it is opened, so no request pays for the decoding. Memory per million documents with 6 values each from 196: ~30 MB
/// one way, 25 MB the other.
/// </summary>
internal sealed class SegmentFacets
{
    private static readonly ConditionalWeakTable<object, SegmentFacets> Cache = new();
    private static readonly ConditionalWeakTable<object, FixedBitSet> Live = new();

    public readonly int MaxDoc;
    /// <summary>Ords of document d are Ords[Starts[d]..Starts[d + 1]].</summary>
    public readonly int[] Starts;
    public readonly int[] Ords;
    public readonly string[] Values;
    public readonly string[] KindValues;
    /// <summary>The documents of each kind.</summary>
    public readonly FixedBitSet[] KindDocs;
    /// <summary>The documents of each facet value, a bit set each (a bit per document and value: 196 values take 25 MB per million
    /// documents).</summary>
    private readonly FixedBitSet[] _valueDocs;
    /// <summary>What a shown hit needs beside its card, per document: a read through doc values is a file read per value and hit
    /// (about 20 bytes per document here).</summary>
    public readonly long[] Published;
    public readonly double[] Rating;
    public readonly int[] Popularity;

    private SegmentFacets(AtomicReader reader)
    {
        var maxDoc = MaxDoc = reader.MaxDoc;
        var scratch = new BytesRef();
        var kinds = reader.GetSortedDocValues(IndexFields.Kind);
        KindValues = new string[kinds?.ValueCount ?? 0];
        KindDocs = new FixedBitSet[KindValues.Length];
        for (var ord = 0; ord < KindValues.Length; ord++)
        {
            kinds!.LookupOrd(ord, scratch);
            KindValues[ord] = scratch.Utf8ToString();
            KindDocs[ord] = new FixedBitSet(maxDoc);
        }
        if (kinds is not null)
            for (var doc = 0; doc < maxDoc; doc++)
                if (kinds.GetOrd(doc) is var k and >= 0) KindDocs[k].Set(doc);

        Published = new long[maxDoc];
        Rating = new double[maxDoc];
        Popularity = new int[maxDoc];
        var published = reader.GetNumericDocValues(IndexFields.Published);
        var rating = reader.GetNumericDocValues(IndexFields.Rating);
        var popularity = reader.GetNumericDocValues(IndexFields.Popularity);
        for (var doc = 0; doc < maxDoc; doc++)
        {
            Published[doc] = published?.Get(doc) ?? 0;
            Rating[doc] = rating is null ? -1 : BitConverter.Int64BitsToDouble(rating.Get(doc));
            Popularity[doc] = (int)(popularity?.Get(doc) ?? 0);
        }

        var facets = reader.GetSortedSetDocValues(IndexFields.Facets);
        Values = new string[facets?.ValueCount ?? 0];
        for (var ord = 0; ord < Values.Length; ord++)
        {
            facets!.LookupOrd(ord, scratch);
            Values[ord] = scratch.Utf8ToString();
        }
        Starts = new int[maxDoc + 1];
        var ords = new List<int>(maxDoc * 8);
        var frequency = new int[Values.Length];
        for (var doc = 0; doc < maxDoc; doc++)
        {
            Starts[doc] = ords.Count;
            if (facets is null) continue;
            facets.SetDocument(doc);
            long ord;
            while ((ord = facets.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                ords.Add((int)ord);
                frequency[ord]++;
            }
        }
        Starts[maxDoc] = ords.Count;
        Ords = [.. ords];

        _valueDocs = new FixedBitSet[Values.Length];
        for (var ord = 0; ord < Values.Length; ord++) _valueDocs[ord] = new FixedBitSet(maxDoc);
        for (var doc = 0; doc < maxDoc; doc++)
            for (var i = Starts[doc]; i < Starts[doc + 1]; i++) _valueDocs[Ords[i]].Set(doc);
    }

    public static SegmentFacets Of(AtomicReader reader) => Cache.GetValue(reader.CoreCacheKey, _ => new SegmentFacets(reader));

    /// <summary>The segment's live documents as a bit set (null when none is deleted), kept while these deletions stand.</summary>
    public static FixedBitSet? LiveDocs(AtomicReader reader)
    {
        if (reader.LiveDocs is not { } live) return null;
        return Live.GetValue(reader.CombinedCoreAndDeletesKey, _ =>
        {
            var bits = new FixedBitSet(reader.MaxDoc);
            for (var doc = 0; doc < reader.MaxDoc; doc++)
                if (live.Get(doc)) bits.Set(doc);
            return bits;
        });
    }

    /// <summary>Adds to <paramref name="counts"/> (indexed by value ord) how many of <paramref name="docs"/> carry each value: one
    /// document at a time when the matches are few, one value at a time (<see cref="BitCounts"/>) when they are many. A document
    /// costs about a dozen times what a 64-bit word of one value's bit set costs (random reads of its values and a count per value,
    /// against a streamed vector pass), which puts the turn near one document in 30 matching.</summary>
    public void Count(FixedBitSet docs, long matches, int[] counts)
    {
        var perDocument = matches * (Ords.Length / Math.Max(1, MaxDoc) + 1) * 12;
        if (perDocument <= (long)Values.Length * FixedBitSet.Bits2words(MaxDoc)) CountByDocument(docs, counts);
        else CountByValue(docs, counts);
    }

    internal void CountByDocument(FixedBitSet docs, int[] counts)
    {
        var bits = docs.GetBits();
        for (int w = 0, words = FixedBitSet.Bits2words(MaxDoc); w < words; w++)
        {
            var word = bits[w];
            while (word != 0)
            {
                var doc = (w << 6) + BitOperations.TrailingZeroCount(word);
                word &= word - 1;
                for (int i = Starts[doc], end = Starts[doc + 1]; i < end; i++) counts[Ords[i]]++;
            }
        }
    }

    internal void CountByValue(FixedBitSet docs, int[] counts)
    {
        var matched = docs.GetBits().AsSpan(0, FixedBitSet.Bits2words(MaxDoc));
        for (var ord = 0; ord < Values.Length; ord++) counts[ord] += (int)BitCounts.Intersection(matched, _valueDocs[ord].GetBits());
    }

    /// <summary>Decodes the facets of every new segment while the searcher is opened (on the writer's thread, not a request's).</summary>
    public sealed class Warmer : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            foreach (var leaf in reader.Leaves)
            {
                Of(leaf.AtomicReader);
                LiveDocs(leaf.AtomicReader);
            }
            return new IndexSearcher(reader);
        }
    }
}
