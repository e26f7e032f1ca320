using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Search.Engine;
using Qifu.Web.Platform.Database;

namespace Qifu.Web.Modules.Search.Following;

/// <summary>Builds the index from every registered source (at start when needed, and the <c>reindex</c> command).</summary>
internal static class IndexRebuild
{
    public static async Task<RebuildReport> FromSourcesAsync(SearchIndex index, IServiceScopeFactory scopes, IEnumerable<ISearchSource> sources,
        CancellationToken ct)
    {
        long lastChange;
        using (var scope = scopes.CreateScope())
        {
            // The end of the change log is read before any record: a change saved while the sources are read has a larger id,
            // so the follower applies it afterwards (reloading it is harmless if the rebuild already saw it).
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            lastChange = await db.SearchChanges.MaxAsync(c => (long?)c.Id, ct) ?? 0;
        }
        return await index.RebuildAsync(AllAsync(scopes, sources, ct), lastChange, ct);
    }

    private static async IAsyncEnumerable<SearchDocument> AllAsync(IServiceScopeFactory scopes, IEnumerable<ISearchSource> sources,
        [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var source in sources)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await foreach (var document in source.LoadAllAsync(db, ct).WithCancellation(ct))
                yield return document;
        }
    }

    /// <summary>Whether any source has at least one document (an empty index is then stale, not merely new).</summary>
    public static async Task<bool> SourcesHaveDocumentsAsync(IServiceScopeFactory scopes, IEnumerable<ISearchSource> sources, CancellationToken ct)
    {
        foreach (var source in sources)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await foreach (var _ in source.LoadAllAsync(db, ct).WithCancellation(ct))
                return true;
        }
        return false;
    }
}
