using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Qifu.Web.Platform.Database;

/// <summary>
/// Acts once a unit of work has committed: after SaveChanges when no transaction is open, else when the transaction commits — and
/// also at each SaveChanges inside it, so whatever a cache filled while the transaction was open is not kept either. A subclass
/// says what a unit of work changed that matters to it (<see cref="Collect"/>) and what to do then (<see cref="Committed"/>).
/// </summary>
public abstract class AfterCommitInterceptor<TPending> : SaveChangesInterceptor, IDbTransactionInterceptor where TPending : class
{
    private readonly ConditionalWeakTable<DbContext, TPending> _pending = new();

    /// <summary>Looks at the changes about to be saved; returns what is pending for this context (null: nothing matters).</summary>
    protected abstract TPending? Collect(DbContext context, TPending? pending);

    protected abstract void Committed(TPending pending);

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

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Commit(eventData.Context);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Commit(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is null) return;
        var existing = _pending.TryGetValue(context, out var p) ? p : null;
        if (Collect(context, existing) is { } pending) _pending.AddOrUpdate(context, pending);
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending)) return;
        Committed(pending);
        if (context.Database.CurrentTransaction is null) _pending.Remove(context);
    }

    private void Commit(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending)) return;
        _pending.Remove(context);
        Committed(pending);
    }
}
