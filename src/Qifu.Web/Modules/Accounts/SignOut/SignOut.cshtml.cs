using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Accounts.Data;

namespace Qifu.Web.Modules.Accounts.SignOut;

/// <summary>
/// 退出登录: the utility bar links here and this page asks once (decision 0023: a link in the layout instead of a form means
/// no antiforgery token is made on every signed-in page); the POST ends the server-side session (SECURITY.md SE-04).
/// </summary>
[AllowAnonymous]
public sealed class SignOutModel(SignInManager<AppUser> signIn) : PageModel
{
    public string UserName => CurrentUser.Name(User);

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Page() : Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        Response.Headers["Clear-Site-Data"] = "\"cookies\"";
        return Redirect("/");
    }
}
