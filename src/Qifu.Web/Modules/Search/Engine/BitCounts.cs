using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Qifu.Web.Modules.Search.Engine;

/// <summary>
/// How many bits two bit sets share, 512 or 256 bits at a time where the processor can (decision 0015, amended): counting a facet
/// value over a segment is one pass over two arrays of a bit per document, and with every value kept as a bit set that pass is most of
/// a search's facet work. The vector path is the nibble look-up count (a table of 16 bit counts applied to each half byte with a byte
/// shuffle, summed per 64 bits with a sum of absolute differences); the scalar path uses the popcnt instruction a word at a time.
/// </summary>
internal static class BitCounts
{
    private static readonly Vector512<byte> Nibbles512 = Vector512.Create(Vector256.Create(Vector128.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4)));
    private static readonly Vector256<byte> Nibbles256 = Vector256.Create(Vector128.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4));

    /// <summary>Bits set in both <paramref name="a"/> and <paramref name="b"/> (over <paramref name="a"/>'s length).</summary>
    public static long Intersection(ReadOnlySpan<long> a, ReadOnlySpan<long> b)
    {
        b = b[..a.Length];
        if (Avx512BW.IsSupported && a.Length >= 8) return Intersection512(a, b);
        if (Avx2.IsSupported && a.Length >= 4) return Intersection256(a, b);
        return Scalar(a, b);
    }

    internal static long Scalar(ReadOnlySpan<long> a, ReadOnlySpan<long> b)
    {
        long n = 0;
        for (var i = 0; i < a.Length; i++) n += BitOperations.PopCount((ulong)(a[i] & b[i]));
        return n;
    }

    internal static long Intersection512(ReadOnlySpan<long> a, ReadOnlySpan<long> b)
    {
        var x = MemoryMarshal.Cast<long, Vector512<byte>>(a);
        var y = MemoryMarshal.Cast<long, Vector512<byte>>(b);
        var low = Vector512.Create((byte)0x0F);
        var total = Vector512<ulong>.Zero;
        var i = 0;
        while (i < x.Length)
        {
            // A byte of the running sum grows by at most 8 a step: sum it out before 31 steps could overflow it.
            var sums = Vector512<byte>.Zero;
            for (var end = Math.Min(x.Length, i + 31); i < end; i++)
            {
                var both = x[i] & y[i];
                sums += Avx512BW.Shuffle(Nibbles512, both & low) + Avx512BW.Shuffle(Nibbles512, Vector512.ShiftRightLogical(both.AsUInt16(), 4).AsByte() & low);
            }
            total += Avx512BW.SumAbsoluteDifferences(sums, Vector512<byte>.Zero).AsUInt64();
        }
        var tail = x.Length * Vector512<long>.Count;
        return (long)Vector512.Sum(total) + Scalar(a[tail..], b[tail..]);
    }

    internal static long Intersection256(ReadOnlySpan<long> a, ReadOnlySpan<long> b)
    {
        var x = MemoryMarshal.Cast<long, Vector256<byte>>(a);
        var y = MemoryMarshal.Cast<long, Vector256<byte>>(b);
        var low = Vector256.Create((byte)0x0F);
        var total = Vector256<ulong>.Zero;
        var i = 0;
        while (i < x.Length)
        {
            var sums = Vector256<byte>.Zero;
            for (var end = Math.Min(x.Length, i + 31); i < end; i++)
            {
                var both = x[i] & y[i];
                sums += Avx2.Shuffle(Nibbles256, both & low) + Avx2.Shuffle(Nibbles256, Vector256.ShiftRightLogical(both.AsUInt16(), 4).AsByte() & low);
            }
            total += Avx2.SumAbsoluteDifferences(sums, Vector256<byte>.Zero).AsUInt64();
        }
        var tail = x.Length * Vector256<long>.Count;
        return (long)Vector256.Sum(total) + Scalar(a[tail..], b[tail..]);
    }
}
