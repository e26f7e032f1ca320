using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.Search;
using Qifu.Web.Platform.Database;

namespace Qifu.Tests.Modules.Search;

/// <summary>The search tests share one app of their own, so counts over their data are not disturbed by other test classes.</summary>
[CollectionDefinition(Name)]
public sealed class SearchApp : ICollectionFixture<QifuApp>
{
    public const string Name = "search app";
}

/// <summary>A service item as a test describes it; <see cref="SearchData.PublishAsync"/> stores it published.</summary>
public sealed record TestItem(string Title, string Description = "", string Category = "finance", string Sub = "银行信贷",
    FeeType Fee = FeeType.Free, ServiceMode Mode = ServiceMode.Online, string Regions = "430405,430400", int Evaluations = 0,
    int EvaluationTotal = 0, int Requests = 0, int Claims = 0, DateTime? PublishedAt = null)
{
    public Guid Id { get; set; }
    public double? Rating => Evaluations == 0 ? null : Math.Round((double)EvaluationTotal / Evaluations, 1);
}

public static class SearchData
{
    public const string DemoInstitution = "湖南衡信会计师事务所有限公司";

    // Earthly branches and heavenly stems: four of them in a row never occur in the demo data or in other tests' text,
    // so a marker word isolates one test's documents (every query word must match).
    private const string Rare = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥";

    public static string Marker() => string.Concat(Enumerable.Range(0, 4).Select(_ => Rare[RandomNumberGenerator.GetInt32(Rare.Length)]));

    /// <summary>Stores the items published, as the catalogue would, with one change-log row each.</summary>
    public static Task PublishAsync(this QifuApp app, params TestItem[] items) => app.WithDbAsync(async db =>
    {
        var institution = await db.Institutions.AsNoTracking().FirstAsync(i => i.Name == DemoInstitution);
        foreach (var t in items)
        {
            var at = t.PublishedAt ?? app.Clock.GetUtcNow().UtcDateTime;
            var item = new ServiceItem
            {
                Id = Guid.NewGuid(), InstitutionId = institution.Id, RegionCode = institution.RegionCode, CreatedAt = at,
                Content = new ItemContent
                {
                    Title = t.Title, CategoryCode = t.Category, SubCategory = t.Sub, Description = t.Description, Deliverables = "服务报告一份",
                    FeeType = t.Fee, Price = t.Fee is FeeType.Market or FeeType.Discounted ? 3000 : null, Mode = t.Mode, ServiceRegions = t.Regions,
                    LeadTimeDays = 5, ContactName = "赵新", ContactPhone = "13707340001",
                },
                EvaluationCount = t.Evaluations, EvaluationTotal = t.EvaluationTotal, RequestCount = t.Requests, ClaimCount = t.Claims,
            };
            item.Submit(at);
            item.Approve(at);
            db.ServiceItems.Add(item);
            SearchLog.Changed(db, "item", item.Id, at);
            t.Id = item.Id;
        }
        await db.SaveChangesAsync();
        return 0;
    });

    public static async Task<JsonElement> SearchAsync(this HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/search?" + query);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"search {query}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static string Q(string words) => "q=" + Uri.EscapeDataString(words);

    public static int Total(this JsonElement result) => result.GetProperty("total").GetInt32();

    public static List<Guid> Ids(this JsonElement result) => result.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetGuid()).ToList();

    /// <summary>facet field → value → count, as the API returns them.</summary>
    public static Dictionary<string, Dictionary<string, int>> Facets(this JsonElement result) =>
        result.GetProperty("facets").EnumerateArray().ToDictionary(f => f.GetProperty("field").GetString()!,
            f => f.GetProperty("values").EnumerateArray().ToDictionary(v => v.GetProperty("value").GetString()!, v => v.GetProperty("count").GetInt32()));

    public static Dictionary<string, int> Kinds(this JsonElement result) =>
        result.GetProperty("kinds").EnumerateArray().ToDictionary(k => k.GetProperty("value").GetString()!, k => k.GetProperty("count").GetInt32());

    /// <summary>Polls until the condition holds; returns how long it took, or throws after <paramref name="limit"/>.</summary>
    public static async Task<TimeSpan> EventuallyAsync(Func<Task<bool>> condition, TimeSpan limit, string what)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (await condition()) return watch.Elapsed;
            if (watch.Elapsed > limit) throw new TimeoutException($"{what}: not true after {limit.TotalSeconds:0.#} s");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until a search for <paramref name="query"/> finds exactly <paramref name="total"/> documents.</summary>
    public static Task<TimeSpan> IndexedAsync(this HttpClient client, string query, int total, double seconds = 5) =>
        EventuallyAsync(async () => (await client.SearchAsync(query)).Total() == total, TimeSpan.FromSeconds(seconds), $"search {query} finds {total}");
}

/// <summary>
/// Data that outlives one app: a folder and a database several <see cref="SearchNode"/>s use in turn or at once (the rebuild,
/// reindex and two-node tests). SQLite: one database file in the folder; PostgreSQL: one database on the test server.
/// </summary>
public sealed class SharedData : IAsyncDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "qifu-search-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly string _pgDatabase = "qifu_search_" + Guid.NewGuid().ToString("N")[..12];

    public SharedData() => Directory.CreateDirectory(Root);

    public string ConnectionString => QifuApp.Provider == DatabaseProvider.Postgres
        ? new NpgsqlConnectionStringBuilder(PgAdmin) { Database = _pgDatabase }.ToString()
        : $"Data Source={Path.Combine(Root, "qifu.db")};Default Timeout=30;Pooling=True";

    private static string PgAdmin => Environment.GetEnvironmentVariable("QIFU_TEST_PG")
        ?? throw new InvalidOperationException("QIFU_TEST_DB=postgres needs QIFU_TEST_PG (set by scripts/test.sh).");

    public string DataPath(string node) => Path.Combine(Root, node);

    public string IndexPath(string node) => Path.Combine(DataPath(node), "search-index");

    public async Task<SearchNode> StartAsync(string node)
    {
        var app = new SearchNode(this, node);
        await app.InitializeAsync();
        return app;
    }

    /// <summary>Deletes a folder a stopped node used; retries briefly in case the file system is still settling.</summary>
    public static async Task DeleteFolderAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Directory.Delete(path, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 20)
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (QifuApp.Provider == DatabaseProvider.Postgres)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(PgAdmin);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgDatabase}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>A web node on <see cref="SharedData"/>: its own data folder (files, logs, search index), the shared database.</summary>
public sealed class SearchNode(SharedData data, string node) : QifuApp
{
    protected override Dictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Qifu:DataPath"] = data.DataPath(node);
            settings["Qifu:LogPath"] = Path.Combine(data.DataPath(node), "logs");
            settings["ConnectionStrings:Qifu"] = data.ConnectionString;
            return settings;
        }
    }

    /// <summary>Stops the node and leaves its data (the shared data owner deletes it).</summary>
    public async Task StopAsync()
    {
        await ((Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>)this).DisposeAsync();
    }
}
