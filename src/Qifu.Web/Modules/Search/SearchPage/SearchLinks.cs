namespace Qifu.Web.Modules.Search.SearchPage;

/// <summary>
/// Links that change one thing about the current search (a facet, a tab, the sort) and keep the rest: the whole state is in
/// the address, so every link works without script, can be bookmarked and shared. Any change goes back to page 1.
/// </summary>
public sealed class SearchLinks(SearchInput input)
{
    private static readonly string[] Order = ["q", "kind", "category", "sub", "region", "fee", "mode", "rating", "sort", "pageSize"];

    private Dictionary<string, string?> State() => new()
    {
        ["q"] = input.Q?.Trim(), ["kind"] = input.Kind, ["category"] = input.Category, ["sub"] = input.Sub, ["region"] = input.Region,
        ["fee"] = input.Fee, ["mode"] = input.Mode, ["rating"] = input.Rating, ["sort"] = input.Sort, ["pageSize"] = input.PageSize,
    };

    public string With(string field, string? value)
    {
        var state = State();
        state[field] = value;
        // A sub-category belongs to its category: choosing or dropping the category drops it.
        if (field == "category") state["sub"] = null;
        return Render(state);
    }

    public string Without(params string[] fields)
    {
        var state = State();
        foreach (var field in fields)
        {
            state[field] = null;
            if (field == "category") state["sub"] = null;
        }
        return Render(state);
    }

    /// <summary>Keeps the words, the tab and the sort; drops every filter (清除全部).</summary>
    public string WithoutFilters() => Without("category", "sub", "region", "fee", "mode", "rating");

    /// <summary>A new search for other words, with no filters (the suggestions on an empty result).</summary>
    public static string For(string? q, string? category = null) =>
        Render(new Dictionary<string, string?> { ["q"] = q, ["category"] = category });

    private static string Render(Dictionary<string, string?> state)
    {
        var pairs = Order.Where(k => !string.IsNullOrWhiteSpace(state.GetValueOrDefault(k)))
            .Select(k => $"{k}={Uri.EscapeDataString(state[k]!)}").ToList();
        return pairs.Count == 0 ? "/search" : "/search?" + string.Join("&", pairs);
    }
}
