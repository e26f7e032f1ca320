using System.Text;

namespace Qifu.Web.Modules.Search.SearchPage;

/// <summary>
/// Links that change one thing about the current search (a facet, a tab, the sort) and keep the rest: the whole state is in
/// the address, so every link works without script, can be bookmarked and shared. Any change goes back to page 1.
/// A results page has about a hundred of these, so they are built from an array, not a dictionary per link.
/// </summary>
public sealed class SearchLinks
{
    private static readonly string[] Order = ["q", "kind", "category", "sub", "region", "fee", "mode", "rating", "sort", "pageSize"];
    private static readonly int Category = Array.IndexOf(Order, "category");
    private static readonly int Sub = Array.IndexOf(Order, "sub");
    private static readonly string[] Filters = ["category", "sub", "region", "fee", "mode", "rating"];

    private readonly string?[] _state;

    public SearchLinks(SearchInput input) =>
        _state = [input.Q?.Trim(), input.Kind, input.Category, input.Sub, input.Region, input.Fee, input.Mode, input.Rating, input.Sort, input.PageSize];

    public string With(string field, string? value)
    {
        var state = (string?[])_state.Clone();
        var at = Array.IndexOf(Order, field);
        if (at >= 0) state[at] = value;
        // A sub-category belongs to its category: choosing or dropping the category drops it.
        if (at == Category) state[Sub] = null;
        return Render(state);
    }

    public string Without(params string[] fields)
    {
        var state = (string?[])_state.Clone();
        foreach (var field in fields)
        {
            var at = Array.IndexOf(Order, field);
            if (at >= 0) state[at] = null;
            if (at == Category) state[Sub] = null;
        }
        return Render(state);
    }

    /// <summary>Keeps the words, the tab and the sort; drops every filter (清除全部).</summary>
    public string WithoutFilters() => Without(Filters);

    /// <summary>A new search for other words, with no filters (the suggestions on an empty result).</summary>
    public static string For(string? q, string? category = null)
    {
        var state = new string?[Order.Length];
        state[0] = q;
        state[Category] = category;
        return Render(state);
    }

    private static string Render(string?[] state)
    {
        var url = new StringBuilder("/search", 96);
        var first = true;
        for (var i = 0; i < Order.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(state[i])) continue;
            url.Append(first ? '?' : '&').Append(Order[i]).Append('=').Append(Uri.EscapeDataString(state[i]!));
            first = false;
        }
        return url.ToString();
    }
}
