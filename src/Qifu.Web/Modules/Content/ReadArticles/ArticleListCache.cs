using System.Collections.Concurrent;

namespace Qifu.Web.Modules.Content.ReadArticles;

/// <summary>
/// Public article lists (columns, the policy library, the newest on the home page; also the home page's catalogue tiles) kept per node until anything a reader could see
/// changes. Every such change — publish, schedule release, withdraw, pin, edit, import — writes a row to the search change log in
/// the same transaction, so the log's <see cref="Search.ContentVersion"/> is the version: no query per request instead of a COUNT
/// and an OFFSET over hundreds of thousands of articles. A scheduled article shows once the release job (every minute) has logged it.
/// </summary>
public sealed class ArticleListCache(Search.ContentVersion contentVersion)
{
    private const int MaxEntries = 2_000;
    private readonly ConcurrentDictionary<string, object> _entries = new(StringComparer.Ordinal);
    private string _version = "";

    public async Task<T> GetAsync<T>(string key, Func<Task<T>> load) where T : class
    {
        var version = await contentVersion.CurrentAsync();
        if (Interlocked.Exchange(ref _version, version) != version) _entries.Clear();
        if (_entries.TryGetValue(key, out var hit) && hit is T cached) return cached;
        var value = await load();
        if (_entries.Count >= MaxEntries) _entries.Clear();
        // Stored only if no change came in meanwhile (the version read above still stands).
        if (Volatile.Read(ref _version) == version) _entries[key] = value;
        return value;
    }
}
