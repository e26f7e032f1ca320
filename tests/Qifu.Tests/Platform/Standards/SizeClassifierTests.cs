using Qifu.Web.Platform.Standards;

namespace Qifu.Tests.Platform.Standards;

public sealed class SizeClassifierTests
{
    private const string NotCovered = "该行业不在《统计上大中小微型企业划分办法（2017）》适用范围内";

    // DOMAIN.md §3.5, transcribed independently of the production table: lower bounds for large, medium, small.
    private sealed record Row(string Industry, string Division, string? Group, Bound? X, Bound? Y, Bound? Z);

    private sealed record Bound(decimal Large, decimal Medium, decimal Small)
    {
        public decimal At(SizeClass sizeClass) => sizeClass switch
        {
            SizeClass.Large => Large,
            SizeClass.Medium => Medium,
            _ => Small,
        };
    }

    private static readonly Row[] Table =
    [
        new("农、林、牧、渔业", "01", null, null, new(20000, 500, 50), null),
        new("工业 B", "06", null, new(1000, 300, 20), new(40000, 2000, 300), null),
        new("工业 C", "13", null, new(1000, 300, 20), new(40000, 2000, 300), null),
        new("工业 D", "44", null, new(1000, 300, 20), new(40000, 2000, 300), null),
        new("建筑业", "47", null, null, new(80000, 6000, 300), new(80000, 5000, 300)),
        new("批发业", "51", null, new(200, 20, 5), new(40000, 5000, 1000), null),
        new("零售业", "52", null, new(300, 50, 10), new(20000, 500, 100), null),
        new("交通运输业 54", "54", null, new(1000, 300, 20), new(30000, 3000, 200), null),
        new("交通运输业 58", "58", null, new(1000, 300, 20), new(30000, 3000, 200), null),
        new("仓储业", "59", null, new(200, 100, 20), new(30000, 1000, 100), null),
        new("邮政业", "60", null, new(1000, 300, 20), new(30000, 2000, 100), null),
        new("住宿业", "61", null, new(300, 100, 10), new(10000, 2000, 100), null),
        new("餐饮业", "62", null, new(300, 100, 10), new(10000, 2000, 100), null),
        new("信息传输业 63", "63", null, new(2000, 100, 10), new(100000, 1000, 100), null),
        new("信息传输业 64", "64", null, new(2000, 100, 10), new(100000, 1000, 100), null),
        new("软件和信息技术服务业", "65", null, new(300, 100, 10), new(10000, 1000, 50), null),
        new("房地产开发经营", "70", "701", null, new(200000, 1000, 100), new(10000, 5000, 2000)),
        new("物业管理", "70", "702", new(1000, 300, 100), new(5000, 1000, 500), null),
        new("租赁业", "71", null, new(300, 100, 10), null, new(120000, 8000, 100)),
        new("商务服务业", "72", null, new(300, 100, 10), null, new(120000, 8000, 100)),
        new("其他未列明 M", "74", null, new(300, 100, 10), null, null),
        new("其他未列明 N", "77", null, new(300, 100, 10), null, null),
        new("其他未列明 O", "80", null, new(300, 100, 10), null, null),
        new("其他未列明 社会工作", "85", null, new(300, 100, 10), null, null),
        new("其他未列明 R", "88", null, new(300, 100, 10), null, null),
        new("其他未列明 房地产中介", "70", "703", new(300, 100, 10), null, null),
        new("其他未列明 其他房地产", "70", "709", new(300, 100, 10), null, null),
    ];

    private static readonly SizeClass[] Classes = [SizeClass.Large, SizeClass.Medium, SizeClass.Small];

    public static IEnumerable<object?[]> Boundaries()
    {
        foreach (var row in Table)
        {
            foreach (var sizeClass in Classes)
            {
                var x = (int?)row.X?.At(sizeClass);
                var y = row.Y?.At(sizeClass);
                var z = row.Z?.At(sizeClass);
                yield return [$"{row.Industry} {sizeClass} at bound", row.Division, row.Group, x, y, z, sizeClass];

                var lower = sizeClass + 1;
                if (x is not null)
                {
                    yield return [$"{row.Industry} {sizeClass} X-1", row.Division, row.Group, x - 1, y, z, lower];
                }
                if (y is not null)
                {
                    yield return [$"{row.Industry} {sizeClass} Y-0.01", row.Division, row.Group, x, y - 0.01m, z, lower];
                }
                if (z is not null)
                {
                    yield return [$"{row.Industry} {sizeClass} Z-0.01", row.Division, row.Group, x, y, z - 0.01m, lower];
                }
            }
            yield return [$"{row.Industry} zero", row.Division, row.Group, row.X is null ? null : 0, row.Y is null ? null : 0m, row.Z is null ? null : 0m, SizeClass.Micro];
        }
    }

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void Lower_bound_reaches_the_class_and_just_below_drops_one(
        string scenario, string division, string? group, int? employees, decimal? revenue, decimal? assets, SizeClass expected)
    {
        var result = SizeClassifier.Classify(division, group, employees, revenue, assets);

        Assert.True(expected == result.SizeClass, $"{scenario}: expected {expected}, got {result.SizeClass} ({result.Reason})");
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
    }

    [Theory]
    [InlineData(120, 1500, SizeClass.Small, "工业：从业人员120人（≥20），营业收入1500万元（≥300），符合小型标准")]
    [InlineData(350, 1800, SizeClass.Small, "工业：从业人员350人达到中型标准，但营业收入1800万元低于中型下限2000万元，故为小型")]
    [InlineData(15, 5000, SizeClass.Micro, "工业：营业收入5000万元达到中型标准，但从业人员15人低于小型下限20人，故为微型")]
    [InlineData(1200, 30000, SizeClass.Medium, "工业：从业人员1200人达到大型标准，但营业收入30000万元低于大型下限40000万元，故为中型")]
    [InlineData(1000, 40000, SizeClass.Large, "工业：从业人员1000人（≥1000），营业收入40000万元（≥40000），符合大型标准")]
    [InlineData(10, 100, SizeClass.Micro, "工业：从业人员10人（<20），营业收入100万元（<300），符合微型标准")]
    public void Worked_industrial_cases_from_the_domain_notes(int employees, int revenue, SizeClass expected, string reason)
    {
        var result = SizeClassifier.Classify("26", null, employees, revenue, null);

        Assert.Equal(expected, result.SizeClass);
        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public void Fractional_amounts_are_shown_without_trailing_zeros()
    {
        var result = SizeClassifier.Classify("65", null, 12, 49.50m, null);

        Assert.Equal(SizeClass.Micro, result.SizeClass);
        Assert.Equal("软件和信息技术服务业：从业人员12人达到小型标准，但营业收入49.5万元低于小型下限50万元，故为微型", result.Reason);
    }

    [Theory]
    [InlineData("53")]
    [InlineData("66")]
    [InlineData("69")]
    [InlineData("83")]
    [InlineData("84")]
    [InlineData("91")]
    [InlineData("96")]
    [InlineData("97")]
    public void Industries_outside_the_rules_are_unknown(string division)
    {
        var result = SizeClassifier.Classify(division, null, 50, 1000m, 1000m);

        Assert.Equal(SizeClass.Unknown, result.SizeClass);
        Assert.Equal(NotCovered, result.Reason);
    }

    [Fact]
    public void Own_property_leasing_704_is_outside_the_rules()
    {
        var result = SizeClassifier.Classify("70", "704", 50, 1000m, 1000m);

        Assert.Equal(SizeClass.Unknown, result.SizeClass);
        Assert.Equal(NotCovered, result.Reason);
    }

    [Fact]
    public void Every_other_division_is_covered()
    {
        string[] outside = ["53", "66", "67", "68", "69", "70", "83", "84", "91", "92", "93", "94", "95", "96", "97"];

        foreach (var division in Industries.Divisions.Where(d => !outside.Contains(d.Code)))
        {
            var result = SizeClassifier.Classify(division.Code, null, 5000, 500000m, 500000m);
            Assert.True(result.SizeClass == SizeClass.Large, $"{division.Code} {division.Name}: {result.Reason}");
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Real_estate_without_a_group_asks_for_the_group(string? group)
    {
        var result = SizeClassifier.Classify("70", group, 50, 1000m, 1000m);

        Assert.Equal(SizeClass.Unknown, result.SizeClass);
        Assert.Contains("中类", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Real_estate_with_an_unknown_group_is_unknown()
    {
        var result = SizeClassifier.Classify("70", "705", 50, 1000m, 1000m);

        Assert.Equal(SizeClass.Unknown, result.SizeClass);
        Assert.Equal("房地产业中类代码不正确，应为701、702、703、704或709", result.Reason);
    }

    [Fact]
    public void Group_is_ignored_outside_real_estate()
    {
        Assert.Equal(SizeClass.Small, SizeClassifier.Classify("13", "701", 120, 1500m, null).SizeClass);
    }

    [Theory]
    [InlineData("13", 120, null, null, "工业：缺少营业收入，无法划分企业规模")]
    [InlineData("13", null, null, null, "工业：缺少从业人员、营业收入，无法划分企业规模")]
    [InlineData("47", null, 500, null, "建筑业：缺少资产总额，无法划分企业规模")]
    [InlineData("74", null, 500, 500, "其他未列明行业：缺少从业人员，无法划分企业规模")]
    [InlineData("01", 10, null, 500, "农、林、牧、渔业：缺少营业收入，无法划分企业规模")]
    public void Missing_needed_indicator_is_unknown_and_named(string division, int? employees, int? revenue, int? assets, string reason)
    {
        var result = SizeClassifier.Classify(division, null, employees, revenue, assets);

        Assert.Equal(SizeClass.Unknown, result.SizeClass);
        Assert.Equal(reason, result.Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("99")]
    [InlineData("C")]
    public void Missing_or_unknown_division_is_unknown(string? division)
    {
        var result = SizeClassifier.Classify(division, null, 120, 1500m, 1500m);

        Assert.Equal(SizeClass.Unknown, result.SizeClass);
        Assert.Contains("行业", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_values_are_unknown()
    {
        var result = SizeClassifier.Classify("13", null, -1, 1500m, null);

        Assert.Equal(SizeClass.Unknown, result.SizeClass);
        Assert.Equal("从业人员不能为负数", result.Reason);
    }

    [Theory]
    [InlineData(SizeClass.Large, "大型")]
    [InlineData(SizeClass.Medium, "中型")]
    [InlineData(SizeClass.Small, "小型")]
    [InlineData(SizeClass.Micro, "微型")]
    [InlineData(SizeClass.Unknown, "无法划分")]
    public void Labels_are_the_chinese_class_names(SizeClass sizeClass, string label)
    {
        Assert.Equal(label, SizeClasses.Label(sizeClass));
    }
}
