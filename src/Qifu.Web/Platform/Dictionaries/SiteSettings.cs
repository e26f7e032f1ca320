using Microsoft.EntityFrameworkCore;
using Qifu.Web.Platform.Database;

namespace Qifu.Web.Platform.Dictionaries;

/// <summary>Reads settings with their defaults. Read per request (a handful of rows), so every web node sees a change at once.</summary>
public sealed class SiteSettings(AppDbContext db)
{
    private Dictionary<string, string>? _values;

    public async Task<string> GetAsync(string key)
    {
        try
        {
            _values ??= await db.Set<Setting>().AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The footer must never break a page: the error page itself renders this layout when the database is down.
            _values = [];
        }
        return _values.TryGetValue(key, out var v) ? v : Settings.All.First(d => d.Key == key).Default;
    }

    /// <summary>A whole-number setting (a time limit); falls back to its default if the stored value is unusable.</summary>
    public async Task<int> GetIntAsync(string key) =>
        int.TryParse(await GetAsync(key), out var n) ? n : int.Parse(Settings.All.First(d => d.Key == key).Default);
}
