using Microsoft.AspNetCore.Mvc;
using Qifu.Web.Modules.Shared;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Institutions.Data;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Registration;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Institutions.ReviewInstitutions;

/// <summary>Query string of the operator list; page and page size are optional (an [AsParameters] int would be required).</summary>
public sealed record InstitutionFilter
{
    public RegistrationStatus? Status { get; init; }
    public string? Region { get; init; }
    public string? Q { get; init; }
    // From the query only: bound as a page model's filter, "Page" would otherwise be read from Razor Pages' own "page" route value.
    [FromQuery(Name = "Page")] public int? Page { get; init; }
    public int? PageSize { get; init; }
}

public sealed record InstitutionRow(Guid Id, string CreditCode, string Name, string Kind, string KindLabel, string RegionCode, string RegionName,
    string CategoryNames, string Status, string StatusLabel, bool IsCore, string ContactName, string ContactPhone, DateTime CreatedAt,
    DateTime? SubmittedAt);

/// <summary>Operator reads over institutions, always through the caller's data scope; personal fields masked (PI-05).</summary>
public sealed class InstitutionQueries(AppDbContext db)
{
    public IQueryable<Institution> Scoped(ClaimsPrincipal user) =>
        DataScope.Of(user).Apply(db.Institutions.AsNoTracking(), i => i.RegionCode);

    public Task<Paged<InstitutionRow>> ListAsync(ClaimsPrincipal user, InstitutionFilter f)
    {
        var q = Scoped(user);
        if (f.Status is { } s) q = q.Where(i => i.Status == s);
        if (!string.IsNullOrWhiteSpace(f.Region)) q = q.Where(i => i.RegionCode == f.Region);
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var term = f.Q.Trim();
            var code = CreditCode.Normalize(term);
            q = q.Where(i => i.Name.Contains(term) || i.CreditCode == code);
        }
        return Paged<InstitutionRow>.OfAsync(q.OrderByDescending(i => i.SubmittedAt ?? i.CreatedAt).ThenBy(i => i.Id), f.Page, f.PageSize, Row);
    }

    public static InstitutionRow Row(Institution i) => new(i.Id, i.CreditCode, i.Name, i.Kind.ToString(), InstitutionKinds.Label(i.Kind), i.RegionCode,
        RegionCodes.NameOf(i.RegionCode), string.Join("、", i.CategoryCodes.Select(ServiceCategories.NameOf)), i.Status.ToString(),
        RegistrationStatuses.Label(i.Status), i.IsCore, PersonName.Mask(i.ContactName), PhoneNumber.Mask(i.ContactPhone), i.CreatedAt, i.SubmittedAt);

    public Task<Institution?> FindAsync(ClaimsPrincipal user, Guid id) => Scoped(user).FirstOrDefaultAsync(i => i.Id == id);

    public Task<List<AuditEntry>> HistoryAsync(Guid id)
    {
        var key = id.ToString();
        return db.AuditEntries.AsNoTracking().Where(a => a.EntityType == InstitutionsModule.AuditEntityType && a.EntityId == key).OrderBy(a => a.Id).ToListAsync();
    }
}
