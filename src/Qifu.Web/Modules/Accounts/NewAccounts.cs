using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts.Data;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Accounts;

/// <summary>
/// The one way accounts are made (registration, institution application, staff and operator accounts):
/// a mobile number as the sign-in name, the password rules, and the role. Callers run it inside their transaction.
/// </summary>
public sealed class NewAccounts(UserManager<AppUser> users, AppDbContext db, TimeProvider clock)
{
    /// <summary>Checks a chosen sign-in number and password before anything is written; returns the normalised number.</summary>
    public async Task<string> CheckAsync(string rawPhone, string? password, params string?[] contextWords)
    {
        var phone = PhoneNumber.Normalize(rawPhone);
        if (!PhoneNumber.IsMobile(phone))
            throw new RuleViolationException("PHONE_INVALID", "登录手机号格式不正确，应为11位手机号", "phone", 400);
        if (password is not null)
        {
            var errors = PasswordRules.Check(password, false, [phone, .. contextWords]);
            if (errors.Count > 0)
                throw new RuleViolationException("PASSWORD_WEAK", string.Join("；", errors), "password", 400);
        }
        if (await db.Users.AnyAsync(u => u.UserName == phone))
            throw new RuleViolationException("PHONE_TAKEN", "该手机号已注册，可直接登录或找回密码", "phone", 409);
        return phone;
    }

    /// <param name="mustChangePassword">true for accounts someone else created with a one-time password.</param>
    public async Task<AppUser> CreateAsync(string phone, string password, string displayName, string role, bool mustChangePassword,
        Action<AppUser>? link = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var user = new AppUser
        {
            Id = Guid.NewGuid(), UserName = phone, PhoneNumber = phone, DisplayName = displayName.Trim(), CreatedAt = now,
            MustChangePassword = mustChangePassword, PasswordChangedAt = mustChangePassword ? null : now,
        };
        link?.Invoke(user);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
            throw new RuleViolationException("ACCOUNT_INVALID", created.Errors.First().Description, "password", 400);
        await users.AddToRoleAsync(user, role);
        return user;
    }
}
