using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Institutions.Data;
using Qifu.Web.Modules.Search;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Registration;

namespace Qifu.Web.Modules.Institutions.FindInstitutions;

/// <summary>
/// Approved institutions as the Search module sees them (the same public data as the directory: no contact, no credit code);
/// a hit links to the institution's public page.
/// </summary>
public sealed class InstitutionSearchSource(TimeProvider clock) : ISearchSource
{
    public const string KindCode = "institution";

    public string Kind => KindCode;
    public string KindLabel => "服务机构";

    public async Task<SearchDocument?> LoadAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        var institution = await db.Institutions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.Status == RegistrationStatus.Approved, ct);
        return institution is null ? null : Document(institution, HengyangCalendar.Today(clock));
    }

    public async IAsyncEnumerable<SearchDocument> LoadAllAsync(AppDbContext db, [EnumeratorCancellation] CancellationToken ct)
    {
        var today = HengyangCalendar.Today(clock);
        var approved = db.Institutions.AsNoTracking().Where(i => i.Status == RegistrationStatus.Approved).AsAsyncEnumerable();
        await foreach (var institution in approved.WithCancellation(ct))
            yield return Document(institution, today);
    }

    private SearchDocument Document(Institution i, DateOnly today)
    {
        var core = i.IsCoreOn(today);
        return new SearchDocument
        {
            Kind = KindCode,
            Id = i.Id,
            Title = i.Name,
            Body = SearchText.Join(i.Introduction, i.FeePolicy, string.Join("、", i.CategoryCodes.Select(ServiceCategories.NameOf))),
            Url = $"/institutions/{i.Id}",
            Meta = string.Join(" · ", new[] { InstitutionKinds.Label(i.Kind), RegionCodes.NameOf(i.RegionCode), core ? "核心服务机构" : null }.Where(s => s is not null)),
            PublishedAt = i.ApprovedAt ?? i.CreatedAt,
            // "Most popular" puts core institutions first until institutions have request counts of their own.
            Popularity = core ? 1 : 0,
            Facets = new Dictionary<string, IReadOnlyList<string>>
            {
                [SearchFacets.Category] = i.CategoryCodes.ToList(),
                [SearchFacets.Region] = i.ServiceRegionCodes.ToList(),
            },
        };
    }
}
