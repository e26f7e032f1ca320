using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Surveys.Data;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Notifications;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Surveys.Batches;

/// <summary>A batch as the operator writes it. The closing time is Beijing time (what the form shows); stored UTC.</summary>
public sealed record BatchInput
{
    [Required(ErrorMessage = "请选择问卷")]
    public Guid? QuestionnaireId { get; init; }

    [Required(ErrorMessage = "请填写批次名称")]
    [StringLength(100, MinimumLength = 2, ErrorMessage = "批次名称应为2至100字")]
    public string? Title { get; init; }

    [Required(ErrorMessage = "请填写截止时间")]
    public DateTime? ClosesAt { get; init; }

    /// <summary>Region codes; empty = every region (a county operator's batch is always its own county).</summary>
    public List<string> Regions { get; init; } = [];

    /// <summary>GB/T 4754 section letters; empty = every industry.</summary>
    public List<string> Industries { get; init; } = [];

    /// <summary>Size class names (Large, Medium, Small, Micro); empty = every size.</summary>
    public List<string> Sizes { get; init; } = [];
}

public sealed record BatchRow(SurveyBatch Batch, string QuestionnaireTitle, int Responses);

/// <summary>
/// Batches: create and edit while a draft, open (answers accepted from now until the closing time; every enterprise in
/// the audience gets an inbox message, written in bulk), close early. County operators' batches reach their county only.
/// </summary>
public sealed class BatchHandler(AppDbContext db, SurveyAccess access, AuditTrail audit, TimeProvider clock)
{
    public const string OpenedTopic = "survey.opened";

    public async Task<List<BatchRow>> ListAsync(ClaimsPrincipal user)
    {
        var region = SurveyAccess.ResultRegion(user);
        var rows = await access.VisibleBatches(user).AsNoTracking().OrderByDescending(b => b.CreatedAt).Take(200)
            .Select(b => new
            {
                Batch = b, Title = db.Questionnaires.Where(q => q.Id == b.QuestionnaireId).Select(q => q.Title).FirstOrDefault(),
                Responses = db.SurveyResponses.Count(r => r.BatchId == b.Id && (region == null || r.RegionCode == region)),
            }).ToListAsync();
        return rows.Select(r => new BatchRow(r.Batch, r.Title ?? "", r.Responses)).ToList();
    }

    public Task<SurveyBatch?> FindVisibleAsync(ClaimsPrincipal user, Guid id) => access.VisibleBatches(user).AsNoTracking().FirstOrDefaultAsync(b => b.Id == id);

    public Task<bool> CanManageAsync(ClaimsPrincipal user, Guid id) => access.ManagedBatches(user).AnyAsync(b => b.Id == id);

    public async Task<SurveyBatch?> CreateAsync(ClaimsPrincipal user, BatchInput input)
    {
        if (await access.VisibleQuestionnaires(user).AsNoTracking().FirstOrDefaultAsync(q => q.Id == input.QuestionnaireId) is null)
            throw new RuleViolationException("QUESTIONNAIRE_NOT_FOUND", "所选问卷不存在", "questionnaireId", 400);
        var now = clock.GetUtcNow().UtcDateTime;
        var scope = DataScope.Of(user);
        var batch = new SurveyBatch { Id = Guid.NewGuid(), RegionCode = scope.All ? RegionCodes.City : scope.RegionCode!, CreatedAt = now, UpdatedAt = now };
        Apply(user, batch, input, now);
        db.SurveyBatches.Add(batch);
        audit.Record("新建摸排批次", SurveysModule.AuditEntityType, batch.Id, batch.RegionCode, null, batch.Snapshot());
        await db.SaveChangesAsync();
        return batch;
    }

    public async Task<SurveyBatch?> UpdateAsync(ClaimsPrincipal user, Guid id, BatchInput input)
    {
        var batch = await access.ManagedBatches(user).FirstOrDefaultAsync(b => b.Id == id);
        if (batch is null) return null;
        batch.EnsureDraft();
        if (await access.VisibleQuestionnaires(user).AsNoTracking().FirstOrDefaultAsync(q => q.Id == input.QuestionnaireId) is null)
            throw new RuleViolationException("QUESTIONNAIRE_NOT_FOUND", "所选问卷不存在", "questionnaireId", 400);
        var now = clock.GetUtcNow().UtcDateTime;
        var before = batch.Snapshot();
        Apply(user, batch, input, now);
        batch.Touch(now);
        audit.Record("修改摸排批次", SurveysModule.AuditEntityType, batch.Id, batch.RegionCode, before, batch.Snapshot());
        await db.SaveChangesAsync();
        return batch;
    }

    /// <summary>Opens the batch now and tells every enterprise user in the audience, all in one transaction.</summary>
    public async Task<(SurveyBatch Batch, int Invited)?> OpenAsync(ClaimsPrincipal user, Guid id)
    {
        var batch = await access.ManagedBatches(user).FirstOrDefaultAsync(b => b.Id == id);
        if (batch is null) return null;
        var questionnaire = await db.Questionnaires.AsNoTracking().FirstAsync(q => q.Id == batch.QuestionnaireId);
        questionnaire.Definition().EnsureAnswerable();
        var now = clock.GetUtcNow().UtcDateTime;
        var before = batch.Snapshot();
        batch.Open(now);
        var invited = 0;
        await db.InTransactionAsync(async () =>
        {
            audit.Record("开启摸排批次", SurveysModule.AuditEntityType, batch.Id, batch.RegionCode, before, batch.Snapshot());
            await db.SaveChangesAsync();
            invited = await InviteAsync(batch, now);
            return true;
        });
        return (batch, invited);
    }

    public async Task<SurveyBatch?> CloseAsync(ClaimsPrincipal user, Guid id)
    {
        var batch = await access.ManagedBatches(user).FirstOrDefaultAsync(b => b.Id == id);
        if (batch is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var before = batch.Snapshot();
        batch.Close(now);
        audit.Record("结束摸排批次", SurveysModule.AuditEntityType, batch.Id, batch.RegionCode, before, batch.Snapshot());
        await db.SaveChangesAsync();
        return batch;
    }

    /// <summary>
    /// Inbox messages for every enabled user of every enterprise in the audience, when the routing table sends this topic
    /// to enterprises' inboxes. One query finds the users; the messages go in chunks without change tracking, so a
    /// city-wide batch (tens of thousands of enterprises) is a few bulk inserts rather than a query per enterprise.
    /// </summary>
    private async Task<int> InviteAsync(SurveyBatch batch, DateTime now)
    {
        if (!NotificationRoutes.For(OpenedTopic).Any(r => r.Audience == Audience.Enterprise && r.Channel == Channel.Inbox)) return 0;
        var audience = access.Audience(batch).Select(e => (Guid?)e.Id);
        var users = await db.Users.AsNoTracking().Where(u => !u.IsDisabled && u.EnterpriseId != null && audience.Contains(u.EnterpriseId))
            .Select(u => u.Id).ToListAsync();
        var title = $"请填写需求摸排问卷：{batch.Title}";
        var body = $"本次需求摸排于 {SurveyLabels.Time(batch.ClosesAt)} 截止，截止前可随时修改答卷。您的需求将作为平台组织服务和活动的依据。";
        var link = $"/enterprise/surveys/{batch.Id}";
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var chunk in users.Chunk(1000))
            {
                db.InboxMessages.AddRange(chunk.Select(u => new InboxMessage
                {
                    Id = Guid.NewGuid(), UserId = u, Topic = OpenedTopic, Title = title, Body = body, Link = link, CreatedAt = now,
                }));
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        finally { db.ChangeTracker.AutoDetectChangesEnabled = detect; }
        return users.Count;
    }

    /// <summary>Audience size per region (approved enterprises in the audience now), for the response rate.</summary>
    public async Task<Dictionary<string, int>> AudienceByRegionAsync(SurveyBatch batch, string? region)
    {
        var q = access.Audience(batch);
        if (region is not null) q = q.Where(e => e.RegionCode == region);
        return await q.GroupBy(e => e.RegionCode).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
    }

    private static void Apply(ClaimsPrincipal user, SurveyBatch batch, BatchInput input, DateTime now)
    {
        var scope = DataScope.Of(user);
        batch.QuestionnaireId = input.QuestionnaireId!.Value;
        batch.Title = input.Title!.Trim();
        var closes = ToUtc(input.ClosesAt!.Value);
        if (closes <= now)
            throw new RuleViolationException("CLOSES_AT_INVALID", "截止时间应晚于当前时间", "closesAt", 400);
        batch.ClosesAt = closes;
        var regions = input.Regions.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).Distinct().ToList();
        if (regions.FirstOrDefault(r => !RegionCodes.Exists(r) || r == RegionCodes.City) is { } badRegion)
            throw new RuleViolationException("AUDIENCE_INVALID", $"区县代码“{badRegion}”不存在", "regions", 400);
        // A county site surveys its own county only, whatever was posted.
        if (!scope.All) regions = [scope.RegionCode!];
        var industries = input.Industries.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim().ToUpperInvariant()).Distinct().ToList();
        if (industries.FirstOrDefault(s => Industries.FindSection(s) is null) is { } badIndustry)
            throw new RuleViolationException("AUDIENCE_INVALID", $"行业门类“{badIndustry}”不存在", "industries", 400);
        var sizes = new List<SizeClass>();
        foreach (var text in input.Sizes.Where(s => !string.IsNullOrWhiteSpace(s)))
        {
            if (!Enum.TryParse<SizeClass>(text.Trim(), true, out var size) || size is < SizeClass.Large or > SizeClass.Micro)
                throw new RuleViolationException("AUDIENCE_INVALID", "企业规模只能选择大型、中型、小型、微型（Large、Medium、Small、Micro）", "sizes", 400);
            if (!sizes.Contains(size)) sizes.Add(size);
        }
        batch.AudienceRegions = string.Join(',', regions.OrderBy(r => r, StringComparer.Ordinal));
        batch.AudienceIndustries = string.Join(',', industries.OrderBy(s => s, StringComparer.Ordinal));
        batch.AudienceSizes = string.Join(',', sizes.Order().Select(s => ((int)s).ToString()));
    }

    /// <summary>Form and API times are Beijing local; a value marked UTC is taken as UTC.</summary>
    public static DateTime ToUtc(DateTime t) => t.Kind == DateTimeKind.Utc ? t : DateTime.SpecifyKind(t.AddHours(-8), DateTimeKind.Utc);

    public static string AudienceText(SurveyBatch b)
    {
        var parts = new List<string>
        {
            b.Regions.Count == 0 ? "全市" : string.Join("、", b.Regions.Select(RegionCodes.NameOf)),
        };
        if (b.Industries.Count > 0) parts.Add(string.Join("、", b.Industries.Select(s => Industries.FindSection(s)?.Name ?? s)));
        if (b.Sizes.Count > 0) parts.Add(string.Join("、", b.Sizes.Select(SizeClasses.Label)) + "企业");
        return "已通过审核的企业：" + string.Join("；", parts);
    }
}
