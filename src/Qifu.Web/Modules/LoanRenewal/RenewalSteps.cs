using Qifu.Web.Modules.LoanRenewal.Data;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Notifications;

namespace Qifu.Web.Modules.LoanRenewal;

/// <summary>What one step tells people: the routing-table topic, title and body (no amounts or contract numbers).</summary>
public sealed record RenewalNotice(string Topic, string Title, string Body);

public static class RenewalText
{
    /// <summary>The enterprise, the bank once the case was forwarded to it, and the region whose operator works the case.</summary>
    public static Parties Parties(RenewalCase c) => new(c.EnterpriseId, c.IsForwarded ? c.BankId : null, c.RegionCode);

    /// <summary>/loan-renewals/{id} sends each reader to their own view of the case.</summary>
    public static string Link(RenewalCase c) => $"/loan-renewals/{c.Id}";

    /// <summary>Contract numbers in lists and logs: first two and last four characters (PI-05 style).</summary>
    public static string MaskContract(string? number) => string.IsNullOrEmpty(number) ? ""
        : number.Length <= 6 ? new string('*', number.Length) : number[..2] + new string('*', Math.Min(8, number.Length - 6)) + number[^4..];

    /// <summary>An amount in 元 shown as 万元 (lists show it rounded; the detail shows it in full to those allowed to see it).</summary>
    public static string Wan(long? yuan) => yuan is { } y ? (y / 10000m).ToString("0.##") + " 万元" : "";

    public static string Yuan(long? yuan) => yuan is { } y ? y.ToString("N0") + " 元" : "";

    /// <summary>What the audit log keeps of a case before and after a step: never the amounts, the contract number masked.</summary>
    public static object Snapshot(RenewalCase c) => new
    {
        c.Number, c.EnterpriseName, c.BankName, Contract = MaskContract(c.ContractNumber), Status = c.Status.ToString(), c.StatusNote, c.DueOn,
        c.ReturnCount, c.ShortNotice, NewContract = MaskContract(c.NewContractNumber), c.DueDiligenceOn, c.DisbursedOn,
    };

    public static string Time(DateTime? utc) => utc is { } t ? t.AddHours(8).ToString("yyyy-MM-dd HH:mm") : "";

    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd") ?? "";
}

/// <summary>
/// Carries out one step on a case the caller may change: files are checked and written first, the case's state machine
/// moves (an illegal move throws before anything changed), then the timeline entry with its files, the notices and the
/// audit entry are saved in one SaveChanges — all or nothing.
/// </summary>
public sealed class RenewalSteps(AppDbContext db, RenewalFiles files, Notifier notifier, AuditTrail audit, TimeProvider clock)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<RenewalEvent> TakeAsync(RenewalCase c, string auditAction, Func<DateTime, RenewalEvent> move,
        Func<RenewalCase, IEnumerable<RenewalNotice>> notices, IReadOnlyList<IFormFile>? uploads = null, Guid? uploadedBy = null,
        bool bankFiles = false, Action<RenewalEvent, DateTime>? alsoAdd = null)
    {
        var saved = await files.SaveAsync(uploads, uploadedBy, bankFiles);
        try
        {
            var now = Now;
            var before = RenewalText.Snapshot(c);
            var step = move(now);
            foreach (var f in saved) f.OwnerId = step.Id;
            db.RenewalEvents.Add(step);
            db.Files.AddRange(saved);
            alsoAdd?.Invoke(step, now);
            foreach (var n in notices(c))
                await notifier.NotifyAsync(n.Topic, RenewalText.Parties(c), n.Title, n.Body, RenewalText.Link(c));
            var comment = step.Comment is { Length: > 500 } ? step.Comment[..500] : step.Comment;
            if (saved.Count > 0) comment = (comment is null ? "" : comment + "；") + $"材料 {saved.Count} 个";
            audit.Record(auditAction, LoanRenewalModule.AuditEntityType, c.Id, c.RegionCode, before, RenewalText.Snapshot(c), comment);
            await db.SaveChangesAsync();
            return step;
        }
        catch
        {
            files.Discard(saved);
            throw;
        }
    }
}
