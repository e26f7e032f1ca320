using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qifu.Tests.Support;
using Qifu.Web.Platform.Database;

namespace Qifu.Tests.Platform.Database;

[Collection(SharedApp.Name)]
public sealed class MigrationsAreUpToDateTests(QifuApp app)
{
    [Fact]
    public void The_model_has_no_changes_without_a_migration_on_this_provider()
    {
        var pending = app.Scoped(sp => sp.GetRequiredService<AppDbContext>().Database.HasPendingModelChanges());
        Assert.False(pending, $"Run dotnet ef migrations add for {QifuApp.Provider}");
    }

    [Fact]
    public void Both_providers_have_the_same_migrations()
    {
        var sqlite = new SqliteDesignFactory().CreateDbContext([]).Database.GetMigrations().Select(m => m[15..]).ToArray();
        var postgres = new PostgresDesignFactory().CreateDbContext([]).Database.GetMigrations().Select(m => m[15..]).ToArray();
        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite, postgres);
    }

    [Fact]
    public async Task The_database_runs_on_the_provider_the_suite_asked_for()
    {
        var name = await app.WithDbAsync(db => Task.FromResult(db.Database.ProviderName));
        Assert.Contains(QifuApp.Provider == DatabaseProvider.Postgres ? "Npgsql" : "Sqlite", name);
    }
}
