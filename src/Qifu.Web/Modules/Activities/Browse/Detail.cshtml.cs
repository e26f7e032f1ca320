using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Modules.Activities.Register;
using Qifu.Web.Platform.Regions;
using Microsoft.AspNetCore.OutputCaching;
using Qifu.Web.Platform.Web;

namespace Qifu.Web.Modules.Activities.Browse;

/// <summary>
/// /activities/{id}: the details, seats left and the calendar file for everyone; for a signed-in enterprise the
/// registration form, or its registration with the code, QR, cancel button and (after check-in) the feedback form.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPages.Policy)]
public sealed class DetailModel(PublicActivities activities, RegistrationHandler registrations, TimeProvider clock) : PageModel
{
    public Activity Activity { get; private set; } = null!;
    public ActivityRegistration? Mine { get; private set; }
    public bool ShowQr { get; private set; }
    public bool IsEnterprise => User.IsInRole(Roles.Enterprise);
    public DateTime Now => clock.GetUtcNow().UtcDateTime;
    public bool RegistrationOpen => Activity.Status == ActivityStatus.Published && Now >= Activity.RegistrationOpensAt && Now <= Activity.RegistrationClosesAt;

    [BindProperty] public List<AttendeeInput> Attendees { get; set; } = [new(), new(), new()];
    [BindProperty] public List<string?> Answers { get; set; } = [];
    [BindProperty] public FeedbackInput Feedback { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRegisterAsync(Guid id)
    {
        if (!IsEnterprise) return User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
        if (!await LoadAsync(id)) return NotFound();
        ClearOtherForms(nameof(Attendees), nameof(Answers));
        if (!ModelState.IsValid) return Unprocessable();
        var r = await registrations.RegisterAsync(User, id, new RegistrationInput { Attendees = Attendees, Answers = Answers });
        if (r is null) return NotFound();
        TempData["Flash"] = r.Status switch
        {
            RegistrationStatus.Waitlisted => $"名额已满，已为您登记候补（报名码 {r.Code}）。有名额空出时将按报名先后自动转正并通知您。",
            RegistrationStatus.Pending => $"报名已提交，等待主办方确认（报名码 {r.Code}）。",
            _ => $"报名成功，报名码 {r.Code}。活动当天凭报名码或二维码签到。",
        };
        return Redirect($"/activities/{id}");
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id)
    {
        if (!IsEnterprise) return User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
        if (!await LoadAsync(id) || Mine is null) return NotFound();
        await registrations.CancelAsync(User, Mine.Id);
        TempData["Flash"] = "已取消报名。";
        return Redirect($"/activities/{id}");
    }

    public async Task<IActionResult> OnPostFeedbackAsync(Guid id)
    {
        if (!IsEnterprise) return User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
        if (!await LoadAsync(id) || Mine is null) return NotFound();
        ClearOtherForms(nameof(Feedback));
        if (!ModelState.IsValid) return Unprocessable();
        await registrations.FeedbackAsync(User, Mine.Id, Feedback);
        TempData["Flash"] = "感谢您的评价。";
        return Redirect($"/activities/{id}");
    }

    private IActionResult Unprocessable()
    {
        Response.StatusCode = 422;
        return Page();
    }

    private void ClearOtherForms(params string[] keep)
    {
        foreach (var key in ModelState.Keys.Where(k => !keep.Any(p => k.StartsWith(p, StringComparison.Ordinal))).ToList()) ModelState.Remove(key);
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await activities.FindAsync(id) is not { } a) return false;
        Activity = a;
        if (IsEnterprise)
        {
            Mine = await registrations.Own(User).AsNoTracking().Where(r => r.ActivityId == id).OrderByDescending(r => r.Id).FirstOrDefaultAsync();
            if (Mine is { Status: RegistrationStatus.Registered or RegistrationStatus.Pending })
                ShowQr = true;
        }
        if (Answers.Count < a.QuestionList.Count) Answers.AddRange(Enumerable.Repeat<string?>(null, a.QuestionList.Count - Answers.Count));
        return true;
    }
}
