using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.ServiceRequests.Evaluations;

/// <summary>评价申诉裁定 (city operators): an upheld appeal takes the rating out of the item's figures; the record stays.</summary>
[Authorize(Policy = Permissions.DecideAppeals)]
public sealed class AppealsModel(EvaluationQueries queries, EvaluationActions actions) : RowFormsPage
{
    [BindProperty(SupportsGet = true)] public EvaluationFilter Filter { get; set; } = new();
    public Paged<EvaluationRow> Result { get; private set; } = new([], 0, 1, 20);

    public async Task OnGetAsync() => await LoadAsync();

    public Task<IActionResult> OnPostAsync(Guid id, bool? uphold, string? decision) =>
        RowActAsync(id, LoadAsync, async () =>
            {
                if (uphold is null) throw new Platform.Errors.RuleViolationException("DECISION_REQUIRED", "请选择申诉成立或不成立", "uphold", 400);
                return await actions.DecideAppealAsync(id, uphold.Value, decision, User);
            },
            uphold == true ? "已裁定申诉成立，该评价不再计入评分" : "已裁定申诉不成立", "/review/appeals");

    private async Task LoadAsync()
    {
        if (!Request.Query.ContainsKey(nameof(Filter.Appeal))) Filter = Filter with { Appeal = AppealStatus.Pending };
        Result = await queries.ListAsync(User, Filter);
    }
}
