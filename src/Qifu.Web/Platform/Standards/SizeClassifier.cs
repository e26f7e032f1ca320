using System.Globalization;

namespace Qifu.Web.Platform.Standards;

public sealed record SizeClassResult(SizeClass SizeClass, string Reason);

/// <summary>Classifies an enterprise per 《统计上大中小微型企业划分办法（2017）》; revenue and assets are in 万元.</summary>
public static class SizeClassifier
{
    public const string NotCoveredReason = "该行业不在《统计上大中小微型企业划分办法（2017）》适用范围内";

    private const string RealEstateDivision = "70";
    private static readonly string[] RealEstateGroups = ["701", "702", "703", "704", "709"];
    private static readonly SizeClass[] ClassesLargestFirst = [SizeClass.Large, SizeClass.Medium, SizeClass.Small];

    public static SizeClassResult Classify(
        string? divisionCode, string? realEstateGroup, int? employees, decimal? revenueWan, decimal? assetsWan)
    {
        if (string.IsNullOrWhiteSpace(divisionCode))
        {
            return Unknown("缺少所属行业（国民经济行业大类），无法划分企业规模");
        }
        var division = Industries.FindDivision(divisionCode);
        if (division is null)
        {
            return Unknown("行业大类代码不正确，无法划分企业规模");
        }

        string? group = null;
        if (division.Code == RealEstateDivision)
        {
            group = realEstateGroup?.Trim();
            if (string.IsNullOrEmpty(group))
            {
                // The 2017 rules split 房地产业 by 中类, so the division alone is not enough.
                return Unknown("房地产业需按中类划分，请选择中类（701 房地产开发经营、702 物业管理、703 房地产中介服务、704 自有房地产经营活动、709 其他房地产业）");
            }
            if (!RealEstateGroups.Contains(group))
            {
                return Unknown("房地产业中类代码不正确，应为701、702、703、704或709");
            }
        }

        var rule = SizeRules.Find(division, group);
        if (rule is null)
        {
            return Unknown(NotCoveredReason);
        }

        var values = new Dictionary<SizeIndicator, decimal?>
        {
            [SizeIndicator.Employees] = employees,
            [SizeIndicator.Revenue] = revenueWan,
            [SizeIndicator.Assets] = assetsWan,
        };
        var missing = rule.Bands.Where(b => values[b.Indicator] is null).Select(b => NameOf(b.Indicator)).ToList();
        if (missing.Count > 0)
        {
            return Unknown($"{rule.Industry}：缺少{string.Join("、", missing)}，无法划分企业规模");
        }
        var negative = rule.Bands.FirstOrDefault(b => values[b.Indicator] < 0);
        if (negative is not null)
        {
            return Unknown($"{NameOf(negative.Indicator)}不能为负数");
        }

        var measured = rule.Bands.Select(b => new Measured(b, values[b.Indicator]!.Value)).ToList();
        var sizeClass = ClassesLargestFirst.FirstOrDefault(c => measured.All(m => m.Reaches(c)), SizeClass.Micro);
        return new SizeClassResult(sizeClass, Explain(rule.Industry, measured, sizeClass));
    }

    private static string Explain(string industry, List<Measured> measured, SizeClass sizeClass)
    {
        var label = SizeClasses.Label(sizeClass);
        var reachedHigher = measured.Where(m => m.OwnClass < sizeClass).ToList();
        if (reachedHigher.Count == 0)
        {
            var comparisons = measured.Select(m => sizeClass == SizeClass.Micro
                ? $"{m.Describe()}（<{Format(m.Band.Small)}）"
                : $"{m.Describe()}（≥{Format(m.Band.LowerBoundOf(sizeClass))}）");
            return $"{industry}：{string.Join("，", comparisons)}，符合{label}标准";
        }

        // Some indicator qualifies for a bigger class; name the ones that kept the enterprise out of it.
        var missedClass = sizeClass - 1;
        var reached = reachedHigher.Select(m => $"{m.Describe()}达到{SizeClasses.Label(m.OwnClass)}标准");
        var shortfalls = measured.Where(m => m.OwnClass == sizeClass).Select(m =>
            $"{m.Describe()}低于{SizeClasses.Label(missedClass)}下限{Format(m.Band.LowerBoundOf(missedClass))}{UnitOf(m.Band.Indicator)}");
        return $"{industry}：{string.Join("，", reached)}，但{string.Join("，", shortfalls)}，故为{label}";
    }

    private static SizeClassResult Unknown(string reason) => new(SizeClass.Unknown, reason);

    private static string NameOf(SizeIndicator indicator) => indicator switch
    {
        SizeIndicator.Employees => "从业人员",
        SizeIndicator.Revenue => "营业收入",
        _ => "资产总额",
    };

    private static string UnitOf(SizeIndicator indicator) => indicator == SizeIndicator.Employees ? "人" : "万元";

    private static string Format(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    private sealed record Measured(SizeBand Band, decimal Value)
    {
        public SizeClass OwnClass => ClassesLargestFirst.FirstOrDefault(Reaches, SizeClass.Micro);

        public bool Reaches(SizeClass sizeClass) => Value >= Band.LowerBoundOf(sizeClass);

        public string Describe() => $"{NameOf(Band.Indicator)}{Format(Value)}{UnitOf(Band.Indicator)}";
    }
}
