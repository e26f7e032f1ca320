using Qifu.Web.Modules.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Enterprises.ReviewEnterprises;

[Authorize(Policy = Permissions.ReviewRegistrations)]
public sealed class QueueModel(EnterpriseQueries queries, EnterpriseExport export) : PageModel
{
    [BindProperty(SupportsGet = true)] public EnterpriseFilter Filter { get; set; } = new();
    public Paged<EnterpriseRow> Result { get; private set; } = new([], 0, 1, 20);
    public DataScope Scope { get; private set; } = new(false, null);

    public async Task OnGetAsync()
    {
        Scope = DataScope.Of(User);
        Result = await queries.ListAsync(User, Filter);
    }

    /// <summary>Streamed straight into the response (decision 0019).</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        if (!Permissions.Has(User, Permissions.ExportRegistrations)) return Forbid();
        await export.WriteAsync(HttpContext, Filter);
        return new EmptyResult();
    }
}
