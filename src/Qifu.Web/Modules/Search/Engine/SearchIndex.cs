using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Qifu.Web.Modules.Search.Engine;

internal static class IndexFields
{
    public const string Key = "key";          // kind:id, the update/delete term
    public const string Kind = "kind";        // stored + sorted doc values (the tabs)
    public const string Id = "id";
    public const string Title = "title";      // bigrams, stored
    public const string TitleWords = "title_words"; // SmartCn words, ranking only
    public const string Body = "body";        // bigrams of title + body: what a word must match; not stored
    public const string Grams = "grams";      // four-character Han runs of title + body (HanGramAnalyzer)
    public const string TitleGrams = "title_grams"; // the same of the title alone, ranking only
    public const string Excerpt = "excerpt";  // the start of the body, stored: snippets whose hit lies past the card's excerpt
    public const string Card = "card";        // binary doc values: what a hit shows (see SearchIndex.Card)
    public const string Url = "url";
    public const string Meta = "meta";
    public const string Published = "published";
    public const string Rating = "rating";
    public const string Popularity = "popularity";
    public const string Facet = "facet";      // indexed "name\u001fvalue" terms: the filters
    public const string Facets = "$facets";   // the same terms as sorted-set doc values: the counts
    public const char Separator = '\u001f';

    public static string FacetTerm(string name, string value) => name + Separator + value;
}

/// <summary>Tuning knobs; the defaults suit a web node on two cores.</summary>
public sealed record SearchIndexOptions
{
    /// <summary>Indexing buffer while following changes (small batches).</summary>
    public double RamBufferMB { get; init; } = 32;
    /// <summary>Indexing buffer during a rebuild: fewer, larger segments and fewer merges.</summary>
    public double RebuildRamBufferMB { get; init; } = 192;
    /// <summary>Threads adding documents during a rebuild; 0 = one per core.</summary>
    public int RebuildThreads { get; init; }
    /// <summary>Results kept per searcher (until the next refresh); 0 turns the cache off.</summary>
    public int ResultCacheSize { get; init; } = 2048;
    /// <summary>Read each segment's terms dictionary and doc lists (.tim, .doc) into memory when a searcher opens it: no file read
    /// per word lookup or doc-list block (decision 0021). Costs about half a gigabyte per million documents, so it is off unless
    /// configured: a province node must stay under 1 GiB (issue 6); with positional reads the files come from the page cache.</summary>
    public bool PostingsInMemory { get; init; }
    /// <summary>Common words whose documents are kept per segment as bit sets (<see cref="WordCache"/>); 0 turns it off.</summary>
    public int WordCacheSize { get; init; } = 256;
}

/// <summary>
/// One node's full-text index (Lucene.NET) over every <see cref="SearchDocument"/>, usable without the web host (the benchmark
/// drives it in-process). Title and body are CJK bigrams for recall; the title also goes through SmartCn as a ranking field; facet
/// values live in doc values so counts over all matches are cheap; one <see cref="SearcherManager"/> serves every search.
/// Writes (<see cref="Put"/>, <see cref="Remove"/>, <see cref="Commit"/>, <see cref="Rebuild"/>) come from one writer at a time;
/// <see cref="Search"/> is safe from any number of threads.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Bumped when the field layout changes: an index built by other code is rebuilt rather than misread.</summary>
    public const string Schema = "3";

    /// <summary>Deepest result shown (page × size): deep pages cost a large priority queue and nobody reads them.</summary>
    public const int MaxWindow = 1000;

    /// <summary>Body characters stored for snippets: enough for any first hit a reader would look for.</summary>
    public const int ExcerptLength = 2000;

    /// <summary>Body characters in the hit card: most first hits fall in here, so most snippets need no stored-field read.</summary>
    public const int CardExcerptLength = 240;

    private const string LastChangeKey = "lastChange";
    private const string SchemaKey = "schema";
    private const float TitleBoost = 3f;
    private const float TitleWordBoost = 2f;
    private const float SynonymBoost = 0.8f;
    private const int MaxWords = 10;

    private readonly string _path;
    private readonly SearchIndexOptions _options;
    private readonly Analyzers _analyzers = new();
    private readonly Lucene.Net.Analysis.Analyzer _writerAnalyzer;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConcurrentDictionary<string, Filter> _filters = new(StringComparer.Ordinal);
    private readonly WordCache _words;
    private LuceneDirectory _directory = null!;
    private IndexWriter _writer = null!;
    private volatile SearcherManager _searchers = null!;
    private volatile ResultCache? _results;
    private volatile bool _disposed;
    private int _disposing;

    /// <summary>Opens the index in <paramref name="path"/>, creating the folder if needed. An unreadable index (garbage, a
    /// half-written copy, another schema) is wiped and started empty: <see cref="WasReset"/> then tells the caller to rebuild it.
    /// An index locked by another process is not touched: that throws <see cref="LockObtainFailedException"/>.</summary>
    public SearchIndex(string path, SearchIndexOptions? options = null)
    {
        _path = Path.GetFullPath(path);
        _options = options ?? new SearchIndexOptions();
        _writerAnalyzer = _analyzers.ForWriter();
        _words = new WordCache(_options.WordCacheSize);
        System.IO.Directory.CreateDirectory(_path);
        var existed = System.IO.Directory.EnumerateFiles(_path).Any();
        try
        {
            Open(OpenMode.CREATE_OR_APPEND);
            Verify();
            if (_writer.CommitData.TryGetValue(SchemaKey, out var schema) ? schema != Schema : _writer.NumDocs > 0)
                throw new CorruptIndexException($"index schema {schema ?? "none"}, expected {Schema}");
            WasReset = !existed;
        }
        catch (LockObtainFailedException)
        {
            CloseQuietly();
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ResetReason = ex.Message;
            Reset();
        }
    }

    public string IndexPath => _path;

    /// <summary>True when the index was missing or unreadable and has been started empty.</summary>
    public bool WasReset { get; private set; }

    /// <summary>Why the index was wiped, when it was (for the log).</summary>
    public string? ResetReason { get; private set; }

    /// <summary>The last change-log id the committed index reflects.</summary>
    public long LastChangeId { get; private set; }

    public int Count
    {
        get
        {
            var (manager, searcher) = AcquireSearcher();
            try { return searcher.IndexReader.NumDocs; }
            finally { manager.Release(searcher); }
        }
    }

    /// <summary>The manager is replaced after a reset or a failed rebuild; a search that raced with that takes the new one.</summary>
    private (SearcherManager, IndexSearcher) AcquireSearcher()
    {
        for (var attempt = 0; ; attempt++)
        {
            var manager = _searchers;
            try { return (manager, manager.Acquire()); }
            catch (ObjectDisposedException) when (attempt < 20 && !_disposed) { Thread.Sleep(5); }
        }
    }

    private void Open(OpenMode mode)
    {
        // Not FSDirectory.Open (memory-mapped on 64-bit): MMapDirectory in 4.8.0-beta00017 can read unmapped memory and kill the
        // process (apache/lucenenet#1013, fixed after this beta); we saw it when a writer closed. NIOFSDirectory reads through the
        // OS page cache with positional reads instead.
        _directory = new SearchDirectory(_path, _options.PostingsInMemory);
        var config = new IndexWriterConfig(Version, _writerAnalyzer)
        {
            OpenMode = mode,
            RAMBufferSizeMB = _options.RamBufferMB,
            UseCompoundFile = false,
            MergePolicy = new TieredMergePolicy { NoCFSRatio = 0 },
        };
        _writer = new IndexWriter(_directory, config);
        _searchers = new SearcherManager(_writer, true, new SegmentFacets.Warmer());
        LastChangeId = _writer.CommitData.TryGetValue(LastChangeKey, out var last) && long.TryParse(last, CultureInfo.InvariantCulture, out var id) ? id : 0;
    }

    /// <summary>Opens every segment (the warmer decodes its facets) and reads a document's card and stored fields from each, so
    /// garbage in a file shows now rather than mid-search.</summary>
    private void Verify()
    {
        var searcher = _searchers.Acquire();
        try
        {
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                var reader = leaf.AtomicReader;
                if (reader.MaxDoc == 0) continue;
                reader.Document(reader.MaxDoc - 1);
                reader.GetBinaryDocValues(IndexFields.Card)?.Get(reader.MaxDoc - 1, new BytesRef());
            }
        }
        finally { _searchers.Release(searcher); }
    }

    /// <summary>Deletes every file of the index and starts an empty one (the caller rebuilds it).</summary>
    public void Reset()
    {
        _writeGate.Wait();
        try
        {
            CloseQuietly();
            foreach (var file in System.IO.Directory.EnumerateFiles(_path))
                try { File.Delete(file); } catch (IOException) { }
            Open(OpenMode.CREATE);
            _writer.SetCommitData(CommitData(0));
            _writer.Commit();
            LastChangeId = 0;
            WasReset = true;
            _results = null;
        }
        finally { _writeGate.Release(); }
    }

    /// <summary>After a failed rebuild: back to the last commit with a fresh writer (the caller holds the gate).</summary>
    private void Reopen(OpenMode mode)
    {
        CloseQuietly();
        Open(mode);
        _results = null;
    }

    private void CloseQuietly()
    {
        try { _searchers?.Dispose(); } catch (Exception) { }
        try { _writer?.Rollback(); } catch (Exception) { }
        try { _writer?.Dispose(); } catch (Exception) { }
        try { _directory?.Dispose(); } catch (Exception) { }
    }

    private static Dictionary<string, string> CommitData(long lastChange) => new()
    {
        [LastChangeKey] = lastChange.ToString(CultureInfo.InvariantCulture),
        [SchemaKey] = Schema,
    };

    // ------------------------------------------------------------------ writing

    /// <summary>Adds or replaces the document (by kind and id). Visible to searches after <see cref="Commit"/>.</summary>
    public void Put(SearchDocument document)
    {
        var fields = Build(document);
        _writeGate.Wait();
        try { _writer.UpdateDocument(new Term(IndexFields.Key, Key(document.Kind, document.Id)), fields); }
        finally { _writeGate.Release(); }
    }

    public void Remove(string kind, Guid id)
    {
        _writeGate.Wait();
        try { _writer.DeleteDocuments(new Term(IndexFields.Key, Key(kind, id))); }
        finally { _writeGate.Release(); }
    }

    /// <summary>Makes the changes durable with the change-log id they bring the index up to, then visible to searches.</summary>
    public void Commit(long lastChangeId)
    {
        _writeGate.Wait();
        try
        {
            _writer.SetCommitData(CommitData(lastChangeId));
            _writer.Commit();
            LastChangeId = lastChangeId;
            _searchers.MaybeRefreshBlocking();
        }
        finally { _writeGate.Release(); }
    }

    /// <summary>Replaces the whole index with <paramref name="documents"/> (several indexing threads), commits it with
    /// <paramref name="lastChangeId"/> and makes it visible. Searches see the old index until then.</summary>
    public RebuildReport Rebuild(IEnumerable<SearchDocument> documents, long lastChangeId, CancellationToken ct = default) =>
        RebuildAsync(AsAsync(documents), lastChangeId, ct).GetAwaiter().GetResult();

    public async Task<RebuildReport> RebuildAsync(IAsyncEnumerable<SearchDocument> documents, long lastChangeId, CancellationToken ct = default)
    {
        var started = Stopwatch.StartNew();
        var threads = _options.RebuildThreads > 0 ? _options.RebuildThreads : Math.Max(1, Environment.ProcessorCount);
        var added = 0;
        await _writeGate.WaitAsync(ct);
        try
        {
            _writer.Config.RAMBufferSizeMB = _options.RebuildRamBufferMB;
            _writer.DeleteAll();
            var queue = Channel.CreateBounded<SearchDocument>(new BoundedChannelOptions(threads * 512) { SingleWriter = true });
            var workers = Enumerable.Range(0, threads).Select(_ => Task.Run(async () =>
            {
                try
                {
                    while (await queue.Reader.WaitToReadAsync(ct))
                        while (queue.Reader.TryRead(out var document))
                        {
                            _writer.AddDocument(Build(document));
                            Interlocked.Increment(ref added);
                        }
                }
                catch (Exception ex)
                {
                    queue.Writer.TryComplete(ex); // the reader of the sources stops instead of waiting on a full queue
                    throw;
                }
            }, ct)).ToArray();
            try
            {
                await foreach (var document in documents.WithCancellation(ct))
                    await queue.Writer.WriteAsync(document, ct);
            }
            finally
            {
                queue.Writer.TryComplete();
                await Task.WhenAll(workers.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));
            }
            await Task.WhenAll(workers);
            _writer.Config.RAMBufferSizeMB = _options.RamBufferMB;
            _writer.SetCommitData(CommitData(lastChangeId));
            _writer.Commit();
            LastChangeId = lastChangeId;
            WasReset = false;
            _searchers.MaybeRefreshBlocking();
        }
        catch
        {
            // Searches keep what they saw: the half-built state is thrown away and the writer reopens at the last commit.
            if (!_disposed) Reopen(OpenMode.CREATE_OR_APPEND);
            throw;
        }
        finally
        {
            _writeGate.Release();
        }
        return new RebuildReport(added, started.Elapsed);
    }

    private static async IAsyncEnumerable<SearchDocument> AsAsync(IEnumerable<SearchDocument> documents)
    {
        foreach (var document in documents) yield return document;
        await Task.CompletedTask;
    }

    private static string Key(string kind, Guid id) => kind + ":" + id.ToString("N");

    /// <summary>
    /// What a hit shows lives in binary doc values (the card), not in stored fields: Lucene.NET decompresses a 16 KB chunk of
    /// stored fields per hit (~60 µs of CPU), a doc-values read costs ~7 µs. Only the longer excerpt stays stored, read for the
    /// few hits whose first match lies past the card's excerpt.
    /// </summary>
    private static IEnumerable<IIndexableField> Build(SearchDocument d)
    {
        var excerpt = Excerpt(d.Body);
        var doc = new Document
        {
            new StringField(IndexFields.Key, Key(d.Kind, d.Id), Field.Store.NO),
            new SortedDocValuesField(IndexFields.Kind, new BytesRef(d.Kind)),
            new TextField(IndexFields.Title, d.Title, Field.Store.NO),
            new TextField(IndexFields.TitleWords, d.Title, Field.Store.NO),
            // The title goes into the matching fields too (after a line break, so no bigram or gram spans the seam): one field
            // per word to match, the title fields only lift the ranking.
            new TextField(IndexFields.Body, d.Title + "\n" + d.Body, Field.Store.NO),
            new TextField(IndexFields.Grams, d.Title + "\n" + d.Body, Field.Store.NO),
            new Field(IndexFields.TitleGrams, d.Title, TitleGramsType),
            new BinaryDocValuesField(IndexFields.Card, new BytesRef(Encoding.UTF8.GetBytes(Card(d, excerpt)))),
            new NumericDocValuesField(IndexFields.Published, d.PublishedAt.Ticks),
            // Unrated sorts after every rating.
            new DoubleDocValuesField(IndexFields.Rating, d.Rating ?? -1),
            new NumericDocValuesField(IndexFields.Popularity, d.Popularity),
        };
        if (excerpt.Length > CardExcerptLength) doc.Add(new StoredField(IndexFields.Excerpt, excerpt));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, values) in d.Facets)
            foreach (var value in values)
            {
                if (string.IsNullOrEmpty(value)) continue;
                var term = IndexFields.FacetTerm(name, value);
                if (!seen.Add(term)) continue;
                doc.Add(new StringField(IndexFields.Facet, term, Field.Store.NO));
                doc.Add(new SortedSetDocValuesField(IndexFields.Facets, new BytesRef(term)));
            }
        return doc;
    }

    private static readonly FieldType TitleGramsType = new(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_ONLY, OmitNorms = true };

    /// <summary>kind ␟ id ␟ title ␟ url ␟ meta ␟ excerpt (the separator is removed from the parts).</summary>
    private static string Card(SearchDocument d, string excerpt)
    {
        static string Clean(string s) => s.Replace(IndexFields.Separator, ' ');
        var start = excerpt.Length > CardExcerptLength ? excerpt[..CardExcerptLength] : excerpt;
        return string.Join(IndexFields.Separator, d.Kind, d.Id.ToString("N"), Clean(d.Title), Clean(d.Url), Clean(d.Meta), Clean(start));
    }

    /// <summary>The start of the body with whitespace runs folded, so a snippet reads as one line.</summary>
    private static string Excerpt(string body)
    {
        var text = body.Length > ExcerptLength + 200 ? body[..(ExcerptLength + 200)] : body;
        var folded = new System.Text.StringBuilder(Math.Min(text.Length, ExcerptLength));
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) { space = folded.Length > 0; continue; }
            if (space) { folded.Append(' '); space = false; }
            folded.Append(c);
            if (folded.Length >= ExcerptLength) break;
        }
        return folded.ToString();
    }

    // ------------------------------------------------------------------ searching

    public SearchResult Search(SearchRequest request)
    {
        var timings = request.Timings;
        var lap = timings?.Now() ?? 0;
        var words = Words(request.Query, request.Synonyms);
        timings?.Lap(SearchTimings.Analyse, ref lap);
        var sort = words.Count == 0 && request.Sort is null or SearchSort.Relevance ? SearchSort.Newest : request.Sort ?? SearchSort.Relevance;
        var size = Math.Clamp(request.PageSize, 1, 100);
        var page = Math.Max(1, request.Page);
        var (manager, searcher) = AcquireSearcher();
        try
        {
            // Answers hold until the next refresh (a commit of changes), so a popular search is worked out once per refresh.
            var key = ResultKey(request, words, sort, page, size);
            var cache = _results;
            if (!request.Fresh && cache is not null && ReferenceEquals(cache.Searcher, searcher) && cache.Results.TryGetValue(key, out var cached))
                return cached;
            var result = Run(searcher, request, words, sort, page, size);
            if (_options.ResultCacheSize > 0)
            {
                if (cache is null || !ReferenceEquals(cache.Searcher, searcher)) _results = cache = new ResultCache(searcher);
                if (cache.Results.Count >= _options.ResultCacheSize) cache.Results.Clear();
                cache.Results[key] = result;
            }
            return result;
        }
        finally { manager.Release(searcher); }
    }

    private SearchResult Run(IndexSearcher searcher, SearchRequest request, List<QueryWord> words, SearchSort sort, int page, int size)
    {
        var timings = request.Timings;
        var lap = timings?.Now() ?? 0;
        var plan = Plan(words);
        var filters = request.Filters.Where(f => !string.IsNullOrEmpty(f.Value)).OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => FilterFor(f.Key, f.Value)).ToList();
        timings?.Lap(SearchTimings.Plan, ref lap);
        using var matching = Matching.Find(searcher, plan, filters, string.IsNullOrEmpty(request.Kind) ? null : request.Kind, timings, _words);
        lap = timings?.Now() ?? 0;

        var start = (page - 1) * size;
        // Past the deepest page nothing is shown: rank one hit (the counts are complete anyway).
        var window = start >= MaxWindow ? 1 : Math.Max(1, Math.Min(start + size, MaxWindow));
        var top = matching.Rank(plan, sort == SearchSort.Relevance ? null : SortFor(sort), window);
        timings?.Lap(SearchTimings.Rank, ref lap);

        var terms = words.SelectMany(w => w.Alternatives).Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(t => t.Length).ToList();
        var hits = new List<SearchHit>(size);
        for (var i = start; i < top.Length && i < window; i++) hits.Add(Hit(searcher, top[i], terms, timings, ref lap));
        timings?.Lap(SearchTimings.Highlight, ref lap);

        var facets = new Dictionary<string, IReadOnlyList<FacetCount>>(StringComparer.Ordinal);
        foreach (var group in matching.FacetCounts.GroupBy(f => f.Key[..f.Key.IndexOf(IndexFields.Separator)]))
            facets[group.Key] = group.Select(f => new FacetCount(f.Key[(group.Key.Length + 1)..], f.Value))
                .OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal).ToList();
        var kinds = matching.KindCounts.Select(k => new FacetCount(k.Key, k.Value)).OrderByDescending(k => k.Count).ThenBy(k => k.Value, StringComparer.Ordinal).ToList();
        var pageLimit = Math.Max(1, (Math.Min(matching.Total, MaxWindow) + size - 1) / size);
        var result = new SearchResult(matching.Total, hits, facets, kinds, words, sort, page, size, pageLimit);
        timings?.Lap(SearchTimings.Assemble, ref lap);
        return result;
    }

    private static SearchHit Hit(IndexSearcher searcher, ScoreDoc scoreDoc, IReadOnlyList<string> terms, SearchTimings? timings, ref double lap)
    {
        timings?.Lap(SearchTimings.Highlight, ref lap);
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(scoreDoc.Doc, leaves)];
        var reader = leaf.AtomicReader;
        var doc = scoreDoc.Doc - leaf.DocBase;
        var bytes = new BytesRef();
        reader.GetBinaryDocValues(IndexFields.Card).Get(doc, bytes);
        var card = bytes.Utf8ToString().Split(IndexFields.Separator);
        var excerpt = card[5];
        // The first hit lies past the card's excerpt (or the match was in the title only): look in the longer stored one.
        if (terms.Count > 0 && excerpt.Length >= CardExcerptLength && !terms.Any(t => excerpt.Contains(t, StringComparison.OrdinalIgnoreCase)))
            excerpt = searcher.Doc(scoreDoc.Doc, StoredExcerpt).Get(IndexFields.Excerpt) ?? excerpt;
        var values = SegmentFacets.Of(reader);
        var rating = values.Rating[doc];
        var published = values.Published[doc];
        var popularity = values.Popularity[doc];
        timings?.Lap(SearchTimings.Load, ref lap);
        return new SearchHit(
            card[0],
            Guid.ParseExact(card[1], "N"),
            Highlights.Mark(card[2], terms),
            Highlights.Snippet(excerpt, terms),
            card[3],
            card[4],
            new DateTime(published, DateTimeKind.Utc),
            rating < 0 ? null : rating,
            popularity,
            float.IsNaN(scoreDoc.Score) ? 0 : scoreDoc.Score);
    }

    private static readonly ISet<string> StoredExcerpt = new HashSet<string> { IndexFields.Excerpt };

    private static Sort SortFor(SearchSort sort)
    {
        var newest = new SortField(IndexFields.Published, SortFieldType.INT64, true);
        return sort switch
        {
            SearchSort.Rating => new Sort(new SortField(IndexFields.Rating, SortFieldType.DOUBLE, true), newest),
            SearchSort.Popularity => new Sort(new SortField(IndexFields.Popularity, SortFieldType.INT64, true), newest),
            _ => new Sort(newest),
        };
    }

    /// <summary>Filters are cached per segment as bit sets, so a repeated filter costs no term lookup, and a bit set lets Lucene apply
    /// it while scoring (random access) instead of leap-frogging two iterators. Facet values are a small fixed vocabulary; odd
    /// values past the cap are simply not cached.</summary>
    private Filter FilterFor(string name, string value)
    {
        var term = IndexFields.FacetTerm(name, value);
        if (_filters.TryGetValue(term, out var filter)) return filter;
        filter = new Matching.BitSetCachingFilter(new QueryWrapperFilter(new TermQuery(new Term(IndexFields.Facet, term))));
        return _filters.Count < 4096 ? _filters.GetOrAdd(term, filter) : filter;
    }

    /// <summary>Everything the result depends on: the words as searched (with their synonyms), kind, filters, sort and page.</summary>
    private static string ResultKey(SearchRequest r, List<QueryWord> words, SearchSort sort, int page, int size) =>
        string.Join(IndexFields.Separator, [r.Kind ?? "", sort.ToString(), page.ToString(CultureInfo.InvariantCulture), size.ToString(CultureInfo.InvariantCulture),
            .. r.Filters.Where(f => !string.IsNullOrEmpty(f.Value)).OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "=" + f.Value),
            .. words.Select(w => string.Join('|', w.Alternatives))]);

    /// <summary>Results of one searcher (like Solr's query result cache): dropped as a whole when the searcher is refreshed, cleared
    /// when full.</summary>
    private sealed class ResultCache(IndexSearcher searcher)
    {
        public IndexSearcher Searcher { get; } = searcher;
        public ConcurrentDictionary<string, SearchResult> Results { get; } = new(StringComparer.Ordinal);
    }

    // ------------------------------------------------------------------ queries

    /// <summary>Splits on whitespace and list punctuation (，、；). Each word must be found; a word in a synonym group may be found as any of the group.</summary>
    public static IReadOnlyList<string> SplitWords(string? query)
    {
        if (string.IsNullOrWhiteSpace(query)) return [];
        return query.Split([' ', '\t', '\r', '\n', '\u3000', ',', '，', '、', ';', '；', '。', '|', '/', '"', '“', '”'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxWords).ToList();
    }

    private List<QueryWord> Words(string? query, SynonymTable synonyms)
    {
        var words = new List<QueryWord>();
        foreach (var word in SplitWords(query))
        {
            // A word that analyses to nothing (punctuation only) would match everything: leave it out.
            if (_analyzers.BigramsOf(word).Count == 0) continue;
            words.Add(new QueryWord(word, synonyms.Expand(word), IsSingleCharacter(word))
            {
                Shorter = word.Length < 3 ? [] : _analyzers.WordsOf(word).Select(t => t.Text).Where(t => t.Length >= 2 && t != word && word.Contains(t, StringComparison.Ordinal)).Distinct().ToList(),
            });
        }
        return words;
    }

    /// <summary>One CJK character (not a Latin letter or digit, which are whole tokens already).</summary>
    private static bool IsSingleCharacter(string word) =>
        (word.Length == 1 || (word.Length == 2 && char.IsSurrogatePair(word[0], word[1]))) && !char.IsAsciiLetterOrDigit(word[0]);

    /// <summary>
    /// Every word must be found in the matching fields (title + body), as itself or one of its synonyms. Beside the words, ranking
    /// clauses on the title fields (bigrams or grams, and SmartCn words) lift documents whose title holds a word, a whole word highest;
    /// they never widen what matches. The scored query is all of it: a MUST clause per word and the ranking clauses as SHOULD.
    /// </summary>
    private QueryPlan Plan(IReadOnlyList<QueryWord> words)
    {
        var must = new List<IReadOnlyList<Query>>();
        var ranking = new List<IReadOnlyList<Query>>();
        foreach (var word in words)
        {
            var alternatives = new List<Query>();
            var inTitle = new List<Query>();
            var first = true;
            foreach (var alternative in word.Alternatives)
            {
                var boost = first ? 1f : SynonymBoost;
                first = false;
                if (Match(alternative, boost) is not { } match) continue;
                alternatives.Add(match);
                // Only for CJK words: SmartCn reads "ISO 9001" as iso|9001, which says nothing about a title holding "ISO9001". And only
                // for a word SmartCn keeps whole: that is where a title word differs from a mere substring (税务 against 税务局); a word it
                // splits (小微|企业) would need a phrase over positions for every title holding the pieces, about a third of the ranking's
                // time, to lift the titles whose split agrees over those that hold the same characters split otherwise.
                var titleWords = HanGramAnalyzer.IsHanWord(alternative) ? _analyzers.WordsOf(alternative) : [];
                if (titleWords.Count == 1 && Phrase(IndexFields.TitleWords, titleWords) is { } wordsInTitle)
                {
                    // A word SmartCn keeps whole (融资) lifts the title once, by both boosts: the same title bigram term would cost a
                    // second posting list read per match for the same documents.
                    var whole = titleWords[0].Text == alternative && alternative.Length == 2;
                    wordsInTitle.Boost = (whole ? TitleWordBoost + TitleBoost : TitleWordBoost) * boost;
                    inTitle.Add(wordsInTitle);
                    if (whole) continue;
                }
                if (TitleMatch(alternative, boost) is { } title) inTitle.Add(title);
            }
            if (alternatives.Count == 0) continue;
            must.Add(alternatives);
            ranking.Add(inTitle);
        }
        if (must.Count == 0) return new QueryPlan([], [], null, null);
        var all = new BooleanQuery();
        foreach (var alternatives in must)
        {
            if (alternatives.Count == 1) { all.Add(alternatives[0], Occur.MUST); continue; }
            var any = new BooleanQuery();
            foreach (var alternative in alternatives) any.Add(alternative, Occur.SHOULD);
            all.Add(any, Occur.MUST);
        }
        var scored = (BooleanQuery)all.Clone();
        foreach (var clause in ranking.SelectMany(r => r)) scored.Add(clause, Occur.SHOULD);
        return new QueryPlan(must, ranking, all.Clauses.Count == 1 ? all.Clauses[0].Query : all, scored);
    }

    /// <summary>
    /// What a word must match, over title + body. Two characters (or a Latin word): one bigram term. Four or more Han characters: one
    /// gram term, or the phrase of the grams that cover the word. Three characters or mixed scripts: the bigram phrase. One character:
    /// bigrams starting with it.
    /// </summary>
    private Query? Match(string word, float boost)
    {
        Query? query;
        if (IsSingleCharacter(word))
        {
            // A character that only ever ends a run is missed; the page suggests typing two characters.
            var character = _analyzers.BigramsOf(word).FirstOrDefault().Text ?? word;
            query = new PrefixQuery(new Term(IndexFields.Body, character));
        }
        else if (HanGramAnalyzer.IsHanWord(word) && word.Length >= HanGramAnalyzer.Length)
        {
            query = Phrase(IndexFields.Grams, Cover(_analyzers.GramsOf(word)));
        }
        else query = Phrase(IndexFields.Body, Thin(_analyzers.BigramsOf(word)));
        if (query is not null) query.Boost = boost;
        return query;
    }

    /// <summary>A ranking clause: the word in the title (for long words, its four-character pieces in the title).</summary>
    private Query? TitleMatch(string word, float boost)
    {
        if (IsSingleCharacter(word)) return null;
        Query? query;
        if (HanGramAnalyzer.IsHanWord(word) && word.Length >= HanGramAnalyzer.Length)
        {
            var grams = Cover(_analyzers.GramsOf(word));
            if (grams.Count == 1) query = new TermQuery(new Term(IndexFields.TitleGrams, grams[0].Text));
            else
            {
                var all = new BooleanQuery();
                foreach (var gram in grams) all.Add(new TermQuery(new Term(IndexFields.TitleGrams, gram.Text)), Occur.MUST);
                query = all;
            }
        }
        else query = Phrase(IndexFields.Title, Thin(_analyzers.BigramsOf(word)));
        if (query is not null) query.Boost = TitleBoost * boost;
        return query;
    }

    /// <summary>Four-character pieces that together cover the word, at their positions: every fourth one and the last.</summary>
    private static IReadOnlyList<AnalyzedToken> Cover(IReadOnlyList<AnalyzedToken> grams) =>
        grams.Count <= 2 ? grams : grams.Where((_, i) => i % HanGramAnalyzer.Length == 0 || i == grams.Count - 1).ToList();

    /// <summary>
    /// Overlapping bigrams of one CJK run (研发 发费 费用 用加 …) are pinned down by every other one plus the last, at their
    /// positions: the phrase reads about half the postings. The full phrase is kept when the word mixes in Latin or digits.
    /// </summary>
    private static IReadOnlyList<AnalyzedToken> Thin(IReadOnlyList<AnalyzedToken> tokens)
    {
        if (tokens.Count < 3) return tokens;
        for (var i = 0; i < tokens.Count; i++)
            if (tokens[i].Position != tokens[0].Position + i || tokens[i].Text.Length != 2 || tokens[i].Text.Any(char.IsAsciiLetterOrDigit))
                return tokens;
        return tokens.Where((_, i) => i % 2 == 0 || i == tokens.Count - 1).ToList();
    }

    private static Query? Phrase(string field, IReadOnlyList<AnalyzedToken> tokens)
    {
        if (tokens.Count == 0) return null;
        if (tokens.Count == 1) return new TermQuery(new Term(field, tokens[0].Text));
        var phrase = new PhraseQuery();
        foreach (var token in tokens) phrase.Add(new Term(field, token.Text), token.Position);
        return phrase;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposing, 1) == 1) return;
        _disposed = true;
        // A rebuild in progress is cancelled by its caller; give it a moment to let go of the writer.
        var held = _writeGate.Wait(TimeSpan.FromSeconds(30));
        try
        {
            try { _searchers.Dispose(); } catch (Exception) { }
            try { _writer.Dispose(); } catch (Exception) { try { _writer.Rollback(); } catch (Exception) { } }
            try { _directory.Dispose(); } catch (Exception) { }
        }
        finally { if (held) _writeGate.Release(); }
        _analyzers.Dispose();
        _writerAnalyzer.Dispose();
    }
}
