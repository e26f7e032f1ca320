using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Indicators.Figures;

/// <summary>
/// Every count of one period, per region index, in one pass over each series' slice of days (the slices are sorted by day).
/// The city is the sum over all regions, except the distinct counts, which are counted city-wide separately.
/// </summary>
public sealed class PeriodTally
{
    public Period Period { get; }
    private readonly int _regions;
    private readonly Dictionary<Series, long[]> _counts = [];
    private readonly Dictionary<Series, long[]> _amounts = [];
    private readonly Dictionary<(Series, int), long[]> _byDim = [];

    /// <summary>Distinct enterprises served per region (index = region; last = city-wide), the small-and-micro ones among them, 家次.</summary>
    public long[] ServedUnique { get; }
    public long[] ServedSmallMicro { get; }
    public long[] ServedTimes { get; }
    public long[] ActiveInstitutions { get; }
    public long[] CoreInstitutions { get; }

    public PeriodTally(IndicatorFacts facts, Period period)
    {
        Period = period;
        _regions = facts.Regions.Length;
        int from = period.From.DayNumber, to = period.To.DayNumber;
        foreach (var (series, cells) in facts.Cells)
        {
            var counts = new long[_regions + 1];
            var amounts = new long[_regions + 1];
            for (var i = LowerBound(cells, from); i < cells.Length && cells[i].Day <= to; i++)
            {
                var c = cells[i];
                counts[c.Region] += c.Count;
                amounts[c.Region] += c.Amount;
                if (!_byDim.TryGetValue((series, c.Dim), out var dim)) _byDim[(series, c.Dim)] = dim = new long[_regions + 1];
                dim[c.Region] += c.Count;
            }
            Close(counts);
            Close(amounts);
            _counts[series] = counts;
            _amounts[series] = amounts;
        }
        foreach (var dim in _byDim.Values) Close(dim);

        ServedUnique = new long[_regions + 1];
        ServedSmallMicro = new long[_regions + 1];
        ServedTimes = new long[_regions + 1];
        ActiveInstitutions = new long[_regions + 1];
        var seenRegion = new short[facts.EnterpriseSizes.Length];
        var seenCity = new bool[facts.EnterpriseSizes.Length];
        var elsewhere = new HashSet<long>();
        var institutions = new HashSet<long>();
        var served = facts.Served;
        var lo = 0;
        for (int a = 0, b = served.Length; a < b;)
        {
            var mid = (a + b) / 2;
            if (served[mid].Day < from) a = lo = mid + 1; else b = mid;
        }
        for (var i = lo; i < served.Length && served[i].Day <= to; i++)
        {
            var s = served[i];
            ServedTimes[s.Region]++;
            if (s.Institution >= 0 && institutions.Add(((long)s.Region << 32) | (uint)s.Institution))
                ActiveInstitutions[s.Region]++;
            if (s.Enterprise < 0) continue;
            var small = facts.EnterpriseSizes[s.Enterprise] is SizeClass.Small or SizeClass.Micro;
            if (!seenCity[s.Enterprise])
            {
                seenCity[s.Enterprise] = true;
                ServedUnique[_regions]++;
                if (small) ServedSmallMicro[_regions]++;
            }
            // One enterprise is almost always served in its own region: the first region is kept in an array, any other in a set.
            var mark = (short)(s.Region + 1);
            var first = seenRegion[s.Enterprise];
            bool fresh;
            if (first == 0) { seenRegion[s.Enterprise] = mark; fresh = true; }
            else fresh = first != mark && elsewhere.Add(((long)s.Region << 32) | (uint)s.Enterprise);
            if (fresh)
            {
                ServedUnique[s.Region]++;
                if (small) ServedSmallMicro[s.Region]++;
            }
        }
        ServedTimes[_regions] = ServedTimes.Take(_regions).Sum();
        ActiveInstitutions[_regions] = institutions.Select(k => (uint)k).Distinct().LongCount();

        CoreInstitutions = new long[_regions + 1];
        foreach (var c in facts.Cores.Where(c => c.FromDay <= to && c.UntilDay >= to))
        {
            CoreInstitutions[c.Region]++;
            CoreInstitutions[_regions]++;
        }
    }

    /// <summary>The index that means "the whole city" (every region, the city level included).</summary>
    public int City => _regions;

    public long Count(Series s, int region) => _counts[s][region];

    public long Amount(Series s, int region) => _amounts[s][region];

    public long CountWhere(Series s, int region, Func<int, bool> dim) =>
        _byDim.Where(kv => kv.Key.Item1 == s && dim(kv.Key.Item2)).Sum(kv => kv.Value[region]);

    public long CountDim(Series s, int region, int dim) => _byDim.TryGetValue((s, dim), out var v) ? v[region] : 0;

    /// <summary>Services to enterprises whose item was 免费, 公益 or 优惠 (the ≥20 % rule counts low-fee services with free ones).</summary>
    public long FreeOrLowFee(int region) =>
        CountDim(Series.Completed, region, (int)FeeType.Free) + CountDim(Series.Completed, region, (int)FeeType.PublicInterest) + CountDim(Series.Completed, region, (int)FeeType.Discounted);

    private void Close(long[] perRegion)
    {
        long total = 0;
        for (var r = 0; r < _regions; r++) total += perRegion[r];
        perRegion[_regions] = total;
    }

    private static int LowerBound(Cell[] cells, int day)
    {
        int a = 0, b = cells.Length;
        while (a < b)
        {
            var mid = (a + b) / 2;
            if (cells[mid].Day < day) a = mid + 1; else b = mid;
        }
        return a;
    }
}
