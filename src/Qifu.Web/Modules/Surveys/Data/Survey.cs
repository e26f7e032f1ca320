using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Surveys.Data;

/// <summary>
/// 问卷: a questionnaire owned by the city (430400) or a county operator's region. Its content is one JSON column
/// (<see cref="SurveyDefinition"/>). Once a batch using it has opened, the content is frozen; a copy can be edited.
/// </summary>
public sealed class Questionnaire
{
    public Guid Id { get; init; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public required string RegionCode { get; init; }
    public string DefinitionJson { get; private set; } = "{}";
    public Guid? CopiedFromId { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; private set; }

    public SurveyDefinition Definition() => SurveyDefinition.FromJson(DefinitionJson);

    public void SetDefinition(SurveyDefinition definition, DateTime now)
    {
        DefinitionJson = definition.ToJson();
        Touch(now);
    }

    public void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }

    public object Snapshot() => new { Title, RegionCode, Questions = Definition().Questions.Count() };
}

/// <summary>草稿 → 进行中 (opened; answers accepted until ClosesAt) → 已结束 (closed by the operator, or ClosesAt passed).</summary>
public enum BatchStatus { Draft = 0, Open = 1, Closed = 2 }

/// <summary>
/// 批次: one run of a questionnaire for an audience within a window. The audience is lists of region codes, GB/T 4754
/// sections and size classes (empty list = no limit on that dimension); an enterprise is in it when it is approved
/// and matches every non-empty list. A county operator's batch always has its own county as the only region.
/// </summary>
public sealed class SurveyBatch
{
    public Guid Id { get; init; }
    public Guid QuestionnaireId { get; set; }
    public string Title { get; set; } = "";
    /// <summary>Who runs it: 430400 for the city, else the county's code.</summary>
    public required string RegionCode { get; init; }
    public BatchStatus Status { get; private set; }
    public DateTime? OpensAt { get; private set; }
    public DateTime ClosesAt { get; set; }
    /// <summary>Comma separated region codes; empty = every region.</summary>
    public string AudienceRegions { get; set; } = "";
    /// <summary>Comma separated GB/T 4754 section letters; empty = every industry.</summary>
    public string AudienceIndustries { get; set; } = "";
    /// <summary>Comma separated <see cref="SizeClass"/> numbers; empty = every size class.</summary>
    public string AudienceSizes { get; set; } = "";
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? ClosedAt { get; private set; }
    public int Version { get; private set; }

    public IReadOnlyList<string> Regions => Split(AudienceRegions);
    public IReadOnlyList<string> Industries => Split(AudienceIndustries);
    public IReadOnlyList<SizeClass> Sizes => Split(AudienceSizes).Select(s => (SizeClass)int.Parse(s)).ToList();

    private static List<string> Split(string s) => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    public bool IsAccepting(DateTime now) => Status == BatchStatus.Open && OpensAt <= now && now < ClosesAt;

    /// <summary>What people see: a batch past its closing time reads 已结束 even before anyone presses close.</summary>
    public BatchStatus EffectiveStatus(DateTime now) => Status == BatchStatus.Open && now >= ClosesAt ? BatchStatus.Closed : Status;

    public bool Includes(string regionCode, string industrySection, SizeClass size) =>
        (Regions.Count == 0 || Regions.Contains(regionCode))
        && (Industries.Count == 0 || Industries.Contains(industrySection))
        && (Sizes.Count == 0 || Sizes.Contains(size));

    public void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }

    public void EnsureDraft()
    {
        if (Status != BatchStatus.Draft)
            throw new RuleViolationException("BATCH_STATUS_CONFLICT", $"批次已{SurveyLabels.Label(Status)}，不能修改");
    }

    public void Open(DateTime now)
    {
        if (Status != BatchStatus.Draft)
            throw new RuleViolationException("BATCH_STATUS_CONFLICT", $"批次当前为“{SurveyLabels.Label(Status)}”，不能开启");
        if (ClosesAt <= now)
            throw new RuleViolationException("CLOSES_AT_PASSED", "截止时间已过，请先修改截止时间再开启", "closesAt", 422);
        Status = BatchStatus.Open;
        OpensAt = now;
        Touch(now);
    }

    public void Close(DateTime now)
    {
        if (EffectiveStatus(now) != BatchStatus.Open)
            throw new RuleViolationException("BATCH_STATUS_CONFLICT", $"批次当前为“{SurveyLabels.Label(EffectiveStatus(now))}”，不能结束");
        Status = BatchStatus.Closed;
        ClosedAt = now;
        ClosesAt = now;
        Touch(now);
    }

    /// <summary>Demo data only: a batch that ran in the past.</summary>
    internal void RanBetween(DateTime opened, DateTime closed)
    {
        Status = BatchStatus.Closed;
        OpensAt = opened;
        ClosesAt = closed;
        ClosedAt = closed;
    }

    public object Snapshot() => new
    {
        Title, QuestionnaireId, RegionCode, Status = Status.ToString(), OpensAt, ClosesAt, AudienceRegions, AudienceIndustries, AudienceSizes,
    };
}

/// <summary>
/// 答卷: one per enterprise and batch (unique index), editable while the batch accepts answers. The enterprise's region,
/// industry section and size class are copied when it first answers, so results stay put when a profile changes later.
/// </summary>
public sealed class SurveyResponse
{
    public Guid Id { get; init; }
    public Guid BatchId { get; init; }
    public Guid EnterpriseId { get; init; }
    public string EnterpriseName { get; set; } = "";
    public string RegionCode { get; init; } = "";
    public string IndustrySection { get; init; } = "";
    public SizeClass SizeClass { get; init; }
    public DateTime SubmittedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
    public Guid? SubmittedBy { get; init; }
    public int Version { get; set; }
    public List<SurveyAnswer> Answers { get; set; } = [];
}

/// <summary>
/// One row per chosen option (a multiple-choice answer with three options is three rows), per matrix row, per text or
/// number. Counting is then a GROUP BY; the response's region, industry and size class are repeated here so every
/// result, filter and data-scope check is one query on this table.
/// </summary>
public sealed class SurveyAnswer
{
    public long Id { get; init; }
    public Guid ResponseId { get; init; }
    public Guid BatchId { get; init; }
    public string RegionCode { get; init; } = "";
    public string IndustrySection { get; init; } = "";
    public SizeClass SizeClass { get; init; }
    public required string QuestionKey { get; init; }
    /// <summary>Matrix: the row; null otherwise.</summary>
    public string? RowKey { get; init; }
    /// <summary>The chosen option or matrix column ("other" for 其他); null for text and numbers.</summary>
    public string? OptionKey { get; init; }
    /// <summary>Text answers, and the free text of 其他.</summary>
    public string? Text { get; init; }
    public decimal? Number { get; init; }
}
