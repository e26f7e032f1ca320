using Lucene.Net.Store;
using Qifu.Web.Modules.Search.Engine;
using Qifu.Web.Platform.Database;

namespace Qifu.Web.Modules.Search.Following;

/// <summary>
/// `reindex`: rebuilds this node's index from every source and prints documents per second. Run it with the node's web process
/// stopped (the index folder is locked while it runs); a running node rebuilds by itself when its index folder is deleted.
/// </summary>
public static class ReindexCommand
{
    public const string Name = "reindex";

    public static async Task RunAsync(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        var path = NodeIndex.PathOf(app.Configuration, app.Environment);
        try
        {
            using var index = new SearchIndex(path);
            Console.WriteLine($"正在重建搜索索引：{path}");
            var report = await IndexRebuild.FromSourcesAsync(index, app.Services.GetRequiredService<IServiceScopeFactory>(),
                app.Services.GetServices<ISearchSource>(), CancellationToken.None);
            Console.WriteLine($"搜索索引已重建：{report.Documents} 条文档，用时 {report.Elapsed.TotalSeconds:0.0} 秒，{report.DocumentsPerSecond:0} 条/秒");
        }
        catch (LockObtainFailedException)
        {
            Console.Error.WriteLine($"索引目录 {path} 正被运行中的服务使用：请先停止本节点的服务再运行 reindex，或删除该目录后重启服务（启动时会自动重建）。");
            Environment.ExitCode = 1;
        }
    }
}
