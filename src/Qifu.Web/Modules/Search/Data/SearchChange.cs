namespace Qifu.Web.Modules.Search.Data;

/// <summary>
/// The search change log: a module writes one row, in the same transaction as the change, whenever something searchable
/// is published, edited or removed. Every web node follows this log to keep its own index current.
/// </summary>
public sealed class SearchChange
{
    public long Id { get; init; }
    public required string Kind { get; init; }
    public Guid EntityId { get; init; }
    public DateTime At { get; init; }
}
