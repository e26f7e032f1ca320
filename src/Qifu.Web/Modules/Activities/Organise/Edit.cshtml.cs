using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Activities.Organise;

/// <summary>
/// /manage/activities/new and /manage/activities/{id}: the form, and for an existing activity its actions — publish (or
/// submit for review), approve or reject a proposal, cancel, confirm pending registrations, the registration list and
/// export, and the closing summary with photos.
/// </summary>
[Authorize(Policy = Permissions.ManageActivities)]
public sealed class EditModel(OrganiseHandler organise, TimeProvider clock) : PageModel
{
    [BindProperty] public ActivityInput Input { get; set; } = new() { Capacity = 50 };
    [BindProperty] public ReasonInput Decision { get; set; } = new();
    [BindProperty] public string? Summary { get; set; }
    // Nullable: an empty file input binds to null, and these forms post without files too (publish, cancel, review).
    [BindProperty] public List<IFormFile>? Photos { get; set; }
    [BindProperty] public List<IFormFile>? Documents { get; set; }
    public Activity? Activity { get; private set; }
    public List<ActivityRegistration> Registrations { get; private set; } = [];
    public IReadOnlyList<string> Questions { get; private set; } = [];
    public List<StoredFile> Evidence { get; private set; } = [];
    public bool IsOperator => ActivityAccess.IsOperator(User);
    public DataScope Scope => DataScope.Of(User);
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IActionResult> OnGetAsync(Guid? id)
    {
        if (id is { } existing)
        {
            if (!await LoadAsync(existing)) return NotFound();
            Input = ActivityInput.From(Activity!);
            Summary = Activity!.Summary;
        }
        else
        {
            var start = Now.AddHours(8).Date.AddDays(7).AddHours(9);
            Input = Input with
            {
                StartsAt = start, EndsAt = start.AddHours(3), RegistrationOpensAt = Now.AddHours(8).Date.AddHours(Now.AddHours(8).Hour + 1),
                RegistrationClosesAt = start.AddDays(-1).AddHours(9), IsPublicInterest = true,
            };
        }
        return Page();
    }

    public Task<IActionResult> OnPostAsync(Guid? id) => SaveAsync(id, publish: true);

    public Task<IActionResult> OnPostDraftAsync(Guid? id) => SaveAsync(id, publish: false);

    public Task<IActionResult> OnPostPublishAsync(Guid id) => ActAsync(id, async () =>
    {
        var a = await organise.PublishAsync(User, id);
        return a?.Status == ActivityStatus.Published ? "活动已发布，企业现在可以报名" : "已提交审核，请等待所在区县运营审核";
    });

    public Task<IActionResult> OnPostApproveAsync(Guid id) => ActAsync(id, async () =>
        await organise.ApproveAsync(User, id) is null ? null : "审核通过，活动已发布");

    public Task<IActionResult> OnPostRejectAsync(Guid id) => ActAsync(id, async () =>
        await organise.RejectAsync(User, id, Decision.Reason) is null ? null : "已驳回，机构会收到驳回原因");

    public Task<IActionResult> OnPostCancelAsync(Guid id) => ActAsync(id, async () =>
        await organise.CancelAsync(User, id, Decision.Reason) is null ? null : "活动已取消，已报名企业会收到通知");

    public Task<IActionResult> OnPostApproveRegistrationAsync(Guid id, long registrationId) => ActAsync(id, async () =>
        await organise.DecideRegistrationAsync(User, id, registrationId, true, null) is null ? null : "已确认该报名");

    public Task<IActionResult> OnPostRejectRegistrationAsync(Guid id, long registrationId) => ActAsync(id, async () =>
        await organise.DecideRegistrationAsync(User, id, registrationId, false, Decision.Reason) is null ? null : "已拒绝该报名，名额已转给候补");

    public Task<IActionResult> OnPostEvidenceAsync(Guid id) => ActAsync(id, async () =>
        await organise.SaveEvidenceAsync(User, id, Summary, Photos ?? [], Documents ?? []) is null ? null : "活动总结和照片已保存");

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<string?>> act)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = ActivityInput.From(Activity!);
        // These forms post no activity fields, and the binder then reads the form without the "Input." prefix: its
        // "required" errors are not about this action. The only other input here is the reason (and the evidence form).
        ModelState.Clear();
        if (Decision.Reason?.Length > 500)
        {
            ModelState.AddModelError("Decision.Reason", "原因不能超过500字");
            Response.StatusCode = 422;
            return Page();
        }
        var flash = await act();
        if (flash is null) return NotFound();
        TempData["Flash"] = flash;
        return Redirect($"/manage/activities/{id}");
    }

    private async Task<IActionResult> SaveAsync(Guid? id, bool publish)
    {
        if (id is { } existing && !await LoadAsync(existing)) return NotFound();
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(nameof(Input) + ".")).ToList()) ModelState.Remove(key);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = 422;
            return Page();
        }
        if (id is { } activityId)
        {
            if (await organise.UpdateAsync(User, activityId, Input) is null) return NotFound();
            if (publish && Activity!.Status == ActivityStatus.Draft) await organise.PublishAsync(User, activityId);
            TempData["Flash"] = "已保存";
            return Redirect($"/manage/activities/{activityId}");
        }
        var a = await organise.CreateAsync(User, Input, publish);
        TempData["Flash"] = a.Status switch
        {
            ActivityStatus.Published => "活动已发布",
            ActivityStatus.PendingReview => "已提交审核，请等待所在区县运营审核",
            _ => "草稿已保存",
        };
        return Redirect($"/manage/activities/{a.Id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        Activity = await organise.FindManagedAsync(User, id);
        if (Activity is null) return false;
        var list = await organise.RegistrationsAsync(User, id);
        (Registrations, Questions) = (list?.Items ?? [], list?.Questions ?? []);
        Evidence = await organise.EvidenceAsync(id);
        return true;
    }
}
