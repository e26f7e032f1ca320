using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.ServiceRequests;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;

namespace Qifu.Tests.Modules.ServiceRequests;

[Collection(RequestsCollection.Name)]
public sealed class WorkbenchAndDemoTests(RequestsApp app)
{
    private async Task<ClaimsPrincipal> PrincipalAsync(string phone)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == phone);
        var roles = await db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync();
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, user.Id.ToString()), new(ClaimsFactory.NameClaim, user.DisplayName) };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (user.EnterpriseId is { } e) claims.Add(new Claim(ClaimsFactory.EnterpriseClaim, e.ToString()));
        if (user.InstitutionId is { } i) claims.Add(new Claim(ClaimsFactory.InstitutionClaim, i.ToString()));
        if (user.RegionCode is { } region) claims.Add(new Claim(DataScope.RegionClaim, region));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    private async Task<IReadOnlyList<WorkbenchCard>> CardsAsync(string phone)
    {
        var user = await PrincipalAsync(phone);
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RequestWorkbench>().ForAsync(user);
    }

    [Fact]
    public async Task Each_role_gets_its_cards_with_counts_and_links()
    {
        var enterpriseBefore = await CardsAsync(Http.ApprovedEnterprise);
        await app.RequestInAsync(RequestStatus.Submitted);
        await app.RequestInAsync(RequestStatus.AwaitingEvaluation);
        var enterprise = await CardsAsync(Http.ApprovedEnterprise);
        Assert.Equal(["进行中的服务申请", "待评价的服务"], enterprise.Select(c => c.Label));
        Assert.Equal(enterpriseBefore[0].Count + 1, enterprise[0].Count);
        Assert.Equal(enterpriseBefore[1].Count + 1, enterprise[1].Count);
        Assert.Equal("/enterprise/requests?Stage=evaluate", enterprise[1].Link);

        var institution = await CardsAsync(Http.Institution);
        Assert.Equal(["待受理的服务申请", "服务中的申请", "待回复的新评价"], institution.Select(c => c.Label));
        Assert.True(institution[0].Count >= 1);
        Assert.Matches("^最近一件(剩余 \\d+ 个工作日|今日到期|已超期 \\d+ 个工作日)$", institution[0].Note);

        var county = await CardsAsync(Http.ZhuhuiOperator);
        Assert.Equal(["超期服务申请", "待回访的差评", "待审核的评价内容"], county.Select(c => c.Label));
        var city = await CardsAsync(Http.CityOperator);
        Assert.Equal("待裁定的评价申诉", city[^1].Label);
        Assert.Equal("/review/appeals", city[^1].Link);
        Assert.All(await CardsAsync(Http.PendingEnterprise), c => Assert.Equal(0, c.Count));
    }

    [Fact]
    public async Task Demo_requests_cover_every_state_with_timelines_and_evaluations()
    {
        for (var i = 0; i < 20; i++) await app.PublishedItemAsync(i % 2 == 0 ? Requests.Accountant : Requests.Bank, leadTimeDays: 3 + i % 5);
        var (created, states, followUps, appeals, events, counters) = await app.WithDbAsync(async db =>
        {
            // The demo seeding runs once, on a database without requests: clear those the other tests made.
            await db.FollowUps.ExecuteDeleteAsync();
            await db.Evaluations.ExecuteDeleteAsync();
            await db.RequestEvents.ExecuteDeleteAsync();
            await db.ServiceRequests.ExecuteDeleteAsync();
            var created = await DemoRequests.SeedAsync(db, app.Clock);
            var states = await db.ServiceRequests.Select(r => r.Status).Distinct().ToListAsync();
            var followUps = await db.FollowUps.Select(f => f.Status).ToListAsync();
            var appeals = await db.Evaluations.Select(e => e.Appeal).ToListAsync();
            var events = await db.RequestEvents.CountAsync();
            var evaluations = await db.Evaluations.Where(e => e.Appeal != AppealStatus.Upheld).SumAsync(e => e.Overall);
            var counters = (await db.ServiceItems.SumAsync(i => i.EvaluationTotal)) >= evaluations;
            return (created, states, followUps, appeals, events, counters);
        });
        Assert.True(created >= 18, $"created {created}");
        foreach (var s in Enum.GetValues<RequestStatus>()) Assert.Contains(s, states);
        Assert.Contains(FollowUpStatus.Open, followUps);
        Assert.Contains(FollowUpStatus.Done, followUps);
        Assert.Contains(AppealStatus.Pending, appeals);
        Assert.Contains(AppealStatus.Upheld, appeals);
        Assert.True(events > created * 2);
        Assert.True(counters);
        Assert.Equal(0, await app.WithDbAsync(db => DemoRequests.SeedAsync(db, app.Clock))); // only once

        // The demo data obeys the deadlines: a sweep right after seeding changes nothing but what is really late.
        var run = await app.RunDeadlinesAsync();
        Assert.Equal(0, run.Confirmed);
        Assert.Equal(0, run.ClosedUnrated);
        var mine = await (await app.SignedInAsync(Http.ApprovedEnterprise)).GetStringAsync("/enterprise/requests?PageSize=100");
        Assert.Contains("待评价", mine);
        Assert.Contains("已拒绝", mine);
    }
}
