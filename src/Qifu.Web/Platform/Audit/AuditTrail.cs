using System.Security.Claims;
using System.Text.Json;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Qifu.Web.Platform.Database;

namespace Qifu.Web.Platform.Audit;

/// <summary>
/// Adds audit entries to the current unit of work, so they are saved in the same transaction
/// as the change they describe (and vanish with it if that change fails).
/// </summary>
public sealed class AuditTrail(AppDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static string Snapshot(object? value) => value is null ? "" : JsonSerializer.Serialize(value, Json);

    public void Record(string action, string entityType, object? entityId, string? regionCode,
        object? before = null, object? after = null, string? comment = null, string? actorName = null)
    {
        var context = http.HttpContext;
        var user = context?.User;
        // A newcomer registering is not signed in yet: the caller names them (e.g. the contact person).
        var name = actorName ?? user?.FindFirstValue("qifu:name") ?? user?.Identity?.Name ?? "系统";
        Guid? actorId = Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            ActorId = actorId,
            ActorName = name,
            Ip = context?.Connection.RemoteIpAddress?.ToString(),
            Action = action,
            EntityType = entityType,
            EntityId = entityId?.ToString(),
            RegionCode = regionCode,
            Before = before is null ? null : Snapshot(before),
            After = after is null ? null : Snapshot(after),
            Comment = comment,
        });
    }
}
