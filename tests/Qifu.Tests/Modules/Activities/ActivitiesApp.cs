using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;

namespace Qifu.Tests.Modules.Activities;

[CollectionDefinition(Name)]
public sealed class ActivitiesCollection : ICollectionFixture<QifuApp>
{
    public const string Name = "activities app";
}

/// <summary>Arranging activities and enterprises for the activity tests. Times are relative to the app's frozen clock.</summary>
public static class ActivityArrange
{
    public static DateTime BeijingNow(this QifuApp app) => app.Clock.GetUtcNow().UtcDateTime.AddHours(8);

    /// <summary>An activity published by the given operator: it starts <paramref name="startsInDays"/> days from now at 09:00
    /// Beijing time; registration is open from an hour ago until an hour before the start.</summary>
    public static async Task<Guid> PublishedActivityAsync(this QifuApp app, int capacity, int reserved = 0, bool requiresApproval = false,
        int startsInDays = 1, string operatorPhone = Http.CityOperator, string? questions = null, string region = RegionCodes.City)
    {
        var op = await app.ApiAsync(operatorPhone);
        var response = await op.PostAsJsonAsync("/api/v1/activities", Body(app, capacity, reserved, requiresApproval, startsInDays, questions, region, publish: true));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static object Body(QifuApp app, int capacity, int reserved = 0, bool requiresApproval = false, int startsInDays = 1, string? questions = null,
        string region = RegionCodes.City, bool publish = true, string title = "专精特新企业申报政策宣讲会")
    {
        var start = app.BeijingNow().Date.AddDays(startsInDays).AddHours(9);
        return new
        {
            type = "PolicyBriefing", title, description = "<p>解读省级专精特新中小企业认定条件与申报材料要点，现场答疑。</p>",
            regionCode = region, startsAt = Local(start), endsAt = Local(start.AddHours(3)), venue = "衡阳市中小企业服务中心三楼报告厅",
            capacity, reserved, registrationOpensAt = Local(app.BeijingNow().AddHours(-1)), registrationClosesAt = Local(start.AddHours(-1)),
            questions, requiresApproval, isPublicInterest = true, publish,
        };
    }

    private static string Local(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ss");

    public static object OnePerson(string name = "陈晓明") =>
        new { attendees = new[] { new { name, phone = "139" + Random.Shared.Next(10_000_000, 99_999_999), position = "财务经理" } } };

    /// <summary>
    /// <paramref name="count"/> approved enterprises, each with an API client holding a bearer token minted by the app's
    /// own token protector (signing in 150 times would spend minutes on password hashing, which is not under test).
    /// </summary>
    public static async Task<List<HttpClient>> EnterpriseClientsAsync(this QifuApp app, int count, string region = "430405")
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var ids = await app.WithDbAsync(async db =>
        {
            var list = new List<Guid>();
            for (var i = 0; i < count; i++)
            {
                var code = TestData.CreditCodeFor(region);
                var e = new Enterprise
                {
                    Id = Guid.NewGuid(), CreditCode = code, Name = $"衡阳测试企业{code[^6..]}有限公司", LegalRepresentative = "刘一", RegionCode = region,
                    IndustrySection = "C", IndustryDivision = "34", Employees = 50, RevenueWan = 800, AssetsWan = 900, SizeClass = SizeClass.Small,
                    ContactName = "刘一", ContactPhone = "13900000000", CreatedAt = now,
                };
                e.Submit(now);
                e.Approve(now);
                db.Enterprises.Add(e);
                list.Add(e.Id);
            }
            await db.SaveChangesAsync();
            return list;
        });
        var options = app.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);
        return ids.Select(id =>
        {
            var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), new Claim(ClaimTypes.Name, "测试"), new Claim(ClaimTypes.Role, Roles.Enterprise),
                new Claim("qifu:name", "测试联系人"), new Claim("qifu:enterprise", id.ToString()),
            ], IdentityConstants.BearerScheme);
            var properties = new AuthenticationProperties { ExpiresUtc = app.Clock.GetUtcNow().AddDays(30) };
            var token = options.BearerTokenProtector.Protect(new AuthenticationTicket(new ClaimsPrincipal(identity), properties, IdentityConstants.BearerScheme));
            var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }).ToList();
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        await response.Content.LoadIntoBufferAsync();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    public static async Task<string> CodeOf(this HttpResponseMessage response) => (await response.JsonAsync()).GetProperty("code").GetString()!;
}
