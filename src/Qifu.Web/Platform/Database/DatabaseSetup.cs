using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Qifu.Web.Platform.Database;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Chooses the provider from configuration (Database:Provider + ConnectionStrings:Qifu); SQLite under data/ by default.</summary>
public static class DatabaseSetup
{
    public static DatabaseProvider ProviderOf(IConfiguration config) =>
        string.Equals(config["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase)
        || string.Equals(config["Database:Provider"], "PostgreSQL", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    public static IServiceCollection AddQifuDatabase(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var provider = ProviderOf(config);
        if (provider == DatabaseProvider.Postgres)
        {
            var cs = config.GetConnectionString("Qifu")
                ?? throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Qifu is not set.");
            services.AddDbContext<PostgresAppDbContext>(o => ConfigurePostgres(o, cs));
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgresAppDbContext>());
        }
        else
        {
            var cs = SqliteConnectionString(config, env);
            services.AddDbContext<SqliteAppDbContext>(o => ConfigureSqlite(o, cs));
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

    public static void ConfigureSqlite(DbContextOptionsBuilder o, string cs) =>
        o.UseSqlite(cs, s => s.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName))
            .AddInterceptors(new SqlitePragmas());

    public static void ConfigurePostgres(DbContextOptionsBuilder o, string cs) =>
        o.UseNpgsql(cs, n => n.EnableRetryOnFailure(3, TimeSpan.FromSeconds(2), null).CommandTimeout(15));

    /// <summary>Applies pending migrations; on SQLite also switches on WAL with full sync for durability.</summary>
    public static async Task MigrateAsync(AppDbContext db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }
}

/// <summary>Per-connection SQLite settings: durable commits and a busy timeout (MACHINE-TIPS.md).</summary>
internal sealed class SqlitePragmas : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(System.Data.Common.DbConnection connection,
        Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection,
        Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        await cmd.ExecuteNonQueryAsync(ct);
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
