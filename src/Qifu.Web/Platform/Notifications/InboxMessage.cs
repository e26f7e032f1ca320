namespace Qifu.Web.Platform.Notifications;

/// <summary>A message in a user's in-app inbox (站内信).</summary>
public sealed class InboxMessage
{
    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public required string Title { get; init; }
    public string Body { get; init; } = "";
    /// <summary>A local path to the record the message is about.</summary>
    public string? Link { get; init; }
    /// <summary>The event that caused it, e.g. request.accept; used by the routing table and by tests.</summary>
    public required string Topic { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? ReadAt { get; set; }
}
