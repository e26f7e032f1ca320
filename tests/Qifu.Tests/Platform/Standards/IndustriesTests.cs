using Qifu.Web.Platform.Standards;

namespace Qifu.Tests.Platform.Standards;

public sealed class IndustriesTests
{
    // Section → division range, transcribed from DOMAIN.md §3.4.
    public static TheoryData<string, string, int, int> SectionRanges => new()
    {
        { "A", "农、林、牧、渔业", 1, 5 },
        { "B", "采矿业", 6, 12 },
        { "C", "制造业", 13, 43 },
        { "D", "电力、热力、燃气及水生产和供应业", 44, 46 },
        { "E", "建筑业", 47, 50 },
        { "F", "批发和零售业", 51, 52 },
        { "G", "交通运输、仓储和邮政业", 53, 60 },
        { "H", "住宿和餐饮业", 61, 62 },
        { "I", "信息传输、软件和信息技术服务业", 63, 65 },
        { "J", "金融业", 66, 69 },
        { "K", "房地产业", 70, 70 },
        { "L", "租赁和商务服务业", 71, 72 },
        { "M", "科学研究和技术服务业", 73, 75 },
        { "N", "水利、环境和公共设施管理业", 76, 79 },
        { "O", "居民服务、修理和其他服务业", 80, 82 },
        { "P", "教育", 83, 83 },
        { "Q", "卫生和社会工作", 84, 85 },
        { "R", "文化、体育和娱乐业", 86, 90 },
        { "S", "公共管理、社会保障和社会组织", 91, 96 },
        { "T", "国际组织", 97, 97 },
    };

    [Fact]
    public void There_are_20_sections_A_to_T_in_order()
    {
        Assert.Equal("ABCDEFGHIJKLMNOPQRST", string.Concat(Industries.Sections.Select(s => s.Code)));
    }

    [Fact]
    public void There_are_97_divisions_numbered_01_to_97_without_gaps()
    {
        var expected = Enumerable.Range(1, 97).Select(n => n.ToString("00", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, Industries.Divisions.Select(d => d.Code));
        Assert.All(Industries.Divisions, d => Assert.False(string.IsNullOrWhiteSpace(d.Name)));
        Assert.Equal(97, Industries.Divisions.Select(d => d.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(SectionRanges))]
    public void Each_section_owns_exactly_its_division_range(string section, string name, int first, int last)
    {
        var owned = Industries.Divisions.Where(d => d.SectionCode == section).Select(d => int.Parse(d.Code, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(Enumerable.Range(first, last - first + 1), owned);
        Assert.Equal(name, Industries.FindSection(section)?.Name);
    }

    [Theory]
    [InlineData("01", "农业", "A")]
    [InlineData("05", "农、林、牧、渔专业及辅助性活动", "A")]
    [InlineData("06", "煤炭开采和洗选业", "B")]
    [InlineData("13", "农副食品加工业", "C")]
    [InlineData("53", "铁路运输业", "G")]
    [InlineData("65", "软件和信息技术服务业", "I")]
    [InlineData("70", "房地产业", "K")]
    [InlineData("83", "教育", "P")]
    [InlineData("97", "国际组织", "T")]
    [InlineData(" 65 ", "软件和信息技术服务业", "I")]
    public void FindDivision_returns_the_official_name(string code, string name, string section)
    {
        var division = Industries.FindDivision(code);

        Assert.NotNull(division);
        Assert.Equal(name, division.Name);
        Assert.Equal(section, division.SectionCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("98")]
    [InlineData("1")]
    [InlineData("C13")]
    public void FindDivision_returns_null_for_unknown_codes(string? code)
    {
        Assert.Null(Industries.FindDivision(code));
    }

    [Fact]
    public void FindSection_ignores_case_and_rejects_unknown_letters()
    {
        Assert.Equal("制造业", Industries.FindSection("c")?.Name);
        Assert.Null(Industries.FindSection("U"));
        Assert.Null(Industries.FindSection(null));
    }
}
