namespace Qifu.Web.Platform.Dictionaries;

public sealed record ServiceCategory(string Code, string Name);

/// <summary>The eight first-level service categories (GLOSSARY.md). Codes are stable; names are what users see.</summary>
public static class ServiceCategories
{
    public static readonly ServiceCategory[] All =
    [
        new("policy", "政策宣传与辅导"),
        new("consulting", "管理咨询"),
        new("training", "企业培训"),
        new("innovation", "创业创新"),
        new("finance", "财税融资"),
        new("market", "市场开拓"),
        new("legal", "法律法规"),
        new("digital", "信息化"),
    ];

    /// <summary>Second-level categories (子类) per first-level code.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> SubCategories = new Dictionary<string, string[]>
    {
        ["policy"] = ["政策解读", "项目申报辅导", "资质认定辅导", "惠企政策兑现"],
        ["consulting"] = ["战略与管理咨询", "质量管理", "人力资源", "安全生产", "节能环保"],
        ["training"] = ["经营管理培训", "专业技能培训", "职业资格培训", "企业家培训"],
        ["innovation"] = ["创业孵化", "知识产权", "科技成果转化", "检验检测", "研发设计"],
        ["finance"] = ["融资担保", "银行信贷", "续贷过桥", "股权融资", "财务代理记账", "税务筹划"],
        ["market"] = ["市场拓展", "品牌建设", "展会对接", "电子商务", "外贸服务"],
        ["legal"] = ["法律咨询", "合同审查", "劳动用工", "商事调解", "法律体检"],
        ["digital"] = ["数字化转型诊断", "工业互联网", "企业上云", "网络安全", "软件开发"],
    };

    public static bool IsSubCategoryOf(string category, string? sub) =>
        !string.IsNullOrEmpty(sub) && SubCategories.TryGetValue(category, out var subs) && subs.Contains(sub);

    public static bool Exists(string code) => All.Any(c => c.Code == code);

    public static string NameOf(string code) => All.FirstOrDefault(c => c.Code == code)?.Name ?? code;
}
