using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Needs.Data;
using Qifu.Web.Modules.Surveys.ReadResults;
using Qifu.Web.Platform.Database;

namespace Qifu.Web.Modules.Needs.FromSurveys;

public sealed record SurveyNeedInput
{
    [Required(ErrorMessage = "请选择服务类别")]
    public string CategoryCode { get; init; } = "";
    [Required(ErrorMessage = "请填写需求标题")]
    [StringLength(100, MinimumLength = 4, ErrorMessage = "需求标题应为4至100字")]
    public string Title { get; init; } = "";
    [Required(ErrorMessage = "请填写需求描述")]
    [StringLength(2000, MinimumLength = 10, ErrorMessage = "需求描述应为10至2000字")]
    public string Description { get; init; } = "";
}

/// <summary>What an operator sees before turning a survey response into a need: the response, a draft, and the needs made from it.</summary>
public sealed record SurveyNeedDraft(Guid ResponseId, string EnterpriseName, string BatchTitle, string Answers, SurveyNeedInput Input,
    IReadOnlyList<(Guid Id, string Title, NeedStatus Status)> Made);

/// <summary>
/// 需求摸排 → 企业需求 in one action (issue 5): an operator who may read a response (its batch visible, its region in scope) turns
/// it into a need on the enterprise's behalf. The need carries the answers as its source text and the response's id, and goes to
/// moderation like any other; one response may give several needs (one per problem it names).
/// </summary>
public sealed class SurveyNeeds(AppDbContext db, SurveyResults results, NeedHandler needs)
{
    public async Task<SurveyNeedDraft?> DraftAsync(ClaimsPrincipal user, Guid responseId)
    {
        if (await results.ResponseAsync(user, responseId) is not { } found) return null;
        var (response, batch, questionnaire) = found;
        var answers = SurveyResponseText.Describe(response, questionnaire.Definition());
        var title = $"{response.EnterpriseName}：{batch.Title}反映的需求";
        var made = (await db.Needs.AsNoTracking().Where(n => n.SourceId == responseId).OrderBy(n => n.CreatedAt)
            .Select(n => new { n.Id, n.Title, n.Status }).ToListAsync()).Select(n => (n.Id, n.Title, n.Status)).ToList();
        var input = new SurveyNeedInput
        {
            CategoryCode = "consulting", Title = title.Length > 100 ? title[..100] : title,
            Description = answers.Length > 2000 ? answers[..2000] : answers.Length < 10 ? answers.PadRight(10, '。') : answers,
        };
        return new SurveyNeedDraft(responseId, response.EnterpriseName, batch.Title, answers, input, made);
    }

    public async Task<Need?> CreateAsync(ClaimsPrincipal user, Guid responseId, SurveyNeedInput input)
    {
        if (await results.ResponseAsync(user, responseId) is not { } found) return null;
        var (response, batch, questionnaire) = found;
        var answers = $"{batch.Title}\n{SurveyResponseText.Describe(response, questionnaire.Definition())}";
        return await needs.CreateFromSurveyAsync(response.EnterpriseId, input.CategoryCode, input.Title, input.Description, response.RegionCode, answers,
            responseId, CurrentUser.Id(user));
    }
}
