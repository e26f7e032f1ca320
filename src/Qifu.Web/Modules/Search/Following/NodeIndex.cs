using Qifu.Web.Modules.Search.Engine;

namespace Qifu.Web.Modules.Search.Following;

/// <summary>
/// The index of this web node (each node keeps its own copy under <c>Search:IndexPath</c>). <see cref="IndexFollower"/> opens it
/// at start and keeps it current; requests read it through <see cref="WhenReadyAsync"/>.
/// </summary>
public sealed class NodeIndex(IConfiguration config, IHostEnvironment env) : IDisposable
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SearchIndex? _index;

    public string Path { get; } = PathOf(config, env);

    /// <summary>Search:IndexPath, or search-index under Qifu:DataPath (resolved as DatabaseSetup resolves the data folder).</summary>
    public static string PathOf(IConfiguration config, IHostEnvironment env)
    {
        var configured = config["Search:IndexPath"];
        if (!string.IsNullOrWhiteSpace(configured)) return System.IO.Path.GetFullPath(System.IO.Path.Combine(env.ContentRootPath, configured));
        var data = System.IO.Path.GetFullPath(System.IO.Path.Combine(env.ContentRootPath, config["Qifu:DataPath"] ?? "data"));
        return System.IO.Path.Combine(data, "search-index");
    }

    public SearchIndex? Index => _index;

    /// <summary>The index is up to date with the change log (false while the first build or a rebuild runs).</summary>
    public bool IsReady => _ready.Task.IsCompleted && !IsRebuilding;

    public bool IsRebuilding { get; internal set; }

    /// <summary>Why this node cannot search at all (the index folder is locked by another process), for the log and the page.</summary>
    public string? Problem { get; internal set; }

    internal SearchIndex Open() => _index ??= new SearchIndex(Path, new SearchIndexOptions
    {
        ResultCacheSize = config.GetValue("Search:ResultCacheSize", new SearchIndexOptions().ResultCacheSize),
        PostingsInMemory = config.GetValue("Search:PostingsInMemory", new SearchIndexOptions().PostingsInMemory),
    });

    internal void MarkReady() => _ready.TrySetResult();

    /// <summary>Waits a little for the first build after start (a fresh node, a deleted index), then answers with what there is.</summary>
    public async Task<SearchIndex?> WhenReadyAsync(TimeSpan wait, CancellationToken ct)
    {
        if (!_ready.Task.IsCompleted) await Task.WhenAny(_ready.Task, Task.Delay(wait, ct));
        return _index;
    }

    /// <summary>Closes the index (idempotent); the follower calls it while the host stops, the container again when disposed.</summary>
    public void Dispose() => _index?.Dispose();
}
