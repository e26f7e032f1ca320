using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Qifu.Tests.Support;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Platform.Database;

namespace Qifu.Tests.Modules.ServiceRequests;

/// <summary>
/// The application for the service-request tests: the scheduler is off (the tests run the deadline sweep themselves with
/// the fake clock), and a save can be made to fail halfway for the all-or-nothing tests (BL-03).
/// </summary>
public sealed class RequestsApp : QifuApp
{
    public SaveFailure Failure { get; } = new();

    protected override Dictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Qifu:Jobs:Enabled"] = "false";
            return settings;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.ConfigureDbContext<SqliteAppDbContext>(o => o.AddInterceptors(Failure));
            services.ConfigureDbContext<PostgresAppDbContext>(o => o.AddInterceptors(Failure));
        });
    }
}

/// <summary>
/// When armed, the next save that writes a service-request step fails after its rows were sent to the database but
/// before the transaction commits — the "test hook throws halfway" of SECURITY.md BL-03.
/// </summary>
public sealed class SaveFailure : SaveChangesInterceptor
{
    public volatile bool Armed;

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        if (Armed && eventData.Context is { } db && db.ChangeTracker.Entries<RequestEvent>().Any())
        {
            Armed = false;
            throw new InvalidOperationException("Test hook: the save fails halfway");
        }
        return base.SavedChangesAsync(eventData, result, ct);
    }
}

[CollectionDefinition(Name)]
public sealed class RequestsCollection : ICollectionFixture<RequestsApp>
{
    public const string Name = "service requests app";
}
