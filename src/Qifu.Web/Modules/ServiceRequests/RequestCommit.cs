using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Search;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Files;

namespace Qifu.Web.Modules.ServiceRequests;

/// <summary>
/// A change to an item's counters (申请数, 办结数, 评价数, 评分合计), applied as an increment in SQL so that two enterprises
/// requesting the same item at the same moment both count (a read-modify-write of the tracked item would lose one).
/// </summary>
public sealed record ItemCounts(Guid ItemId, int Requests = 0, int Completed = 0, int Evaluations = 0, int EvaluationTotal = 0)
{
    /// <summary>Requests and ratings feed the catalogue's popularity and rating sort, so the search index hears of them.</summary>
    public bool AffectsSearch => Requests != 0 || Evaluations != 0 || EvaluationTotal != 0;

    public Task ApplyAsync(AppDbContext db) =>
        db.ServiceItems.Where(i => i.Id == ItemId).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.RequestCount, i => i.RequestCount + Requests)
            .SetProperty(i => i.CompletedCount, i => i.CompletedCount + Completed)
            .SetProperty(i => i.EvaluationCount, i => i.EvaluationCount + Evaluations)
            .SetProperty(i => i.EvaluationTotal, i => i.EvaluationTotal + EvaluationTotal));
}

/// <summary>
/// Saves one step of a request — the change, its timeline entry, files, inbox messages, audit entry, consent, the item's
/// counters and the search change-log row — all or nothing (SECURITY.md BL-03). Files already written are deleted
/// again when the save fails.
/// </summary>
public static class RequestCommit
{
    public static async Task SaveAsync(AppDbContext db, FileStore store, IReadOnlyCollection<StoredFile> newFiles, ItemCounts? counts, DateTime now)
    {
        try
        {
            if (counts is null)
            {
                await db.SaveChangesAsync();
                return;
            }
            if (counts.AffectsSearch) SearchLog.Changed(db, "item", counts.ItemId, now);
            // Inside the provider's retrying strategy; changes are accepted only after the commit, so a retry saves them again.
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync();
                await db.SaveChangesAsync(acceptAllChangesOnSuccess: false);
                await counts.ApplyAsync(db);
                await tx.CommitAsync();
            });
            db.ChangeTracker.AcceptAllChanges();
        }
        catch
        {
            store.Discard(newFiles);
            throw;
        }
    }
}
