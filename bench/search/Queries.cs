using System.Numerics;

namespace Qifu.Bench.Search;

public static class QueryClass
{
    public const string TwoChar = "2-char word";
    public const string Long = "3+ char word";
    public const string Multi = "2–3 words";
    public const string Rare = "rare / absent";
    public const string Latin = "Latin / mixed";
    public static readonly string[] All = [TwoChar, Long, Multi, Rare, Latin];
}

/// <param name="Words">Every word must appear (as a substring of title or body).</param>
public sealed record BenchQuery(int Number, string Class, string[] Words, string? Category, string? Region)
{
    public string Text => string.Join(' ', Words);
    public bool Filtered => Category is not null || Region is not null;

    public IReadOnlyDictionary<string, string> Filters
    {
        get
        {
            var filters = new Dictionary<string, string>();
            if (Category is not null) filters["category"] = Category;
            if (Region is not null) filters["region"] = Region;
            return filters;
        }
    }

    public string Describe() => Text + (Category is null ? "" : $" [category={Category}]") + (Region is null ? "" : $" [region={Region}]");

    public string QueryString()
    {
        var q = "q=" + Uri.EscapeDataString(Text);
        if (Category is not null) q += "&category=" + Category;
        if (Region is not null) q += "&region=" + Region;
        return q;
    }
}

/// <summary>The fixed query set: 200 queries in five classes, about half with a category and/or region filter, shuffled with a fixed seed.</summary>
public static class QuerySet
{
    private static readonly string[] CommonTwoChar = ["企业", "服务", "政策", "申报", "管理", "银行", "资金", "园区", "窗口", "成本", "办理", "协议"];
    private static readonly string[] CommonLong = ["营商环境", "中小企业", "工作日", "服务机构", "会计师事务所", "有限公司", "优秀服务机构", "全流程辅导"];

    private static readonly string[][] Pairs =
    [
        ["融资", "担保"], ["税务", "代账"], ["专利", "知识产权"], ["续贷", "小微企业"], ["孵化器", "创业"], ["培训", "补贴"], ["出口", "外贸"],
        ["法律", "合同"], ["用工", "社保"], ["财税", "审计"], ["数字化转型", "工业互联网"], ["商标", "版权"], ["高新技术企业", "研发费用加计扣除"],
        ["首贷续贷", "普惠金融"], ["跨境电商", "海外仓"], ["税务局", "增值税"], ["专精特新", "小巨人", "补贴"], ["融资", "担保", "小微企业"],
        ["招聘", "培训", "人力资源"], ["专利", "检测", "认证"],
    ];

    public static List<BenchQuery> Build()
    {
        var rng = new Rng(Rng.Mix(Corpus.Seed, 0xC0FFEE));
        var terms = Corpus.Terms;
        var raw = new List<(string Class, string[] Words)>();

        // 50 single two-character words: every two-character term, then common words of the filler text.
        var two = terms.Where(t => t.Length == 2).Concat(CommonTwoChar).Distinct().Take(50).ToList();
        raw.AddRange(two.Select(w => (QueryClass.TwoChar, new[] { w })));

        // 60 single longer words.
        var longer = terms.Where(t => t.Length > 2).Concat(CommonLong).Distinct().Take(60).ToList();
        raw.AddRange(longer.Select(w => (QueryClass.Long, new[] { w })));

        // 60 queries of 2–3 words: related pairs first, then Zipf-drawn combinations.
        var multi = new List<string[]>(Pairs);
        var zipf = new Zipf(terms.Length, 0.9);
        while (multi.Count < 60)
        {
            var n = rng.Chance(0.7) ? 2 : 3;
            var words = new List<string>();
            while (words.Count < n)
            {
                var w = terms[zipf.Draw(rng)];
                if (!words.Any(x => x.Contains(w) || w.Contains(x))) words.Add(w);
            }
            if (!multi.Any(m => m.SequenceEqual(words))) multi.Add(words.ToArray());
        }
        raw.AddRange(multi.Select(m => (QueryClass.Multi, m)));

        // 30 rare, absent and Latin queries.
        raw.AddRange(Corpus.RareTerms.Select(w => (QueryClass.Rare, new[] { w })));
        raw.AddRange(new[] { new[] { "区块链", "融资" }, ["低空经济", "补贴"], ["氢能", "专利"], ["碳排放权", "担保"] }.Select(w => (QueryClass.Rare, w)));
        raw.AddRange(Corpus.AbsentTerms.Select(w => (QueryClass.Rare, new[] { w })));
        raw.AddRange(Corpus.LatinTokens.Select(w => (QueryClass.Latin, new[] { w })));
        raw.AddRange(new[] { new[] { "ISO9001认证" }, ["IATF16949", "培训"], ["ERP", "企业上云"], ["SaaS", "软件开发"] }.Select(w => (QueryClass.Latin, w)));

        var queries = new List<BenchQuery>();
        foreach (var (cls, words) in raw)
        {
            string? category = null, region = null;
            var roll = rng.Double();
            if (roll >= 0.5)
            {
                if (roll < 0.75 || roll >= 0.9) category = CategoryFor(words[0], rng);
                if (roll >= 0.75) region = Corpus.HengyangCodes[rng.Int(Corpus.HengyangCodes.Length)];
            }
            queries.Add(new BenchQuery(0, cls, words, category, region));
        }
        rng.Shuffle(queries);
        return queries.Select((q, i) => q with { Number = i + 1 }).ToList();
    }

    /// <summary>
    /// Searches run before the timed set so that the process is past its start (the JIT has compiled the search path at full
    /// optimisation, as in a node that has served for a while): one- and two-word queries drawn from the corpus terms with another
    /// seed, none equal to a timed query, so no timed query has been searched before it is timed.
    /// </summary>
    public static List<BenchQuery> WarmUp(int count)
    {
        var timed = Build().Select(q => q.Text).ToHashSet();
        var rng = new Rng(Rng.Mix(Corpus.Seed, 0x5EED));
        var terms = Corpus.Terms;
        var zipf = new Zipf(terms.Length, 0.9);
        var queries = new List<BenchQuery>(count);
        while (queries.Count < count)
        {
            var a = terms[zipf.Draw(rng)];
            var b = terms[rng.Int(terms.Length)];
            string[] words = rng.Chance(0.5) || a.Contains(b) || b.Contains(a) ? [b] : [a, b];
            if (timed.Contains(string.Join(' ', words))) continue;
            var region = rng.Chance(0.3) ? Corpus.HengyangCodes[rng.Int(Corpus.HengyangCodes.Length)] : null;
            queries.Add(new BenchQuery(queries.Count + 1, words.Length == 1 ? QueryClass.TwoChar : QueryClass.Multi, words, null, region));
        }
        return queries;
    }

    /// <summary>Usually the category the word belongs to (what a user filtering would pick), sometimes any.</summary>
    private static string CategoryFor(string word, Rng rng)
    {
        var home = Corpus.CategoryOf(word);
        return home is not null && rng.Chance(0.7) ? home : Qifu.Web.Platform.Dictionaries.ServiceCategories.All[rng.Int(8)].Code;
    }
}

/// <summary>A set of document numbers as bits.</summary>
public sealed class Bits
{
    public readonly ulong[] Words;
    public readonly int Length;

    public Bits(int length)
    {
        Length = length;
        Words = new ulong[(length + 63) / 64];
    }

    public void Set(int i) => Words[i >> 6] |= 1UL << (i & 63);
    public bool Get(int i) => (Words[i >> 6] & (1UL << (i & 63))) != 0;

    public int Count()
    {
        var n = 0;
        foreach (var w in Words) n += BitOperations.PopCount(w);
        return n;
    }

    public Bits And(Bits other)
    {
        var result = new Bits(Length);
        for (var i = 0; i < Words.Length; i++) result.Words[i] = Words[i] & other.Words[i];
        return result;
    }

    public IEnumerable<int> Members()
    {
        for (var w = 0; w < Words.Length; w++)
        {
            var word = Words[w];
            while (word != 0)
            {
                var bit = BitOperations.TrailingZeroCount(word);
                yield return w * 64 + bit;
                word &= word - 1;
            }
        }
    }
}

/// <summary>The ground truth: which documents hold every query word as a substring of title or body (plain scan of the generated data).</summary>
public sealed class GroundTruth
{
    private readonly Doc[] _docs;
    private readonly Dictionary<string, Bits> _words = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Bits> _facets = new(StringComparer.Ordinal);

    public GroundTruth(Doc[] docs, IEnumerable<BenchQuery> queries)
    {
        _docs = docs;
        var words = queries.SelectMany(q => q.Words).Distinct(StringComparer.Ordinal).ToList();
        foreach (var word in words) _words[word] = Scan(word);
        foreach (var q in queries)
        {
            if (q.Category is { } c && !_facets.ContainsKey("c:" + c)) _facets["c:" + c] = Facet(d => d.Categories.Contains(c));
            if (q.Region is { } r && !_facets.ContainsKey("r:" + r)) _facets["r:" + r] = Facet(d => d.Regions.Contains(r));
        }
    }

    public static bool IsLatin(string word) => word.Any(char.IsAsciiLetter);

    private Bits Scan(string word)
    {
        var bits = new Bits(_docs.Length);
        var comparison = IsLatin(word) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        const int chunk = 64 * 256;
        Parallel.For(0, (_docs.Length + chunk - 1) / chunk, c =>
        {
            var end = Math.Min(_docs.Length, (c + 1) * chunk);
            for (var i = c * chunk; i < end; i++)
            {
                var d = _docs[i];
                if (d.Title.Contains(word, comparison) || d.Body.Contains(word, comparison)) bits.Set(i);
            }
        });
        return bits;
    }

    private Bits Facet(Func<Doc, bool> match)
    {
        var bits = new Bits(_docs.Length);
        for (var i = 0; i < _docs.Length; i++) if (match(_docs[i])) bits.Set(i);
        return bits;
    }

    public Bits For(BenchQuery q)
    {
        var bits = _words[q.Words[0]];
        foreach (var w in q.Words.Skip(1)) bits = bits.And(_words[w]);
        if (q.Category is { } c) bits = bits.And(_facets["c:" + c]);
        if (q.Region is { } r) bits = bits.And(_facets["r:" + r]);
        return bits;
    }
}
