using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Portal;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Demo;
using Qifu.Web.Platform.Standards;

namespace Qifu.Tests.Platform.Demo;

/// <summary>The scale-data generator (`seed --scale N`) on a database of its own: each headline figure grows by the reference count
/// times the scale, every row is valid as the platform's own rules read it, and the platform serves the data.</summary>
public sealed class ScaleDataTests(QifuApp app) : IClassFixture<QifuApp>
{
    private const double Scale = 0.004;

    private async Task<IReadOnlyList<Figure>> FiguresAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HeadlineFigures>().ForAsync(null);
    }

    [Fact]
    public async Task Every_headline_figure_grows_by_the_reference_count_times_the_scale()
    {
        var before = await FiguresAsync();
        var report = await app.WithDbAsync(async db =>
        {
            var seed = new ScaleData(db, app.Clock, _ => { });
            await seed.RunAsync(Scale);
            return seed.Report;
        });
        var after = await FiguresAsync();

        int[] expected =
        [
            ScaleData.Scaled(ScaleData.Institutions, Scale), ScaleData.Scaled(ScaleData.Items, Scale), ScaleData.Scaled(ScaleData.Enterprises, Scale),
            ScaleData.Scaled(ScaleData.Activities, Scale), ScaleData.Scaled(ScaleData.EvaluatedRequests, Scale), ScaleData.Scaled(ScaleData.Articles, Scale),
        ];
        for (var i = 0; i < expected.Length; i++)
            Assert.True(after[i].Value - before[i].Value == expected[i], $"{after[i].Label}: {before[i].Value} → {after[i].Value}, expected +{expected[i]}");
        Assert.Equal(6, report.Count);
        Assert.All(report, r => Assert.True(r.Rows > 0 && r.Seconds >= 0));

        await app.WithDbAsync(async db =>
        {
            var codes = await db.Enterprises.Select(e => e.CreditCode).Concat(db.Institutions.Select(i => i.CreditCode)).ToListAsync();
            Assert.All(codes, c => Assert.True(CreditCode.Check(c).IsValid, c));
            Assert.Equal(codes.Count, codes.Distinct().Count());
            // Each evaluated request has run its whole course on its timeline.
            var events = await db.Evaluations.Select(e => db.RequestEvents.Count(x => x.RequestId == e.RequestId)).ToListAsync();
            Assert.All(events, n => Assert.True(n >= 5, $"{n} events"));
            return 0;
        });

        // The platform lists what was generated.
        var client = app.CreateClient();
        var page = await client.GetAsync("/articles");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(after[5].Value!.Value.ToString("N0"), await (await client.GetAsync("/")).Content.ReadAsStringAsync());
    }
}
