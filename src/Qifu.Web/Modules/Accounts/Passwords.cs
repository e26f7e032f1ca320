using Microsoft.AspNetCore.Identity;
using Qifu.Web.Modules.Accounts.Data;

namespace Qifu.Web.Modules.Accounts;

/// <summary>
/// Password rules of SECURITY.md D1 (等保 complexity over ASVS 6.2.5): length ≥ 10 (≥ 12 for operators), ≤ 128,
/// three of four character classes, and a block list of common and context passwords.
/// </summary>
internal sealed class PasswordRules : IPasswordValidator<AppUser>
{
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "123456", "a123456", "5201314", "qq123456", "Aa123456", "woaini1314", "Aa123456789", "Abc123456!", "Password123!",
        "P@ssw0rd123", "Admin@12345", "Qwer1234!@#$", "1qaz@WSX3edc", "Aa1234567890", "Passw0rd!234", "Hengyang@123",
        "Qifu@123456", "Zxcv1234!@#$", "Abcd@123456", "Welcome@2026",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var errors = Check(password ?? "", user.RegionCode is not null, user.PhoneNumber, user.UserName);
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success
            : IdentityResult.Failed(errors.Select(e => new IdentityError { Code = "PasswordRule", Description = e }).ToArray()));
    }

    public static List<string> Check(string password, bool isStaff, params string?[] context)
    {
        var errors = new List<string>();
        var min = isStaff ? 12 : 10;
        if (password.Length < min) errors.Add($"密码至少{min}位");
        if (password.Length > 128) errors.Add("密码不能超过128位");
        var classes = new[] { password.Any(char.IsUpper), password.Any(char.IsLower), password.Any(char.IsDigit),
            password.Any(c => !char.IsLetterOrDigit(c)) }.Count(x => x);
        if (classes < 3) errors.Add("密码须包含大写字母、小写字母、数字、符号中的至少三类");
        if (Common.Contains(password)) errors.Add("该密码过于常见，请换一个");
        foreach (var word in context.Concat(["qifu", "hengyang", "430400"]))
        {
            if (!string.IsNullOrEmpty(word) && word.Length >= 4 && password.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add("密码不能包含手机号、账号、平台或城市名称");
                break;
            }
        }
        return errors;
    }
}

/// <summary>zh-CN wording for the Identity errors users can meet.</summary>
internal sealed class ChineseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = "该手机号已注册，可直接登录或找回密码" };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "当前密码不正确" };
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"密码至少{length}位" };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = "账号格式不正确" };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "操作失败，请稍后再试" };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "该信息已被他人修改，请刷新后重试" };
}
