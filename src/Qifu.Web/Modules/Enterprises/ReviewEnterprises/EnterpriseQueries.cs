using Microsoft.AspNetCore.Mvc;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Registration;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Enterprises.ReviewEnterprises;

public sealed record EnterpriseFilter
{
    public RegistrationStatus? Status { get; init; }
    public string? Region { get; init; }
    public string? Q { get; init; }
    // From the query only: bound as a page model's filter, "Page" would otherwise be read from Razor Pages' own "page" route value.
    [FromQuery(Name = "Page")] public int? Page { get; init; }
    public int? PageSize { get; init; }
}

public sealed record EnterpriseRow(Guid Id, string CreditCode, string Name, string RegionCode, string RegionName,
    string Industry, string SizeClass, string Status, string StatusLabel, string ContactName, string ContactPhone, DateTime CreatedAt,
    DateTime? SubmittedAt);

/// <summary>Operator reads over enterprises, always through the caller's data scope; personal fields masked (PI-05).</summary>
public sealed class EnterpriseQueries(AppDbContext db)
{
    public IQueryable<Enterprise> Scoped(ClaimsPrincipal user, EnterpriseFilter f)
    {
        var q = DataScope.Of(user).Apply(db.Enterprises.AsNoTracking(), e => e.RegionCode);
        if (f.Status is { } s) q = q.Where(e => e.Status == s);
        if (!string.IsNullOrWhiteSpace(f.Region)) q = q.Where(e => e.RegionCode == f.Region);
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var term = f.Q.Trim();
            var code = CreditCode.Normalize(term);
            q = q.Where(e => e.Name.Contains(term) || e.CreditCode == code);
        }
        return q;
    }

    public Task<Paged<EnterpriseRow>> ListAsync(ClaimsPrincipal user, EnterpriseFilter f) =>
        Paged<EnterpriseRow>.OfAsync(Scoped(user, f).OrderByDescending(e => e.CreatedAt).ThenBy(e => e.Id), f.Page, f.PageSize, Row);

    public static EnterpriseRow Row(Enterprise e) => new(e.Id, e.CreditCode, e.Name, e.RegionCode, RegionCodes.NameOf(e.RegionCode),
        $"{e.IndustryDivision} {Industries.FindDivision(e.IndustryDivision)?.Name}", SizeClasses.Label(e.SizeClass), e.Status.ToString(),
        RegistrationStatuses.Label(e.Status), PersonName.Mask(e.ContactName), PhoneNumber.Mask(e.ContactPhone), e.CreatedAt, e.SubmittedAt);

    public Task<Enterprise?> FindAsync(ClaimsPrincipal user, Guid id) =>
        DataScope.Of(user).Apply(db.Enterprises.AsNoTracking(), e => e.RegionCode).FirstOrDefaultAsync(e => e.Id == id);

    public Task<List<Platform.Audit.AuditEntry>> HistoryAsync(Guid id)
    {
        var key = id.ToString();
        return db.AuditEntries.AsNoTracking().Where(a => a.EntityType == "企业" && a.EntityId == key).OrderBy(a => a.Id).ToListAsync();
    }
}
