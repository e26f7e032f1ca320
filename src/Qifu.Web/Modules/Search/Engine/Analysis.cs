using System.Collections.Concurrent;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Qifu.Web.Modules.Search.Engine;

/// <summary>
/// Title and body are indexed as CJK character bigrams: every substring of two or more characters can be found (recall 1.000
/// in PERF-BASELINE, where SmartCn lost 税务 inside 税务局). Latin and digit runs stay whole words, lower-cased (ISO9001 → iso9001);
/// full-width letters and digits are folded to half-width first.
/// </summary>
internal sealed class BigramAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(SearchIndex.Version, reader);
        TokenStream result = new CJKWidthFilter(source);
        result = new LowerCaseFilter(SearchIndex.Version, result);
        result = new CJKBigramFilter(result);
        return new TokenStreamComponents(source, result);
    }
}

internal readonly record struct AnalyzedToken(string Text, int Position);

/// <summary>
/// The two analyzers, built once per index: Lucene reuses their token streams per thread. Query words are analysed through a
/// bounded cache, since people search the same words over and over and SmartCn costs ~90 µs of CPU per word.
/// </summary>
internal sealed class Analyzers : IDisposable
{
    private const int CacheLimit = 20_000;
    private readonly ConcurrentDictionary<string, IReadOnlyList<AnalyzedToken>> _bigramsOf = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<AnalyzedToken>> _wordsOf = new(StringComparer.Ordinal);

    public Analyzer Bigrams { get; } = new BigramAnalyzer();

    /// <summary>Word segmentation, used only on titles as a ranking signal: a title that holds the query as a whole word ranks first.</summary>
    public Analyzer Words { get; } = new SmartChineseAnalyzer(SearchIndex.Version);

    /// <summary>A query word as the title and body fields hold it (bigrams, Latin words).</summary>
    public IReadOnlyList<AnalyzedToken> BigramsOf(string word) => Cached(_bigramsOf, Bigrams, IndexFields.Title, word);

    /// <summary>A query word as the SmartCn title field holds it.</summary>
    public IReadOnlyList<AnalyzedToken> WordsOf(string word) => Cached(_wordsOf, Words, IndexFields.TitleWords, word);

    private static IReadOnlyList<AnalyzedToken> Cached(ConcurrentDictionary<string, IReadOnlyList<AnalyzedToken>> cache, Analyzer analyzer,
        string field, string word)
    {
        if (cache.TryGetValue(word, out var tokens)) return tokens;
        tokens = Tokens(analyzer, field, word);
        if (cache.Count < CacheLimit) cache.TryAdd(word, tokens);
        return tokens;
    }

    public Analyzer ForWriter() => new PerFieldAnalyzerWrapper(Bigrams, new Dictionary<string, Analyzer> { [IndexFields.TitleWords] = Words });

    public static List<AnalyzedToken> Tokens(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<AnalyzedToken>(4);
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add(new AnalyzedToken(term.ToString(), position));
        }
        stream.End();
        return tokens;
    }

    public void Dispose()
    {
        Bigrams.Dispose();
        Words.Dispose();
    }
}
