using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Activities.Register;

/// <summary>
/// The short code (报名码) and the signed token inside the QR code. The code is 8 characters from an alphabet without
/// 0/O, 1/I/L, so it can be read aloud and typed; the token carries the registration id and code, protected by ASP.NET
/// Core Data Protection (keys in the database, shared by every node), so a forged or altered QR is refused.
/// </summary>
public sealed class RegistrationCodes(IDataProtectionProvider protection)
{
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int Length = 8;
    private readonly IDataProtector _protector = protection.CreateProtector("Qifu.Activities.CheckIn.v1");

    public static string NewCode() => string.Create(Length, 0, (span, _) =>
    {
        for (var i = 0; i < span.Length; i++) span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
    });

    /// <summary>What staff type: trimmed, half-width, upper case, spaces and dashes dropped.</summary>
    public static string Normalize(string? typed) =>
        new(CharacterWidth.ToHalfWidth(typed ?? "").ToUpperInvariant().Where(c => c is not (' ' or '-')).ToArray());

    public static bool LooksLikeCode(string normalized) => normalized.Length is >= 6 and <= Length && normalized.All(c => Alphabet.Contains(c));

    public string Token(long registrationId, string code) => _protector.Protect($"{registrationId}:{code}");

    /// <summary>The registration a token names, or null when its signature does not verify.</summary>
    public (long Id, string Code)? Read(string token)
    {
        try
        {
            var parts = _protector.Unprotect(token.Trim()).Split(':');
            return parts.Length == 2 && long.TryParse(parts[0], out var id) ? (id, parts[1]) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static string QrSvg(string text)
    {
        using var generator = new QRCoder.QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCoder.QRCodeGenerator.ECCLevel.M);
        return new QRCoder.SvgQRCode(data).GetGraphic(4);
    }
}
