using System.Globalization;

namespace Qifu.Web.Platform.Standards;

public sealed record IdNumberCheck(string Normalized, bool IsValid, string? Error);

/// <summary>公民身份号码 (GB 11643-1999), see DOMAIN.md §3.2.</summary>
public static class IdNumber
{
    public const int Length = 18;

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    // Nobody born before this is alive to hold an 18-digit number (issued from 1999), so an earlier date is a typo.
    private static readonly DateOnly EarliestBirthDate = new(1800, 1, 1);

    public static IdNumberCheck Check(string? input, DateOnly today)
    {
        var id = CharacterWidth.ToHalfWidth(input ?? "").Trim().ToUpperInvariant();
        var error = FindError(id, today);
        return new IdNumberCheck(id, error is null, error);
    }

    public static string Mask(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        const int keptHead = 3, keptTail = 4;
        if (id.Length <= keptHead + keptTail)
        {
            return new string('*', id.Length);
        }
        return string.Concat(id.AsSpan(0, keptHead), new string('*', id.Length - keptHead - keptTail), id.AsSpan(id.Length - keptTail));
    }

    private static string? FindError(string id, DateOnly today)
    {
        if (id.Length == 0)
        {
            return "请填写身份证号码";
        }
        if (id.Length == 15 && id.All(char.IsAsciiDigit))
        {
            return "请填写18位身份证号码";
        }
        if (id.Length != Length || !id[..17].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(id[17]) || id[17] == 'X'))
        {
            return "身份证号码格式不正确";
        }
        if (!DateOnly.TryParseExact(id[6..14], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthDate)
            || birthDate < EarliestBirthDate
            || birthDate > today)
        {
            return "身份证号码中的出生日期不正确";
        }
        if (ComputeCheckCharacter(id) != id[17])
        {
            return "身份证号码校验位不正确";
        }
        return null;
    }

    private static char ComputeCheckCharacter(string id)
    {
        var sum = 0;
        for (var i = 0; i < Weights.Length; i++)
        {
            sum += (id[i] - '0') * Weights[i];
        }
        return CheckCharacters[sum % 11];
    }
}
