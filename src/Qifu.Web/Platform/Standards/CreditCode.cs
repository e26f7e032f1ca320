using System.Globalization;
using System.Text;

namespace Qifu.Web.Platform.Standards;

public sealed record CreditCodeCheck(string Normalized, bool IsValid, string? Error, string? Warning);

/// <summary>统一社会信用代码 (GB 32100-2015), see DOMAIN.md §3.1.</summary>
public static class CreditCode
{
    public const int Length = 18;

    // The 31 symbols in value order; I, O, S, V and Z are left out so they cannot be misread as digits.
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private const string AuthorityCodes = "123456789ANY";
    private static readonly int[] OrgCodeWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    public static string Normalize(string? input)
    {
        if (input is null)
        {
            return "";
        }

        var composed = CharacterWidth.ToHalfWidth(input).Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(composed.Length);
        foreach (var c in composed)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }
        return builder.ToString().ToUpperInvariant();
    }

    public static CreditCodeCheck Check(string? input)
    {
        var code = Normalize(input);
        var error = FindError(code);
        if (error is not null)
        {
            return new CreditCodeCheck(code, false, error, null);
        }

        var warning = ComputeOrgCodeCheckCharacter(code[8..16]) == code[16]
            ? null
            : "组织机构代码校验位（第17位）不符，请核对（不影响提交）";
        return new CreditCodeCheck(code, true, null, warning);
    }

    public static string RegionCodeOf(string normalizedValidCode)
    {
        ArgumentNullException.ThrowIfNull(normalizedValidCode);
        if (normalizedValidCode.Length != Length)
        {
            throw new ArgumentException("A normalized 18-character credit code is required.", nameof(normalizedValidCode));
        }
        return normalizedValidCode[2..8];
    }

    public static char ComputeCheckCharacter(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        if (first17.Length != Length - 1)
        {
            throw new ArgumentException("Exactly 17 characters are required.", nameof(first17));
        }

        var sum = 0;
        var weight = 1;
        foreach (var c in first17)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"'{c}' is not a credit-code character.", nameof(first17));
            }
            sum += value * weight;
            weight = weight * 3 % 31;
        }
        return Alphabet[(31 - sum % 31) % 31];
    }

    /// <summary>GB 11714 organisation-code check character: uses the full 0–9, A–Z alphabet, unlike the 18th character.</summary>
    public static char ComputeOrgCodeCheckCharacter(string body8)
    {
        ArgumentNullException.ThrowIfNull(body8);
        if (body8.Length != OrgCodeWeights.Length)
        {
            throw new ArgumentException("Exactly 8 characters are required.", nameof(body8));
        }

        var sum = 0;
        for (var i = 0; i < body8.Length; i++)
        {
            var value = OrgCodeValue(body8[i]);
            if (value < 0)
            {
                throw new ArgumentException($"'{body8[i]}' is not an organisation-code character.", nameof(body8));
            }
            sum += value * OrgCodeWeights[i];
        }
        return (11 - sum % 11) switch
        {
            10 => 'X',
            11 => '0',
            var digit => (char)('0' + digit),
        };
    }

    private static string? FindError(string code)
    {
        if (code.Length == 0)
        {
            return "请填写统一社会信用代码";
        }
        if (code.Length != Length)
        {
            return "统一社会信用代码应为18位";
        }

        for (var i = 0; i < code.Length; i++)
        {
            if (!Alphabet.Contains(code[i], StringComparison.Ordinal))
            {
                return string.Create(CultureInfo.InvariantCulture, $"第{i + 1}位含有非法字符（不能使用 I、O、Z、S、V）");
            }
        }

        if (!AuthorityCodes.Contains(code[0], StringComparison.Ordinal) || code[1] is < '1' or > '9')
        {
            return "第1位或第2位登记管理部门/机构类别代码不正确";
        }
        if (!code[2..8].All(char.IsAsciiDigit))
        {
            return "第3至8位应为行政区划代码（6位数字）";
        }
        if (ComputeCheckCharacter(code[..17]) != code[17])
        {
            return "校验码不正确，请核对";
        }
        return null;
    }

    private static int OrgCodeValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'Z' => c - 'A' + 10,
        _ => -1,
    };
}
