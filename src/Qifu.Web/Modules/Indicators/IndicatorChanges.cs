using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.Content.Data;
using Qifu.Web.Modules.Indicators.Data;
using Qifu.Web.Modules.LoanRenewal.Data;
using Qifu.Web.Modules.Needs.Data;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Modules.Surveys.Data;
using Qifu.Web.Platform.Database;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Modules.Institutions.Data;

namespace Qifu.Web.Modules.Indicators;

/// <summary>
/// The indicator change log (decision 0023): what the facts were read against, and how a unit of work says it changed them.
/// A SaveChanges that adds, edits or deletes a record of a type <see cref="IndicatorFactsReader"/> reads gets a log row in the same
/// transaction (<see cref="IndicatorChangeInterceptor"/>); a write that bypasses the change tracker (bulk insert, ExecuteUpdate)
/// calls <see cref="Note"/> before its SaveChanges.
/// </summary>
public static class IndicatorChanges
{
    /// <summary>The record types the facts are read from; a new series must add its type here.</summary>
    public static readonly HashSet<Type> Counted =
    [
        typeof(Institution), typeof(ServiceItem), typeof(Enterprise), typeof(Activity), typeof(ActivityRegistration),
        typeof(Evaluation), typeof(Article), typeof(ServiceRequest), typeof(Need), typeof(RenewalCase), typeof(SurveyBatch),
        typeof(SurveyResponse),
    ];

    /// <summary>How long log rows are kept: far longer than any check interval, so a late commit is still counted.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromMinutes(10);

    /// <summary>Adds a log row to this unit of work (once), for changes the change tracker does not see.</summary>
    public static void Note(DbContext db, DateTime nowUtc)
    {
        if (!db.ChangeTracker.Entries<IndicatorChange>().Any(e => e.State == EntityState.Added))
            db.Add(new IndicatorChange { At = nowUtc });
    }

    /// <summary>The log's state: its row count and newest id (a commit that took an older id still changes the count).</summary>
    public static async Task<(long Count, long Newest)> StampAsync(AppDbContext db, CancellationToken ct)
    {
        var log = db.Set<IndicatorChange>().AsNoTracking();
        return (await log.LongCountAsync(ct), await log.MaxAsync(c => (long?)c.Id, ct) ?? 0);
    }

    /// <summary>Deletes rows older than <see cref="Kept"/> (before the stamp of a full read is taken).</summary>
    public static Task<int> PruneAsync(AppDbContext db, DateTime nowUtc, CancellationToken ct)
    {
        var before = nowUtc - Kept;
        return db.Set<IndicatorChange>().Where(c => c.At < before).ExecuteDeleteAsync(ct);
    }
}

/// <summary>Adds the indicator change-log row to every SaveChanges that touches a counted record type.</summary>
internal sealed class IndicatorChangeInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken ct = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Note(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries())
            if ((entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) && IndicatorChanges.Counted.Contains(entry.Metadata.ClrType))
            {
                IndicatorChanges.Note(context, clock.GetUtcNow().UtcDateTime);
                return;
            }
    }
}
