using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Indicators.Figures;

/// <summary>One of the six headline figures (DOMAIN.md §1.5) for a period, with the period before it.</summary>
public sealed record HeadlineFigure(string Key, string Label, long Value, long Previous, string Unit, string Definition)
{
    public long Change => Value - Previous;
}

/// <summary>A target line (示范平台 thresholds are settings): met or not, in words.</summary>
public sealed record Target(double Threshold, string Unit, bool Met)
{
    public string Text => $"目标 ≥ {Threshold:0.##}{Unit}，{(Met ? "已达标" : "未达标")}";
}

/// <summary>A MIIT indicator: the number (or rate in %, null when there is nothing to divide by) and how it is worked out.</summary>
public sealed record Indicator(string Key, string Group, string Label, double? Value, string Unit, string Definition, Target? Target = null, string? Records = null)
{
    public string Display => Value is not { } v ? "—" : Unit == "%" ? $"{v:0.0}%" : Unit == "分" ? $"{v:0.0}分" : $"{v:N0}{Unit}";
}

/// <summary>A county site's scorecard: the six figures now and in the period before, served enterprises, satisfaction, score, rank.</summary>
public sealed record CountyScore(string Code, string Name, long[] Headline, long[] Previous, long ServedUnique, double? Satisfaction, double Score, int? Rank);

public sealed record TrendPoint(string Month, long[] Headline, long ServedUnique);

public sealed record CategoryMix(string Code, string Name, long Items, long Completed);

public sealed record IndicatorReport(
    string RegionCode, string RegionName, Period Period, Period Previous, IReadOnlyList<HeadlineFigure> Headline, IReadOnlyList<Indicator> Indicators,
    IReadOnlyList<CountyScore> Counties, IReadOnlyList<TrendPoint> Trend, IReadOnlyList<CategoryMix> Categories, DateTime AsOfUtc,
    [property: System.Text.Json.Serialization.JsonIgnore] long FactsGeneration);

/// <summary>The thresholds shown as target lines, from settings (DOMAIN.md §1.5, ECOSYSTEM.md §2e): display values, so read from
/// the node's copy (<see cref="SiteSettings.ForDisplayAsync"/>, dropped when this node saves settings, else at most 30 s old).</summary>
public sealed record Targets(double Satisfaction, double FreeShare, double ServedPerYear, double ActivitiesPerYear, double PartnerInstitutions)
{
    public static async Task<Targets> ReadAsync(SiteSettings settings)
    {
        async Task<double> Get(string key) => double.TryParse(await settings.ForDisplayAsync(key), out var v) ? v : 0;
        return new(await Get(Settings.TargetSatisfaction), await Get(Settings.TargetFreeShare), await Get(Settings.TargetServedPerYear),
            await Get(Settings.TargetActivitiesPerYear), await Get(Settings.TargetPartnerInstitutions));
    }
}

/// <summary>Works the dashboard out of the in-memory facts: any region and period is a handful of sums (decision 0016).</summary>
public sealed class IndicatorFigures(IndicatorFactsCache cache, SiteSettings settings)
{
    public static readonly (string Key, string Label, string Unit, string Definition, Series Series)[] HeadlineDefinitions =
    [
        ("institutions", "服务机构注册量", "家", "入驻申请经审核通过的服务机构，按通过日期计（其后暂停的仍计入）", Series.Institutions),
        ("items", "服务项目发布量", "项", "经审核发布过的服务项目，按首次发布日期计（其后下架的仍计入）", Series.Items),
        ("enterprises", "企业注册量", "家", "注册并经审核通过的企业（统一社会信用代码唯一），按通过日期计", Series.Enterprises),
        ("activities", "活动组织次数", "次", "已举办的培训、宣讲、对接、展会等活动（线上线下），按结束日期计", Series.Activities),
        ("evaluations", "服务过程及评价", "次", "有办理记录并经企业评价的服务申请，按评价日期计", Series.Evaluations),
        ("articles", "新闻信息量", "条", "已发布的工作动态、通知公告、政策文件、政策解读和典型案例，按发布日期计", Series.Articles),
    ];

    private static readonly ConditionalWeakTable<IndicatorFacts, ConcurrentDictionary<string, PeriodTally>> Tallies = new();

    /// <summary>Reports already worked out from one copy of the facts (a dashboard is asked for the same few regions and periods).</summary>
    private static readonly ConditionalWeakTable<IndicatorFacts, ConcurrentDictionary<(string, Period, Targets), IndicatorReport>> Reports = new();

    public async Task<IndicatorReport> ReportAsync(string regionCode, Period period, CancellationToken ct = default)
    {
        var facts = await cache.GetAsync(ct);
        var targets = await Targets.ReadAsync(settings);
        var done = Reports.GetOrCreateValue(facts);
        if (done.TryGetValue((regionCode, period, targets), out var report)) return report;
        report = Report(facts, regionCode, period, targets);
        if (done.Count < 1_000) done[(regionCode, period, targets)] = report;
        return report;
    }

    private static IndicatorReport Report(IndicatorFacts facts, string regionCode, Period period, Targets targets)
    {
        var now = Tally(facts, period);
        var before = Tally(facts, period.Previous());
        var r = regionCode == RegionCodes.City ? now.City : facts.RegionIndex(regionCode);
        var headline = HeadlineDefinitions.Select(h => new HeadlineFigure(h.Key, h.Label, Value(now, h.Series, r), Value(before, h.Series, r), h.Unit, h.Definition)).ToList();

        var counties = Counties(facts, now, before);
        var months = Enumerable.Range(0, 12).Select(i => new DateOnly(period.To.Year, period.To.Month, 1).AddMonths(i - 11)).ToList();
        var trend = months.Select(m =>
        {
            var t = Tally(facts, Period.Month(m.Year, m.Month));
            return new TrendPoint($"{m:yyyy-MM}", [.. HeadlineDefinitions.Select(h => Value(t, h.Series, r))], t.ServedUnique[r]);
        }).ToList();
        var categories = ServiceCategories.All.Select((c, i) => new CategoryMix(c.Code, c.Name, now.CountDim(Series.Items, r, i),
            now.CountDim(Series.CompletedByCategory, r, i))).ToList();
        return new IndicatorReport(regionCode, RegionCodes.NameOf(regionCode), period, before.Period, headline, Miit(now, r, period, targets), counties, trend, categories, facts.BuiltAtUtc, facts.Generation);
    }

    /// <summary>The figures of one region for one period, as the API and the exports give them (no scorecards, no trend).</summary>
    public async Task<(IReadOnlyList<HeadlineFigure> Headline, IReadOnlyList<Indicator> Indicators)> FiguresAsync(string regionCode, Period period, CancellationToken ct = default)
    {
        var facts = await cache.GetAsync(ct);
        var targets = await Targets.ReadAsync(settings);
        var now = Tally(facts, period);
        var before = Tally(facts, period.Previous());
        var r = regionCode == RegionCodes.City ? now.City : facts.RegionIndex(regionCode);
        if (r < 0) return ([.. HeadlineDefinitions.Select(h => new HeadlineFigure(h.Key, h.Label, 0, 0, h.Unit, h.Definition))], []);
        return ([.. HeadlineDefinitions.Select(h => new HeadlineFigure(h.Key, h.Label, Value(now, h.Series, r), Value(before, h.Series, r), h.Unit, h.Definition))],
            Miit(now, r, period, targets));
    }

    /// <summary>The six cumulative headline figures for the data wall (city or one county).</summary>
    public async Task<IReadOnlyList<HeadlineFigure>> DataWallAsync(string? regionCode, CancellationToken ct = default)
    {
        var facts = await cache.GetAsync(ct);
        var all = Tally(facts, Period.ToDate(facts.Today));
        var r = regionCode is null || regionCode == RegionCodes.City ? all.City : facts.RegionIndex(regionCode);
        return [.. HeadlineDefinitions.Select(h => new HeadlineFigure(h.Key, h.Label, r < 0 ? 0 : all.Count(h.Series, r), 0, h.Unit, h.Definition))];
    }

    private static long Value(PeriodTally t, Series s, int region) => region < 0 ? 0 : t.Count(s, region);

    /// <summary>Works out the periods the dashboard offers for a new copy of the facts before it is used, so no request pays for them.</summary>
    public static void Prepare(IndicatorFacts facts)
    {
        foreach (var period in Period.Choices(facts.Today))
        {
            Tally(facts, period);
            Tally(facts, period.Previous());
        }
    }

    private static PeriodTally Tally(IndicatorFacts facts, Period period) =>
        Tallies.GetOrCreateValue(facts).GetOrAdd($"{period.From.DayNumber}-{period.To.DayNumber}", _ => new PeriodTally(facts, period));

    private static double? Rate(long part, long whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 1);

    private static List<Indicator> Miit(PeriodTally t, int r, Period period, Targets targets)
    {
        if (r < 0) return [];
        var evaluations = t.Count(Series.Evaluations, r);
        var satisfied = t.CountDim(Series.Evaluations, r, 4) + t.CountDim(Series.Evaluations, r, 5);
        var completed = t.Count(Series.Completed, r);
        var satisfaction = Rate(satisfied, evaluations);
        var freeShare = Rate(t.FreeOrLowFee(r), completed);
        var yearly = period.Kind == PeriodKind.Year;
        var served = t.ServedUnique[r];
        var activities = t.Count(Series.Activities, r);
        var publicActivities = t.CountWhere(Series.Activities, r, d => d % 2 == 1);
        var partners = t.Count(Series.Institutions, r);
        var decided = t.Count(Series.LoanDecisions, r);
        var feedback = t.Count(Series.ActivityFeedback, r);
        var feedbackSatisfied = t.CountDim(Series.ActivityFeedback, r, 4) + t.CountDim(Series.ActivityFeedback, r, 5);
        var feedbackPoints = Enumerable.Range(1, 5).Sum(level => level * t.CountDim(Series.ActivityFeedback, r, level));
        return
        [
            new("served-unique", "服务企业", "服务企业数", served, "家", "期内至少获得一次服务的企业数（按企业去重）：办结的服务申请、签到的活动、获批的续贷、对接成功的需求",
                yearly ? new Target(targets.ServedPerYear, "家", served >= targets.ServedPerYear) : null, "served"),
            new("served-times", "服务企业", "服务企业次数", t.ServedTimes[r], "家次", "上述服务的次数（不去重）", null, "served"),
            new("small-micro-share", "服务企业", "小微企业占比", Rate(t.ServedSmallMicro[r], served), "%", "服务企业中小型、微型企业所占比例"),
            new("satisfaction", "服务质量", "满意率", satisfaction, "%", "评价为“满意”“非常满意”的次数 ÷ 评价总次数",
                satisfaction is { } s ? new Target(targets.Satisfaction, "%", s >= targets.Satisfaction) : null, "evaluations"),
            new("evaluation-rate", "服务质量", "评价率", Rate(evaluations, completed), "%", "期内评价次数 ÷ 期内机构办结的服务次数"),
            new("completed", "服务质量", "办结服务", completed, "次", "期内服务机构办结的服务申请", null, "completed"),
            new("free-share", "服务质量", "免费及低收费服务占比", freeShare, "%", "办结的服务中免费、公益、优惠收费服务所占比例",
                freeShare is { } f ? new Target(targets.FreeShare, "%", f >= targets.FreeShare) : null, "completed"),
            new("activities-public", "活动", "公益活动", publicActivities, "次", "已举办的公益性活动",
                yearly ? new Target(targets.ActivitiesPerYear, "次", activities >= targets.ActivitiesPerYear) : null, "activities"),
            new("attendees", "活动", "参会人次", t.Amount(Series.Attendance, r), "人次", "活动现场或线上签到的参会人数"),
            new("attending-enterprises", "活动", "参会企业", t.Count(Series.Attendance, r), "家次", "签到的报名（每个报名为一家企业一次）", null, "attendance"),
            new("attendees-public", "活动", "公益活动参会企业", t.CountDim(Series.Attendance, r, 1), "家次", "其中公益性活动的签到报名"),
            new("activity-feedback", "活动", "活动评价", feedback, "次", "参会企业签到后对活动的评价（每个报名一次），按评价日期、活动举办地计", null, "feedback"),
            new("activity-satisfaction", "活动", "活动满意率", Rate(feedbackSatisfied, feedback), "%", "活动评价为“满意”“非常满意”的次数 ÷ 活动评价总次数"),
            new("activity-score", "活动", "活动平均满意度", feedback == 0 ? null : Math.Round((double)feedbackPoints / feedback, 1), "分",
                "活动评价的平均分（非常不满意 1 分至非常满意 5 分）"),
            new("active-institutions", "服务机构", "活跃服务机构", t.ActiveInstitutions[r], "家", "期内办结过服务申请或批准过续贷的服务机构（含合作银行）"),
            new("core-institutions", "服务机构", "核心服务机构", t.CoreInstitutions[r], "家", "期末处于核心服务机构认定期内的机构"),
            new("partner-institutions", "服务机构", "入驻服务机构", partners, "家", "期内新入驻的合作服务机构（累计口径时即全部入驻机构）",
                period.Kind == PeriodKind.ToDate ? new Target(targets.PartnerInstitutions, "家", partners >= targets.PartnerInstitutions) : null, "institutions"),
            new("needs-posted", "需求对接", "发布需求", t.Count(Series.NeedsPosted, r), "项", "经审核发布的企业需求", null, "needs"),
            new("needs-docked", "需求对接", "对接需求", t.Count(Series.NeedsDocked, r), "项", "企业选定机构方案、转为服务申请的需求", null, "needs"),
            new("docking-rate", "需求对接", "需求对接率", Rate(t.Count(Series.NeedsDocked, r), t.Count(Series.NeedsPosted, r)), "%", "期内对接的需求 ÷ 期内发布的需求"),
            new("loan-cases", "续贷受理", "续贷申请", t.Count(Series.LoanCases, r), "件", "企业提交的续贷申请", null, "loans"),
            new("loan-requested", "续贷受理", "申请续贷金额", t.Amount(Series.LoanCases, r) / 10_000.0, "万元", "上述申请的申请续贷金额"),
            new("loan-approved", "续贷受理", "批准续贷", t.CountDim(Series.LoanDecisions, r, 1), "件", "合作银行批准续贷的申请（按审批日期）", null, "loans"),
            new("loan-approved-amount", "续贷受理", "批准续贷金额", t.Amount(Series.LoanDecisions, r) / 10_000.0, "万元", "批准的续贷金额"),
            new("loan-approval-rate", "续贷受理", "续贷批准率", Rate(t.CountDim(Series.LoanDecisions, r, 1), decided), "%", "批准件数 ÷ 银行作出决定的件数"),
            new("survey-batches", "需求摸排", "摸排批次", t.Count(Series.SurveyBatches, r), "批", "期内开始的需求摸排批次（按发起单位所在地区）"),
            new("survey-responses", "需求摸排", "回收问卷", t.Count(Series.SurveyResponses, r), "份", "这些批次收回的问卷"),
            new("survey-response-rate", "需求摸排", "问卷回收率", Rate(t.Count(Series.SurveyResponses, r), t.Count(Series.SurveyAudience, r)), "%", "收回问卷 ÷ 批次覆盖的企业数"),
        ];
    }

    /// <summary>County scorecards: each figure against the best county (share of the best, averaged over the six headline figures,
    /// × 100) gives the 综合得分 the counties are ranked by; the city-level row (市本级) is shown without a rank.</summary>
    private static List<CountyScore> Counties(IndicatorFacts facts, PeriodTally now, PeriodTally before)
    {
        var rows = new List<CountyScore>();
        var counties = RegionCodes.Hengyang.Where(x => x.Code != RegionCodes.City).Select(x => x.Code).ToList();
        var best = HeadlineDefinitions.Select(h => counties.Max(c => Value(now, h.Series, facts.RegionIndex(c)))).ToArray();
        foreach (var code in counties.Prepend(RegionCodes.City))
        {
            var r = facts.RegionIndex(code);
            var values = HeadlineDefinitions.Select(h => Value(now, h.Series, r)).ToArray();
            var previous = HeadlineDefinitions.Select(h => Value(before, h.Series, r)).ToArray();
            var score = Math.Round(values.Select((v, i) => best[i] == 0 ? 0 : 100.0 * v / best[i]).Average(), 1);
            var evaluations = Value(now, Series.Evaluations, r);
            var satisfied = r < 0 ? 0 : now.CountDim(Series.Evaluations, r, 4) + now.CountDim(Series.Evaluations, r, 5);
            rows.Add(new CountyScore(code, code == RegionCodes.City ? "市本级" : RegionCodes.NameOf(code), values, previous,
                r < 0 ? 0 : now.ServedUnique[r], Rate(satisfied, evaluations), score, null));
        }
        var ranked = rows.Where(x => x.Code != RegionCodes.City).OrderByDescending(x => x.Score).ToList();
        var result = ranked.Select(x => x with { Rank = 1 + ranked.Count(y => y.Score > x.Score) }).ToList();
        result.Add(rows.First(x => x.Code == RegionCodes.City));
        return result;
    }
}
