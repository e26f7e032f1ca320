using Microsoft.EntityFrameworkCore;

namespace Qifu.Web.Modules.Shared;

public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>One page of an ordered query: 20 rows unless asked, never more than 100.</summary>
    public static async Task<Paged<T>> OfAsync<TSource>(IQueryable<TSource> query, int? page, int? pageSize, Func<TSource, T> select)
    {
        var size = Math.Clamp(pageSize ?? 20, 1, 100);
        var number = Math.Max(1, page ?? 1);
        var total = await query.CountAsync();
        var items = await query.Skip((number - 1) * size).Take(size).ToListAsync();
        return new Paged<T>(items.Select(select).ToList(), total, number, size);
    }
}
