using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Registration;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Portal.Workbench;

/// <summary>我的工作台: enterprises and institutions go to their own page; operators see their review queues first.</summary>
public sealed class WorkbenchModel(AppDbContext db) : PageModel
{
    public DataScope Scope { get; private set; } = new(false, null);
    public int PendingEnterprises { get; private set; }
    public int PendingInstitutions { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (User.IsInRole(Roles.Enterprise)) return Redirect("/enterprise");
        if (User.IsInRole(Roles.Institution)) return Redirect("/institution");
        if (!Roles.Operators.Any(User.IsInRole)) return Forbid();
        Scope = DataScope.Of(User);
        PendingEnterprises = await Scope.Apply(db.Enterprises, e => e.RegionCode).CountAsync(e => e.Status == RegistrationStatus.Submitted);
        PendingInstitutions = await Scope.Apply(db.Institutions, e => e.RegionCode).CountAsync(e => e.Status == RegistrationStatus.Submitted);
        return Page();
    }
}
