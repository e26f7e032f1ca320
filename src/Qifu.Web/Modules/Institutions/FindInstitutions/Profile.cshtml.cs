using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.ServiceRequests;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Database;
using Microsoft.AspNetCore.OutputCaching;
using Qifu.Web.Platform.Web;

namespace Qifu.Web.Modules.Institutions.FindInstitutions;

/// <summary>An approved institution's public page: what it is, its published service items, its figures and evaluations.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPages.Policy)]
public sealed class ProfileModel(PublicInstitutions institutions, PublicEvaluations evaluations, AppDbContext db) : PageModel
{
    public PublicInstitution Institution { get; private set; } = null!;
    public List<ServiceItem> Items { get; private set; } = [];
    public ItemStats Stats { get; private set; } = ItemStats.From(0, 0, 0, 0);
    public Paged<PublicEvaluation> Evaluations { get; private set; } = new([], 0, 1, 10);
    [PageNumber] public int PageNumber { get; set; } = 1;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await institutions.FindAsync(id) is not { } institution) return NotFound();
        Institution = institution;
        Items = await db.ServiceItems.AsNoTracking().Where(i => i.InstitutionId == id && i.Status == ItemStatus.Published)
            .OrderByDescending(i => i.PublishedAt).ThenBy(i => i.Id).ToListAsync();
        Stats = await evaluations.InstitutionStatsAsync(id);
        Evaluations = await evaluations.ForInstitutionAsync(id, PageNumber);
        return Page();
    }
}
