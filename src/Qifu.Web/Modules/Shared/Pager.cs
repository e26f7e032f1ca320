namespace Qifu.Web.Modules.Shared;

/// <summary>Paging links that keep the current filters in the query string.</summary>
public sealed record Pager(int Page, int Pages, IQueryCollection Query)
{
    public string LinkTo(int page)
    {
        var pairs = Query.Where(q => !string.Equals(q.Key, "Page", StringComparison.OrdinalIgnoreCase))
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append($"Page={page}");
        return "?" + string.Join("&", pairs);
    }
}
