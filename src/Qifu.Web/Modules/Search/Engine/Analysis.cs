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
    private readonly ConcurrentDictionary<string, IReadOnlyList<AnalyzedToken>> _gramsOf = new(StringComparer.Ordinal);

    public Analyzer Bigrams { get; } = new BigramAnalyzer();

    /// <summary>Word segmentation, used only on titles as a ranking signal: a title that holds the query as a whole word ranks first.</summary>
    public Analyzer Words { get; } = new SmartChineseAnalyzer(SearchIndex.Version);

    /// <summary>A query word as the title and body fields hold it (bigrams, Latin words).</summary>
    public IReadOnlyList<AnalyzedToken> BigramsOf(string word) => Cached(_bigramsOf, Bigrams, IndexFields.Title, word);

    /// <summary>Four-character runs of Han characters, one term each (see <see cref="HanGramAnalyzer"/>).</summary>
    public Analyzer Grams { get; } = new HanGramAnalyzer();

    /// <summary>A query word as the gram fields hold it.</summary>
    public IReadOnlyList<AnalyzedToken> GramsOf(string word) => Cached(_gramsOf, Grams, IndexFields.Grams, word);

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

    public Analyzer ForWriter() => new PerFieldAnalyzerWrapper(Bigrams, new Dictionary<string, Analyzer>
    {
        [IndexFields.TitleWords] = Words,
        [IndexFields.Grams] = Grams,
        [IndexFields.TitleGrams] = Grams,
    });

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
        Grams.Dispose();
    }
}

/// <summary>
/// Every run of four Han characters as one term (中小企业服务 → 中小企业, 小企业服, 企业服务), each one position after the last, and
/// a gap wider than a gram between runs. A query word of four characters is then one exact term, and a longer one an exact phrase of
/// two or three rare pieces (中小企业@0 服务中心@4) instead of a phrase over bigrams as common as 企业 and 服务, which cost most of
/// a long word's time.
/// </summary>
internal sealed class HanGramAnalyzer : Analyzer
{
    public const int Length = 4;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) => new(new HanGramTokenizer(reader));

    public static bool IsHan(char c) => c is >= '\u3400' and <= '\u4dbf' or >= '\u4e00' and <= '\u9fff' or >= '\uf900' and <= '\ufaff';

    public static bool IsHanWord(string word) => word.Length > 0 && word.All(IsHan);

    private sealed class HanGramTokenizer : Tokenizer
    {
        private readonly ICharTermAttribute _term;
        private readonly IOffsetAttribute _offset;
        private readonly IPositionIncrementAttribute _increment;
        private char[] _text = [];
        private bool _gap;
        private int _next;
        private int _run; // Han characters in a row ending at _next - 1

        public HanGramTokenizer(TextReader input) : base(input)
        {
            _term = AddAttribute<ICharTermAttribute>();
            _offset = AddAttribute<IOffsetAttribute>();
            _increment = AddAttribute<IPositionIncrementAttribute>();
        }

        public override bool IncrementToken()
        {
            ClearAttributes();
            while (_next < _text.Length)
            {
                var c = _text[_next++];
                _run = IsHan(c) ? _run + 1 : 0;
                if (_run < Length) { _gap |= _run == 0; continue; }
                var start = _next - Length;
                _term.CopyBuffer(_text, start, Length);
                _offset.SetOffset(CorrectOffset(start), CorrectOffset(_next));
                // A phrase of pieces n positions apart then only matches inside one run.
                _increment.PositionIncrement = _gap ? Length + 1 : 1;
                _gap = false;
                return true;
            }
            return false;
        }

        public override void Reset()
        {
            base.Reset();
            _text = m_input.ReadToEnd().ToCharArray();
            _next = 0;
            _run = 0;
            _gap = false;
        }

        public override void End()
        {
            base.End();
            var end = CorrectOffset(_text.Length);
            _offset.SetOffset(end, end);
        }
    }
}
