using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Accounts.Data;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;

namespace Qifu.Web.Modules.Accounts.ChangePassword;

public sealed record ChangePasswordRequest
{
    [Required(ErrorMessage = "请填写当前密码")]
    public string CurrentPassword { get; init; } = "";

    [Required(ErrorMessage = "请填写新密码")]
    [StringLength(128, ErrorMessage = "密码不能超过128位")]
    public string NewPassword { get; init; } = "";

    [Required(ErrorMessage = "请再次填写新密码")]
    [Compare(nameof(NewPassword), ErrorMessage = "两次填写的新密码不一致")]
    public string ConfirmPassword { get; init; } = "";
}

/// <summary>Needs the current password; forced at first sign-in of an operator-created account. Ends the other sessions.</summary>
public sealed class ChangePasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AppDbContext db,
    AuditTrail audit, TimeProvider clock) : PageModel
{
    [BindProperty] public ChangePasswordRequest Input { get; set; } = new();
    public bool Forced { get; private set; }

    public async Task OnGetAsync() => Forced = (await users.GetUserAsync(User))?.MustChangePassword ?? false;

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Forced = user.MustChangePassword;
        if (!ModelState.IsValid) return Page();
        if (Input.NewPassword == Input.CurrentPassword)
        {
            ModelState.AddModelError("Input.NewPassword", "新密码不能与当前密码相同");
            return Page();
        }
        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Input.CurrentPassword" : "Input.NewPassword", e.Description);
            return Page();
        }
        user.MustChangePassword = false;
        user.PasswordChangedAt = clock.GetUtcNow().UtcDateTime;
        await users.UpdateAsync(user);
        await SessionStore.EndAllForAsync(db, user.Id);
        audit.Record("修改密码", "用户", user.Id, user.RegionCode);
        await db.SaveChangesAsync();
        await signIn.SignInAsync(user, isPersistent: false);
        TempData["Flash"] = "密码已修改，其他设备上的登录已退出";
        return Redirect("/workbench");
    }
}
