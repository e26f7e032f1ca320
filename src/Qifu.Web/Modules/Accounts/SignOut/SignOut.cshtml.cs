using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Accounts.Data;

namespace Qifu.Web.Modules.Accounts.SignOut;

[AllowAnonymous]
public sealed class SignOutModel(SignInManager<AppUser> signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        Response.Headers["Clear-Site-Data"] = "\"cookies\"";
        return Redirect("/");
    }
}
