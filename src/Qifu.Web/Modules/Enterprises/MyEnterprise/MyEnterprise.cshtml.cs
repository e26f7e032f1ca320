using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Modules.Enterprises.RegisterEnterprise;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Enterprises.MyEnterprise;

[Authorize(Policy = Permissions.ActAsEnterprise)]
public sealed class MyEnterpriseModel(MyEnterpriseHandler handler) : PageModel
{
    public Enterprise Enterprise { get; private set; } = null!;
    public List<StaffMember> Staff { get; private set; } = [];
    [BindProperty] public EnterpriseProfileInput Input { get; set; } = new();
    [BindProperty] public IFormFile? Licence { get; set; }
    public AddStaffRequest NewStaff { get; set; } = new();
    public string? CreatedStaffPassword { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input = new EnterpriseProfileInput
        {
            CreditCode = Enterprise.CreditCode, Name = Enterprise.Name, LegalRepresentative = Enterprise.LegalRepresentative,
            RegionCode = Enterprise.RegionCode, IndustryDivision = Enterprise.IndustryDivision, IndustryGroup = Enterprise.IndustryGroup,
            Tags = [.. Enterprise.Tags.Split(',', StringSplitOptions.RemoveEmptyEntries)],
            Employees = Enterprise.Employees, RevenueWan = Enterprise.RevenueWan, AssetsWan = Enterprise.AssetsWan,
            ContactName = Enterprise.ContactName, ContactPhone = Enterprise.ContactPhone,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostResubmitAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!ModelState.IsValid) return Page();
        await handler.ResubmitAsync(User, Input, Licence);
        TempData["Flash"] = "已重新提交，请等待审核";
        return Redirect("/enterprise");
    }

    /// <summary>The staff form posts only NewStaff.*; the profile form's fields are not part of this post.</summary>
    public async Task<IActionResult> OnPostAddStaffAsync([Bind(Prefix = nameof(NewStaff))] AddStaffRequest newStaff)
    {
        if (!await LoadAsync()) return NotFound();
        NewStaff = newStaff;
        ModelState.Clear();
        if (!TryValidateModel(newStaff, nameof(NewStaff))) return Page();
        var created = await handler.AddStaffAsync(User, newStaff);
        if (created is null) return NotFound();
        CreatedStaffPassword = $"已添加员工账号 {created.Phone}，初始密码：{created.InitialPassword}（仅显示一次，首次登录须修改）";
        Staff = await handler.StaffAsync(Enterprise.Id);
        NewStaff = new();
        ModelState.Clear();
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var e = await handler.FindOwnAsync(User);
        if (e is null) return false;
        Enterprise = e;
        Staff = await handler.StaffAsync(e.Id);
        return true;
    }
}
