using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Search.Engine;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Dictionaries;

namespace Qifu.Web.Modules.Search.Synonyms;

/// <summary>
/// The synonym groups operators keep at /admin/search-synonyms (dictionary items of kind search-synonym; Name = the words,
/// space separated). Read from the database at most every <see cref="Fresh"/>, so every node picks up a change within seconds
/// without a message bus; the node where the change is saved drops its copy at once.
/// </summary>
public sealed class SearchSynonyms(IServiceScopeFactory scopes, ILogger<SearchSynonyms> log)
{
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(10);

    private sealed record Loaded(SynonymTable Table, long At);

    private volatile Loaded? _loaded;

    public async Task<SynonymTable> TableAsync(CancellationToken ct)
    {
        var loaded = _loaded;
        // Real time (TickCount64), not the injected clock: tests freeze that one.
        if (loaded is not null && Environment.TickCount64 - loaded.At < Fresh.TotalMilliseconds) return loaded.Table;
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var names = await db.DictionaryItems.AsNoTracking().Where(d => d.Kind == DictionaryKinds.SearchSynonym && d.IsEnabled)
                .Select(d => d.Name).ToListAsync(ct);
            var table = new SynonymTable(names.Select(WordsOf));
            _loaded = new Loaded(table, Environment.TickCount64);
            return table;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Search still works without synonyms (or with the last list) while the database is unreachable.
            log.LogWarning(ex, "Could not read search synonyms");
            return loaded?.Table ?? SynonymTable.Empty;
        }
    }

    public void Forget() => _loaded = null;

    public static IReadOnlyCollection<string> WordsOf(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A starting list, written at start-up while the kind has no rows at all (operators may edit or switch them off).</summary>
internal static class SynonymSeed
{
    private static readonly (string Code, string Words)[] Groups =
    [
        ("syn-rz", "融资 贷款 借款"),
        ("syn-dz", "代账 代理记账"),
        ("syn-szh", "数字化 信息化"),
    ];

    public static async Task EnsureAsync(IServiceScopeFactory scopes, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.DictionaryItems.AnyAsync(d => d.Kind == DictionaryKinds.SearchSynonym, ct)) return;
        var order = 0;
        foreach (var (code, words) in Groups)
            db.DictionaryItems.Add(new DictionaryItem { Kind = DictionaryKinds.SearchSynonym, Code = code, Name = words, SortOrder = ++order });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node started at the same moment and wrote the same codes first: fine. Anything else is a real failure.
            db.ChangeTracker.Clear();
            if (!await db.DictionaryItems.AsNoTracking().AnyAsync(d => d.Kind == DictionaryKinds.SearchSynonym, ct)) throw;
        }
    }
}
