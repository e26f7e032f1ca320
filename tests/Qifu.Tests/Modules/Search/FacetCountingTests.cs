using System.Numerics;
using System.Runtime.Intrinsics.X86;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Qifu.Web.Modules.Search;
using Qifu.Web.Modules.Search.Engine;

namespace Qifu.Tests.Modules.Search;

/// <summary>
/// Facet counting (decision 0015, amended): the vector bit counts equal a bit-by-bit count on every length and density (the running
/// byte sums are emptied before they can overflow), and a segment counts the same whether it goes a document at a time or a value at
/// a time, with several values per document and deletions left to the caller's bit set. <see cref="MatchingTests"/> checks the
/// totals through the whole engine against a substring scan.
/// </summary>
public sealed class FacetCountingTests : IDisposable
{
    private readonly string _path = System.IO.Directory.CreateTempSubdirectory("qifu-facets.").FullName;

    private static long BitByBit(long[] a, long[] b)
    {
        long n = 0;
        for (var i = 0; i < a.Length; i++)
            for (var bit = 0; bit < 64; bit++)
                if (((a[i] & b[i]) >> bit & 1) != 0) n++;
        return n;
    }

    private static long[] Random(Random random, int length, double density)
    {
        var words = new long[length];
        for (var i = 0; i < length; i++)
            for (var bit = 0; bit < 64; bit++)
                if (random.NextDouble() < density) words[i] |= 1L << bit;
        return words;
    }

    [Fact]
    public void Vector_counts_equal_a_count_bit_by_bit()
    {
        var random = new Random(7);
        var checkedVectors = 0;
        foreach (var length in new[] { 0, 1, 3, 4, 7, 8, 9, 31, 63, 248, 249, 300, 4097 })
            foreach (var density in new[] { 0.0, 0.03, 0.5, 1.0 })
            {
                var a = Random(random, length, density);
                var b = Random(random, length, density == 0 ? 0 : Math.Max(density, 0.7));
                var expected = BitByBit(a, b);
                Assert.Equal(expected, BitCounts.Intersection(a, b));
                Assert.Equal(expected, BitCounts.Scalar(a, b));
                if (Avx2.IsSupported && length >= 4) { Assert.Equal(expected, BitCounts.Intersection256(a, b)); checkedVectors++; }
                if (Avx512BW.IsSupported && length >= 8) Assert.Equal(expected, BitCounts.Intersection512(a, b));
            }
        // Where the processor has neither, the scalar path is the one that runs (and is checked above).
        Assert.True(checkedVectors > 0 || !Avx2.IsSupported);
        // A longer second set is read only as far as the first.
        Assert.Equal(BitCounts.Scalar([-1L, -1L], [-1L, -1L]), BitCounts.Intersection([-1L, -1L], [-1L, -1L, -1L, -1L, -1L]));
    }

    [Fact]
    public void A_segment_counts_the_same_by_document_and_by_value()
    {
        var random = new Random(11);
        string[] regions = ["430405", "430406", "430421", "430422", "430423", "430424"];
        var documents = Enumerable.Range(0, 2500).Select(i => new SearchDocument
        {
            Kind = "item", Id = Guid.NewGuid(), Title = $"服务{i}", Body = "融资咨询", Url = $"/items/{i}",
            PublishedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(i),
            Facets = new Dictionary<string, IReadOnlyList<string>>
            {
                // Zero to three regions each: documents carry different numbers of values.
                [SearchFacets.Region] = regions.Where(_ => random.Next(3) == 0).ToList(),
                [SearchFacets.Category] = [i % 7 == 0 ? "finance" : "legal"],
            },
        }).ToList();
        using (var index = new SearchIndex(_path)) index.Rebuild(documents, 1);

        using var directory = FSDirectory.Open(_path);
        using var reader = DirectoryReader.Open(directory);
        var compared = 0;
        foreach (var leaf in reader.Leaves)
        {
            var segment = SegmentFacets.Of(leaf.AtomicReader);
            Assert.Equal(regions.Length + 2, segment.Values.Length);
            var values = leaf.AtomicReader.GetSortedSetDocValues(IndexFields.Facets);
            foreach (var density in new[] { 0.001, 0.05, 0.5, 1.0 })
            {
                var docs = new FixedBitSet(segment.MaxDoc);
                var expected = new int[segment.Values.Length];
                for (var doc = 0; doc < segment.MaxDoc; doc++)
                {
                    if (random.NextDouble() >= density) continue;
                    docs.Set(doc);
                    values.SetDocument(doc);
                    long ord;
                    while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS) expected[ord]++;
                }
                var byDocument = new int[segment.Values.Length];
                var byValue = new int[segment.Values.Length];
                var chosen = new int[segment.Values.Length];
                segment.CountByDocument(docs, byDocument);
                segment.CountByValue(docs, byValue);
                segment.Count(docs, docs.Cardinality, chosen);
                Assert.Equal(expected, byDocument);
                Assert.Equal(expected, byValue);
                Assert.Equal(expected, chosen);
                compared += expected.Sum() > 0 ? 1 : 0;
            }
        }
        Assert.True(compared >= 3, "the random sets should hold documents with values");
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(_path, true); } catch (IOException) { }
    }
}
