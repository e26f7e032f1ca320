using System.Net;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Modules.Needs;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Modules.Content.Data;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Platform.Database;
using Registration = Qifu.Web.Platform.Registration.RegistrationStatus;

namespace Qifu.Tests.Modules.Indicators;

[CollectionDefinition(Name)]
public sealed class IndicatorsCollection : ICollectionFixture<QifuApp>
{
    public const string Name = "indicators app";
}

/// <summary>运营指标 (issue 6): every figure against a recomputation from the raw rows for several regions and periods, roll-up,
/// ranking, drill-down, data scope of the dashboard and the exports, bad input, the data wall and the workbench.</summary>
[Collection(IndicatorsCollection.Name)]
public sealed class IndicatorTests(QifuApp app)
{
    private static readonly string[] Regions = ["430400", "430405", "430421"];
    private static readonly string[] Periods = ["all", "2026", "2025", "2026-Q4", "2026-11", "2026-10"];

    [Fact]
    public async Task Every_figure_equals_a_recount_of_the_raw_rows_for_each_region_and_period()
    {
        var city = await app.ApiAsync(Http.CityOperator);
        foreach (var region in Regions)
            foreach (var period in Periods)
            {
                var report = await (await city.GetAsync($"/api/v1/indicators?region={region}&period={period}")).JsonAsync();
                var (from, until) = Bounds(report.GetProperty("period"));
                var expected = await app.WithDbAsync(db => Recount(db, region, from, until, app.Clock.GetUtcNow().UtcDateTime));
                var headline = report.GetProperty("headline").EnumerateArray().ToDictionary(h => h.GetProperty("key").GetString()!, h => h.GetProperty("value").GetInt64());
                var indicators = report.GetProperty("indicators").EnumerateArray().ToDictionary(i => i.GetProperty("key").GetString()!, i => i.GetProperty("value"));
                foreach (var (key, value) in expected)
                {
                    var actual = headline.TryGetValue(key, out var h) ? h : (long)indicators[key].GetDouble();
                    Assert.True(value == actual, $"{key} in {region} for {period}: expected {value}, the dashboard says {actual}");
                }
                // Rates are worked out from the same counts.
                var evaluations = expected["evaluations"];
                if (evaluations > 0)
                {
                    var satisfied = await app.WithDbAsync(db => InRegion(db.Evaluations, region).CountAsync(e => e.CreatedAt >= from && e.CreatedAt < until && e.Overall >= 4));
                    Assert.Equal(Math.Round(100.0 * satisfied / evaluations, 1), indicators["satisfaction"].GetDouble());
                }
                else Assert.Equal(JsonValueKind.Null, indicators["satisfaction"].ValueKind);
            }
        // There is something to count: the demo data has figures this year in both counties.
        var year = await (await city.GetAsync("/api/v1/indicators?region=430405&period=2026")).JsonAsync();
        Assert.All(year.GetProperty("headline").EnumerateArray().Take(5), h => Assert.True(h.GetProperty("value").GetInt64() > 0, h.GetProperty("key").GetString()));
    }

    [Fact]
    public async Task The_city_is_the_sum_of_its_regions_and_a_from_to_range_works()
    {
        var city = await app.ApiAsync(Http.CityOperator);
        var report = await (await city.GetAsync("/api/v1/indicators?from=2026-01-01&to=2026-11-26")).JsonAsync();
        Assert.Equal("430400", report.GetProperty("regionCode").GetString());
        var counties = report.GetProperty("counties").EnumerateArray().ToList();
        Assert.Equal(15, counties.Count);
        for (var i = 0; i < 6; i++)
            Assert.Equal(report.GetProperty("headline")[i].GetProperty("value").GetInt64(), counties.Sum(c => c.GetProperty("headline")[i].GetInt64()));
        // The same days as the year so far: the same figures.
        var year = await (await city.GetAsync("/api/v1/indicators?period=2026")).JsonAsync();
        for (var i = 0; i < 6; i++)
            Assert.Equal(year.GetProperty("headline")[i].GetProperty("value").GetInt64(), report.GetProperty("headline")[i].GetProperty("value").GetInt64());
        // Ranks follow the score; 市本级 has none.
        var ranked = counties.Where(c => c.GetProperty("rank").ValueKind == JsonValueKind.Number).OrderBy(c => c.GetProperty("rank").GetInt32()).ToList();
        Assert.Equal(14, ranked.Count);
        Assert.Equal(1, ranked[0].GetProperty("rank").GetInt32());
        for (var i = 1; i < ranked.Count; i++)
            Assert.True(ranked[i - 1].GetProperty("score").GetDouble() >= ranked[i].GetProperty("score").GetDouble());
        Assert.Equal(JsonValueKind.Null, counties.Single(c => c.GetProperty("code").GetString() == "430400").GetProperty("rank").ValueKind);
    }

    [Fact]
    public async Task A_new_enterprise_shows_in_its_county_and_the_city_and_on_the_data_wall()
    {
        var city = await app.ApiAsync(Http.CityOperator);
        async Task<long> Enterprises(string region) =>
            (await (await city.GetAsync($"/api/v1/indicators?region={region}&period=2026-11")).JsonAsync()).GetProperty("headline")[2].GetProperty("value").GetInt64();
        var (before430421, beforeCity, before430405) = (await Enterprises("430421"), await Enterprises("430400"), await Enterprises("430405"));
        var wallBefore = await DataWallEnterprisesAsync();
        await app.NewEnterpriseAsync("430421");
        Assert.Equal(before430421 + 1, await Enterprises("430421"));
        Assert.Equal(beforeCity + 1, await Enterprises("430400"));
        Assert.Equal(before430405, await Enterprises("430405"));
        Assert.Equal(wallBefore + 1, await DataWallEnterprisesAsync());
    }

    [Fact]
    public async Task Drill_down_lists_exactly_the_records_a_figure_counts()
    {
        var city = await app.ApiAsync(Http.CityOperator);
        var report = await (await city.GetAsync("/api/v1/indicators?region=430405&period=2026")).JsonAsync();
        foreach (var h in report.GetProperty("headline").EnumerateArray())
        {
            var key = h.GetProperty("key").GetString();
            var list = await (await city.GetAsync($"/api/v1/indicators/records?figure={key}&region=430405&period=2026")).JsonAsync();
            Assert.True(h.GetProperty("value").GetInt64() == list.GetProperty("total").GetInt64(), $"{key}: figure {h.GetProperty("value")} vs {list.GetProperty("total")} records");
        }
        var indicators = report.GetProperty("indicators").EnumerateArray().ToDictionary(i => i.GetProperty("key").GetString()!, i => i.GetProperty("value"));
        var served = await (await city.GetAsync("/api/v1/indicators/records?figure=served&region=430405&period=2026")).JsonAsync();
        Assert.Equal((long)indicators["served-unique"].GetDouble(), served.GetProperty("total").GetInt64());
        if (served.GetProperty("total").GetInt64() <= 50)
            Assert.Equal((long)indicators["served-times"].GetDouble(), served.GetProperty("rows").EnumerateArray().Sum(r => long.Parse(r[4].GetString()!)));
        Assert.All(served.GetProperty("rows").EnumerateArray(), r => Assert.Equal("珠晖区", r[2].GetString()));
    }

    [Fact]
    public async Task A_county_operator_sees_only_its_county_and_gets_404_for_others()
    {
        var zhuhui = await app.ApiAsync(Http.ZhuhuiOperator);
        var own = await (await zhuhui.GetAsync("/api/v1/indicators?period=2026")).JsonAsync();
        Assert.Equal("430405", own.GetProperty("regionCode").GetString());
        var counties = own.GetProperty("counties").EnumerateArray().ToList();
        Assert.Equal(["430405"], counties.Select(c => c.GetProperty("code").GetString()));
        Assert.Equal(JsonValueKind.Number, counties[0].GetProperty("rank").ValueKind);
        foreach (var url in new[] { "/api/v1/indicators?region=430400", "/api/v1/indicators?region=430421", "/api/v1/indicators/records?figure=served&region=430421",
                     "/api/v1/indicators/records.xlsx?figure=evaluations&region=430400", "/api/v1/indicators/annual.xlsx?region=430421" })
            Assert.Equal(HttpStatusCode.NotFound, (await zhuhui.GetAsync(url)).StatusCode);
        var pages = await app.SignedInAsync(Http.ZhuhuiOperator);
        Assert.Equal(HttpStatusCode.NotFound, (await pages.GetAsync("/dashboard?region=430421")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pages.GetAsync("/dashboard/records?figure=items&region=430400")).StatusCode);

        var enterprise = await app.ApiAsync(Http.ApprovedEnterprise);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync("/api/v1/indicators")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/indicators")).StatusCode);
    }

    [Fact]
    public async Task Exports_read_back_match_the_figures_stay_in_scope_and_are_audited()
    {
        var zhuhui = await app.ApiAsync(Http.ZhuhuiOperator);
        var canary = await app.WithDbAsync(db => db.Evaluations.Where(e => e.RegionCode != "430405")
            .Join(db.ServiceRequests, e => e.RequestId, r => r.Id, (e, r) => r.Number).FirstAsync());
        var report = await (await zhuhui.GetAsync("/api/v1/indicators?period=all")).JsonAsync();
        var evaluations = report.GetProperty("headline")[4].GetProperty("value").GetInt64();

        var xlsx = await zhuhui.GetAsync("/api/v1/indicators/records.xlsx?figure=evaluations&period=all");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (var book = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            var sheet = book.Worksheets.First();
            Assert.Equal("评价日期", sheet.Cell(1, 1).GetString());
            var rows = sheet.RowsUsed().Skip(1).ToList();
            Assert.Equal(evaluations, rows.Count);
            Assert.All(rows, r => Assert.Equal("珠晖区", r.Cell(6).GetString()));
            Assert.DoesNotContain(rows, r => r.Cell(2).GetString() == canary);
        }

        var annual = await zhuhui.GetAsync("/api/v1/indicators/annual.xlsx?year=2026");
        using (var book = new XLWorkbook(new MemoryStream(await annual.Content.ReadAsByteArrayAsync())))
        {
            var rows = book.Worksheets.First().RowsUsed().ToList();
            Assert.Equal(2, rows.Count);
            Assert.Equal("珠晖区", rows[1].Cell(1).GetString());
            var year = await (await zhuhui.GetAsync("/api/v1/indicators?period=2026")).JsonAsync();
            Assert.Equal(year.GetProperty("headline")[1].GetProperty("value").GetInt64(), (long)rows[1].Cell(3).GetDouble());
        }
        var city = await app.ApiAsync(Http.CityOperator);
        using (var book = new XLWorkbook(new MemoryStream(await (await city.GetAsync("/api/v1/indicators/annual.xlsx?year=2026")).Content.ReadAsByteArrayAsync())))
        {
            var names = book.Worksheets.First().RowsUsed().Skip(1).Select(r => r.Cell(1).GetString()).ToList();
            Assert.Equal(15, names.Count);
            Assert.Contains("衡阳县", names);
            Assert.Equal("全市合计", names[^1]);
        }
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "运营指标" && a.Action == "导出" && a.RegionCode == "430405")) >= 2);
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field()
    {
        var city = await app.ApiAsync(Http.CityOperator);
        foreach (var (url, field) in new[]
                 {
                     ("/api/v1/indicators?period=2026-13", "period"), ("/api/v1/indicators?period=上个月", "period"), ("/api/v1/indicators?region=999999", "region"),
                     ("/api/v1/indicators?from=2026-05-01&to=2026-04-01", "to"), ("/api/v1/indicators?from=2026/05/01", "from"),
                     ("/api/v1/indicators/records?figure=nothing", "figure"), ("/api/v1/indicators/annual.xlsx?year=1900", "year"),
                 })
        {
            var response = await city.GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var body = await response.JsonAsync();
            Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), $"{url} names {field}: {body}");
        }
        var pages = await app.SignedInAsync(Http.CityOperator);
        var page = await pages.GetAsync("/dashboard?period=2026-13");
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("统计期间格式不正确", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_dashboard_pages_show_the_figures_tables_and_drill_down()
    {
        var pages = await app.SignedInAsync(Http.CityOperator);
        var html = await pages.GetStringAsync("/dashboard?region=430405&period=2026");
        var city = await app.ApiAsync(Http.CityOperator);
        var report = await (await city.GetAsync("/api/v1/indicators?region=430405&period=2026")).JsonAsync();
        Assert.Contains("运营指标：珠晖区 · 2026年", html);
        foreach (var h in report.GetProperty("headline").EnumerateArray())
            Assert.Contains($"/dashboard/records?figure={h.GetProperty("key").GetString()}&amp;region=430405&amp;period=2026\" aria-label=\"{h.GetProperty("label").GetString()} {h.GetProperty("value").GetInt64():N0}", html);
        Assert.Contains("/lib/echarts/echarts.common.min.js", html);
        Assert.Contains("id=\"chart-trend\"", html);
        Assert.Contains("目标 ≥ 80%", html);
        Assert.Contains("衡阳县", html);
        Assert.Equal(HttpStatusCode.OK, (await pages.GetAsync("/dashboard?print=true")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await pages.GetAsync("/lib/echarts/echarts.common.min.js")).StatusCode);

        var records = await pages.GetStringAsync("/dashboard/records?figure=evaluations&region=430405&period=2026");
        Assert.Contains($"共 <strong>{report.GetProperty("headline")[4].GetProperty("value").GetInt64():N0}</strong> 条", records);

        var zhuhui = await app.SignedInAsync(Http.ZhuhuiOperator);
        var own = await zhuhui.GetStringAsync("/dashboard");
        Assert.Contains("运营指标：珠晖区", own);
        Assert.DoesNotContain(">衡阳县</th>", own);
        Assert.DoesNotContain("region=430421&amp;period", own);
    }

    [Fact]
    public async Task Enterprises_and_institutions_see_their_own_figures_on_the_workbench()
    {
        var enterprise = await app.SignedInAsync(Http.ApprovedEnterprise);
        var html = await enterprise.GetStringAsync("/workbench");
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == Http.ApprovedEnterprise).Select(u => u.EnterpriseId!.Value).FirstAsync());
        var evaluated = await app.WithDbAsync(db => db.Evaluations.CountAsync(e => e.EnterpriseId == id));
        Assert.Contains("我的数据", html);
        Assert.Contains($"<dt>评价服务</dt>\n                <dd>{evaluated} 次", html.Replace("\r", ""));

        var institution = await app.SignedInAsync(Http.Institution);
        var own = await institution.GetStringAsync("/workbench");
        var instId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == Http.Institution).Select(u => u.InstitutionId!.Value).FirstAsync());
        var received = await app.WithDbAsync(db => db.ServiceRequests.CountAsync(r => r.InstitutionId == instId));
        Assert.Contains($"{received} 次", own);
        Assert.Contains("收到服务申请", own);
    }

    private async Task<long> DataWallEnterprisesAsync()
    {
        var html = await app.CreateClient().GetStringAsync("/");
        var at = html.IndexOf("企业注册量", StringComparison.Ordinal);
        var value = html[(html.IndexOf("figure-value", at, StringComparison.Ordinal) + "figure-value\">".Length)..];
        return long.Parse(value[..value.IndexOf('<')].Replace(",", ""));
    }

    private static (DateTime From, DateTime Until) Bounds(JsonElement period) =>
        (DateOnly.Parse(period.GetProperty("from").GetString()!).ToDateTime(TimeOnly.MinValue).AddHours(-8),
            DateOnly.Parse(period.GetProperty("to").GetString()!).AddDays(1).ToDateTime(TimeOnly.MinValue).AddHours(-8));

    private static IQueryable<T> InRegion<T>(IQueryable<T> q, string region) where T : class =>
        region == "430400" ? q : q.Where(x => EF.Property<string>(x, "RegionCode") == region);

    /// <summary>The definitions of DOMAIN.md §1.5, counted straight from the tables (independently of the dashboard's code).</summary>
    private static async Task<Dictionary<string, long>> Recount(AppDbContext db, string region, DateTime from, DateTime until, DateTime now)
    {
        var completedStates = new[] { RequestStatus.Completed, RequestStatus.AwaitingEvaluation, RequestStatus.Evaluated, RequestStatus.ClosedUnrated };
        var completed = await InRegion(db.ServiceRequests, region).Where(r => r.CompletedAt >= from && r.CompletedAt < until && completedStates.Contains(r.Status))
            .Select(r => r.EnterpriseId).ToListAsync();
        var attended = await db.ActivityRegistrations.Where(r => r.CheckedInAt >= from && r.CheckedInAt < until && r.EnterpriseId != null)
            .Where(r => region == "430400" || r.RegionCode == region).Select(r => r.EnterpriseId!.Value).ToListAsync();
        var loans = await InRegion(db.RenewalCases, region).Where(c => c.DecidedAt >= from && c.DecidedAt < until && c.ApprovedAmount != null).Select(c => c.EnterpriseId).ToListAsync();
        var docked = await InRegion(db.Needs, region).Where(n => n.DockedAt >= from && n.DockedAt < until && n.OpenedAt != null).Select(n => n.EnterpriseId).ToListAsync();
        var known = (await db.Enterprises.Select(e => e.Id).ToListAsync()).ToHashSet();
        var served = completed.Concat(attended).Concat(loans).Concat(docked).ToList();
        return new()
        {
            ["institutions"] = await InRegion(db.Institutions, region).CountAsync(i => i.ApprovedAt >= from && i.ApprovedAt < until),
            ["items"] = await InRegion(db.ServiceItems, region).CountAsync(i => i.PublishedAt >= from && i.PublishedAt < until),
            ["enterprises"] = await InRegion(db.Enterprises, region).CountAsync(e => e.Status == Registration.Approved && (e.ApprovedAt ?? e.CreatedAt) >= from && (e.ApprovedAt ?? e.CreatedAt) < until),
            ["activities"] = await InRegion(db.Activities, region).CountAsync(a => (a.Status == ActivityStatus.Finished || (a.Status == ActivityStatus.Published && a.EndsAt < now))
                && a.EndsAt >= from && a.EndsAt < until),
            ["evaluations"] = await InRegion(db.Evaluations, region).CountAsync(e => e.CreatedAt >= from && e.CreatedAt < until),
            ["articles"] = await InRegion(db.Articles, region).CountAsync(a => a.Status == ArticleStatus.Published && a.PublishAt <= now && a.PublishAt >= from && a.PublishAt < until),
            ["completed"] = completed.Count,
            ["served-unique"] = served.Where(known.Contains).Distinct().Count(),
            ["served-times"] = completed.Count + attended.Count + loans.Count + docked.Count,
            ["needs-posted"] = await InRegion(db.Needs, region).CountAsync(n => n.OpenedAt >= from && n.OpenedAt < until),
            ["needs-docked"] = docked.Count,
            ["loan-cases"] = await InRegion(db.RenewalCases, region).CountAsync(c => c.SubmittedAt >= from && c.SubmittedAt < until),
            ["loan-approved"] = loans.Count,
            ["activity-feedback"] = await db.ActivityRegistrations.Where(r => r.FeedbackAt >= from && r.FeedbackAt < until && r.Feedback != null)
                .Join(db.Activities, r => r.ActivityId, a => a.Id, (r, a) => a).CountAsync(a => a.Status != ActivityStatus.Cancelled && (region == "430400" || a.RegionCode == region)),
        };
    }
}
