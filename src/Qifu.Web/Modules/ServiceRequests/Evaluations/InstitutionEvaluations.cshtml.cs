using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.ServiceRequests.Evaluations;

/// <summary>The institution's evaluations: one public reply each, and one appeal each to the city operator.</summary>
[Authorize(Policy = Permissions.ActAsInstitution)]
public sealed class InstitutionEvaluationsModel(EvaluationQueries queries, EvaluationActions actions) : RowFormsPage
{
    [BindProperty(SupportsGet = true)] public EvaluationFilter Filter { get; set; } = new();
    public Paged<EvaluationRow> Result { get; private set; } = new([], 0, 1, 20);

    public async Task OnGetAsync() => await LoadAsync();

    public Task<IActionResult> OnPostReplyAsync(Guid id, string? reply) =>
        RowActAsync(id, LoadAsync, async () => await actions.ReplyAsync(id, reply, User), "回复已公开", Back);

    public Task<IActionResult> OnPostAppealAsync(Guid id, string? reason) =>
        RowActAsync(id, LoadAsync, async () => await actions.AppealAsync(id, reason, User), "申诉已提交，由市级运营裁定", Back);

    private const string Back = "/institution/evaluations";

    private async Task LoadAsync() => Result = await queries.ListAsync(User, Filter);
}
