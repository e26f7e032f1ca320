using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Activities.Browse;

public sealed record ActivityFilter
{
    /// <summary>An <see cref="ActivityType"/> name.</summary>
    public string? Type { get; init; }
    public string? Region { get; init; }
    /// <summary>upcoming (default) or past.</summary>
    public string? When { get; init; }
    public bool? PublicInterest { get; init; }
    public int? Page { get; init; }
    public int? PageSize { get; init; }
}

public sealed record ActivityRow(Guid Id, string Title, ActivityType Type, string TypeLabel, string OrganiserName, string RegionCode, string RegionName,
    DateTime StartsAt, DateTime EndsAt, string Schedule, string Where, bool IsPublicInterest, ActivityStatus Status, string StatusLabel, int SeatsLeft,
    string Url);

/// <summary>The public list and detail (published, finished and cancelled activities), filters kept in the URL.</summary>
public sealed class PublicActivities(ActivityAccess access, TimeProvider clock)
{
    public async Task<Paged<ActivityRow>> ListAsync(ActivityFilter f)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var q = access.Public().AsNoTracking();
        if (Enum.TryParse<ActivityType>(f.Type, out var type)) q = q.Where(a => a.Type == type);
        // A city-wide activity is open to every county, so filtering by a county finds it too.
        if (RegionCodes.Exists(f.Region)) q = q.Where(a => a.RegionCode == f.Region || a.RegionCode == RegionCodes.City);
        if (f.PublicInterest == true) q = q.Where(a => a.IsPublicInterest);
        var past = f.When == "past";
        q = past
            ? q.Where(a => a.EndsAt < now && a.Status != ActivityStatus.Cancelled).OrderByDescending(a => a.StartsAt).ThenBy(a => a.Id)
            : q.Where(a => a.EndsAt >= now).OrderBy(a => a.StartsAt).ThenBy(a => a.Id);
        return await Paged<ActivityRow>.OfAsync(q, f.Page, f.PageSize, Row);
    }

    public Task<Activity?> FindAsync(Guid id) => access.Public().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id);

    public static ActivityRow Row(Activity a) => new(a.Id, a.Title, a.Type, ActivityLabels.Label(a.Type), a.OrganiserName, a.RegionCode,
        RegionCodes.NameOf(a.RegionCode), a.StartsAt, a.EndsAt, ActivityLabels.Schedule(a.StartsAt, a.EndsAt), a.Venue ?? "线上活动", a.IsPublicInterest,
        a.Status, ActivityLabels.Label(a.Status), a.SeatsLeft, $"/activities/{a.Id}");

    /// <summary>The public detail as the API answers it (no personal data).</summary>
    public static object View(Activity a, DateTime now) => new
    {
        a.Id, Type = a.Type.ToString(), TypeLabel = ActivityLabels.Label(a.Type), a.Title, a.Description, a.OrganiserName, a.RegionCode,
        RegionName = RegionCodes.NameOf(a.RegionCode), a.StartsAt, a.EndsAt, a.Venue, a.OnlineLink, a.Capacity, a.Reserved, a.SeatsLeft,
        a.RegistrationOpensAt, a.RegistrationClosesAt, RegistrationOpen = a.Status == ActivityStatus.Published && now >= a.RegistrationOpensAt && now <= a.RegistrationClosesAt,
        Questions = a.QuestionList, a.RequiresApproval, a.IsPublicInterest, Status = a.Status.ToString(), StatusLabel = ActivityLabels.Label(a.Status),
        a.CancelReason, Calendar = $"/activities/{a.Id}/calendar.ics",
    };
}
