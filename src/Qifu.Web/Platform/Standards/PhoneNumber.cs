using System.Text;
using System.Text.RegularExpressions;

namespace Qifu.Web.Platform.Standards;

/// <summary>Chinese phone numbers as people type them (SECURITY.md IN-03).</summary>
public static partial class PhoneNumber
{
    public static string Normalize(string? input)
    {
        if (input is null)
        {
            return "";
        }

        var builder = new StringBuilder(input.Length);
        foreach (var c in CharacterWidth.ToHalfWidth(input))
        {
            if (!char.IsWhiteSpace(c) && c != '-')
            {
                builder.Append(c);
            }
        }

        var phone = builder.ToString();
        foreach (var countryPrefix in (ReadOnlySpan<string>)["+86", "0086"])
        {
            if (phone.StartsWith(countryPrefix, StringComparison.Ordinal))
            {
                return phone[countryPrefix.Length..];
            }
        }
        return phone;
    }

    public static bool IsMobile(string normalized) => MobilePattern().IsMatch(normalized);

    /// <summary>A number a contact person can be reached on: a mobile, or an office line with its area code.</summary>
    public static bool IsContactNumber(string normalized) => IsMobile(normalized) || LandlinePattern().IsMatch(normalized);

    public static string Mask(string? phone)
    {
        var normalized = Normalize(phone);
        if (IsMobile(normalized))
        {
            return string.Concat(normalized.AsSpan(0, 3), "****", normalized.AsSpan(7));
        }

        const int keptHead = 3, keptTail = 2;
        if (normalized.Length <= keptHead + keptTail)
        {
            // Too short to keep both ends without showing the whole number.
            return new string('*', normalized.Length);
        }
        return string.Concat(
            normalized.AsSpan(0, keptHead),
            new string('*', normalized.Length - keptHead - keptTail),
            normalized.AsSpan(normalized.Length - keptTail));
    }

    [GeneratedRegex(@"^1[3-9][0-9]{9}$", RegexOptions.CultureInvariant)]
    private static partial Regex MobilePattern();

    // Normalize has removed the hyphen between area code and number.
    [GeneratedRegex(@"^0[0-9]{2,3}[0-9]{7,8}$", RegexOptions.CultureInvariant)]
    private static partial Regex LandlinePattern();
}
