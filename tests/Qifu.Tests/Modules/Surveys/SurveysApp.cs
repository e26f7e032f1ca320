using System.Net;
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

namespace Qifu.Tests.Modules.Surveys;

[CollectionDefinition(Name)]
public sealed class SurveysCollection : ICollectionFixture<QifuApp>
{
    public const string Name = "surveys app";
}

public sealed record TestEnterprise(Guid Id, string Name, HttpClient Client);

/// <summary>Arranging questionnaires, batches and enterprises for the survey tests (through the API, as operators do).</summary>
public static class SurveyArrange
{
    /// <summary>Every question type: q single (required), multiple (max 2, 其他), short text, long text, number 0–1000, matrix.</summary>
    public static object AllTypes(string title = "企业需求摸排测试问卷") => new
    {
        title,
        description = "测试用问卷",
        sections = new object[]
        {
            new
            {
                title = "经营情况",
                questions = new object[]
                {
                    new { type = "SingleChoice", title = "经营状况", required = true, options = new[] { new { label = "好转" }, new { label = "持平" }, new { label = "下降" } } },
                    new
                    {
                        type = "MultipleChoice", title = "最需要的服务", required = true, maxChoices = 2, allowOther = true,
                        options = new[] { new { label = "融资" }, new { label = "培训" }, new { label = "法律" } },
                    },
                    new { type = "Number", title = "职工人数", required = true, min = 0, max = 1000 },
                },
            },
            new
            {
                title = "意见建议",
                questions = new object[]
                {
                    new { type = "ShortText", title = "希望的活动" },
                    new { type = "LongText", title = "困难和建议" },
                    new
                    {
                        type = "Matrix", title = "满意度", required = true,
                        rows = new[] { new { label = "融资服务" }, new { label = "政策宣传" } }, columns = new[] { new { label = "满意" }, new { label = "一般" }, new { label = "不满意" } },
                    },
                },
            },
        },
    };

    public sealed record Keys(string Single, string Multi, string Number, string Short, string Long, string Matrix, string[] SingleOptions, string[] MultiOptions,
        string[] Rows, string[] Columns);

    public static async Task<(Guid Id, Keys Keys)> QuestionnaireAsync(this HttpClient op, string title = "企业需求摸排测试问卷")
    {
        var response = await op.PostAsJsonAsync("/api/v1/surveys/questionnaires", AllTypes(title));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        var q = body.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("questions").EnumerateArray()).ToList();
        string[] Keys(JsonElement e, string prop) => e.TryGetProperty(prop, out var list) ? list.EnumerateArray().Select(o => o.GetProperty("key").GetString()!).ToArray() : [];
        return (body.GetProperty("id").GetGuid(), new Keys(
            q[0].GetProperty("key").GetString()!, q[1].GetProperty("key").GetString()!, q[2].GetProperty("key").GetString()!,
            q[3].GetProperty("key").GetString()!, q[4].GetProperty("key").GetString()!, q[5].GetProperty("key").GetString()!,
            Keys(q[0], "options"), Keys(q[1], "options"), Keys(q[5], "rows"), Keys(q[5], "columns")));
    }

    public static async Task<Guid> BatchAsync(this HttpClient op, Guid questionnaireId, string[]? regions = null, string[]? industries = null,
        string[]? sizes = null, bool open = true, string title = "2026年第4批 企业需求摸排", QifuApp? app = null)
    {
        var closes = (app?.Clock.GetUtcNow().UtcDateTime ?? DateTime.UtcNow).AddHours(8).AddDays(10).ToString("yyyy-MM-ddTHH:mm:ss");
        var response = await op.PostAsJsonAsync("/api/v1/surveys/batches", new
        {
            questionnaireId, title, closesAt = closes, regions = regions ?? [], industries = industries ?? [], sizes = sizes ?? [],
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.JsonAsync()).GetProperty("id").GetGuid();
        if (open) Assert.Equal(HttpStatusCode.OK, (await op.PostAsync($"/api/v1/surveys/batches/{id}/open", null)).StatusCode);
        return id;
    }

    /// <summary>A full valid answer to <see cref="AllTypes"/>.</summary>
    public static object Answer(Keys k, int single = 0, string[]? multi = null, decimal number = 50, string? text = "银企对接会", string? other = null,
        string? longText = null) => new
    {
        answers = new Dictionary<string, object>
        {
            [k.Single] = new { choices = new[] { k.SingleOptions[single] } },
            [k.Multi] = new { choices = multi ?? [k.MultiOptions[0]], other },
            [k.Number] = new { number },
            [k.Short] = new { text },
            [k.Long] = new { text = longText },
            [k.Matrix] = new { rows = new Dictionary<string, string> { [k.Rows[0]] = k.Columns[0], [k.Rows[1]] = k.Columns[1] } },
        },
    };

    /// <summary>Approved enterprises with API clients holding bearer tokens minted by the app (no password hashing per enterprise).</summary>
    public static async Task<List<TestEnterprise>> EnterprisesAsync(this QifuApp app, int count, string region = "430405", string section = "C",
        string division = "34", SizeClass size = SizeClass.Small)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var list = await app.WithDbAsync(async db =>
        {
            var made = new List<(Guid, string)>();
            for (var i = 0; i < count; i++)
            {
                var code = TestData.CreditCodeFor(region);
                var e = new Enterprise
                {
                    Id = Guid.NewGuid(), CreditCode = code, Name = $"衡阳摸排测试{code[^6..]}有限公司", LegalRepresentative = "刘一", RegionCode = region,
                    IndustrySection = section, IndustryDivision = division, Employees = 50, RevenueWan = 800, AssetsWan = 900, SizeClass = size,
                    ContactName = "刘一", ContactPhone = "13900000000", CreatedAt = now,
                };
                e.Submit(now);
                e.Approve(now);
                db.Enterprises.Add(e);
                made.Add((e.Id, e.Name));
            }
            await db.SaveChangesAsync();
            return made;
        });
        var options = app.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);
        return list.Select(x =>
        {
            var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), new Claim(ClaimTypes.Name, "测试"), new Claim(ClaimTypes.Role, Roles.Enterprise),
                new Claim("qifu:name", "测试联系人"), new Claim("qifu:enterprise", x.Item1.ToString()),
            ], IdentityConstants.BearerScheme);
            var properties = new AuthenticationProperties { ExpiresUtc = app.Clock.GetUtcNow().AddDays(30) };
            var token = options.BearerTokenProtector.Protect(new AuthenticationTicket(new ClaimsPrincipal(identity), properties, IdentityConstants.BearerScheme));
            var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return new TestEnterprise(x.Item1, x.Item2, client);
        }).ToList();
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        await response.Content.LoadIntoBufferAsync();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    public static async Task<string> CodeOf(this HttpResponseMessage response) => (await response.JsonAsync()).GetProperty("code").GetString()!;

    public static Task<HttpResponseMessage> AnswerAsync(this HttpClient client, Guid batchId, object body) =>
        client.PutAsJsonAsync($"/api/v1/surveys/mine/{batchId}/response", body);
}
