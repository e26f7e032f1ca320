using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Registration;

namespace Qifu.Web.Modules.Needs.PostNeeds;

/// <summary>
/// /enterprise/needs/new in two steps that work without JavaScript: the form posts to "preview", which shows published items
/// that may already do the job (先看看现成的服务) with the need carried in hidden fields; "仍要发布需求" posts it.
/// </summary>
[Authorize(Policy = Permissions.ActAsEnterprise)]
public sealed class NewModel(NeedHandler needs, NeedMatches matches, AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public NeedInput Input { get; set; } = new();
    public MatchingItems? Matches { get; private set; }
    public bool MayPost { get; private set; }
    public string OwnRegion { get; private set; } = RegionCodes.City;

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        Input = new NeedInput { RegionCode = OwnRegion, Deadline = HengyangCalendar.Today(clock).AddDays(30) };
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        await LoadAsync();
        if (!MayPost) return Forbid();
        if (!ModelState.IsValid)
        {
            Response.StatusCode = 422;
            return Page();
        }
        Matches = await matches.FindAsync(Input.Title, Input.CategoryCode, string.IsNullOrWhiteSpace(Input.RegionCode) ? null : Input.RegionCode, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostEditAsync()
    {
        await LoadAsync();
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (!MayPost) return Forbid();
        if (!ModelState.IsValid)
        {
            Response.StatusCode = 422;
            return Page();
        }
        var need = await needs.CreateAsync(User, Input);
        if (need is null) return NotFound();
        TempData["Flash"] = "需求已提交，待所在区县运营审核后向服务机构发布";
        return Redirect($"/enterprise/needs/{need.Id}");
    }

    private async Task LoadAsync()
    {
        var id = CurrentUser.EnterpriseId(User);
        var e = await db.Enterprises.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.RegionCode, x.Status }).FirstOrDefaultAsync();
        OwnRegion = e?.RegionCode ?? RegionCodes.City;
        MayPost = e?.Status == RegistrationStatus.Approved;
    }
}
