using Microsoft.EntityFrameworkCore;
using Qifu.Web.Platform.Database;

namespace Qifu.Web.Platform.Dictionaries;

/// <summary>Reads operator-maintained dictionaries for forms and displays.</summary>
public sealed class DictionaryLookup(AppDbContext db)
{
    public Task<List<DictionaryItem>> EnabledAsync(string kind) =>
        db.DictionaryItems.AsNoTracking().Where(d => d.Kind == kind && d.IsEnabled).OrderBy(d => d.SortOrder).ToListAsync();

    /// <summary>Names for stored codes, including switched-off ones (records keep what was chosen).</summary>
    public async Task<string> NamesAsync(string kind, string codes)
    {
        var list = codes.Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (list.Length == 0) return "";
        var names = await db.DictionaryItems.AsNoTracking().Where(d => d.Kind == kind && list.Contains(d.Code))
            .ToDictionaryAsync(d => d.Code, d => d.Name);
        return string.Join("、", list.Select(c => names.GetValueOrDefault(c, c)));
    }
}
