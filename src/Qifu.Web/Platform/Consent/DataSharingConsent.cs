namespace Qifu.Web.Platform.Consent;

/// <summary>
/// A separate consent (单独同意, PIPL Art. 23 / SECURITY.md PI-04) to hand personal data to another handler: it names
/// the recipient, the purpose and exactly which fields go to it.
/// </summary>
public sealed class DataSharingConsent
{
    public Guid Id { get; init; }
    public Guid EnterpriseId { get; init; }
    public Guid UserId { get; init; }
    /// <summary>institution, bank …</summary>
    public required string RecipientKind { get; init; }
    public Guid RecipientId { get; init; }
    public required string RecipientName { get; init; }
    public required string Purpose { get; init; }
    /// <summary>The fields shared, as shown to the user (、-separated).</summary>
    public required string Fields { get; init; }
    public DateTime GivenAt { get; init; }
    public string? Ip { get; init; }
}
