using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Content.Data;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Content.MatchPolicies;

/// <summary>One published policy's applicability, compact: what matching needs and nothing else.</summary>
public sealed record PolicyEntry(
    Guid Id, string Title, DateTime PublishAt, PolicyLevel Level, string Issuer, string Theme, string SupportType,
    /// <summary>Bit per SizeClass value; 0 = any size.</summary>
    int SizeMask, string[] Sections, string[] Regions, string[] Qualifications, string[] OtherConditions,
    PolicyValidity Validity, DateOnly? ValidFrom, DateOnly? ValidUntil, DateOnly? ApplyFrom, DateOnly? ApplyUntil, bool ApplicabilityUnknown = false)
{
    /// <summary>现行有效 on that China day: not repealed, and within its validity dates.</summary>
    public bool IsInForceOn(DateOnly day) => PolicyTerms.ValidityOn(Validity, ValidFrom, ValidUntil, day) == PolicyValidity.Current;

    public bool WindowOpenOn(DateOnly day) => (ApplyFrom is null || ApplyFrom <= day) && (ApplyUntil is null || ApplyUntil >= day);
}

/// <summary>
/// Every published, unrepealed policy whose applicability was entered, in memory (a singleton), so matching one enterprise is a loop over an array rather
/// than a query (docs/decisions/0009-content.md). A change on this node drops the copy at once (<see cref="Invalidate"/>);
/// other web nodes reload it after <see cref="MaxAge"/>. Scheduled policies are held too and filtered by publish time when
/// matching, so a policy appears the moment its time comes.
/// </summary>
public sealed class PolicyCatalogue(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(2);
    private volatile Snapshot? _current;
    private readonly SemaphoreSlim _loading = new(1, 1);

    private sealed record Snapshot(PolicyEntry[] Entries, DateTime LoadedAt);

    public void Invalidate() => _current = null;

    public async Task<PolicyEntry[]> EntriesAsync(AppDbContext db, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var snap = _current;
        if (snap is not null && now - snap.LoadedAt < MaxAge && now >= snap.LoadedAt) return snap.Entries;
        await _loading.WaitAsync(ct);
        try
        {
            snap = _current;
            if (snap is not null && now - snap.LoadedAt < MaxAge && now >= snap.LoadedAt) return snap.Entries;
            var entries = await LoadAsync(db, ct);
            _current = new Snapshot(entries, now);
            return entries;
        }
        finally { _loading.Release(); }
    }

    private static async Task<PolicyEntry[]> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var rows = await db.Articles.AsNoTracking()
            .Where(a => a.Kind == ArticleKind.Policy && a.Status == ArticleStatus.Published && a.Policy != null && a.Policy.Validity == PolicyValidity.Current
                && !a.Policy.ApplicabilityUnknown)
            .Select(a => new { a.Id, a.Title, a.PublishAt, a.Policy })
            .ToListAsync(ct);
        return rows.Select(r => Entry(r.Id, r.Title, r.PublishAt!.Value, r.Policy!)).ToArray();
    }

    public static PolicyEntry Entry(Guid id, string title, DateTime publishAt, PolicyDetails p) => new(
        id, title, publishAt, p.Level, p.Issuer, p.Theme, p.SupportType,
        PolicyDetails.Codes(p.SizeClasses).Select(s => Enum.TryParse<SizeClass>(s, out var c) ? 1 << (int)c : 0).Aggregate(0, (m, b) => m | b),
        PolicyDetails.Codes(p.IndustrySections).ToArray(), PolicyDetails.Codes(p.Regions).ToArray(), PolicyDetails.Codes(p.Qualifications).ToArray(),
        p.OtherConditions.Split(['\n', '；', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        p.Validity, p.ValidFrom, p.ValidUntil, p.ApplyFrom, p.ApplyUntil, p.ApplicabilityUnknown);
}
