using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts.Data;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Accounts.SignIn;

public sealed record SignInRequest
{
    [Required(ErrorMessage = "请填写手机号或账号")]
    [StringLength(50, ErrorMessage = "账号不能超过50位")]
    [Display(Name = "手机号")]
    public string Phone { get; init; } = "";

    [Required(ErrorMessage = "请填写密码")]
    [StringLength(128, ErrorMessage = "密码不能超过128位")]
    [Display(Name = "密码")]
    public string Password { get; init; } = "";
}

public sealed record SignInOutcome(bool Succeeded, string? Error, ClaimsPrincipal? Principal, AppUser? User);

/// <summary>Checks the password with lockout (5 failures → 10 minutes) and writes the sign-in log.</summary>
public sealed class SignInHandler(UserManager<AppUser> users, SignInManager<AppUser> signIn, AppDbContext db,
    TimeProvider clock, IHttpContextAccessor http)
{
    public const string WrongCredentials = "手机号或密码不正确";

    public async Task<SignInOutcome> HandleAsync(SignInRequest request)
    {
        var login = request.Phone.Trim();
        var normalized = PhoneNumber.Normalize(login);
        var user = await users.FindByNameAsync(PhoneNumber.IsMobile(normalized) ? normalized : login);
        string? error = null;
        if (user is null)
        {
            // Same work and message as a wrong password, so the response does not tell whether the account exists.
            users.PasswordHasher.HashPassword(new AppUser { DisplayName = "" }, request.Password);
            error = WrongCredentials;
        }
        else
        {
            var result = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
            if (result.IsLockedOut)
            {
                var end = (await users.GetLockoutEndDateAsync(user))?.ToOffset(TimeSpan.FromHours(8));
                error = $"连续输错密码次数过多，账号已锁定，请于{end:HH:mm}后再试";
            }
            else if (!result.Succeeded) error = WrongCredentials;
            else if (user.IsDisabled) error = "账号已停用，请联系平台运营人员";
        }
        Log(login, user, error);
        await db.SaveChangesAsync();
        if (error is not null) return new SignInOutcome(false, error, null, user);
        var principal = await signIn.CreateUserPrincipalAsync(user!);
        return new SignInOutcome(true, null, principal, user);
    }

    private void Log(string login, AppUser? user, string? error)
    {
        var ctx = http.HttpContext;
        var ua = ctx?.Request.Headers.UserAgent.ToString();
        db.SignInLog.Add(new SignInLogEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserName = PhoneNumber.Mask(login.Length > 100 ? login[..100] : login),
            UserId = user?.Id,
            Succeeded = error is null,
            Outcome = error ?? "登录成功",
            Ip = ctx?.Connection.RemoteIpAddress?.ToString(),
            UserAgent = string.IsNullOrEmpty(ua) ? null : ua[..Math.Min(ua.Length, 300)],
        });
    }
}
