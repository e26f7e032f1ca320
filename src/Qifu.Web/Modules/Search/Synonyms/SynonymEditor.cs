using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Errors;

namespace Qifu.Web.Modules.Search.Synonyms;

public sealed record SynonymInput
{
    [Required(ErrorMessage = "请填写同义词，词与词之间用空格分隔")]
    [StringLength(50, ErrorMessage = "同义词组不能超过50字")]
    public string Words { get; init; } = "";
}

/// <summary>
/// Operators' changes to the synonym list: add a group, change its words, switch it off. A word may sit in one enabled group
/// only (two groups sharing a word would silently merge). Every change is audited.
/// </summary>
public sealed class SynonymEditor(AppDbContext db, AuditTrail audit, SearchSynonyms synonyms)
{
    public const string AuditEntityType = "搜索同义词";
    private const int MaxWordLength = 20;

    public Task<List<DictionaryItem>> ListAsync() =>
        db.DictionaryItems.AsNoTracking().Where(d => d.Kind == DictionaryKinds.SearchSynonym).OrderBy(d => d.SortOrder).ThenBy(d => d.Id).ToListAsync();

    public async Task<DictionaryItem> AddAsync(string? words)
    {
        var name = await CheckAsync(words, null);
        var sort = await db.DictionaryItems.Where(d => d.Kind == DictionaryKinds.SearchSynonym).MaxAsync(d => (int?)d.SortOrder) ?? 0;
        var item = new DictionaryItem { Kind = DictionaryKinds.SearchSynonym, Code = await NewCodeAsync(), Name = name, SortOrder = sort + 1 };
        db.DictionaryItems.Add(item);
        audit.Record("新增同义词组", AuditEntityType, item.Code, null, after: new { item.Name, item.IsEnabled });
        await db.SaveChangesAsync();
        synonyms.Forget();
        return item;
    }

    public async Task<DictionaryItem?> UpdateAsync(int id, string? words, bool enabled)
    {
        var item = await db.DictionaryItems.FirstOrDefaultAsync(d => d.Id == id && d.Kind == DictionaryKinds.SearchSynonym);
        if (item is null) return null;
        var name = enabled ? await CheckAsync(words, id) : Normalize(words) is { Count: > 0 } list ? string.Join(' ', list) : item.Name;
        if (name.Length > 50) throw new RuleViolationException("SYNONYM_TOO_LONG", "同义词组不能超过50字", "words", 400);
        var before = new { item.Name, item.IsEnabled };
        item.Rename(name, item.SortOrder, enabled);
        audit.Record(enabled ? "修改同义词组" : "停用同义词组", AuditEntityType, item.Code, null, before, new { item.Name, item.IsEnabled });
        await db.SaveChangesAsync();
        synonyms.Forget();
        return item;
    }

    /// <summary>Words split on spaces or list punctuation, trimmed, each once.</summary>
    public static List<string> Normalize(string? words) =>
        (words ?? "").Split([' ', '\u3000', ',', '，', '、', ';', '；', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private async Task<string> CheckAsync(string? words, int? self)
    {
        var list = Normalize(words);
        if (list.Count < 2)
            throw new RuleViolationException("SYNONYM_TOO_FEW", "同义词组至少要有两个词，词与词之间用空格分隔", "words", 400);
        if (list.FirstOrDefault(w => w.Length > MaxWordLength) is { } tooLong)
            throw new RuleViolationException("SYNONYM_WORD_TOO_LONG", $"“{tooLong}”过长：每个词不能超过{MaxWordLength}字", "words", 400);
        var name = string.Join(' ', list);
        if (name.Length > 50)
            throw new RuleViolationException("SYNONYM_TOO_LONG", "同义词组不能超过50字", "words", 400);
        var others = await db.DictionaryItems.AsNoTracking()
            .Where(d => d.Kind == DictionaryKinds.SearchSynonym && d.IsEnabled && d.Id != (self ?? 0)).Select(d => d.Name).ToListAsync();
        foreach (var other in others)
        {
            var shared = SearchSynonyms.WordsOf(other).FirstOrDefault(w => list.Contains(w, StringComparer.OrdinalIgnoreCase));
            if (shared is not null)
                throw new RuleViolationException("SYNONYM_WORD_TAKEN", $"“{shared}”已在同义词组“{other}”中，请修改那一组", "words", 400);
        }
        return name;
    }

    private async Task<string> NewCodeAsync()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        while (true)
        {
            var code = "syn-" + string.Concat(Enumerable.Range(0, 6).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]));
            if (!await db.DictionaryItems.AnyAsync(d => d.Kind == DictionaryKinds.SearchSynonym && d.Code == code)) return code;
        }
    }
}
