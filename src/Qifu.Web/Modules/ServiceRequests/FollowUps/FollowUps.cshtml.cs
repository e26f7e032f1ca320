using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Modules.ServiceRequests.Evaluations;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.ServiceRequests.FollowUps;

/// <summary>差评回访 tasks of the operator's region (the city: all), open ones by due date with the countdown in words.</summary>
[Authorize(Policy = Permissions.FollowUpEvaluations)]
public sealed class FollowUpsModel(FollowUpHandler handler, TimeProvider clock) : RowFormsPage
{
    [BindProperty(SupportsGet = true)] public FollowUpFilter Filter { get; set; } = new();
    public Paged<FollowUpView> Result { get; private set; } = new([], 0, 1, 20);
    public DataScope Scope { get; private set; } = new(false, null);
    /// <summary>Now in Hengyang's time, as a datetime-local value (the default call-back time).</summary>
    public string NowLocal => clock.GetUtcNow().UtcDateTime.AddHours(8).ToString("yyyy-MM-ddTHH:mm");

    public async Task OnGetAsync() => await LoadAsync();

    /// <param name="calledAt">Hengyang local time from a datetime-local field.</param>
    public Task<IActionResult> OnPostAsync(Guid id, string? calledAt, string? note, string? outcome) =>
        RowActAsync(id, LoadAsync, async () =>
        {
            if (!DateTime.TryParse(calledAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                throw new RuleViolationException("CALLBACK_TIME_REQUIRED", "请填写回访时间", "calledBackAt", 400);
            var at = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeSpan.FromHours(8));
            return await handler.RecordCallbackAsync(id, new CallbackInput { CalledBackAt = at, CallbackNote = note, Outcome = outcome }, User);
        }, "回访记录已保存", "/review/follow-ups");

    private async Task LoadAsync()
    {
        if (!Request.Query.ContainsKey(nameof(Filter.Status))) Filter = Filter with { Status = FollowUpStatus.Open };
        Scope = DataScope.Of(User);
        Result = await handler.ListAsync(User, Filter);
    }
}
