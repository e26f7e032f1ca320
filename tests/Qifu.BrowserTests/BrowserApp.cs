using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;
using Qifu.Web.Platform.Database;

namespace Qifu.BrowserTests;

/// <summary>
/// The real application on a real Kestrel port (loopback, dynamic), on a fresh database chosen exactly as
/// tests/Qifu.Tests QifuApp does (QIFU_TEST_DB=sqlite by default, or postgres with QIFU_TEST_PG), plus one
/// headless Chromium shared by the collection. Each test opens its own browser context (fresh cookies).
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static DatabaseProvider Provider =>
        string.Equals(Environment.GetEnvironmentVariable("QIFU_TEST_DB"), "postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    public const string ShotsFolder = "/tmp/qifu-shots";

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "qifu-browser-" + Guid.NewGuid().ToString("N"));
    private readonly string _pgDatabase = "qifu_browser_" + Guid.NewGuid().ToString("N")[..12];
    private string? _pgAdmin;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserApp() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    /// <summary>http://127.0.0.1:port, known once the server has started.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    /// <summary>A temp folder this app owns (uploaded test files are written here).</summary>
    public string DataPath => _dataPath;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Qifu:DemoData", "true");
        builder.UseSetting("Qifu:DataPath", _dataPath);
        builder.UseSetting("Qifu:LogPath", Path.Combine(_dataPath, "logs"));
        builder.UseSetting("Qifu:SignInPerMinute", "100000");
        builder.UseSetting("Qifu:Indicators:MaxAgeSeconds", "0");
        if (Provider == DatabaseProvider.Postgres)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Qifu", new NpgsqlConnectionStringBuilder(PgAdmin) { Database = _pgDatabase }.ToString());
        }
        else
        {
            builder.UseSetting("Database:Provider", "Sqlite");
        }
    }

    private string PgAdmin => _pgAdmin ??= Environment.GetEnvironmentVariable("QIFU_TEST_PG")
        ?? throw new InvalidOperationException("QIFU_TEST_DB=postgres needs QIFU_TEST_PG (set by scripts/test.sh).");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataPath);
        Directory.CreateDirectory(ShotsFolder);
        // Starting the host runs Program, which migrates and seeds the demo data, then Kestrel binds a free port.
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no listening address.");
        BaseAddress = new Uri(address);
        await WarmUpAsync();

        // Web-first assertions wait 5 s by default; a step that writes and notifies may take longer on a busy CI machine.
        Assertions.SetDefaultExpectTimeout(15_000);
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("QIFU_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    /// <summary>
    /// The first request of each page JIT-compiles it, and on a fresh CI machine with both cores busy that can take
    /// longer than a step's timeout. Open the pages every journey starts from once, over HTTP, before any journey.
    /// </summary>
    private async Task WarmUpAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        foreach (var path in new[] { "/", "/account/signin", "/search?q=融资", "/articles", "/activities", "/policies" })
        {
            using var response = await http.GetAsync(path);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"Warm-up: GET {path} answered {(int)response.StatusCode}.");
        }
    }

    /// <summary>A new browser context (no cookies) with one page, watched for console errors and foreign requests.</summary>
    public async Task<BrowserSession> NewSessionAsync(string name)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        return await BrowserSession.StartAsync(this, context, name);
    }

    public new async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
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
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
