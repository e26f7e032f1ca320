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

    public static bool Exists(string code) => All.Any(c => c.Code == code);

    public static string NameOf(string code) => All.FirstOrDefault(c => c.Code == code)?.Name ?? code;
}
