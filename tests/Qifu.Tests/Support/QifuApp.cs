using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Qifu.Web.Platform.Database;

namespace Qifu.Tests.Support;

/// <summary>
/// The real application in-process, on the database named by QIFU_TEST_DB (sqlite, the default, or postgres with
/// QIFU_TEST_PG pointing at a server). Each instance gets its own fresh database, migrated and seeded with the demo data.
/// </summary>
public class QifuApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static DatabaseProvider Provider =>
        string.Equals(Environment.GetEnvironmentVariable("QIFU_TEST_DB"), "postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "qifu-test-" + Guid.NewGuid().ToString("N"));
    private readonly string _pgDatabase = "qifu_test_" + Guid.NewGuid().ToString("N")[..12];
    private string? _pgAdmin;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero));

    /// <summary>Settings a test class can change before the app starts (e.g. the sign-in rate limit).</summary>
    /// <remarks>The scheduler is off: its timer runs on real time while the clock is fake, and tests that need the deadline
    /// sweep run it themselves.</remarks>
    protected virtual Dictionary<string, string?> Settings => new() { ["Qifu:SignInPerMinute"] = "100000", ["Qifu:Jobs:Enabled"] = "false" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Qifu:DemoData", "true");
        builder.UseSetting("Qifu:DataPath", _dataPath);
        builder.UseSetting("Qifu:LogPath", Path.Combine(_dataPath, "logs"));
        if (Provider == DatabaseProvider.Postgres)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Qifu", new NpgsqlConnectionStringBuilder(PgAdmin) { Database = _pgDatabase }.ToString());
        }
        else
        {
            builder.UseSetting("Database:Provider", "Sqlite");
        }
        // Figures are read afresh on every call, so a test sees its own change at once (the app keeps them up to 30 s).
        builder.UseSetting("Qifu:Indicators:MaxAgeSeconds", "0");
        foreach (var (k, v) in Settings) builder.UseSetting(k, v);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    private string PgAdmin => _pgAdmin ??= Environment.GetEnvironmentVariable("QIFU_TEST_PG")
        ?? throw new InvalidOperationException("QIFU_TEST_DB=postgres needs QIFU_TEST_PG (set by scripts/test.sh).");

    /// <summary>Starting the host runs Program, which migrates (creating the PostgreSQL database) and seeds.</summary>
    public Task InitializeAsync()
    {
        _ = Services;
        return Task.CompletedTask;
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Provider == DatabaseProvider.Postgres)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(PgAdmin);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgDatabase}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(_dataPath, recursive: true); } catch (IOException) { }
    }

    public T Scoped<T>(Func<IServiceProvider, T> use)
    {
        using var scope = Services.CreateScope();
        return use(scope.ServiceProvider);
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> use)
    {
        using var scope = Services.CreateScope();
        return await use(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}

[CollectionDefinition(Name)]
public sealed class SharedApp : ICollectionFixture<QifuApp>
{
    public const string Name = "shared app";
}
