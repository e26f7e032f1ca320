using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qifu.Tests.Modules.Needs;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Indicators;
using ActivityArrange = Qifu.Tests.Modules.Activities.ActivityArrange;

namespace Qifu.Tests.Modules.Indicators;

/// <summary>The app as it runs: the facts kept and checked every second instead of read on every call.</summary>
public sealed class CheckedFactsApp : QifuApp
{
    protected override Dictionary<string, string?> Settings => new(base.Settings) { ["Qifu:Indicators:MaxAgeSeconds"] = "1" };
}

/// <summary>
/// Decision 0023: a node keeps its copy of the indicator facts while nothing they count has changed, reads them again after a
/// counted change or when a time they depend on passes, and the API shows the change within seconds.
/// </summary>
public sealed class IndicatorFreshnessTests(CheckedFactsApp app) : IClassFixture<CheckedFactsApp>
{
    private IndicatorFactsCache Cache => app.Services.GetRequiredService<IndicatorFactsCache>();

    [Fact]
    public async Task The_copy_is_kept_while_nothing_counted_changes_and_read_again_after_a_counted_change()
    {
        await Cache.GetAsync();
        await Cache.CheckAsync();
        var kept = await Cache.GetAsync();

        // Signing in writes a session, a sign-in log row and an audit entry: none of them is counted.
        await app.ApiAsync(Http.CityOperator);
        Assert.False(await Cache.CheckAsync());
        Assert.Same(kept, await Cache.GetAsync());

        // An approved enterprise is counted (企业注册量).
        await app.NewEnterpriseAsync("430421");
        Assert.True(await Cache.CheckAsync());
        var read = await Cache.GetAsync();
        Assert.NotEqual(kept.Generation, read.Generation);
        Assert.NotEqual(kept.Stamp, read.Stamp);
        Assert.False(await Cache.CheckAsync());
    }

    [Fact]
    public async Task The_copy_is_read_again_once_a_time_it_depends_on_has_passed()
    {
        await Cache.CheckAsync();
        var facts = await Cache.GetAsync();
        Assert.False(await Cache.CheckAsync());
        var now = app.Clock.GetUtcNow().UtcDateTime;
        Assert.True(facts.NextChangeUtc > now);
        Assert.True(facts.NextChangeUtc <= now.AddDays(1), "the China day turns within a day at the latest");

        app.Clock.Advance(facts.NextChangeUtc - now + TimeSpan.FromSeconds(1));
        Assert.True(await Cache.CheckAsync());
        Assert.NotEqual(facts.Generation, (await Cache.GetAsync()).Generation);
    }

    [Fact]
    public async Task The_api_shows_a_new_enterprise_within_seconds_without_reading_on_every_call()
    {
        var city = await app.ApiAsync(Http.CityOperator);
        async Task<long> Enterprises() =>
            (await (await city.GetAsync("/api/v1/indicators?region=430421&period=all")).JsonAsync()).GetProperty("headline")[2].GetProperty("value").GetInt64();
        await Cache.CheckAsync();
        var before = await Enterprises();

        await app.NewEnterpriseAsync("430421");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        long after;
        while ((after = await Enterprises()) == before && waited.Elapsed < TimeSpan.FromSeconds(20))
            await Task.Delay(200);
        Assert.Equal(before + 1, after);
    }

    [Fact]
    public async Task A_feedback_answer_after_an_activity_moves_the_activity_feedback_figures_within_seconds()
    {
        var id = await ActivityArrange.PublishedActivityAsync(app, capacity: 5, operatorPhone: Http.ZhuhuiOperator);
        var enterprise = (await ActivityArrange.EnterpriseClientsAsync(app, 1))[0];
        var registration = await (await enterprise.PostAsJsonAsync($"/api/v1/activities/{id}/registrations", ActivityArrange.OnePerson())).JsonAsync();
        var startsAt = await app.WithDbAsync(db => db.Activities.Where(a => a.Id == id).Select(a => a.StartsAt).FirstAsync());
        app.Clock.SetUtcNow(startsAt.AddMinutes(-20));
        var staff = await app.ApiAsync(Http.ZhuhuiOperator);
        (await staff.PostAsJsonAsync($"/api/v1/activities/{id}/check-ins", new { code = registration.GetProperty("code").GetString() })).EnsureSuccessStatusCode();

        var city = await app.ApiAsync(Http.CityOperator);
        async Task<(long Count, double? Rate)> Feedback()
        {
            var indicators = (await (await city.GetAsync("/api/v1/indicators?region=430405&period=all")).JsonAsync()).GetProperty("indicators")
                .EnumerateArray().ToDictionary(i => i.GetProperty("key").GetString()!, i => i.GetProperty("value"));
            var rate = indicators["activity-satisfaction"];
            return ((long)indicators["activity-feedback"].GetDouble(), rate.ValueKind == JsonValueKind.Null ? null : rate.GetDouble());
        }
        await Cache.CheckAsync();
        var before = await Feedback();
        var satisfied = (long)Math.Round((before.Rate ?? 0) * before.Count / 100);

        var rated = await enterprise.PostAsJsonAsync($"/api/v1/activities/registrations/{registration.GetProperty("id").GetInt64()}/feedback",
            new { level = 2, comment = "内容不错，但会场座位太挤" });
        rated.EnsureSuccessStatusCode();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        (long Count, double? Rate) after;
        while ((after = await Feedback()).Count == before.Count && waited.Elapsed < TimeSpan.FromSeconds(20))
            await Task.Delay(200);
        Assert.Equal(before.Count + 1, after.Count);
        Assert.Equal(Math.Round(100.0 * satisfied / after.Count, 1), after.Rate);

        // The figure sits next to 活动组织次数 on the dashboard, and its drill-down lists exactly the answers it counts.
        var records = await (await city.GetAsync("/api/v1/indicators/records?figure=feedback&region=430405&period=all")).JsonAsync();
        Assert.Equal(after.Count, records.GetProperty("total").GetInt64());
        var page = await (await app.SignedInAsync(Http.CityOperator)).GetStringAsync("/dashboard?region=430405&period=all");
        Assert.Contains($"活动评价 <a href=\"/dashboard/records?figure=feedback&amp;region=430405&amp;period=all\">{after.Count:N0}次</a>", page);
    }
}
