using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Accounts.Data;

namespace Qifu.Web.Modules.Enterprises.RegisterEnterprise;

[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Qifu.Web.Platform.PlatformSetup.SignInLimit)]
public sealed class RegisterEnterpriseModel(RegisterEnterpriseHandler handler, UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty] public EnterpriseRegistrationRequest Input { get; set; } = new();
    [BindProperty] public IFormFile? Licence { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var registered = await handler.HandleAsync(Input, Licence);
        var user = await users.FindByNameAsync(Qifu.Web.Platform.Standards.PhoneNumber.Normalize(Input.Phone));
        await signIn.SignInAsync(user!, isPersistent: false);
        TempData["Flash"] = registered.Warning is null
            ? "注册信息已提交，请等待所在区县审核"
            : "注册信息已提交，请等待所在区县审核。提示：" + registered.Warning;
        return Redirect("/enterprise");
    }
}
