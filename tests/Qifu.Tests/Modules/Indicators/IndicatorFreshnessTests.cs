using Microsoft.Extensions.DependencyInjection;
using Qifu.Tests.Modules.Needs;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Indicators;

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
}
