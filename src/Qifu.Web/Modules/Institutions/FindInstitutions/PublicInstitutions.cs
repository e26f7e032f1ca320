using Microsoft.AspNetCore.Mvc;
using Qifu.Web.Modules.Shared;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Institutions.Data;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Registration;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Institutions.FindInstitutions;

public sealed record PublicFilter
{
    /// <summary>A service category code (see ServiceCategories).</summary>
    public string? Category { get; init; }
    /// <summary>A region code the institution serves.</summary>
    public string? Region { get; init; }
    public string? Q { get; init; }
    // From the query only: bound as a page model's filter, "Page" would otherwise be read from Razor Pages' own "page" route value.
    [FromQuery(Name = "Page")] public int? Page { get; init; }
    public int? PageSize { get; init; }
}

/// <summary>What anyone may see of an institution: no contact person, no phone number, no credit code.</summary>
public sealed record PublicInstitution(Guid Id, string Name, string Kind, string RegionCode, string RegionName, IReadOnlyList<Named> Categories,
    IReadOnlyList<Named> ServiceRegions, bool IsCore, string FeePolicy, string Introduction);

/// <summary>The public directory: approved institutions only (a suspended one is not shown), core institutions first.</summary>
public sealed class PublicInstitutions(AppDbContext db, TimeProvider clock)
{
    public Task<Paged<PublicInstitution>> ListAsync(PublicFilter f)
    {
        var today = HengyangCalendar.Today(clock);
        var q = db.Institutions.AsNoTracking().Where(i => i.Status == RegistrationStatus.Approved);
        // The lists are stored comma separated; wrapping both sides in commas matches whole codes only.
        if (!string.IsNullOrWhiteSpace(f.Category))
        {
            var code = "," + f.Category.Trim() + ",";
            q = q.Where(i => ("," + i.Categories + ",").Contains(code));
        }
        if (!string.IsNullOrWhiteSpace(f.Region))
        {
            var code = "," + f.Region.Trim() + ",";
            q = q.Where(i => ("," + i.ServiceRegions + ",").Contains(code));
        }
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var term = f.Q.Trim();
            q = q.Where(i => i.Name.Contains(term));
        }
        var ordered = q.OrderByDescending(i => i.IsCore && i.CoreFrom <= today && i.CoreUntil >= today).ThenBy(i => i.Name).ThenBy(i => i.Id);
        return Paged<PublicInstitution>.OfAsync(ordered, f.Page, f.PageSize, i => Public(i, today));
    }

    public async Task<PublicInstitution?> FindAsync(Guid id)
    {
        var i = await db.Institutions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.Status == RegistrationStatus.Approved);
        return i is null ? null : Public(i, HengyangCalendar.Today(clock));
    }

    private static PublicInstitution Public(Institution i, DateOnly today) => new(i.Id, i.Name, InstitutionKinds.Label(i.Kind), i.RegionCode,
        RegionCodes.NameOf(i.RegionCode), i.CategoryCodes.Select(c => new Named(c, ServiceCategories.NameOf(c))).ToList(),
        i.ServiceRegionCodes.Select(r => new Named(r, RegionCodes.NameOf(r))).ToList(), i.IsCoreOn(today), i.FeePolicy, i.Introduction);
}
