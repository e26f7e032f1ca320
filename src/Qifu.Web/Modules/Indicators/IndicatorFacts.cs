using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.Content.Data;
using Qifu.Web.Modules.LoanRenewal.Data;
using Qifu.Web.Modules.Needs.Data;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;
using Registration = Qifu.Web.Platform.Registration.RegistrationStatus;

namespace Qifu.Web.Modules.Indicators;

/// <summary>The counted series of the dashboard; each is a list of (day, region, dimension) cells.</summary>
public enum Series
{
    /// <summary>服务机构注册量: institutions approved (入驻), by approval day; dim 0.</summary>
    Institutions,
    /// <summary>服务项目发布量: items ever published, by first publish day; dim = category index.</summary>
    Items,
    /// <summary>企业注册量: approved enterprises, by approval day; dim = size class.</summary>
    Enterprises,
    /// <summary>活动组织次数: activities held, by end day; dim = type × 2 + public interest; amount = 1 when online.</summary>
    Activities,
    /// <summary>服务过程及评价: evaluations, by day given; dim = overall level 1–5.</summary>
    Evaluations,
    /// <summary>新闻信息量: published articles, by publish day; dim = kind.</summary>
    Articles,
    /// <summary>Service requests completed by the institution, by completion day; dim = fee type.</summary>
    Completed,
    /// <summary>The same requests by the item's service category (dim = category index), for the category mix.</summary>
    CompletedByCategory,
    /// <summary>Registrations checked in, by check-in day; dim = 1 for a public-interest activity; amount = persons.</summary>
    Attendance,
    /// <summary>Needs that passed moderation, by opening day.</summary>
    NeedsPosted,
    /// <summary>Needs docked (an institution picked), by docking day.</summary>
    NeedsDocked,
    /// <summary>Loan-renewal cases submitted, by submission day; amount = requested 元.</summary>
    LoanCases,
    /// <summary>Loan-renewal cases the bank decided, by decision day; dim 1 = approved; amount = approved 元.</summary>
    LoanDecisions,
    /// <summary>Survey batches opened, by opening day, counted in the batch's own region.</summary>
    SurveyBatches,
    /// <summary>Enterprises a batch reached (its audience), by the batch's opening day and the enterprise's region.</summary>
    SurveyAudience,
    /// <summary>Responses to a batch, by the batch's opening day and the enterprise's region.</summary>
    SurveyResponses,
    /// <summary>活动评价: attendees' feedback (given after check-in), by the day given, in the region of the activity (not cancelled);
    /// dim = level 1–5 (decision 0025).</summary>
    ActivityFeedback,
}

/// <summary>One cell: how many records of a series fell on a China-time day in a region, with a dimension and an amount.</summary>
public readonly record struct Cell(int Day, short Region, short Dim, int Count, long Amount);

/// <summary>One service to one enterprise (a 家次): a completed request, an attended activity, a renewal approved or a need docked.</summary>
public readonly record struct Served(int Day, short Region, byte Source, int Enterprise, int Institution);

public static class ServedSource
{
    public const byte Request = 0, Activity = 1, Loan = 2, Need = 3;
}

/// <summary>A core institution (核心服务机构) and the window of its status.</summary>
public readonly record struct CoreStatus(short Region, int FromDay, int UntilDay);

/// <summary>
/// Everything the dashboard counts, read from the raw tables in one go and kept in memory (decision 0016): day-level cells per series
/// and region, and one row per service to an enterprise (for 家 vs 家次 and small-and-micro share). Any region and period is then a
/// sum over a slice, so the dashboard never counts rows per request.
/// </summary>
public sealed class IndicatorFacts
{
    private static long _generations;

    /// <summary>Which copy this is on this node (each read makes a new one): what caches of rendered figures key on.</summary>
    public long Generation { get; } = Interlocked.Increment(ref _generations);
    public required DateTime BuiltAtUtc { get; init; }
    public required DateOnly Today { get; init; }
    /// <summary>Region codes by index; index 0 is the city itself (records filed at city level).</summary>
    public required string[] Regions { get; init; }
    public required Dictionary<Series, Cell[]> Cells { get; init; }
    /// <summary>Sorted by day.</summary>
    public required Served[] Served { get; init; }
    /// <summary>Size class of each enterprise by the index used in <see cref="Served"/>.</summary>
    public required SizeClass[] EnterpriseSizes { get; init; }
    public required CoreStatus[] Cores { get; init; }
    public required TimeSpan BuildTime { get; init; }
    /// <summary>The indicator change log as it stood just before the read (decision 0023).</summary>
    public required (long Count, long Newest) Stamp { get; init; }
    /// <summary>The first moment the figures change without a write: a published activity ends, a scheduled article goes out, or the
    /// China day turns (periods and core-institution windows are counted in days).</summary>
    public required DateTime NextChangeUtc { get; init; }

    public short RegionIndex(string code) => (short)Array.IndexOf(Regions, code);

    public Cell[] this[Series s] => Cells[s];
}

/// <summary>Reads <see cref="IndicatorFacts"/> from the database.</summary>
public sealed class IndicatorFactsReader(AppDbContext db, TimeProvider clock)
{
    public async Task<IndicatorFacts> ReadAsync(CancellationToken ct = default)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var now = clock.GetUtcNow().UtcDateTime;
        var regions = RegionCodes.Hengyang.Select(r => r.Code).ToList();
        short R(string code)
        {
            var i = regions.IndexOf(code);
            if (i < 0) { regions.Add(code); i = regions.Count - 1; }
            return (short)i;
        }
        var cells = new Dictionary<Series, List<Cell>>();
        foreach (var s in Enum.GetValues<Series>()) cells[s] = [];
        void Add(Series s, string region, DateTime at, int dim, int count = 1, long amount = 0) =>
            cells[s].Add(new Cell(Period.DayOf(at), R(region), (short)dim, count, amount));

        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        // The log first: a change that commits while the tables are read is then seen again at the next check.
        await IndicatorChanges.PruneAsync(db, now, ct);
        var stamp = await IndicatorChanges.StampAsync(db, ct);

        foreach (var i in await db.Institutions.Where(i => i.ApprovedAt != null).Select(i => new { i.RegionCode, At = i.ApprovedAt!.Value }).ToListAsync(ct))
            Add(Series.Institutions, i.RegionCode, i.At, 0);
        var categories = ServiceCategories.All.Select(c => c.Code).ToList();
        var items = await db.ServiceItems.Select(i => new { i.Id, i.RegionCode, i.PublishedAt, i.Content.CategoryCode, i.Content.FeeType }).ToListAsync(ct);
        var itemFacts = new Dictionary<Guid, (int Category, FeeType Fee)>(items.Count);
        foreach (var i in items)
        {
            itemFacts[i.Id] = (categories.IndexOf(i.CategoryCode), i.FeeType);
            if (i.PublishedAt is { } at) Add(Series.Items, i.RegionCode, at, categories.IndexOf(i.CategoryCode));
        }

        // Enterprises: every one gets an index for the distinct counts (services to an enterprise later suspended still count);
        // the approved ones, counted by day in the database, are 企业注册量.
        var enterprises = await db.Enterprises.Select(e => new { e.Id, e.SizeClass }).ToListAsync(ct);
        var enterpriseIndex = new Dictionary<Guid, int>(enterprises.Count);
        var sizes = new SizeClass[enterprises.Count];
        for (var n = 0; n < enterprises.Count; n++)
        {
            enterpriseIndex[enterprises[n].Id] = n;
            sizes[n] = enterprises[n].SizeClass;
        }
        foreach (var e in await db.Enterprises.Where(e => e.Status == Registration.Approved)
                     .GroupBy(e => new { e.RegionCode, Day = (e.ApprovedAt ?? e.CreatedAt).AddHours(8).Date, e.SizeClass })
                     .Select(g => new { g.Key.RegionCode, g.Key.Day, g.Key.SizeClass, Count = g.Count() }).ToListAsync(ct))
            cells[Series.Enterprises].Add(new Cell(DateOnly.FromDateTime(e.Day).DayNumber, R(e.RegionCode), (short)e.SizeClass, e.Count, 0));

        // Held: finished, or published and over.
        foreach (var a in await db.Activities.Where(a => a.Status == ActivityStatus.Finished || (a.Status == ActivityStatus.Published && a.EndsAt < now))
                     .Select(a => new { a.RegionCode, a.EndsAt, a.Type, a.IsPublicInterest, Online = a.OnlineLink != null && a.Venue == null }).ToListAsync(ct))
            Add(Series.Activities, a.RegionCode, a.EndsAt, (int)a.Type * 2 + (a.IsPublicInterest ? 1 : 0), 1, a.Online ? 1 : 0);

        foreach (var e in await db.Evaluations.GroupBy(e => new { e.RegionCode, Day = e.CreatedAt.AddHours(8).Date, e.Overall })
                     .Select(g => new { g.Key.RegionCode, g.Key.Day, g.Key.Overall, Count = g.Count() }).ToListAsync(ct))
            cells[Series.Evaluations].Add(new Cell(DateOnly.FromDateTime(e.Day).DayNumber, R(e.RegionCode), (short)e.Overall, e.Count, 0));

        // The largest table: counted by day in the database. A scheduled article counts from its publish time.
        foreach (var a in await db.Articles.Where(a => a.Status == ArticleStatus.Published && a.PublishAt != null && a.PublishAt <= now)
                     .GroupBy(a => new { a.RegionCode, Day = a.PublishAt!.Value.AddHours(8).Date, a.Kind })
                     .Select(g => new { g.Key.RegionCode, g.Key.Day, g.Key.Kind, Count = g.Count() }).ToListAsync(ct))
            cells[Series.Articles].Add(new Cell(DateOnly.FromDateTime(a.Day).DayNumber, R(a.RegionCode), (short)a.Kind, a.Count, 0));

        var served = new List<Served>();
        var institutionIndex = new Dictionary<Guid, int>();
        int Inst(Guid id) => institutionIndex.TryGetValue(id, out var i) ? i : institutionIndex[id] = institutionIndex.Count;
        int Ent(Guid id) => enterpriseIndex.TryGetValue(id, out var i) ? i : -1;

        foreach (var r in await db.ServiceRequests.Where(r => r.CompletedAt != null && IndicatorRules.Completed.Contains(r.Status))
                     .Select(r => new { r.RegionCode, At = r.CompletedAt!.Value, r.EnterpriseId, r.InstitutionId, r.ItemId }).ToListAsync(ct))
        {
            var item = itemFacts.TryGetValue(r.ItemId, out var known) ? known : (Category: -1, Fee: FeeType.Market);
            Add(Series.Completed, r.RegionCode, r.At, (int)item.Fee);
            Add(Series.CompletedByCategory, r.RegionCode, r.At, item.Category);
            served.Add(new Served(Period.DayOf(r.At), R(r.RegionCode), ServedSource.Request, Ent(r.EnterpriseId), Inst(r.InstitutionId)));
        }

        foreach (var a in await db.ActivityRegistrations.Where(r => r.CheckedInAt != null)
                     .Join(db.Activities, r => r.ActivityId, a => a.Id, (r, a) => new { r.RegionCode, At = r.CheckedInAt!.Value, r.EnterpriseId, r.Seats, a.IsPublicInterest, ActivityRegion = a.RegionCode })
                     .ToListAsync(ct))
        {
            // A walk-in without an enterprise on file counts in the activity's region.
            var region = string.IsNullOrEmpty(a.RegionCode) ? a.ActivityRegion : a.RegionCode;
            Add(Series.Attendance, region, a.At, a.IsPublicInterest ? 1 : 0, 1, Math.Max(1, a.Seats));
            if (a.EnterpriseId is { } id)
                served.Add(new Served(Period.DayOf(a.At), R(region), ServedSource.Activity, Ent(id), -1));
        }

        // Feedback rates the activity, so it counts where the activity was held (decision 0025).
        foreach (var f in await db.ActivityRegistrations.Where(r => r.FeedbackAt != null && r.Feedback != null)
                     .Join(db.Activities.Where(a => a.Status != ActivityStatus.Cancelled), r => r.ActivityId, a => a.Id,
                         (r, a) => new { a.RegionCode, Day = r.FeedbackAt!.Value.AddHours(8).Date, r.Feedback })
                     .GroupBy(x => new { x.RegionCode, x.Day, x.Feedback })
                     .Select(g => new { g.Key.RegionCode, g.Key.Day, g.Key.Feedback, Count = g.Count() }).ToListAsync(ct))
            cells[Series.ActivityFeedback].Add(new Cell(DateOnly.FromDateTime(f.Day).DayNumber, R(f.RegionCode), (short)f.Feedback!.Value, f.Count, 0));

        foreach (var n in await db.Needs.Where(n => n.OpenedAt != null).Select(n => new { n.RegionCode, Opened = n.OpenedAt!.Value, n.DockedAt, n.EnterpriseId }).ToListAsync(ct))
        {
            Add(Series.NeedsPosted, n.RegionCode, n.Opened, 0);
            if (n.DockedAt is { } docked)
            {
                Add(Series.NeedsDocked, n.RegionCode, docked, 0);
                served.Add(new Served(Period.DayOf(docked), R(n.RegionCode), ServedSource.Need, Ent(n.EnterpriseId), -1));
            }
        }

        foreach (var c in await db.RenewalCases.Where(c => c.SubmittedAt != null)
                     .Select(c => new { c.RegionCode, Submitted = c.SubmittedAt!.Value, c.DecidedAt, c.ApprovedAmount, c.RequestedAmount, c.EnterpriseId, c.BankId }).ToListAsync(ct))
        {
            Add(Series.LoanCases, c.RegionCode, c.Submitted, 0, 1, c.RequestedAmount);
            if (c.DecidedAt is not { } decided) continue;
            Add(Series.LoanDecisions, c.RegionCode, decided, c.ApprovedAmount is not null ? 1 : 0, 1, c.ApprovedAmount ?? 0);
            if (c.ApprovedAmount is not null)
                served.Add(new Served(Period.DayOf(decided), R(c.RegionCode), ServedSource.Loan, Ent(c.EnterpriseId), Inst(c.BankId)));
        }

        // Survey batches: counted at opening; their audience (the enterprises they reach today) and their responses by the opening day.
        var batches = await db.SurveyBatches.Where(b => b.OpensAt != null).ToListAsync(ct);
        var responses = (await db.SurveyResponses.GroupBy(r => new { r.BatchId, r.RegionCode }).Select(g => new { g.Key.BatchId, g.Key.RegionCode, Count = g.Count() })
            .ToListAsync(ct)).ToLookup(r => r.BatchId);
        // Approved enterprises by region, industry section and size: each batch's audience is a sum over these few groups.
        var groups = await db.Enterprises.Where(e => e.Status == Registration.Approved)
            .GroupBy(e => new { e.RegionCode, e.IndustrySection, e.SizeClass })
            .Select(g => new { g.Key.RegionCode, g.Key.IndustrySection, g.Key.SizeClass, Count = g.Count() }).ToListAsync(ct);
        foreach (var b in batches)
        {
            var opened = b.OpensAt!.Value;
            Add(Series.SurveyBatches, b.RegionCode, opened, 0);
            var (regionSet, industrySet, sizeSet) = (b.Regions.ToHashSet(), b.Industries.ToHashSet(), b.Sizes.ToHashSet());
            foreach (var g in groups.Where(e => (regionSet.Count == 0 || regionSet.Contains(e.RegionCode)) && (industrySet.Count == 0 || industrySet.Contains(e.IndustrySection))
                         && (sizeSet.Count == 0 || sizeSet.Contains(e.SizeClass))).GroupBy(e => e.RegionCode))
                Add(Series.SurveyAudience, g.Key, opened, 0, g.Sum(x => x.Count));
            foreach (var r in responses[b.Id]) Add(Series.SurveyResponses, r.RegionCode, opened, 0, r.Count);
        }

        var cores = (await db.Institutions.Where(i => i.IsCore).Select(i => new { i.RegionCode, i.CoreFrom, i.CoreUntil }).ToListAsync(ct))
            .Select(c => new CoreStatus(R(c.RegionCode), c.CoreFrom?.DayNumber ?? 0, c.CoreUntil?.DayNumber ?? int.MaxValue)).ToArray();

        var today = DateOnly.FromDateTime(now.AddHours(8));
        var next = today.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
        if (await db.Activities.Where(a => a.Status == ActivityStatus.Published && a.EndsAt >= now).MinAsync(a => (DateTime?)a.EndsAt, ct) is { } ends && ends < next)
            next = ends;
        if (await db.Articles.Where(a => a.Status == ArticleStatus.Published && a.PublishAt > now).MinAsync(a => a.PublishAt, ct) is { } publishes && publishes < next)
            next = publishes;

        served.Sort((a, b) => a.Day.CompareTo(b.Day));
        return new IndicatorFacts
        {
            BuiltAtUtc = now,
            Today = today,
            Stamp = stamp,
            NextChangeUtc = next,
            Regions = [.. regions],
            Cells = cells.ToDictionary(kv => kv.Key, kv => { var a = kv.Value.ToArray(); Array.Sort(a, (x, y) => x.Day.CompareTo(y.Day)); return a; }),
            Served = [.. served],
            EnterpriseSizes = sizes,
            Cores = cores,
            BuildTime = started.Elapsed,
        };
    }
}

/// <summary>
/// This node's copy of <see cref="IndicatorFacts"/> (a singleton). Every <c>Qifu:Indicators:MaxAgeSeconds</c> (default 30) one caller
/// checks in the background whether the copy still holds (decision 0023): it is read again when the indicator change log moved, a
/// time it depends on passed (<see cref="IndicatorFacts.NextChangeUtc"/>) or it is older than <c>Qifu:Indicators:FullReadMinutes</c>
/// (default 10); otherwise it is kept, and the check costs one small query. Everyone else goes on with the copy they have, so the
/// headline figures are current within a minute of a change and no request waits on a read except the very first. With 0 every
/// call reads afresh (tests).
/// </summary>
public sealed class IndicatorFactsCache(IServiceScopeFactory scopes, IConfiguration config, TimeProvider clock, ILogger<IndicatorFactsCache> log)
{
    private readonly TimeSpan _maxAge = TimeSpan.FromSeconds(config.GetValue("Qifu:Indicators:MaxAgeSeconds", 30));
    private readonly TimeSpan _fullRead = TimeSpan.FromMinutes(config.GetValue("Qifu:Indicators:FullReadMinutes", 10.0));
    private readonly SemaphoreSlim _reading = new(1, 1);
    private volatile IndicatorFacts? _current;
    private long _checkedAt;
    private long _readAt;

    public async Task<IndicatorFacts> GetAsync(CancellationToken ct = default)
    {
        if (_maxAge <= TimeSpan.Zero) return await ReadAsync(ct);
        var current = _current;
        if (current is not null && Environment.TickCount64 - Interlocked.Read(ref _checkedAt) < _maxAge.TotalMilliseconds) return current;
        if (current is not null)
        {
            // Due for a check: one caller looks in the background; everyone keeps the copy until a new one is ready.
            if (_reading.Wait(0)) _ = Task.Run(async () => { try { await CheckCoreAsync(CancellationToken.None); } finally { _reading.Release(); } });
            return current;
        }
        await _reading.WaitAsync(ct);
        try
        {
            return _current ?? await RefreshAsync(ct);
        }
        finally { _reading.Release(); }
    }

    /// <summary>Checks the copy now and reads the facts again if it no longer holds; true when it read.</summary>
    public async Task<bool> CheckAsync(CancellationToken ct = default)
    {
        await _reading.WaitAsync(ct);
        try { return await CheckCoreAsync(ct); }
        finally { _reading.Release(); }
    }

    private async Task<bool> CheckCoreAsync(CancellationToken ct)
    {
        if (_current is { } current)
        {
            try
            {
                if (!await ChangedAsync(current, ct))
                {
                    Interlocked.Exchange(ref _checkedAt, Environment.TickCount64);
                    return false;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Interlocked.Exchange(ref _checkedAt, Environment.TickCount64);
                log.LogWarning(ex, "Checking the indicator change log failed; the figures stay as they are");
                return false;
            }
        }
        await RefreshAsync(ct);
        return true;
    }

    private async Task<bool> ChangedAsync(IndicatorFacts current, CancellationToken ct)
    {
        if (clock.GetUtcNow().UtcDateTime > current.NextChangeUtc) return true;
        if (Environment.TickCount64 - Interlocked.Read(ref _readAt) >= _fullRead.TotalMilliseconds) return true;
        await using var scope = scopes.CreateAsyncScope();
        return await IndicatorChanges.StampAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), ct) != current.Stamp;
    }

    /// <summary>Reads the facts now (start-up warm-up, and the first call).</summary>
    public async Task<IndicatorFacts> RefreshAsync(CancellationToken ct)
    {
        try
        {
            var facts = await ReadAsync(ct);
            Figures.IndicatorFigures.Prepare(facts);
            _current = facts;
            var now = Environment.TickCount64;
            Interlocked.Exchange(ref _readAt, now);
            Interlocked.Exchange(ref _checkedAt, now);
            log.LogInformation("Indicator facts read in {Ms} ms: {Served} services to enterprises", (int)facts.BuildTime.TotalMilliseconds, facts.Served.Length);
            return facts;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && _current is { } old)
        {
            Interlocked.Exchange(ref _checkedAt, Environment.TickCount64);
            log.LogError(ex, "Reading indicator facts failed; the previous copy stays");
            return old;
        }
    }

    private async Task<IndicatorFacts> ReadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IndicatorFactsReader>().ReadAsync(ct);
    }
}
