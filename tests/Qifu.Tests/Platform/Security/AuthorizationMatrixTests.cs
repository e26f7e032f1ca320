using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Qifu.Tests.Support;

namespace Qifu.Tests.Platform.Security;

/// <summary>
/// SECURITY.md AC-01: every route is listed in docs/security/endpoints.csv with who may call it, and the running
/// application is checked against that table for every role.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class AuthorizationMatrixTests(QifuApp app)
{
    private static readonly string MatrixPath = Path.Combine(RepoRoot(), "docs", "security", "endpoints.csv");

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Qifu.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    private sealed record Row(string Method, string Route, string Access);

    private List<Row> Actual()
    {
        var sources = app.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        var rows = new List<Row>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var route = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (route.StartsWith("/{*")) route = "(fallback)";
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["PAGE"];
            var access = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null ? "anonymous"
                : endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null) ?? "signed-in";
            rows.AddRange(methods.Select(m => new Row(m, route, access)));
        }
        return rows.Distinct().OrderBy(r => r.Route, StringComparer.Ordinal).ThenBy(r => r.Method).ToList();
    }

    [Fact]
    public void Every_route_is_in_the_checked_in_matrix_with_the_same_access()
    {
        var actual = Actual();
        var lines = actual.Select(r => $"{r.Method},{r.Route},{r.Access}").ToList();
        var expected = File.Exists(MatrixPath)
            ? File.ReadAllLines(MatrixPath).Skip(1).Where(l => l.Length > 0).ToList() : [];
        if (!expected.SequenceEqual(lines))
        {
            File.WriteAllLines(MatrixPath + ".actual", ["method,route,access", .. lines]);
            var missing = lines.Except(expected).ToList();
            var extra = expected.Except(lines).ToList();
            Assert.Fail($"docs/security/endpoints.csv is out of date (see endpoints.csv.actual).\nNot in the matrix:\n  {string.Join("\n  ", missing)}\nIn the matrix but not in the app:\n  {string.Join("\n  ", extra)}");
        }
    }

    public static TheoryData<string> Roles => new() { "public", Http.CityOperator, Http.ZhuhuiOperator, Http.ApprovedEnterprise, Http.Institution };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Each_role_gets_exactly_the_get_routes_the_matrix_grants(string who)
    {
        var client = who == "public" ? app.Browser() : await app.SignedInAsync(who);
        var principalRoles = who switch
        {
            Http.CityOperator => new[] { Web.Platform.Regions.Roles.CityOperator },
            Http.ZhuhuiOperator => [Web.Platform.Regions.Roles.CountyOperator],
            Http.ApprovedEnterprise => [Web.Platform.Regions.Roles.Enterprise],
            Http.Institution => [Web.Platform.Regions.Roles.Institution],
            _ => [],
        };
        var checkedRoutes = 0;
        // Status pages (/account/denied answers 403 on purpose) and the fallback are not functions to grant.
        var statusPages = new[] { "(fallback)", "/account/denied", "/account/signout" };
        foreach (var row in Actual().Where(r => r.Method is "GET" or "PAGE" && !r.Route.Contains('{') && !statusPages.Contains(r.Route)))
        {
            var allowed = row.Access switch
            {
                "anonymous" => true,
                "signed-in" => who != "public",
                var policy => principalRoles.Any(role => Web.Platform.Regions.Permissions.Grants[policy].Contains(role)),
            };
            var response = await client.GetAsync(row.Route);
            var location = response.Headers.Location?.OriginalString ?? "";
            var denied = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                || (response.StatusCode == HttpStatusCode.Redirect && (location.Contains("/account/signin") || location.Contains("/account/denied")));
            Assert.True(allowed != denied, $"{who} GET {row.Route} ({row.Access}): {(int)response.StatusCode} {location}");
            checkedRoutes++;
        }
        Assert.True(checkedRoutes > 10);
    }
}
