namespace Qifu.Web.Platform.Dictionaries;

/// <summary>
/// An operator-maintained dictionary value (字典), e.g. an enterprise tag such as 专精特新中小企业.
/// The code is stable once created; the name and whether it is offered can change.
/// </summary>
public sealed class DictionaryItem
{
    public int Id { get; init; }
    public required string Kind { get; init; }
    public required string Code { get; init; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
    public bool IsEnabled { get; set; } = true;

    public void Rename(string name, int sortOrder, bool enabled)
    {
        Name = name.Trim();
        SortOrder = sortOrder;
        IsEnabled = enabled;
    }
}

public static class DictionaryKinds
{
    public const string EnterpriseTag = "enterprise-tag";
}

/// <summary>A runtime setting (参数配置) a city operator may change, e.g. the service hotline shown in the footer.</summary>
public sealed class Setting
{
    public required string Key { get; init; }
    public required string Value { get; set; }
}

public sealed record SettingDefinition(string Key, string Label, string Default, int MaxLength);

public static class Settings
{
    public const string Organizer = "site.organizer";
    public const string Address = "site.address";
    public const string Hotline = "site.hotline";
    public const string Email = "site.email";
    public const string Icp = "site.icp";

    public static readonly SettingDefinition[] All =
    [
        new(Organizer, "主办单位", "衡阳市中小企业服务中心", 100),
        new(Address, "地址", "湖南省衡阳市（演示）", 200),
        new(Hotline, "服务热线", "0734-0000000（演示号码）", 50),
        new(Email, "电子邮箱", "service@example.org（演示地址）", 100),
        new(Icp, "ICP备案号", "", 50),
    ];
}
