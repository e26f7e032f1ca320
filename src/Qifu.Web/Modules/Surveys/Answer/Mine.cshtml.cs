using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Surveys.Answer;

/// <summary>/enterprise/surveys: questionnaires open for this enterprise, and the ones it answered.</summary>
[Authorize(Policy = Permissions.ActAsEnterprise)]
public sealed class MineModel(AnswerHandler answers, TimeProvider clock) : PageModel
{
    public List<MyBatch> Open { get; private set; } = [];
    public List<MyBatch> Answered { get; private set; } = [];
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task OnGetAsync()
    {
        Open = await answers.OpenForMeAsync(User);
        Answered = (await answers.AnsweredAsync(User)).Where(a => Open.All(o => o.Batch.Id != a.Batch.Id)).ToList();
    }
}
