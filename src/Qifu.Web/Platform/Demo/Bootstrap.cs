using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts.Data;
using Qifu.Web.Modules.Accounts.OperatorAccounts;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Platform.Demo;

/// <summary>
/// Start-up work: migrate, create the roles, and in demo mode (Development, or Qifu:DemoData=true) add the Hengyang demo data.
/// Production gets no default accounts: its first city operator comes from the `bootstrap-admin` command.
/// </summary>
public static class Bootstrap
{
    public static bool IsDemoMode(WebApplication app) =>
        app.Configuration.GetValue<bool?>("Qifu:DemoData") ?? app.Environment.IsDevelopment();

    public static async Task PrepareDatabaseAsync(WebApplication app)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await DatabaseSetup.MigrateAsync(db);
        await EnsureRolesAsync(scope.ServiceProvider);
        if (IsDemoMode(app))
        {
            var seeded = await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync();
            await scope.ServiceProvider.GetRequiredService<DemoCatalogue>().SeedAsync();
            await Modules.ServiceRequests.DemoRequests.SeedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>());
            await Modules.Content.DemoArticles.SeedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>());
            await Modules.Activities.DemoActivities.SeedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>());
            await Modules.Needs.DemoNeeds.SeedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>());
            await Modules.Surveys.DemoSurveys.SeedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>());
            await Modules.LoanRenewal.DemoRenewals.SeedAsync(db, scope.ServiceProvider.GetRequiredService<Files.FileStore>(),
                scope.ServiceProvider.GetRequiredService<TimeProvider>());
            if (seeded) app.Logger.LogInformation("已写入衡阳演示数据");
            PrintDemoAccounts(app);
        }
        app.Logger.LogInformation("数据库就绪（{Provider}），用时 {Ms} ms", db.Database.ProviderName, started.ElapsedMilliseconds);
    }

    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<AppRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new AppRole(role));
    }

    private static void PrintDemoAccounts(WebApplication app)
    {
        var lines = DemoData.Accounts.Select(a => $"  {a.Role,-8} {a.Phone}  {DemoData.Password}  {a.Note}");
        Console.WriteLine("演示模式：以下演示账号可直接登录（生产环境不会创建任何默认账号）\n" + string.Join('\n', lines));
    }

    /// <summary>`seed --scale N`: scale data (see <see cref="ScaleData"/>), then the search index rebuilt over it.</summary>
    private static async Task SeedAsync(WebApplication app, string[] args)
    {
        var value = args.SkipWhile(a => a != "--scale").Skip(1).FirstOrDefault();
        if (!double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var scale) || scale <= 0 || scale > 100)
        {
            Console.Error.WriteLine("用法：seed --scale N（N 为 0 到 100 之间的倍数，1 = 衡阳参考规模，可为小数，如 0.01）");
            Environment.ExitCode = 2;
            return;
        }
        var started = System.Diagnostics.Stopwatch.StartNew();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await DatabaseSetup.MigrateAsync(db);
            await EnsureRolesAsync(scope.ServiceProvider);
            Console.WriteLine($"正在写入规模数据（倍数 {scale}，{db.Database.ProviderName}）…");
            var seed = new ScaleData(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), Console.WriteLine);
            await seed.RunAsync(scale);
        }
        await Modules.Search.Following.ReindexCommand.RunAsync(app);
        Console.WriteLine($"全部完成，用时 {started.Elapsed.TotalSeconds:0.0} 秒");
    }

    /// <summary>`bootstrap-admin --phone 139xxxxxxxx --name 姓名`: creates the first city operator with a one-time password.</summary>
    public static async Task<bool> RunCommandAsync(WebApplication app, string[] args)
    {
        if (args.Contains(Modules.Search.Following.ReindexCommand.Name))
        {
            await Modules.Search.Following.ReindexCommand.RunAsync(app);
            return true;
        }
        if (args.Contains(ScaleData.Command))
        {
            await SeedAsync(app, args);
            return true;
        }
        if (!args.Contains("bootstrap-admin")) return false;
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var phone = Arg("--phone");
        var name = Arg("--name") ?? "平台管理员";
        if (phone is null)
        {
            Console.Error.WriteLine("用法：bootstrap-admin --phone 13900000000 [--name 姓名]");
            Environment.ExitCode = 2;
            return true;
        }
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await DatabaseSetup.MigrateAsync(db);
        await EnsureRolesAsync(scope.ServiceProvider);
        var handler = scope.ServiceProvider.GetRequiredService<CreateOperatorHandler>();
        try
        {
            var created = await handler.HandleAsync(new CreateOperatorRequest { DisplayName = name, Phone = phone, RegionCode = RegionCodes.City });
            Console.WriteLine($"已创建市级运营账号 {created.Phone}，一次性密码：{created.InitialPassword}（首次登录须修改）");
        }
        catch (Errors.RuleViolationException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Environment.ExitCode = 1;
        }
        return true;
    }
}
