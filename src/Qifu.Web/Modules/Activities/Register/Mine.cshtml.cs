using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Activities.Register;

public sealed record MyRegistrationRow(long Id, Guid ActivityId, string Title, DateTime StartsAt, DateTime EndsAt, RegistrationStatus Status, string Code,
    DateTime? CheckedInAt, Satisfaction? Feedback);

/// <summary>/enterprise/activities: the enterprise's registrations, newest activity first.</summary>
[Authorize(Policy = Permissions.ActAsEnterprise)]
public sealed class MineModel(RegistrationHandler registrations, AppDbContext db) : PageModel
{
    public List<MyRegistrationRow> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var rows = await registrations.Own(User).AsNoTracking()
            .Join(db.Activities, r => r.ActivityId, a => a.Id, (r, a) => new { r.Id, ActivityId = a.Id, a.Title, a.StartsAt, a.EndsAt, r.Status, r.Code, r.CheckedInAt, r.Feedback })
            .OrderByDescending(x => x.StartsAt).Take(200).ToListAsync();
        Rows = rows.Select(x => new MyRegistrationRow(x.Id, x.ActivityId, x.Title, x.StartsAt, x.EndsAt, x.Status, x.Code, x.CheckedInAt, x.Feedback)).ToList();
    }
}
