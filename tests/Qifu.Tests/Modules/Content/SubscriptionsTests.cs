using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Content.MatchPolicies;

namespace Qifu.Tests.Modules.Content;

[Collection(ContentApp.Name)]
public sealed class SubscriptionsTests(QifuApp app)
{
    [Fact]
    public async Task A_subscribed_enterprise_hears_of_a_new_policy_that_fits_it_and_of_a_closing_window_once()
    {
        var enterprise = await app.ApiAsync(Http.ApprovedEnterprise);
        (await enterprise.PutAsJsonAsync("/api/v1/enterprise/policy-subscription", new { subscribed = true })).EnsureSuccessStatusCode();
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.PhoneNumber == Http.ApprovedEnterprise || u.UserName == Http.ApprovedEnterprise).Select(u => u.Id).FirstAsync());
        var city = await app.ApiAsync(Http.CityOperator);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));

        var fits = Articles.Unique("制造业数字化改造补助");
        await Articles.CreateAsync(city, Articles.Policy(fits, sections: ["C"], regions: ["430400"], applyUntil: today.AddDays(3)));
        var doesNot = Articles.Unique("软件和信息服务业扶持");
        await Articles.CreateAsync(city, Articles.Policy(doesNot, sections: ["I"]));

        var inbox = await InboxAsync(userId);
        Assert.Contains(inbox, m => m.Topic == "policy.matched" && m.Title.Contains(fits) && m.Body.Contains("行业：制造业"));
        Assert.DoesNotContain(inbox, m => m.Title.Contains(doesNot));

        for (var run = 0; run < 2; run++)
        {
            using var scope = app.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<RemindClosingWindows>().RunAsync();
        }
        inbox = await InboxAsync(userId);
        Assert.Single(inbox, m => m.Topic == "policy.closing" && m.Title.Contains(fits));

        (await enterprise.PutAsJsonAsync("/api/v1/enterprise/policy-subscription", new { subscribed = false })).EnsureSuccessStatusCode();
        var later = Articles.Unique("制造业稳岗返还");
        await Articles.CreateAsync(city, Articles.Policy(later, sections: ["C"]));
        Assert.DoesNotContain(await InboxAsync(userId), m => m.Title.Contains(later));
    }

    private Task<List<(string Topic, string Title, string Body)>> InboxAsync(Guid userId) => app.WithDbAsync(async db =>
        (await db.InboxMessages.AsNoTracking().Where(m => m.UserId == userId).Select(m => new { m.Topic, m.Title, m.Body }).ToListAsync())
        .Select(m => (m.Topic, m.Title, m.Body)).ToList());
}
