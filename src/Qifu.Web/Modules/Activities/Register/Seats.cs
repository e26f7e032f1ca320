using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Platform.Database;

namespace Qifu.Web.Modules.Activities.Register;

/// <summary>
/// The seat counter (SECURITY.md BL-04). Taking seats is one conditional UPDATE: it succeeds only while the counter plus
/// the seats asked for fits in capacity minus reserved places, and the database decides that under its row (PostgreSQL)
/// or write (SQLite) lock. Callers run it inside the transaction that also writes the registration.
/// </summary>
public static class Seats
{
    public static async Task<bool> TryTakeAsync(AppDbContext db, Guid activityId, int seats) =>
        await db.Activities
            .Where(a => a.Id == activityId && a.Status == ActivityStatus.Published && a.Taken + seats <= a.Capacity - a.Reserved)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Taken, a => a.Taken + seats)) == 1;

    public static Task ReleaseAsync(AppDbContext db, Guid activityId, int seats) =>
        db.Activities.Where(a => a.Id == activityId && a.Taken >= seats)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Taken, a => a.Taken - seats));
}
