using System.Collections.Concurrent;

namespace Qifu.Web.Modules.Content.ReadArticles;

/// <summary>
/// What an article page shows, kept per node (docs/decisions/0026): the article with its policy details, attachments,
/// interpretations and the policy it interprets, the names of the qualifications it asks for, and whether its summary repeats
/// the body. Rendering the page every time used to cost five queries and a pass over the body; now a page a node has shown once
/// costs none until the <see cref="Search.ContentVersion"/> moves (every publish, edit, withdrawal or import of an article writes
/// the search change log) or the copy is <see cref="MaxAge"/> old, which bounds what the log does not carry — views counted on
/// other nodes, renamed qualification tags — as the output cache does (0022). An article not visible (yet) is not kept, so a
/// scheduled one shows as soon as its time comes.
/// </summary>
public sealed class ArticlePages(Search.ContentVersion contentVersion)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    /// <summary>A budget in characters of text held (bodies and titles), about 32 MB; when it is spent the copies are dropped and
    /// kept again as pages are read — the read articles of a day are a small share of 680,000.</summary>
    private const long MaxChars = 16_000_000;

    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();
    private string _version = "";
    private long _chars;

    /// <summary>The page, from this node's copy or loaded; its <see cref="ArticlePage.ViewCount"/> is the stored count as of the
    /// copy plus what this node has written since (<see cref="ViewsWritten"/>); pending views are added by the caller.</summary>
    public async Task<ArticlePage?> GetAsync(Guid id, Func<Task<ArticlePage?>> load)
    {
        var version = await contentVersion.CurrentAsync();
        if (Interlocked.Exchange(ref _version, version) != version) Clear();
        if (_entries.TryGetValue(id, out var hit) && Environment.TickCount64 - hit.LoadedAt < (long)MaxAge.TotalMilliseconds)
            return hit.Page with { ViewCount = Volatile.Read(ref hit.StoredViews) };
        var page = await load();
        if (page is null) return null;
        var size = page.Article.Body.Length + page.Article.Title.Length + page.Article.Summary.Length + 1_000;
        if (Interlocked.Add(ref _chars, size) > MaxChars)
        {
            Clear();
            Interlocked.Add(ref _chars, size);
        }
        // Kept only if no change came in meanwhile (the version read above still stands).
        if (Volatile.Read(ref _version) == version) _entries[id] = new Entry(page, page.ViewCount, Environment.TickCount64);
        return page;
    }

    /// <summary>This node has just added <paramref name="views"/> to the stored count (<see cref="ArticleViews"/>): a copy keeps
    /// showing stored + pending without reading the row again. A copy loaded while that write was under way may count those
    /// views twice until it is loaded again (at most <see cref="MaxAge"/>).</summary>
    public void ViewsWritten(Guid id, int views)
    {
        if (_entries.TryGetValue(id, out var entry)) Interlocked.Add(ref entry.StoredViews, views);
    }

    private void Clear()
    {
        _entries.Clear();
        Interlocked.Exchange(ref _chars, 0);
    }

    private sealed class Entry(ArticlePage page, int storedViews, long loadedAt)
    {
        public readonly ArticlePage Page = page;
        public readonly long LoadedAt = loadedAt;
        public int StoredViews = storedViews;
    }
}
