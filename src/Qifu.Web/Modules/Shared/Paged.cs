using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Qifu.Web.Modules.Shared;

public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>One page of an ordered query (<see cref="PageWindow.Of"/>).</summary>
    public static async Task<Paged<T>> OfAsync<TSource>(IQueryable<TSource> query, int? page, int? pageSize, Func<TSource, T> select)
    {
        var window = PageWindow.Of(page, pageSize);
        var total = await query.CountAsync();
        var items = await query.Skip((int)Math.Min(window.Skip, int.MaxValue)).Take(window.Size).ToListAsync();
        return new Paged<T>(items.Select(select).ToList(), total, window.Number, window.Size);
    }
}

/// <summary>Which rows a page asks for, as every list reads it: page 1 or later, 20 rows unless asked, never more than 100.</summary>
public readonly record struct PageWindow(int Number, int Size)
{
    public long Skip => (long)(Number - 1) * Size;

    public static PageWindow Of(int? page, int? pageSize) => new(Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? 20, 1, 100));
}

/// <summary>
/// A page model's page number, bound from <c>?Page=</c> in the query string on GET. Razor Pages has a route value of its own
/// named "page" (the page's path), which a property bound as "Page" would read first: every list stayed on page 1.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PageNumberAttribute : BindPropertyAttribute
{
    public PageNumberAttribute()
    {
        Name = "Page";
        SupportsGet = true;
        BindingSource = BindingSource.Query;
    }
}
