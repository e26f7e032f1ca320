namespace Qifu.Web.Platform.Standards;

public sealed record IndustrySection(string Code, string Name);

public sealed record IndustryDivision(string Code, string Name, string SectionCode);

/// <summary>GB/T 4754-2017 门类 and 大类 (DOMAIN.md §3.4). Old forms may carry 2011 numbering; these are 2017 codes.</summary>
public static class Industries
{
    public const string Edition = "GB/T 4754-2017";

    public static IReadOnlyList<IndustrySection> Sections { get; } =
    [
        new("A", "农、林、牧、渔业"),
        new("B", "采矿业"),
        new("C", "制造业"),
        new("D", "电力、热力、燃气及水生产和供应业"),
        new("E", "建筑业"),
        new("F", "批发和零售业"),
        new("G", "交通运输、仓储和邮政业"),
        new("H", "住宿和餐饮业"),
        new("I", "信息传输、软件和信息技术服务业"),
        new("J", "金融业"),
        new("K", "房地产业"),
        new("L", "租赁和商务服务业"),
        new("M", "科学研究和技术服务业"),
        new("N", "水利、环境和公共设施管理业"),
        new("O", "居民服务、修理和其他服务业"),
        new("P", "教育"),
        new("Q", "卫生和社会工作"),
        new("R", "文化、体育和娱乐业"),
        new("S", "公共管理、社会保障和社会组织"),
        new("T", "国际组织"),
    ];

    public static IReadOnlyList<IndustryDivision> Divisions { get; } =
    [
        new("01", "农业", "A"),
        new("02", "林业", "A"),
        new("03", "畜牧业", "A"),
        new("04", "渔业", "A"),
        new("05", "农、林、牧、渔专业及辅助性活动", "A"),
        new("06", "煤炭开采和洗选业", "B"),
        new("07", "石油和天然气开采业", "B"),
        new("08", "黑色金属矿采选业", "B"),
        new("09", "有色金属矿采选业", "B"),
        new("10", "非金属矿采选业", "B"),
        new("11", "开采专业及辅助性活动", "B"),
        new("12", "其他采矿业", "B"),
        new("13", "农副食品加工业", "C"),
        new("14", "食品制造业", "C"),
        new("15", "酒、饮料和精制茶制造业", "C"),
        new("16", "烟草制品业", "C"),
        new("17", "纺织业", "C"),
        new("18", "纺织服装、服饰业", "C"),
        new("19", "皮革、毛皮、羽毛及其制品和制鞋业", "C"),
        new("20", "木材加工和木、竹、藤、棕、草制品业", "C"),
        new("21", "家具制造业", "C"),
        new("22", "造纸和纸制品业", "C"),
        new("23", "印刷和记录媒介复制业", "C"),
        new("24", "文教、工美、体育和娱乐用品制造业", "C"),
        new("25", "石油、煤炭及其他燃料加工业", "C"),
        new("26", "化学原料和化学制品制造业", "C"),
        new("27", "医药制造业", "C"),
        new("28", "化学纤维制造业", "C"),
        new("29", "橡胶和塑料制品业", "C"),
        new("30", "非金属矿物制品业", "C"),
        new("31", "黑色金属冶炼和压延加工业", "C"),
        new("32", "有色金属冶炼和压延加工业", "C"),
        new("33", "金属制品业", "C"),
        new("34", "通用设备制造业", "C"),
        new("35", "专用设备制造业", "C"),
        new("36", "汽车制造业", "C"),
        new("37", "铁路、船舶、航空航天和其他运输设备制造业", "C"),
        new("38", "电气机械和器材制造业", "C"),
        new("39", "计算机、通信和其他电子设备制造业", "C"),
        new("40", "仪器仪表制造业", "C"),
        new("41", "其他制造业", "C"),
        new("42", "废弃资源综合利用业", "C"),
        new("43", "金属制品、机械和设备修理业", "C"),
        new("44", "电力、热力生产和供应业", "D"),
        new("45", "燃气生产和供应业", "D"),
        new("46", "水的生产和供应业", "D"),
        new("47", "房屋建筑业", "E"),
        new("48", "土木工程建筑业", "E"),
        new("49", "建筑安装业", "E"),
        new("50", "建筑装饰、装修和其他建筑业", "E"),
        new("51", "批发业", "F"),
        new("52", "零售业", "F"),
        new("53", "铁路运输业", "G"),
        new("54", "道路运输业", "G"),
        new("55", "水上运输业", "G"),
        new("56", "航空运输业", "G"),
        new("57", "管道运输业", "G"),
        new("58", "多式联运和运输代理业", "G"),
        new("59", "装卸搬运和仓储业", "G"),
        new("60", "邮政业", "G"),
        new("61", "住宿业", "H"),
        new("62", "餐饮业", "H"),
        new("63", "电信、广播电视和卫星传输服务", "I"),
        new("64", "互联网和相关服务", "I"),
        new("65", "软件和信息技术服务业", "I"),
        new("66", "货币金融服务", "J"),
        new("67", "资本市场服务", "J"),
        new("68", "保险业", "J"),
        new("69", "其他金融业", "J"),
        new("70", "房地产业", "K"),
        new("71", "租赁业", "L"),
        new("72", "商务服务业", "L"),
        new("73", "研究和试验发展", "M"),
        new("74", "专业技术服务业", "M"),
        new("75", "科技推广和应用服务业", "M"),
        new("76", "水利管理业", "N"),
        new("77", "生态保护和环境治理业", "N"),
        new("78", "公共设施管理业", "N"),
        new("79", "土地管理业", "N"),
        new("80", "居民服务业", "O"),
        new("81", "机动车、电子产品和日用产品修理业", "O"),
        new("82", "其他服务业", "O"),
        new("83", "教育", "P"),
        new("84", "卫生", "Q"),
        new("85", "社会工作", "Q"),
        new("86", "新闻和出版业", "R"),
        new("87", "广播、电视、电影和录音制作业", "R"),
        new("88", "文化艺术业", "R"),
        new("89", "体育", "R"),
        new("90", "娱乐业", "R"),
        new("91", "中国共产党机关", "S"),
        new("92", "国家机构", "S"),
        new("93", "人民政协、民主党派", "S"),
        new("94", "社会保障", "S"),
        new("95", "群众团体、社会团体和其他成员组织", "S"),
        new("96", "基层群众自治组织及其他组织", "S"),
        new("97", "国际组织", "T"),
    ];

    private static readonly Dictionary<string, IndustrySection> SectionsByCode =
        Sections.ToDictionary(s => s.Code, StringComparer.Ordinal);

    private static readonly Dictionary<string, IndustryDivision> DivisionsByCode =
        Divisions.ToDictionary(d => d.Code, StringComparer.Ordinal);

    public static IndustryDivision? FindDivision(string? code) =>
        code is not null && DivisionsByCode.TryGetValue(code.Trim(), out var division) ? division : null;

    public static IndustrySection? FindSection(string? code) =>
        code is not null && SectionsByCode.TryGetValue(code.Trim().ToUpperInvariant(), out var section) ? section : null;
}
