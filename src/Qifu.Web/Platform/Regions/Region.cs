namespace Qifu.Web.Platform.Regions;

public enum RegionKind { City = 1, District = 2, County = 3, CountyCity = 4, Park = 5 }

/// <summary>A GB/T 2260 administrative division (or a park window) that has its own county site and operators.</summary>
public sealed class Region
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public string? ParentCode { get; init; }
    public RegionKind Kind { get; init; }
    public int SortOrder { get; init; }
}

public static class RegionCodes
{
    public const string City = "430400";

    /// <summary>Hengyang: the city, its 12 county-level units (DOMAIN.md §3.3) and two parks as extra windows.</summary>
    public static readonly Region[] Hengyang =
    [
        new() { Code = City, Name = "衡阳市", Kind = RegionKind.City, SortOrder = 0 },
        new() { Code = "430405", Name = "珠晖区", ParentCode = City, Kind = RegionKind.District, SortOrder = 1 },
        new() { Code = "430406", Name = "雁峰区", ParentCode = City, Kind = RegionKind.District, SortOrder = 2 },
        new() { Code = "430407", Name = "石鼓区", ParentCode = City, Kind = RegionKind.District, SortOrder = 3 },
        new() { Code = "430408", Name = "蒸湘区", ParentCode = City, Kind = RegionKind.District, SortOrder = 4 },
        new() { Code = "430412", Name = "南岳区", ParentCode = City, Kind = RegionKind.District, SortOrder = 5 },
        new() { Code = "430421", Name = "衡阳县", ParentCode = City, Kind = RegionKind.County, SortOrder = 6 },
        new() { Code = "430422", Name = "衡南县", ParentCode = City, Kind = RegionKind.County, SortOrder = 7 },
        new() { Code = "430423", Name = "衡山县", ParentCode = City, Kind = RegionKind.County, SortOrder = 8 },
        new() { Code = "430424", Name = "衡东县", ParentCode = City, Kind = RegionKind.County, SortOrder = 9 },
        new() { Code = "430426", Name = "祁东县", ParentCode = City, Kind = RegionKind.County, SortOrder = 10 },
        new() { Code = "430481", Name = "耒阳市", ParentCode = City, Kind = RegionKind.CountyCity, SortOrder = 11 },
        new() { Code = "430482", Name = "常宁市", ParentCode = City, Kind = RegionKind.CountyCity, SortOrder = 12 },
        new() { Code = "430472", Name = "衡阳高新区", ParentCode = City, Kind = RegionKind.Park, SortOrder = 13 },
        new() { Code = "430473", Name = "松木经开区", ParentCode = City, Kind = RegionKind.Park, SortOrder = 14 },
    ];

    private static readonly Dictionary<string, Region> ByCode = Hengyang.ToDictionary(r => r.Code);

    public static bool Exists(string? code) => code is not null && ByCode.ContainsKey(code);

    public static string NameOf(string? code) => code is not null && ByCode.TryGetValue(code, out var r) ? r.Name : "—";
}
