using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.ServiceRequests;
using Qifu.Web.Modules.Surveys.Answer;
using Qifu.Web.Modules.Surveys.Data;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Surveys;

/// <summary>
/// The survey cards of 我的工作台: enterprise — open questionnaires not yet answered (with the nearest closing time);
/// operators — batches in progress that they may read.
/// </summary>
public sealed class SurveyWorkbench(SurveyAccess access, AnswerHandler answers, TimeProvider clock)
{
    public async Task<IReadOnlyList<WorkbenchCard>> ForAsync(ClaimsPrincipal user)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (user.IsInRole(Roles.Enterprise))
        {
            var open = (await answers.OpenForMeAsync(user)).Where(m => m.Response is null).ToList();
            var note = open.Count > 0 ? $"最近截止 {SurveyLabels.Time(open.Min(m => m.Batch.ClosesAt))}" : null;
            return [new("份需求摸排问卷待填写", open.Count, "/enterprise/surveys", note)];
        }
        if (SurveyAccess.IsOperator(user))
            return [new("个需求摸排批次进行中", await access.VisibleBatches(user).CountAsync(b => b.Status == BatchStatus.Open && b.ClosesAt > now), "/manage/surveys")];
        return [];
    }
}
