using System.Security.Claims;

namespace Qifu.Web.Platform.Regions;

/// <summary>
/// What an operator may see and change, over the region tree: the city operator everything,
/// a county operator only their own region. Applied to every read and every id-taking write.
/// </summary>
public sealed record DataScope(bool All, string? RegionCode)
{
    public const string RegionClaim = "qifu:region";

    public static DataScope Of(ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.CityOperator)) return new DataScope(true, RegionCodes.City);
        if (user.IsInRole(Roles.CountyOperator)) return new DataScope(false, user.FindFirstValue(RegionClaim) ?? "none");
        return new DataScope(false, "none");
    }

    public bool Covers(string regionCode) => All || regionCode == RegionCode;

    public IQueryable<T> Apply<T>(IQueryable<T> query, System.Linq.Expressions.Expression<Func<T, string>> region)
    {
        if (All) return query;
        var code = RegionCode;
        var param = region.Parameters[0];
        var body = System.Linq.Expressions.Expression.Equal(region.Body, System.Linq.Expressions.Expression.Constant(code));
        return query.Where(System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(body, param));
    }
}

/// <summary>Role names. Permissions are constants in code (ECOSYSTEM.md §1a), granted per role in <see cref="Permissions"/>.</summary>
public static class Roles
{
    public const string CityOperator = "city-operator";
    public const string CountyOperator = "county-operator";
    public const string Enterprise = "enterprise";
    public const string Institution = "institution";

    public static readonly string[] All = [CityOperator, CountyOperator, Enterprise, Institution];
    public static readonly string[] Operators = [CityOperator, CountyOperator];

    public static string Label(string role) => role switch
    {
        CityOperator => "市级平台运营",
        CountyOperator => "区县运营",
        Enterprise => "企业用户",
        Institution => "服务机构用户",
        _ => role,
    };
}
