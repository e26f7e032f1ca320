using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Modules.Surveys.Batches;
using Qifu.Web.Modules.Surveys.Data;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Surveys.ReadResults;

/// <summary>Breakdown filters of the results page and API: one industry section, one size class, one region (city operators).</summary>
public sealed record ResultFilter
{
    public string? Industry { get; init; }
    public SizeClass? Size { get; init; }
    public string? Region { get; init; }
}

public sealed record OptionCount(string Key, string Label, int Count);

public sealed record MatrixRowCounts(string Key, string Label, IReadOnlyList<OptionCount> Columns, int Answered);

public sealed record NumberSummary(int Count, decimal? Min, decimal? Max, decimal? Average, decimal? Sum);

public sealed record QuestionResult(int Number, string SectionTitle, SurveyQuestion Question, int Answered, IReadOnlyList<OptionCount> Options,
    IReadOnlyList<MatrixRowCounts> Matrix, NumberSummary? Numbers, IReadOnlyList<string> SampleTexts, int TextCount);

public sealed record RegionRate(string RegionCode, string Name, int Responses, int Audience);

public sealed record GroupCount(string Key, string Label, int Count);

public sealed record BatchResults(SurveyBatch Batch, Questionnaire Questionnaire, int Responses, string? LimitedTo, ResultFilter Filter,
    IReadOnlyList<QuestionResult> Questions, IReadOnlyList<RegionRate> Regions, IReadOnlyList<GroupCount> ByIndustry, IReadOnlyList<GroupCount> BySize);

public sealed record ResponseRow(Guid Id, string EnterpriseName, string RegionCode, string IndustrySection, SizeClass SizeClass, DateTime SubmittedAt, DateTime UpdatedAt);

public sealed record TextAnswer(Guid ResponseId, string EnterpriseName, string RegionCode, string Text);

/// <summary>
/// Live results, always worked out from the answer rows (no stored tallies): per question the count per option (a
/// multiple-choice answer counts once for each option chosen), matrix counts, number summaries and text answers; the
/// response rate per region; breakdowns by industry section and size class. A county operator only ever sees its own
/// region's responses, including on the city's batches.
/// </summary>
public sealed class SurveyResults(AppDbContext db, SurveyAccess access, BatchHandler batches, AuditTrail audit)
{
    public const int SampleTexts = 5;

    public async Task<BatchResults?> ForAsync(ClaimsPrincipal user, Guid batchId, ResultFilter filter)
    {
        var batch = await access.VisibleBatches(user).AsNoTracking().FirstOrDefaultAsync(b => b.Id == batchId);
        if (batch is null) return null;
        var questionnaire = await db.Questionnaires.AsNoTracking().FirstAsync(q => q.Id == batch.QuestionnaireId);
        var definition = questionnaire.Definition();
        var limited = SurveyAccess.ResultRegion(user);
        var region = limited ?? (RegionCodes.Exists(filter.Region) && filter.Region != RegionCodes.City ? filter.Region : null);
        filter = filter with { Region = region, Industry = Industries.FindSection(filter.Industry)?.Code };

        var responses = Responses(batchId, region, filter);
        var total = await responses.CountAsync();
        var answers = Answers(batchId, region, filter);
        var counts = await answers.Where(a => a.OptionKey != null)
            .GroupBy(a => new { a.QuestionKey, a.RowKey, a.OptionKey })
            .Select(g => new { g.Key.QuestionKey, g.Key.RowKey, g.Key.OptionKey, Count = g.Count() }).ToListAsync();
        var answered = await answers.GroupBy(a => a.QuestionKey)
            .Select(g => new { g.Key, Count = g.Select(a => a.ResponseId).Distinct().Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var numberKeys = definition.Questions.Where(q => q.Type == QuestionType.Number).Select(q => q.Key).ToList();
        // Numbers are summed here, not in SQL: SQLite keeps decimals as text.
        var numbers = (await answers.Where(a => numberKeys.Contains(a.QuestionKey) && a.Number != null).Select(a => new { a.QuestionKey, a.Number }).ToListAsync())
            .GroupBy(a => a.QuestionKey).ToDictionary(g => g.Key, g => g.Select(a => a.Number!.Value).ToList());
        var textKeys = definition.Questions.Where(q => q.IsText).Select(q => q.Key).ToList();
        var texts = await answers.Where(a => textKeys.Contains(a.QuestionKey) && a.Text != null)
            .GroupBy(a => a.QuestionKey).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var samples = new Dictionary<string, List<string>>();
        foreach (var key in textKeys.Where(texts.ContainsKey))
            samples[key] = await answers.Where(a => a.QuestionKey == key && a.Text != null).OrderByDescending(a => a.Id).Take(SampleTexts).Select(a => a.Text!).ToListAsync();

        var results = new List<QuestionResult>();
        var n = 0;
        foreach (var section in definition.Sections)
        foreach (var q in section.Questions)
        {
            n++;
            var mine = counts.Where(c => c.QuestionKey == q.Key).ToList();
            var options = q.IsChoice
                ? q.Options.Select(o => new OptionCount(o.Key, o.Label, mine.Where(c => c.OptionKey == o.Key).Sum(c => c.Count)))
                    .Concat(q.AllowOther ? [new OptionCount(SurveyDefinition.OtherKey, "其他", mine.Where(c => c.OptionKey == SurveyDefinition.OtherKey).Sum(c => c.Count))] : [])
                    .ToList()
                : [];
            var matrix = q.Type == QuestionType.Matrix
                ? q.Rows.Select(r =>
                {
                    var cols = q.Columns.Select(c => new OptionCount(c.Key, c.Label, mine.Where(x => x.RowKey == r.Key && x.OptionKey == c.Key).Sum(x => x.Count))).ToList();
                    return new MatrixRowCounts(r.Key, r.Label, cols, cols.Sum(c => c.Count));
                }).ToList()
                : [];
            NumberSummary? summary = null;
            if (q.Type == QuestionType.Number)
            {
                var list = numbers.GetValueOrDefault(q.Key) ?? [];
                summary = list.Count == 0 ? new NumberSummary(0, null, null, null, null)
                    : new NumberSummary(list.Count, list.Min(), list.Max(), Math.Round(list.Average(), 2), list.Sum());
            }
            results.Add(new QuestionResult(n, section.Title, q, answered.GetValueOrDefault(q.Key), options, matrix, summary,
                samples.GetValueOrDefault(q.Key) ?? [], texts.GetValueOrDefault(q.Key)));
        }

        // Response rate per region: responses against the audience of each region (the breakdown filters do not apply).
        var audience = await batches.AudienceByRegionAsync(batch, region);
        var perRegion = await Responses(batchId, region, new ResultFilter()).GroupBy(r => r.RegionCode)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var regions = audience.Keys.Union(perRegion.Keys)
            .Select(code => new RegionRate(code, RegionCodes.NameOf(code), perRegion.GetValueOrDefault(code), audience.GetValueOrDefault(code)))
            .OrderBy(r => RegionCodes.Hengyang.FirstOrDefault(x => x.Code == r.RegionCode)?.SortOrder ?? 99).ToList();
        var byIndustry = (await responses.GroupBy(r => r.IndustrySection).Select(g => new { g.Key, Count = g.Count() }).ToListAsync())
            .Select(g => new GroupCount(g.Key, Industries.FindSection(g.Key)?.Name ?? g.Key, g.Count)).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var bySize = (await responses.GroupBy(r => r.SizeClass).Select(g => new { g.Key, Count = g.Count() }).ToListAsync())
            .Select(g => new GroupCount(((int)g.Key).ToString(), SizeClasses.Label(g.Key), g.Count)).OrderBy(g => g.Key).ToList();
        return new BatchResults(batch, questionnaire, total, limited, filter, results, regions, byIndustry, bySize);
    }

    public async Task<Paged<TextAnswer>?> TextsAsync(ClaimsPrincipal user, Guid batchId, string questionKey, int? page)
    {
        if (!await access.VisibleBatches(user).AnyAsync(b => b.Id == batchId)) return null;
        var region = SurveyAccess.ResultRegion(user);
        var q = from a in Answers(batchId, region, new ResultFilter())
                where a.QuestionKey == questionKey && a.Text != null
                join r in db.SurveyResponses on a.ResponseId equals r.Id
                orderby a.Id descending
                select new TextAnswer(r.Id, r.EnterpriseName, r.RegionCode, a.Text!);
        return await Paged<TextAnswer>.OfAsync(q, page, 20, t => t);
    }

    public async Task<Paged<ResponseRow>?> ResponsesAsync(ClaimsPrincipal user, Guid batchId, int? page)
    {
        if (!await access.VisibleBatches(user).AnyAsync(b => b.Id == batchId)) return null;
        var q = Responses(batchId, SurveyAccess.ResultRegion(user), new ResultFilter()).OrderByDescending(r => r.UpdatedAt).ThenBy(r => r.Id)
            .Select(r => new ResponseRow(r.Id, r.EnterpriseName, r.RegionCode, r.IndustrySection, r.SizeClass, r.SubmittedAt, r.UpdatedAt));
        return await Paged<ResponseRow>.OfAsync(q, page, 20, r => r);
    }

    /// <summary>One response with its answers, for an operator who may see it (its batch visible, its region in scope).</summary>
    public async Task<(SurveyResponse Response, SurveyBatch Batch, Questionnaire Questionnaire)?> ResponseAsync(ClaimsPrincipal user, Guid responseId)
    {
        var region = SurveyAccess.ResultRegion(user);
        var response = await db.SurveyResponses.AsNoTracking().Include(r => r.Answers)
            .FirstOrDefaultAsync(r => r.Id == responseId && (region == null || r.RegionCode == region));
        if (response is null) return null;
        var batch = await access.VisibleBatches(user).AsNoTracking().FirstOrDefaultAsync(b => b.Id == response.BatchId);
        if (batch is null) return null;
        var questionnaire = await db.Questionnaires.AsNoTracking().FirstAsync(q => q.Id == batch.QuestionnaireId);
        return (response, batch, questionnaire);
    }

    /// <summary>The .xlsx of every response the reader may see (one row each), audited with the row count.</summary>
    public async Task<(byte[] Content, string FileName)?> ExportAsync(ClaimsPrincipal user, Guid batchId)
    {
        var batch = await access.VisibleBatches(user).AsNoTracking().FirstOrDefaultAsync(b => b.Id == batchId);
        if (batch is null) return null;
        var questionnaire = await db.Questionnaires.AsNoTracking().FirstAsync(q => q.Id == batch.QuestionnaireId);
        var region = SurveyAccess.ResultRegion(user);
        var responses = await Responses(batchId, region, new ResultFilter()).Include(r => r.Answers).OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id).ToListAsync();
        var content = ResultsExport.Xlsx(questionnaire.Definition(), responses);
        audit.Record("导出问卷结果", SurveysModule.AuditEntityType, batchId, region ?? batch.RegionCode, null, null,
            $"导出“{batch.Title}”答卷 {responses.Count} 份；范围：{(region is null ? "全市" : RegionCodes.NameOf(region))}");
        await db.SaveChangesAsync();
        return (content, $"需求摸排结果-{batch.Id:N}.xlsx");
    }

    private IQueryable<SurveyResponse> Responses(Guid batchId, string? region, ResultFilter f)
    {
        var q = db.SurveyResponses.AsNoTracking().Where(r => r.BatchId == batchId);
        if (region is not null) q = q.Where(r => r.RegionCode == region);
        if (f.Industry is { } industry) q = q.Where(r => r.IndustrySection == industry);
        if (f.Size is { } size) q = q.Where(r => r.SizeClass == size);
        return q;
    }

    private IQueryable<SurveyAnswer> Answers(Guid batchId, string? region, ResultFilter f)
    {
        var q = db.SurveyAnswers.AsNoTracking().Where(a => a.BatchId == batchId);
        if (region is not null) q = q.Where(a => a.RegionCode == region);
        if (f.Industry is { } industry) q = q.Where(a => a.IndustrySection == industry);
        if (f.Size is { } size) q = q.Where(a => a.SizeClass == size);
        return q;
    }
}
