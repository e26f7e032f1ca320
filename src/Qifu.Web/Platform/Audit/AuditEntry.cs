namespace Qifu.Web.Platform.Audit;

/// <summary>One append-only record of a state change or an export: who, when, from where, before → after.</summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public DateTime At { get; init; }
    public Guid? ActorId { get; init; }
    public required string ActorName { get; init; }
    public string? Ip { get; init; }
    public required string Action { get; init; }
    public required string EntityType { get; init; }
    public string? EntityId { get; init; }
    public string? RegionCode { get; init; }
    public string? Before { get; init; }
    public string? After { get; init; }
    public string? Comment { get; init; }
}
