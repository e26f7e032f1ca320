using Microsoft.EntityFrameworkCore;
using Qifu.Web.Platform.Database;

namespace Qifu.Web.Platform.Dictionaries;

/// <summary>Reads settings with their defaults. Rules read them per request (a handful of rows), so every web node sees a change at
/// once; the layout's footer reads them through <see cref="ForDisplayAsync"/>, kept in memory for a short while.</summary>
public sealed class SiteSettings(AppDbContext db, SiteSettings.DisplayCopy? display = null)
{
    /// <summary>How long another web node may show an old footer after a change (this node drops its copy when it saves).</summary>
    public static readonly TimeSpan DisplayFresh = TimeSpan.FromSeconds(30);

    /// <summary>This node's copy of the settings for display (a singleton).</summary>
    public sealed class DisplayCopy
    {
        internal volatile Displayed? Current;
    }

    internal sealed record Displayed(Dictionary<string, string> Values, long At);

    private readonly DisplayCopy _copy = display ?? new DisplayCopy();

    /// <summary>A setting for display on every page (the footer): from memory, re-read after <see cref="DisplayFresh"/>.</summary>
    public async Task<string> ForDisplayAsync(string key)
    {
        var shown = _copy.Current;
        if (shown is null || Environment.TickCount64 - shown.At > DisplayFresh.TotalMilliseconds)
        {
            try
            {
                _copy.Current = shown = new Displayed(await db.Set<Setting>().AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value), Environment.TickCount64);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The footer must never break a page: the error page itself renders this layout when the database is down.
                return Settings.All.First(d => d.Key == key).Default;
            }
        }
        return shown.Values.TryGetValue(key, out var v) ? v : Settings.All.First(d => d.Key == key).Default;
    }

    /// <summary>Settings were saved on this node: the next page reads them again.</summary>
    public void Changed() => _copy.Current = null;

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
