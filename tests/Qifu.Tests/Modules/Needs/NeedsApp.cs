using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Modules.Institutions.Data;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;

namespace Qifu.Tests.Modules.Needs;

[CollectionDefinition(Name)]
public sealed class NeedsCollection : ICollectionFixture<QifuApp>
{
    public const string Name = "needs app";
}

/// <summary>Arranging needs for the tests: API clients per party, a need posted (and approved), a proposal.</summary>
public static class NeedArrange
{
    public const string Accountant = "湖南衡信会计师事务所有限公司";
    public const string Bank = "衡阳农村商业银行股份有限公司珠晖支行";
    public const string LawFirm = "湖南湘南律师事务所";

    public static string Today(this QifuApp app, int plusDays = 0) =>
        HengyangCalendar.Today(app.Clock).AddDays(plusDays).ToString("yyyy-MM-dd");

    public static object NeedBody(QifuApp app, string title = "代理记账和年度汇算清缴", string category = "finance", string? region = null,
        decimal? budget = 5000, int deadlineIn = 10) => new
    {
        categoryCode = category, subCategory = (string?)null, title,
        description = "公司年营业收入约1500万元，希望委托代理记账，并完成今年的企业所得税汇算清缴。",
        budget, budgetNegotiable = budget is null, deadline = app.Today(deadlineIn), regionCode = region,
    };

    public static async Task<Guid> PostNeedAsync(this QifuApp app, HttpClient enterprise, object? body = null)
    {
        var response = await enterprise.PostAsJsonAsync("/api/v1/needs", body ?? NeedBody(app));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    public static async Task<Guid> OpenNeedAsync(this QifuApp app, HttpClient enterprise, object? body = null, string operatorPhone = Http.ZhuhuiOperator)
    {
        var id = await app.PostNeedAsync(enterprise, body);
        var op = await app.ApiAsync(operatorPhone);
        Assert.Equal(HttpStatusCode.OK, (await op.PostAsync($"/api/v1/needs/{id}/approve", null)).StatusCode);
        return id;
    }

    public static Task<Guid> InstitutionIdAsync(this QifuApp app, string name) =>
        app.WithDbAsync(db => db.Institutions.Where(i => i.Name == name).Select(i => i.Id).FirstAsync());

    public static Task<Guid> LiveItemAsync(this QifuApp app, Guid institutionId, string? category = null) =>
        app.WithDbAsync(db => db.ServiceItems.Where(i => i.InstitutionId == institutionId && i.Status == ItemStatus.Published
                && (category == null || i.Content.CategoryCode == category))
            .OrderBy(i => i.Id).Select(i => i.Id).FirstAsync());

    public static object ProposalBody(Guid itemId, string scope = "每月代理记账及纳税申报，年度汇算清缴，配备专职会计一名。", decimal? price = 12000, int days = 30) =>
        new { itemId, scope, price, priceNegotiable = price is null, daysNeeded = days };

    /// <summary>An API client for an institution by name, with a bearer token minted by the app's own protector.</summary>
    public static async Task<HttpClient> InstitutionClientAsync(this QifuApp app, string name) =>
        app.Minted(Roles.Institution, "qifu:institution", await app.InstitutionIdAsync(name));

    /// <summary>A new approved enterprise in the region and its API client.</summary>
    public static async Task<(Guid Id, HttpClient Client)> NewEnterpriseAsync(this QifuApp app, string region = "430405")
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var id = await app.WithDbAsync(async db =>
        {
            var code = TestData.CreditCodeFor(region);
            var e = new Enterprise
            {
                Id = Guid.NewGuid(), CreditCode = code, Name = $"衡阳需求测试企业{code[^6..]}有限公司", LegalRepresentative = "刘一", RegionCode = region,
                IndustrySection = "C", IndustryDivision = "34", Employees = 50, RevenueWan = 800, AssetsWan = 900, SizeClass = SizeClass.Small,
                ContactName = "刘一", ContactPhone = "13900000000", CreatedAt = now,
            };
            e.Submit(now);
            e.Approve(now);
            db.Enterprises.Add(e);
            await db.SaveChangesAsync();
            return e.Id;
        });
        return (id, app.Minted(Roles.Enterprise, "qifu:enterprise", id));
    }

    /// <summary>A new approved institution whose one published item (category, regions served) is given, and its API client.</summary>
    public static async Task<(Guid Id, Guid ItemId, HttpClient Client)> NewInstitutionAsync(this QifuApp app, string category, string regionsServed)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var (id, itemId) = await app.WithDbAsync(async db =>
        {
            var code = TestData.CreditCodeFor("430405");
            var i = new Institution
            {
                Id = Guid.NewGuid(), CreditCode = code, Name = $"衡阳测试服务机构{code[^6..]}", RegionCode = "430405", Categories = category,
                ServiceRegions = regionsServed, ContactName = "周一", ContactPhone = "13900000001", CreatedAt = now,
            };
            i.Submit(now);
            i.Approve(now);
            var item = new ServiceItem
            {
                Id = Guid.NewGuid(), InstitutionId = i.Id, RegionCode = "430405", CreatedAt = now, UpdatedAt = now,
                Content = new ItemContent
                {
                    Title = "测试服务项目", CategoryCode = category, SubCategory = Qifu.Web.Platform.Dictionaries.ServiceCategories.SubCategories[category][0],
                    Description = "<p>测试用的服务项目介绍文字。</p>", Deliverables = "报告", FeeType = FeeType.Market, Price = 1000, Mode = ServiceMode.Both,
                    ServiceRegions = regionsServed, LeadTimeDays = 5, ContactName = "周一", ContactPhone = "13900000001",
                },
            };
            item.Submit(now);
            item.Approve(now);
            db.Institutions.Add(i);
            db.ServiceItems.Add(item);
            await db.SaveChangesAsync();
            return (i.Id, item.Id);
        });
        return (id, itemId, app.Minted(Roles.Institution, "qifu:institution", id));
    }

    public static async Task<T> WithScopeAsync<T>(this QifuApp app, Func<IServiceProvider, Task<T>> use)
    {
        using var scope = app.Services.CreateScope();
        return await use(scope.ServiceProvider);
    }

    public static HttpClient Minted(this QifuApp app, string role, string claim, Guid id)
    {
        var options = app.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), new Claim(ClaimTypes.Name, "测试"), new Claim(ClaimTypes.Role, role),
            new Claim("qifu:name", "测试联系人"), new Claim(claim, id.ToString()),
        ], IdentityConstants.BearerScheme);
        var properties = new AuthenticationProperties { ExpiresUtc = app.Clock.GetUtcNow().AddDays(30) };
        var token = options.BearerTokenProtector.Protect(new AuthenticationTicket(new ClaimsPrincipal(identity), properties, IdentityConstants.BearerScheme));
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        await response.Content.LoadIntoBufferAsync();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    public static async Task<string> CodeOf(this HttpResponseMessage response) => (await response.JsonAsync()).GetProperty("code").GetString()!;

    /// <summary>The messages of one topic in the inbox of the users of an enterprise, an institution or a region's county operators.</summary>
    public static Task<int> InboxCountAsync(this QifuApp app, string topic, Guid? enterpriseId = null, Guid? institutionId = null, string? operatorPhone = null) =>
        app.WithDbAsync(db => db.InboxMessages.CountAsync(m => m.Topic == topic && db.Users.Any(u => u.Id == m.UserId
            && (enterpriseId == null || u.EnterpriseId == enterpriseId) && (institutionId == null || u.InstitutionId == institutionId)
            && (operatorPhone == null || u.UserName == operatorPhone))));
}
