using Microsoft.EntityFrameworkCore;

namespace Qifu.Web.Platform.Database;

public static class UnitOfWork
{
    /// <summary>
    /// Runs work that saves more than once (Identity's user store saves on its own) in one transaction,
    /// inside the provider's retrying execution strategy: all of it lands, or none.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this AppDbContext db, Func<Task<T>> work) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var result = await work();
            await tx.CommitAsync();
            return result;
        });
}
