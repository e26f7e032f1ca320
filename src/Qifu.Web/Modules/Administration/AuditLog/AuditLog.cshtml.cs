using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Administration.AuditLog;

public sealed record AuditFilter
{
    public string? Action { get; init; }
    public string? EntityType { get; init; }
    public string? Actor { get; init; }
    // From the query only: bound as a page model's filter, "Page" would otherwise be read from Razor Pages' own "page" route value.
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "Page")] public int? Page { get; init; }
}

/// <summary>操作日志: every state change and export, with who, when, IP and before → after. Read-only, city operators only.</summary>
[Authorize(Policy = Permissions.ReadAudit)]
public sealed class AuditLogModel(AppDbContext db) : PageModel
{
    public const int PageSize = 50;

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public AuditFilter Filter { get; set; } = new();
    public List<AuditEntry> Entries { get; private set; } = [];
    public int Total { get; private set; }
    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Filter.Action)) q = q.Where(a => a.Action == Filter.Action);
        if (!string.IsNullOrWhiteSpace(Filter.EntityType)) q = q.Where(a => a.EntityType == Filter.EntityType);
        if (!string.IsNullOrWhiteSpace(Filter.Actor)) q = q.Where(a => a.ActorName.Contains(Filter.Actor));
        Total = await q.CountAsync();
        var page = Math.Max(1, Filter.Page ?? 1);
        Entries = await q.OrderByDescending(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync();
        Pager = new Pager(page, Math.Max(1, (Total + PageSize - 1) / PageSize), Request.Query);
    }
}
