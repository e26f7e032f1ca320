using Qifu.Web.Modules.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Institutions.ReviewInstitutions;

[Authorize(Policy = Permissions.ReviewRegistrations)]
public sealed class QueueModel(InstitutionQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public InstitutionFilter Filter { get; set; } = new();
    public Paged<InstitutionRow> Result { get; private set; } = new([], 0, 1, 20);
    public DataScope Scope { get; private set; } = new(false, null);

    public async Task OnGetAsync()
    {
        Scope = DataScope.Of(User);
        Result = await queries.ListAsync(User, Filter);
    }
}
