namespace Qifu.Web.Platform.Standards;

internal enum SizeIndicator
{
    Employees,
    Revenue,
    Assets,
}

/// <summary>Lower bounds of one indicator for the large, medium and small classes; anything below small is micro.</summary>
internal sealed record SizeBand(SizeIndicator Indicator, decimal Large, decimal Medium, decimal Small)
{
    public decimal LowerBoundOf(SizeClass sizeClass) => sizeClass switch
    {
        SizeClass.Large => Large,
        SizeClass.Medium => Medium,
        SizeClass.Small => Small,
        _ => 0m,
    };
}

internal sealed record SizeRule(string Industry, IReadOnlyList<SizeBand> Bands);

/// <summary>The table of 《统计上大中小微型企业划分办法（2017）》 (DOMAIN.md §3.5). X = 从业人员, Y = 营业收入, Z = 资产总额 (万元).</summary>
internal static class SizeRules
{
    private static readonly SizeRule Agriculture = new("农、林、牧、渔业", [Y(20000, 500, 50)]);
    private static readonly SizeRule Industry = new("工业", [X(1000, 300, 20), Y(40000, 2000, 300)]);
    private static readonly SizeRule Construction = new("建筑业", [Y(80000, 6000, 300), Z(80000, 5000, 300)]);
    private static readonly SizeRule Wholesale = new("批发业", [X(200, 20, 5), Y(40000, 5000, 1000)]);
    private static readonly SizeRule Retail = new("零售业", [X(300, 50, 10), Y(20000, 500, 100)]);
    private static readonly SizeRule Transport = new("交通运输业", [X(1000, 300, 20), Y(30000, 3000, 200)]);
    private static readonly SizeRule Warehousing = new("仓储业", [X(200, 100, 20), Y(30000, 1000, 100)]);
    private static readonly SizeRule Postal = new("邮政业", [X(1000, 300, 20), Y(30000, 2000, 100)]);
    private static readonly SizeRule Accommodation = new("住宿业", [X(300, 100, 10), Y(10000, 2000, 100)]);
    private static readonly SizeRule Catering = new("餐饮业", [X(300, 100, 10), Y(10000, 2000, 100)]);
    private static readonly SizeRule InformationTransmission = new("信息传输业", [X(2000, 100, 10), Y(100000, 1000, 100)]);
    private static readonly SizeRule Software = new("软件和信息技术服务业", [X(300, 100, 10), Y(10000, 1000, 50)]);
    private static readonly SizeRule RealEstateDevelopment = new("房地产开发经营", [Y(200000, 1000, 100), Z(10000, 5000, 2000)]);
    private static readonly SizeRule PropertyManagement = new("物业管理", [X(1000, 300, 100), Y(5000, 1000, 500)]);
    private static readonly SizeRule LeasingAndBusiness = new("租赁和商务服务业", [X(300, 100, 10), Z(120000, 8000, 100)]);
    private static readonly SizeRule OtherUnlisted = new("其他未列明行业", [X(300, 100, 10)]);

    // Keys are a 房地产业 group, a division or a section, looked up in that order. Deliberately absent because the
    // rules do not cover them: J 金融业, P 教育, 84 卫生, S, T, 53 铁路运输业, 704 自有房地产经营活动.
    private static readonly Dictionary<string, SizeRule> ByScope = new(StringComparer.Ordinal)
    {
        ["A"] = Agriculture,
        ["B"] = Industry,
        ["C"] = Industry,
        ["D"] = Industry,
        ["E"] = Construction,
        ["51"] = Wholesale,
        ["52"] = Retail,
        ["54"] = Transport,
        ["55"] = Transport,
        ["56"] = Transport,
        ["57"] = Transport,
        ["58"] = Transport,
        ["59"] = Warehousing,
        ["60"] = Postal,
        ["61"] = Accommodation,
        ["62"] = Catering,
        ["63"] = InformationTransmission,
        ["64"] = InformationTransmission,
        ["65"] = Software,
        ["701"] = RealEstateDevelopment,
        ["702"] = PropertyManagement,
        ["703"] = OtherUnlisted,
        ["709"] = OtherUnlisted,
        ["L"] = LeasingAndBusiness,
        ["M"] = OtherUnlisted,
        ["N"] = OtherUnlisted,
        ["O"] = OtherUnlisted,
        ["85"] = OtherUnlisted,
        ["R"] = OtherUnlisted,
    };

    public static SizeRule? Find(IndustryDivision division, string? realEstateGroup)
    {
        if (realEstateGroup is not null)
        {
            return ByScope.GetValueOrDefault(realEstateGroup);
        }
        return ByScope.GetValueOrDefault(division.Code) ?? ByScope.GetValueOrDefault(division.SectionCode);
    }

    private static SizeBand X(decimal large, decimal medium, decimal small) => new(SizeIndicator.Employees, large, medium, small);

    private static SizeBand Y(decimal large, decimal medium, decimal small) => new(SizeIndicator.Revenue, large, medium, small);

    private static SizeBand Z(decimal large, decimal medium, decimal small) => new(SizeIndicator.Assets, large, medium, small);
}
