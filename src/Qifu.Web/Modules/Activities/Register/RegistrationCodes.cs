using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Activities.Register;

/// <summary>
/// The short code (报名码) and the signed token inside the QR code. The code is 8 characters from an alphabet without the
/// characters that are misread for one another (0/O, 1/I/L, 2/Z, 5/S, 8/B; decision 0025), so it can be read aloud and typed;
/// the token carries the registration id and code, protected by ASP.NET Core Data Protection (keys in the database, shared by
/// every node), so a forged or altered QR is refused.
/// </summary>
public class RegistrationCodes(IDataProtectionProvider protection)
{
    public const string Alphabet = "ACDEFGHJKMNPQRTUVWXY34679";
    public const int Length = 8;
    /// <summary>Codes issued before decision 0025 also used B, S, Z, 2, 5 and 8: typed codes are recognised in this wider set.</summary>
    private const string Issued = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    /// <summary>Tries before a clash of codes is given up (25⁸ ≈ 1.5 × 10¹¹ codes: a second clash in a row does not happen).</summary>
    public const int MaxAttempts = 5;
    private readonly IDataProtector _protector = protection.CreateProtector("Qifu.Activities.CheckIn.v1");

    public static string RandomCode() => string.Create(Length, 0, (span, _) =>
    {
        for (var i = 0; i < span.Length; i++) span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
    });

    /// <summary>A new code for a registration (virtual: a test replays a code already taken).</summary>
    public virtual string NewCode() => RandomCode();

    /// <summary>
    /// Saves a new registration under a fresh code: <paramref name="save"/> gets the code and writes. Codes are unique through the
    /// database's unique index; when it refuses because the code is already taken, the whole write runs again with another code.
    /// Any other refusal (the enterprise's own duplicate registration) is left to the caller.
    /// </summary>
    public async Task<T> SaveWithNewCodeAsync<T>(AppDbContext db, Func<string, Task<T>> save)
    {
        for (var attempt = 1; ; attempt++)
        {
            var code = NewCode();
            try
            {
                return await save(code);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                db.ChangeTracker.Clear();
                if (!await db.ActivityRegistrations.AnyAsync(r => r.Code == code)) throw;
            }
        }
    }

    /// <summary>What staff type: trimmed, half-width, upper case, spaces and dashes dropped.</summary>
    public static string Normalize(string? typed) =>
        new(CharacterWidth.ToHalfWidth(typed ?? "").ToUpperInvariant().Where(c => c is not (' ' or '-')).ToArray());

    public static bool LooksLikeCode(string normalized) => normalized.Length is >= 6 and <= Length && normalized.All(c => Issued.Contains(c));

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
