using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Accounts.Data;

namespace Qifu.Web.Modules.Accounts.SignIn;

[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Qifu.Web.Platform.PlatformSetup.SignInLimit)]
public sealed class SignInModel(SignInHandler handler, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty] public SignInRequest Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var outcome = await handler.HandleAsync(Input);
        if (!outcome.Succeeded)
        {
            ModelState.AddModelError(string.Empty, outcome.Error!);
            return Page();
        }
        await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        await signIn.SignInAsync(outcome.User!, isPersistent: false);
        if (outcome.User!.MustChangePassword) return RedirectToPage("/Accounts/ChangePassword/ChangePassword");
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/workbench");
    }
}
