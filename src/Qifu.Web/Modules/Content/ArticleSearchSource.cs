using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Content.Data;
using Qifu.Web.Modules.Search;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Web;

namespace Qifu.Web.Modules.Content;

/// <summary>
/// Articles of one kind as the Search module sees them (one source per kind, so the search page has a tab per kind):
/// published articles whose time has come. Publishing, withdrawing, editing a live article and the release of a scheduled
/// one write <c>SearchLog.Changed(db, ArticleKinds.SearchKind(kind), id, now)</c>.
/// </summary>
public sealed class ArticleSearchSource(ArticleKind kind, TimeProvider clock) : ISearchSource
{
    public string Kind => ArticleKinds.SearchKind(kind);
    public string KindLabel => ArticleKinds.Label(kind);

    public async Task<SearchDocument?> LoadAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var a = await db.Articles.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.Kind == kind && x.Status == ArticleStatus.Published && x.PublishAt <= now, ct);
        return a is null ? null : Document(a);
    }

    public async IAsyncEnumerable<SearchDocument> LoadAllAsync(AppDbContext db, [EnumeratorCancellation] CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await foreach (var a in db.Articles.AsNoTracking().Where(x => x.Kind == kind && x.Status == ArticleStatus.Published && x.PublishAt <= now)
                           .AsAsyncEnumerable().WithCancellation(ct))
            yield return Document(a);
    }

    private SearchDocument Document(Article a) => new()
    {
        Kind = Kind,
        Id = a.Id,
        Title = a.Title,
        Body = SearchText.Join(a.Summary, RichText.ToPlainText(a.Body), a.Source, a.Policy?.Issuer ?? "", a.Policy?.DocumentNumber ?? ""),
        Url = $"/articles/{a.Id}",
        Meta = string.Join(" · ", new[]
        {
            ArticleColumns.NameOf(a.Column), RegionCodes.NameOf(a.RegionCode), a.Policy?.Issuer, a.Policy?.DocumentNumber,
            a.PublishAt?.AddHours(8).ToString("yyyy-MM-dd"),
        }.Where(s => !string.IsNullOrEmpty(s))),
        PublishedAt = a.PublishAt ?? a.CreatedAt,
        Popularity = a.ViewCount,
        Facets = new Dictionary<string, IReadOnlyList<string>>
        {
            [SearchFacets.Region] = a.RegionCode == RegionCodes.City ? RegionCodes.Hengyang.Select(r => r.Code).ToList() : [a.RegionCode],
        },
    };
}
