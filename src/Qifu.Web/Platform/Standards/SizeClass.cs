namespace Qifu.Web.Platform.Standards;

/// <summary>Enterprise size per 《统计上大中小微型企业划分办法（2017）》; the numbers are stored, keep them stable.</summary>
public enum SizeClass
{
    Unknown = 0,
    Large = 1,
    Medium = 2,
    Small = 3,
    Micro = 4,
}

public static class SizeClasses
{
    public static string Label(SizeClass c) => c switch
    {
        SizeClass.Large => "大型",
        SizeClass.Medium => "中型",
        SizeClass.Small => "小型",
        SizeClass.Micro => "微型",
        _ => "无法划分",
    };
}
