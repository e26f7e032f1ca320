using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Accounts.Data;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Institutions.ApplyToJoin;

[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Qifu.Web.Platform.PlatformSetup.SignInLimit)]
public sealed class ApplyToJoinModel(ApplyToJoinHandler handler, UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty] public InstitutionApplicationRequest Input { get; set; } = new();
    [BindProperty] public List<IFormFile> Qualifications { get; set; } = [];

    public void OnGet() { }

    public Task<IActionResult> OnPostAsync() => ApplyAsync(draft: false);

    public Task<IActionResult> OnPostDraftAsync() => ApplyAsync(draft: true);

    private async Task<IActionResult> ApplyAsync(bool draft)
    {
        if (!ModelState.IsValid) return Page();
        await handler.HandleAsync(Input with { SaveAsDraft = draft }, Qualifications);
        var user = await users.FindByNameAsync(PhoneNumber.Normalize(Input.Phone));
        await signIn.SignInAsync(user!, isPersistent: false);
        TempData["Flash"] = draft ? "入驻草稿已保存，可在本页继续完善后提交" : "入驻申请已提交，请等待所在区县审核";
        return Redirect("/institution");
    }
}
