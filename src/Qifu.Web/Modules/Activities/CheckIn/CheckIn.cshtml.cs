using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Modules.Activities.Register;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Activities.CheckIn;

/// <summary>
/// /checkin: today's activities in the staff member's scope, one form per activity for the scanned QR content or the
/// typed code (a handheld scanner types into the field; no JavaScript needed), and a walk-in form.
/// </summary>
[Authorize(Policy = Permissions.CheckInActivities)]
public sealed class CheckInModel(CheckInHandler checkIn) : PageModel
{
    public List<Activity> Today { get; private set; } = [];
    [BindProperty] public CheckInInput Entry { get; set; } = new();
    [BindProperty] public WalkInInput WalkIn { get; set; } = new();
    [BindProperty(SupportsGet = true)] public Guid? ActivityId { get; set; }
    public string? Result { get; private set; }

    public async Task OnGetAsync() => Today = await checkIn.TodayAsync(User);

    public async Task<IActionResult> OnPostAsync()
    {
        Today = await checkIn.TodayAsync(User);
        Only(nameof(Entry));
        if (!ModelState.IsValid || ActivityId is not { } id) return Unprocessable();
        var done = await checkIn.CheckInAsync(User, id, Entry.Code);
        if (done is null) return NotFound();
        Result = done.Message;
        Entry = new();
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostWalkInAsync()
    {
        Today = await checkIn.TodayAsync(User);
        Only(nameof(WalkIn));
        if (!ModelState.IsValid || ActivityId is not { } id) return Unprocessable();
        var done = await checkIn.WalkInAsync(User, id, WalkIn);
        if (done is null) return NotFound();
        Result = done.Message;
        WalkIn = new();
        ModelState.Clear();
        return Page();
    }

    private void Only(string prefix)
    {
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(prefix + ".") && k != nameof(ActivityId)).ToList()) ModelState.Remove(key);
    }

    private IActionResult Unprocessable()
    {
        Response.StatusCode = 422;
        return Page();
    }
}
