using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Institutions.ApplyToJoin;
using Qifu.Web.Modules.Institutions.Data;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Institutions.MyInstitution;

[Authorize(Policy = Permissions.ActAsInstitution)]
public sealed class MyInstitutionModel(MyInstitutionHandler handler, QualificationFiles qualifications, TimeProvider clock) : PageModel
{
    public Institution Institution { get; private set; } = null!;
    public List<StoredFile> Files { get; private set; } = [];
    public DateOnly Today { get; private set; }
    [BindProperty] public InstitutionProfileInput Input { get; set; } = new();
    [BindProperty] public List<IFormFile> Qualifications { get; set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var i = Institution;
        Input = new InstitutionProfileInput
        {
            CreditCode = i.CreditCode, Name = i.Name, Kind = i.Kind, RegionCode = i.RegionCode, Categories = i.CategoryCodes.ToList(),
            ServiceRegions = i.ServiceRegionCodes.ToList(), StaffCount = i.StaffCount, FeePolicy = i.FeePolicy, Introduction = i.Introduction,
            ContactName = i.ContactName, ContactPhone = i.ContactPhone,
        };
        return Page();
    }

    public Task<IActionResult> OnPostSubmitAsync() => UpdateAsync(submit: true);

    public Task<IActionResult> OnPostDraftAsync() => UpdateAsync(submit: false);

    private async Task<IActionResult> UpdateAsync(bool submit)
    {
        if (!await LoadAsync()) return NotFound();
        if (!ModelState.IsValid) return Page();
        await handler.UpdateAsync(User, Input, Qualifications, submit);
        TempData["Flash"] = submit ? "入驻申请已提交，请等待所在区县审核" : "草稿已保存";
        return Redirect("/institution");
    }

    private async Task<bool> LoadAsync()
    {
        var i = await handler.FindOwnAsync(User);
        if (i is null) return false;
        Institution = i;
        Files = await qualifications.ListAsync(i.Id);
        Today = HengyangCalendar.Today(clock);
        return true;
    }
}
