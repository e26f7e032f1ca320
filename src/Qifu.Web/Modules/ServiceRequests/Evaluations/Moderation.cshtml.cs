using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.ServiceRequests.Evaluations;

/// <summary>评价内容审核: comments wait here until an operator of the enterprise's region publishes or hides them.</summary>
[Authorize(Policy = Permissions.ModerateEvaluations)]
public sealed class ModerationModel(EvaluationQueries queries, EvaluationActions actions) : RowFormsPage
{
    [BindProperty(SupportsGet = true)] public EvaluationFilter Filter { get; set; } = new();
    public Paged<EvaluationRow> Result { get; private set; } = new([], 0, 1, 20);
    public DataScope Scope { get; private set; } = new(false, null);

    public async Task OnGetAsync() => await LoadAsync();

    public Task<IActionResult> OnPostAsync(Guid id, bool publish, string? reason) =>
        RowActAsync(id, LoadAsync, async () => await actions.ModerateAsync(id, publish, reason, User),
            publish ? "评价内容已公开" : "评价内容已屏蔽，作者将看到屏蔽原因", "/review/evaluations");

    private async Task LoadAsync()
    {
        if (!Request.Query.ContainsKey(nameof(Filter.Moderation))) Filter = Filter with { Moderation = ModerationStatus.Pending };
        Scope = DataScope.Of(User);
        Result = await queries.ListAsync(User, Filter);
    }
}
