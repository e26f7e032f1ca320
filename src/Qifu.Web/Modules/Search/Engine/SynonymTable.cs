namespace Qifu.Web.Modules.Search.Engine;

/// <summary>
/// Synonym groups (融资 贷款 借款): a query word that belongs to a group is searched as any word of it. Immutable, so one table
/// can serve every request until it is replaced. Latin words match without regard to case.
/// </summary>
public sealed class SynonymTable
{
    public static readonly SynonymTable Empty = new([]);

    private readonly Dictionary<string, string[]> _byWord = new(StringComparer.OrdinalIgnoreCase);

    public SynonymTable(IEnumerable<IReadOnlyCollection<string>> groups)
    {
        foreach (var group in groups)
        {
            var words = group.Select(w => w.Trim()).Where(w => w.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            if (words.Length < 2) continue;
            foreach (var word in words)
                _byWord[word] = _byWord.TryGetValue(word, out var known)
                    ? known.Union(words, StringComparer.OrdinalIgnoreCase).ToArray()
                    : words;
        }
    }

    public int Count => _byWord.Count;

    /// <summary>The word first, then its synonyms.</summary>
    public IReadOnlyList<string> Expand(string word) =>
        _byWord.TryGetValue(word, out var group)
            ? [word, .. group.Where(w => !string.Equals(w, word, StringComparison.OrdinalIgnoreCase))]
            : [word];
}
