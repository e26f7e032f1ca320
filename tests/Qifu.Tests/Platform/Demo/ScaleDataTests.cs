using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qifu.Tests.Modules.Search;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.Content.Data;
using Qifu.Web.Modules.LoanRenewal.Data;
using Qifu.Web.Modules.Needs.Data;
using Qifu.Web.Modules.Portal;
using Qifu.Web.Modules.Search;
using Qifu.Web.Modules.Search.Following;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Demo;
using RegistrationStatus = Qifu.Web.Platform.Registration.RegistrationStatus;
using Qifu.Web.Platform.Standards;

namespace Qifu.Tests.Platform.Demo;

/// <summary>
/// The app with its demo data, then `seed --scale 0.01` on top (through <see cref="ScaleData"/>, as the command runs it), with
/// the table counts taken before and after.
/// </summary>
public sealed class SeededApp : IAsyncLifetime
{
    public const double Scale = 0.01;
    public static readonly string[] Tables =
    [
        "Institutions", "Enterprises", "ServiceItems", "ServiceRequests", "RequestEvents", "Evaluations", "FollowUps", "DataSharingConsents", "Activities",
        "ActivityRegistrations", "Articles", "PolicyDetails", "Needs", "NeedProposals", "NeedDispatches", "Questionnaires", "SurveyBatches", "SurveyResponses",
        "SurveyAnswers", "RenewalCases", "RenewalEvents",
    ];

    public QifuApp App { get; } = new();
    public IReadOnlyList<Figure> Before { get; private set; } = [];
    public IReadOnlyList<Figure> After { get; private set; } = [];
    public Dictionary<string, long> CountsBefore { get; private set; } = [];
    public Dictionary<string, long> CountsAfter { get; private set; } = [];
    public IReadOnlyDictionary<string, long> Written { get; private set; } = new Dictionary<string, long>();
    public HashSet<Guid> DemoRequests { get; private set; } = [];
    public HashSet<Guid> DemoItems { get; private set; } = [];
    public HashSet<Guid> DemoArticles { get; private set; } = [];
    public HashSet<Guid> DemoActivities { get; private set; } = [];
    public DateTime Now => App.Clock.GetUtcNow().UtcDateTime;

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        Before = await FiguresAsync();
        CountsBefore = await CountAsync();
        DemoRequests = await App.WithDbAsync(async db => (await db.ServiceRequests.Select(r => r.Id).ToListAsync()).ToHashSet());
        DemoItems = await App.WithDbAsync(async db => (await db.ServiceItems.Select(r => r.Id).ToListAsync()).ToHashSet());
        DemoArticles = await App.WithDbAsync(async db => (await db.Articles.Select(r => r.Id).ToListAsync()).ToHashSet());
        DemoActivities = await App.WithDbAsync(async db => (await db.Activities.Select(r => r.Id).ToListAsync()).ToHashSet());
        Written = await App.WithDbAsync(async db =>
        {
            var seed = new ScaleData(db, App.Clock, _ => { });
            await seed.RunAsync(Scale);
            return seed.RowsPerTable;
        });
        After = await FiguresAsync();
        CountsAfter = await CountAsync();
        // What `seed` does after writing: the search index rebuilt from every source (here the running node's own index).
        var node = App.Services.GetRequiredService<NodeIndex>();
        var index = await node.WhenReadyAsync(TimeSpan.FromSeconds(30), CancellationToken.None) ?? throw new InvalidOperationException("no search index");
        await IndexRebuild.FromSourcesAsync(index, App.Services.GetRequiredService<IServiceScopeFactory>(), App.Services.GetServices<ISearchSource>(),
            CancellationToken.None);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    private async Task<IReadOnlyList<Figure>> FiguresAsync()
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HeadlineFigures>().ForAsync(null);
    }

    public long Added(string table) => CountsAfter[table] - CountsBefore[table];

    private Task<Dictionary<string, long>> CountAsync() => App.WithDbAsync(async db =>
    {
        var counts = new Dictionary<string, long>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        foreach (var table in Tables)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = Convert.ToInt64(await cmd.ExecuteScalarAsync());
        }
        await db.Database.CloseConnectionAsync();
        return counts;
    });
}

/// <summary>The scale-data generator (`seed --scale N`): each headline figure grows by round(N × reference), every other table in
/// proportion, the rows obey the rules the module flows keep, and the platform finds and shows them.</summary>
public sealed class ScaleDataTests(SeededApp seeded) : IClassFixture<SeededApp>
{
    private const double Scale = SeededApp.Scale;
    private static int S(int reference) => ScaleData.Scaled(reference, Scale);

    [Fact]
    public void Every_headline_figure_grows_by_the_reference_count_times_the_scale()
    {
        int[] expected = [S(ScaleData.Institutions), S(ScaleData.Items), S(ScaleData.Enterprises), S(ScaleData.Activities), S(ScaleData.EvaluatedRequests), S(ScaleData.Articles)];
        Assert.Equal([12, 51, 262, 10, 97, 341], expected);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(seeded.After[i].Value - seeded.Before[i].Value == expected[i],
                $"{seeded.After[i].Label}: {seeded.Before[i].Value} → {seeded.After[i].Value}, expected +{expected[i]}");
    }

    [Fact]
    public void Every_table_grows_in_proportion_and_the_report_counts_what_was_written()
    {
        Assert.Equal(S(ScaleData.Institutions) + S(ScaleData.PendingInstitutions), seeded.Added("Institutions"));
        Assert.Equal(S(ScaleData.Enterprises) + S(ScaleData.PendingEnterprises), seeded.Added("Enterprises"));
        Assert.Equal(S(ScaleData.Items) + S(ScaleData.UnpublishedItems), seeded.Added("ServiceItems"));
        Assert.Equal(S(ScaleData.Activities) + S(ScaleData.UpcomingActivities) + S(ScaleData.CancelledActivities), seeded.Added("Activities"));
        Assert.Equal(S(ScaleData.Articles) + S(ScaleData.UnpublishedArticles), seeded.Added("Articles"));
        Assert.Equal(S(ScaleData.Needs), seeded.Added("Needs"));
        Assert.Equal(S(ScaleData.Questionnaires), seeded.Added("Questionnaires"));
        Assert.Equal(S(ScaleData.SurveyBatches), seeded.Added("SurveyBatches"));
        Assert.Equal(S(ScaleData.RenewalCases), seeded.Added("RenewalCases"));
        // Requests: the evaluated ones, the other states, and one per docked need (in one of those states).
        var planned = S(ScaleData.EvaluatedRequests) + ScaleData.OtherRequests.Values.Sum(S);
        Assert.InRange(seeded.Added("ServiceRequests"), planned, planned + S(ScaleData.Needs));
        Assert.Equal(seeded.Added("ServiceRequests") + S(ScaleData.RenewalCases), seeded.Added("DataSharingConsents"));
        Assert.Equal(S(ScaleData.EvaluatedRequests), seeded.Added("Evaluations"));
        // Children: several per parent.
        Assert.InRange(seeded.Added("RequestEvents"), 2 * seeded.Added("ServiceRequests"), 7 * seeded.Added("ServiceRequests"));
        Assert.InRange(seeded.Added("ActivityRegistrations"), 2 * S(ScaleData.Activities), 50 * seeded.Added("Activities"));
        Assert.InRange(seeded.Added("PolicyDetails"), seeded.Added("Articles") / 20, seeded.Added("Articles") / 5);
        Assert.InRange(seeded.Added("NeedProposals"), S(ScaleData.Needs) / 3, 4 * S(ScaleData.Needs));
        Assert.True(seeded.Added("SurveyResponses") > 0 && seeded.Added("SurveyAnswers") >= 8 * seeded.Added("SurveyResponses"));
        Assert.InRange(seeded.Added("RenewalEvents"), 2 * S(ScaleData.RenewalCases), 10 * S(ScaleData.RenewalCases));
        Assert.True(seeded.Added("FollowUps") > 0);
        // The report is what went into the database, table by table.
        foreach (var (table, rows) in seeded.Written)
            Assert.True(seeded.Added(table) == rows, $"{table}: report {rows}, database +{seeded.Added(table)}");
        Assert.Equal(SeededApp.Tables.Order(), seeded.Written.Keys.Order());
    }

    [Fact]
    public async Task Requests_evaluations_and_items_agree_as_the_flows_leave_them() => await seeded.App.WithDbAsync(async db =>
    {
        var now = seeded.Now;
        var requests = (await db.ServiceRequests.AsNoTracking().ToListAsync()).Where(r => !seeded.DemoRequests.Contains(r.Id)).ToList();
        var evaluations = (await db.Evaluations.AsNoTracking().ToListAsync()).Where(e => !seeded.DemoRequests.Contains(e.RequestId)).ToDictionary(e => e.RequestId);
        var enterprises = await db.Enterprises.AsNoTracking().ToDictionaryAsync(e => e.Id);
        var followUps = (await db.FollowUps.AsNoTracking().ToListAsync()).ToDictionary(f => f.EvaluationId);
        var events = (await db.RequestEvents.AsNoTracking().ToListAsync()).ToLookup(e => e.RequestId);
        // Every state of the request flow is there.
        foreach (var state in Enum.GetValues<RequestStatus>())
            Assert.True(requests.Any(r => r.Status == state), $"no request in state {state}");
        foreach (var r in requests)
        {
            var enterprise = enterprises[r.EnterpriseId];
            Assert.Equal(enterprise.RegionCode, r.RegionCode);
            Assert.True(enterprise.ApprovedAt < r.SubmittedAt, r.Number);
            Assert.True(r.SubmittedAt <= now && (r.ClosedAt ?? r.SubmittedAt) <= now, r.Number);
            var timeline = events[r.Id].OrderBy(e => e.At).ToList();
            Assert.Equal("submit", timeline[0].Action);
            Assert.Equal(r.Status, timeline[^1].ToStatus);
            if (r.AcceptedAt is { } accepted) Assert.True(r.SubmittedAt < accepted, r.Number);
            if (r.CompletedAt is { } completed) Assert.True(r.AcceptedAt < completed, r.Number);
            if (r.ConfirmedAt is { } confirmed) Assert.True(r.CompletedAt < confirmed, r.Number);
            if (r.Status == RequestStatus.Completed) Assert.True(r.ReopenUntil > now, r.Number);
            if (r.Status == RequestStatus.AwaitingEvaluation) Assert.True(r.EvaluateUntil > now, r.Number);
            if (r.Status == RequestStatus.ClosedUnrated) Assert.True(r.EvaluateUntil < r.ClosedAt && r.ClosedAt <= now, r.Number);
            if (r.Status == RequestStatus.Declined) Assert.False(string.IsNullOrEmpty(r.DeclineReason));
            Assert.Equal(r.Status == RequestStatus.Evaluated, evaluations.ContainsKey(r.Id));
            if (!evaluations.TryGetValue(r.Id, out var e)) continue;
            Assert.Equal(r.RegionCode, e.RegionCode);
            Assert.Equal(r.ItemId, e.ItemId);
            Assert.Equal(r.InstitutionId, e.InstitutionId);
            Assert.True(r.ConfirmedAt <= e.CreatedAt && e.CreatedAt <= now, r.Number);
            Assert.Equal(e.IsBad, followUps.ContainsKey(e.Id));
        }
        Assert.Contains(evaluations.Values, e => e.IsBad);
        Assert.Contains(followUps.Values, f => f.Status == FollowUpStatus.Done);

        // Items: published ones have their date; the counters are what the requests and evaluations add up to.
        var items = (await db.ServiceItems.AsNoTracking().ToListAsync()).Where(i => !seeded.DemoItems.Contains(i.Id)).ToList();
        var institutions = await db.Institutions.AsNoTracking().ToDictionaryAsync(i => i.Id);
        var allRequests = await db.ServiceRequests.AsNoTracking().Select(r => new { r.ItemId, r.Status }).ToListAsync();
        var allEvaluations = await db.Evaluations.AsNoTracking().ToListAsync();
        Assert.Contains(items, i => i.Status == ItemStatus.OffShelf);
        Assert.Contains(items, i => i.Status is ItemStatus.Draft or ItemStatus.Submitted or ItemStatus.Rejected);
        foreach (var item in items)
        {
            Assert.Equal(item.Status is ItemStatus.Published or ItemStatus.OffShelf, item.PublishedAt is not null);
            Assert.Equal(institutions[item.InstitutionId].RegionCode, item.RegionCode);
            Assert.True(institutions[item.InstitutionId].ApprovedAt < item.CreatedAt);
            Assert.Equal(allRequests.Count(r => r.ItemId == item.Id), item.RequestCount);
            var counting = allEvaluations.Where(e => e.ItemId == item.Id && e.Counts).ToList();
            Assert.Equal(counting.Count, item.EvaluationCount);
            Assert.Equal(counting.Sum(e => e.Overall), item.EvaluationTotal);
        }
        Assert.All(institutions.Values.Where(i => i.Status == RegistrationStatus.Approved), i => Assert.NotNull(i.ApprovedAt));
        return 0;
    });

    [Fact]
    public async Task Activities_needs_and_renewals_run_their_course() => await seeded.App.WithDbAsync(async db =>
    {
        var now = seeded.Now;
        var activities = (await db.Activities.AsNoTracking().ToListAsync()).Where(a => !seeded.DemoActivities.Contains(a.Id)).ToList();
        var registrations = (await db.ActivityRegistrations.AsNoTracking().ToListAsync()).ToLookup(r => r.ActivityId);
        Assert.Equal(S(ScaleData.Activities), activities.Count(a => a.Status == ActivityStatus.Finished));
        Assert.Contains(activities, a => a.Status == ActivityStatus.Cancelled);
        Assert.Contains(activities, a => a.Status == ActivityStatus.Published && a.StartsAt > now);
        foreach (var a in activities)
        {
            if (a.Status == ActivityStatus.Finished) Assert.True(a.EndsAt < now);
            var own = registrations[a.Id].ToList();
            Assert.Equal(own.Where(r => r.HoldsSeats && !r.IsWalkIn).Sum(r => r.Seats), a.Taken);
            Assert.True(a.Taken <= a.Available);
            Assert.All(own, r => Assert.True(r.Feedback is null || r.CheckedInAt is not null));
            Assert.All(own, r => Assert.True(r.IsWalkIn || r.Attendees.Count == r.Seats));
        }
        var held = activities.Where(a => a.Status == ActivityStatus.Finished).SelectMany(a => registrations[a.Id]).ToList();
        Assert.Contains(held, r => r.CheckedInAt is not null && r.Feedback is not null);
        Assert.Contains(held, r => r.IsWalkIn);

        var needs = await db.Needs.AsNoTracking().ToListAsync();
        var proposals = await db.NeedProposals.AsNoTracking().ToDictionaryAsync(p => p.Id);
        var requests = await db.ServiceRequests.AsNoTracking().ToDictionaryAsync(r => r.Id);
        foreach (var status in new[] { NeedStatus.PendingReview, NeedStatus.Open, NeedStatus.Docked, NeedStatus.Expired })
            Assert.True(needs.Any(n => n.Status == status), $"no need {status}");
        foreach (var need in needs.Where(n => n.Status == NeedStatus.Docked))
        {
            Assert.True(need.OpenedAt < need.FirstProposalAt && need.FirstProposalAt <= need.DockedAt && need.DockedAt <= now);
            var picked = proposals[need.PickedProposalId!.Value];
            Assert.Equal(ProposalStatus.Picked, picked.Status);
            var request = requests[need.ServiceRequestId!.Value];
            Assert.Equal(picked.ItemId, request.ItemId);
            Assert.Equal(need.EnterpriseId, request.EnterpriseId);
        }
        Assert.All(needs.Where(n => n.Status == NeedStatus.Expired), n => Assert.True(HengyangDay(n.ClosedAt!.Value) > n.Deadline));

        var cases = await db.RenewalCases.AsNoTracking().ToListAsync();
        var steps = (await db.RenewalEvents.AsNoTracking().ToListAsync()).ToLookup(e => e.CaseId);
        Assert.Contains(cases, c => c.Status == RenewalStatus.Disbursed);
        foreach (var c in cases)
        {
            var timeline = steps[c.Id].OrderBy(e => e.Sequence).ToList();
            Assert.Equal(c.Status, timeline[^1].ToStatus);
            for (var i = 1; i < timeline.Count; i++) Assert.True(timeline[i - 1].At <= timeline[i].At, c.Number);
            Assert.True(timeline[^1].At <= now, c.Number);
            Assert.True(c.LoanAmount > 0 && c.RequestedAmount > 0);
            if (c.Status == RenewalStatus.Disbursed) Assert.True(c.ApprovedAmount > 0 && c.DisbursedOn is not null && c.CompletedAt is not null);
        }

        var batches = await db.SurveyBatches.AsNoTracking().ToDictionaryAsync(b => b.Id);
        var responses = await db.SurveyResponses.AsNoTracking().ToListAsync();
        var enterprises = await db.Enterprises.AsNoTracking().ToDictionaryAsync(e => e.Id);
        Assert.All(responses, r => Assert.True(batches[r.BatchId].Includes(r.RegionCode, r.IndustrySection, r.SizeClass)));
        Assert.All(responses, r => Assert.Equal(enterprises[r.EnterpriseId].RegionCode, r.RegionCode));
        return 0;
    });

    private static DateOnly HengyangDay(DateTime utc) => Qifu.Web.Platform.Regions.HengyangCalendar.DayOf(utc);

    [Fact]
    public async Task Credit_codes_are_valid_and_unique_and_policies_carry_their_metadata() => await seeded.App.WithDbAsync(async db =>
    {
        var codes = await db.Enterprises.Select(e => e.CreditCode).Concat(db.Institutions.Select(i => i.CreditCode)).ToListAsync();
        Assert.All(codes, c => Assert.True(CreditCode.Check(c).IsValid, c));
        Assert.Equal(codes.Count, codes.Distinct().Count());
        var sizes = await db.Enterprises.GroupBy(e => e.SizeClass).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Assert.True(sizes.Where(s => s.Key is SizeClass.Small or SizeClass.Micro).Sum(s => s.Count) > sizes.Sum(s => s.Count) / 2, "mostly small and micro");
        Assert.True(await db.Enterprises.Select(e => e.RegionCode).Distinct().CountAsync() >= 12);
        var policies = (await db.Articles.AsNoTracking().Where(a => a.Kind == ArticleKind.Policy).ToListAsync()).Where(a => !seeded.DemoArticles.Contains(a.Id)).ToList();
        Assert.NotEmpty(policies);
        Assert.All(policies, p => Assert.True(p.Policy is { DocumentNumber.Length: > 0, Issuer.Length: > 0, IssuedOn: not null }, p.Title));
        Assert.Contains(await db.Articles.Where(a => a.Kind == ArticleKind.Interpretation).Select(a => a.InterpretsPolicyId).ToListAsync(), id => id is not null);
        return 0;
    });

    [Fact]
    public async Task Search_finds_generated_items_and_the_pages_show_the_scaled_data()
    {
        var (item, article, activity) = await seeded.App.WithDbAsync(async db =>
        {
            var items = (await db.ServiceItems.AsNoTracking().Where(i => i.Status == ItemStatus.Published).ToListAsync()).Where(i => !seeded.DemoItems.Contains(i.Id)).ToList();
            var articles = (await db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published).ToListAsync()).Where(a => !seeded.DemoArticles.Contains(a.Id)).ToList();
            var activities = (await db.Activities.AsNoTracking().Where(a => a.Status == ActivityStatus.Finished).ToListAsync()).Where(a => !seeded.DemoActivities.Contains(a.Id)).ToList();
            return (items.OrderByDescending(i => i.RequestCount).First(), articles.OrderByDescending(a => a.PublishAt).First(), activities.First());
        });
        var api = seeded.App.CreateClient();
        var hits = await api.SearchAsync(SearchData.Q(item.Content.Title));
        Assert.True(hits.Total() > 0, item.Content.Title);
        var generated = await seeded.App.WithDbAsync(async db => (await db.ServiceItems.Select(i => i.Id).ToListAsync()).Where(id => !seeded.DemoItems.Contains(id)).ToHashSet());
        Assert.Contains(hits.Ids(), generated.Contains);

        var browser = seeded.App.Browser();
        var home = await browser.GetStringAsync("/");
        Assert.Contains(seeded.After[2].Value!.Value.ToString("N0"), home);
        foreach (var url in new[] { "/search?q=" + Uri.EscapeDataString(item.Content.Title), $"/services/{item.Id}", $"/articles/{article.Id}", $"/activities/{activity.Id}",
                     "/articles", "/policies", "/institutions" })
        {
            var page = await browser.GetAsync(url);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{url}: {(int)page.StatusCode}");
        }
        Assert.Contains(WebUtility.HtmlEncode(item.Content.Title), await browser.GetStringAsync($"/services/{item.Id}"));
        var city = await seeded.App.SignedInAsync(Http.CityOperator);
        foreach (var url in new[] { "/review/enterprises", "/manage/needs/figures", "/manage/loan-renewals/figures" })
        {
            var page = await city.GetAsync(url);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{url}: {(int)page.StatusCode}");
        }
        var enterprise = await seeded.App.SignedInAsync(Http.ApprovedEnterprise);
        foreach (var url in new[] { "/enterprise", "/enterprise/policies", "/enterprise/surveys" })
        {
            var page = await enterprise.GetAsync(url);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{url}: {(int)page.StatusCode}");
        }
    }
}
