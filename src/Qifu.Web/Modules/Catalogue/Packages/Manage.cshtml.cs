using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Catalogue.Packages;

[Authorize(Policy = Permissions.ManagePackages)]
public sealed class ManageModel(PackageHandler packages, TimeProvider clock) : PageModel
{
    public List<ServicePackage> Packages { get; private set; } = [];
    [BindProperty] public PackageInput Input { get; set; } = new();
    public DataScope Scope => DataScope.Of(User);

    public async Task OnGetAsync()
    {
        var today = HengyangCalendar.Today(clock);
        Input = new PackageInput { ValidFrom = today, ValidUntil = today.AddMonths(3) };
        Packages = await packages.ListManagedAsync(User);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Packages = await packages.ListManagedAsync(User);
        if (!ModelState.IsValid) return Page();
        var package = await packages.CreateAsync(User, Input);
        TempData["Flash"] = "服务包已创建，请加入服务项目后发布";
        return Redirect($"/manage/packages/{package.Id}");
    }

    public static string StatusLabel(PackageStatus s) => s switch
    {
        PackageStatus.Draft => "草稿",
        PackageStatus.Published => "已发布",
        PackageStatus.Withdrawn => "已撤回",
        _ => s.ToString(),
    };
}
