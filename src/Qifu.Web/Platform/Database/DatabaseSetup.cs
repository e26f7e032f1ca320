using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Qifu.Web.Platform.Database;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Chooses the provider from configuration (Database:Provider + ConnectionStrings:Qifu); SQLite under data/ by default.</summary>
public static class DatabaseSetup
{
    public static DatabaseProvider ProviderOf(IConfiguration config) =>
        string.Equals(config["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase)
        || string.Equals(config["Database:Provider"], "PostgreSQL", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    /// <remarks>Contexts are pooled (a page asks for one per request; building one with its options each time cost more than the
    /// queries of a simple page). Interceptors that modules register as <see cref="IInterceptor"/> singletons join every context.</remarks>
    public static IServiceCollection AddQifuDatabase(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var provider = ProviderOf(config);
        if (provider == DatabaseProvider.Postgres)
        {
            var cs = config.GetConnectionString("Qifu")
                ?? throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Qifu is not set.");
            services.AddDbContextPool<PostgresAppDbContext>((sp, o) => ConfigurePostgres(o, cs).AddInterceptors(sp.GetServices<IInterceptor>()));
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgresAppDbContext>());
        }
        else
        {
            var cs = SqliteConnectionString(config, env);
            services.AddDbContextPool<SqliteAppDbContext>((sp, o) => ConfigureSqlite(o, cs).AddInterceptors(sp.GetServices<IInterceptor>()));
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqliteAppDbContext>());
        }
        return services;
    }

    public static string SqliteConnectionString(IConfiguration config, IHostEnvironment env)
    {
        var configured = config.GetConnectionString("Qifu");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var dataPath = Path.GetFullPath(Path.Combine(env.ContentRootPath, config["Qifu:DataPath"] ?? "data"));
        Directory.CreateDirectory(dataPath);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataPath, "qifu.db"),
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString();
    }

    public static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder o, string cs) =>
        o.UseSqlite(cs, s => s.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName))
            .AddInterceptors(new SqlitePragmas());

    public static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder o, string cs) =>
        o.UseNpgsql(cs, n => n.EnableRetryOnFailure(3, TimeSpan.FromSeconds(2), null).CommandTimeout(15));

    /// <summary>Applies pending migrations; on SQLite also switches on WAL with full sync for durability.</summary>
    public static async Task MigrateAsync(AppDbContext db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }
}

/// <summary>
/// Per-connection SQLite settings: durable commits and a busy timeout (MACHINE-TIPS.md). They belong to the native connection, which
/// the pool keeps open between uses, so they are applied once per native connection, not at every open (a page opens several times).
/// </summary>
internal sealed class SqlitePragmas : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Applied = new();

    public override void ConnectionOpened(System.Data.Common.DbConnection connection,
        Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData)
    {
        if (!FirstUse(connection, out var native)) return;
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        cmd.ExecuteNonQuery();
        Applied.AddOrUpdate(native, native);
    }

    public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection,
        Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        if (!FirstUse(connection, out var native)) return;
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        await cmd.ExecuteNonQueryAsync(ct);
        Applied.AddOrUpdate(native, native);
    }

    private static bool FirstUse(System.Data.Common.DbConnection connection, out object native)
    {
        native = (object?)(connection as SqliteConnection)?.Handle ?? connection;
        return !Applied.TryGetValue(native, out _);
    }
}

/// <summary>Design-time factories so `dotnet ef` can build each provider's migration set.</summary>
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<SqliteAppDbContext>();
        DatabaseSetup.ConfigureSqlite(o, "Data Source=design.db");
        return new SqliteAppDbContext(o.Options);
    }
}

public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<PostgresAppDbContext>();
        DatabaseSetup.ConfigurePostgres(o, "Host=localhost;Database=qifu_design");
        return new PostgresAppDbContext(o.Options);
    }
}
