using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Modules.Institutions;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Search.Engine;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Registration;

namespace Qifu.Tests.Modules.Search;

/// <summary>The index follows the change log: within a second on the node, on every node, and after losing its files.</summary>
[Collection(SearchApp.Name)]
public sealed class IndexFollowingTests(QifuApp app)
{
    [Fact]
    public async Task An_institution_appears_when_approved_and_disappears_when_suspended_within_a_second()
    {
        var m = SearchData.Marker();
        var search = app.CreateClient();
        var applicant = await app.ApplyAsync("430421", $"衡阳{m}知识产权服务有限公司", false, "innovation");
        await Task.Delay(600); // a poll or two: a submitted application must stay out of the index
        Assert.Equal(0, (await search.SearchAsync(SearchData.Q(m))).Total());

        var city = await app.ApiAsync(Http.CityOperator);
        (await city.PostAsync($"/api/v1/institutions/{applicant.Id}/approve", null)).EnsureSuccessStatusCode();
        var shown = await search.IndexedAsync(SearchData.Q(m), 1, seconds: 2);
        var hit = (await search.SearchAsync(SearchData.Q($"{m} 知识产权") + "&category=innovation&region=430421")).GetProperty("hits")[0];
        Assert.Equal(applicant.Id, hit.GetProperty("id").GetGuid());
        Assert.Equal("institution", hit.GetProperty("kind").GetString());

        (await city.PostAsJsonAsync($"/api/v1/institutions/{applicant.Id}/suspend", new { reason = "年度报告未报送" })).EnsureSuccessStatusCode();
        var hidden = await search.IndexedAsync(SearchData.Q(m), 0, seconds: 2);
        (await city.PostAsync($"/api/v1/institutions/{applicant.Id}/resume", null)).EnsureSuccessStatusCode();
        await search.IndexedAsync(SearchData.Q(m), 1, seconds: 2);

        Assert.True(shown < TimeSpan.FromSeconds(1.5), $"approval searchable after {shown.TotalMilliseconds:0} ms");
        Assert.True(hidden < TimeSpan.FromSeconds(1.5), $"suspension applied after {hidden.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Items_of_a_suspended_institution_leave_the_search_with_it()
    {
        var m = SearchData.Marker();
        var search = app.CreateClient();
        var applicant = await app.ApprovedAsync("430405", $"衡阳{m}咨询有限公司", "consulting");
        await PublishForAsync(applicant.Id, new TestItem($"{m}管理诊断"));
        await search.IndexedAsync(SearchData.Q(m) + "&kind=item", 1, seconds: 2);

        var city = await app.ApiAsync(Http.CityOperator);
        (await city.PostAsJsonAsync($"/api/v1/institutions/{applicant.Id}/suspend", new { reason = "测试暂停" })).EnsureSuccessStatusCode();
        await search.IndexedAsync(SearchData.Q(m), 0, seconds: 2);
        (await city.PostAsync($"/api/v1/institutions/{applicant.Id}/resume", null)).EnsureSuccessStatusCode();
        await search.IndexedAsync(SearchData.Q(m), 2, seconds: 2);
    }

    private Task PublishForAsync(Guid institutionId, TestItem t) => app.WithDbAsync(async db =>
    {
        var institution = await db.Institutions.AsNoTracking().SingleAsync(i => i.Id == institutionId);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var item = new Qifu.Web.Modules.Catalogue.Data.ServiceItem
        {
            Id = Guid.NewGuid(), InstitutionId = institution.Id, RegionCode = institution.RegionCode, CreatedAt = now,
            Content = new Qifu.Web.Modules.Catalogue.Data.ItemContent { Title = t.Title, CategoryCode = t.Category, SubCategory = t.Sub, ServiceRegions = t.Regions },
        };
        item.Submit(now);
        item.Approve(now);
        db.ServiceItems.Add(item);
        Qifu.Web.Modules.Search.SearchLog.Changed(db, "item", item.Id, now);
        await db.SaveChangesAsync();
        t.Id = item.Id;
        return 0;
    });
}

/// <summary>Nodes that start, stop and share data: each test owns its database and folders.</summary>
public sealed class IndexLifecycleTests
{
    [Fact]
    public async Task A_node_rebuilds_its_index_when_the_folder_is_deleted_or_holds_garbage()
    {
        await using var data = new SharedData();
        var first = await data.StartAsync("node");
        var client = first.CreateClient();
        await client.IndexedAsync(SearchData.Q("律师事务所") + "&kind=institution", 1, seconds: 10);
        var m = SearchData.Marker();
        await first.PublishAsync(new TestItem($"{m}法律体检", Category: "legal", Sub: "法律体检"));
        await client.IndexedAsync(SearchData.Q(m), 1);
        await first.StopAsync();

        await SharedData.DeleteFolderAsync(data.IndexPath("node"));
        var second = await data.StartAsync("node");
        await FindsAsync(second, m);
        await second.StopAsync();

        var files = Directory.GetFiles(data.IndexPath("node"));
        Assert.NotEmpty(files);
        foreach (var file in files)
            if (!file.EndsWith("write.lock", StringComparison.Ordinal))
                await File.WriteAllBytesAsync(file, System.Security.Cryptography.RandomNumberGenerator.GetBytes(4096));
        var third = await data.StartAsync("node");
        await FindsAsync(third, m);
        await third.StopAsync();
    }

    private static async Task FindsAsync(QifuApp node, string marker)
    {
        var client = node.CreateClient();
        await client.IndexedAsync(SearchData.Q(marker), 1, seconds: 10);
        var lawyers = await client.SearchAsync(SearchData.Q("律师事务所"));
        Assert.Contains($"湖南湘南<mark>律师事务所</mark>", lawyers.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("title").GetString()));
        Assert.True(lawyers.GetProperty("indexReady").GetBoolean());
    }

    [Fact]
    public async Task A_change_made_through_one_node_is_found_on_the_other_within_two_seconds()
    {
        await using var data = new SharedData();
        var a = await data.StartAsync("a");
        var b = await data.StartAsync("b");
        try
        {
            var m = SearchData.Marker();
            var onB = b.CreateClient();
            await onB.IndexedAsync(SearchData.Q("律师事务所") + "&kind=institution", 1, seconds: 10);

            var applicant = await a.ApplyAsync("430407", $"衡阳{m}律师事务所", false, "legal");
            var cityOnA = await a.ApiAsync(Http.CityOperator);
            (await cityOnA.PostAsync($"/api/v1/institutions/{applicant.Id}/approve", null)).EnsureSuccessStatusCode();
            var took = await onB.IndexedAsync(SearchData.Q(m), 1, seconds: 2);
            Assert.Equal(applicant.Id, (await onB.SearchAsync(SearchData.Q(m))).Ids().Single());

            (await cityOnA.PostAsJsonAsync($"/api/v1/institutions/{applicant.Id}/suspend", new { reason = "测试暂停" })).EnsureSuccessStatusCode();
            await onB.IndexedAsync(SearchData.Q(m), 0, seconds: 2);

            await a.PublishAsync(new TestItem($"{m}合同审查", Category: "legal", Sub: "合同审查"));
            await onB.IndexedAsync(SearchData.Q(m), 1, seconds: 2);
            await a.CreateClient().IndexedAsync(SearchData.Q(m), 1, seconds: 2);
            Assert.True(took < TimeSpan.FromSeconds(2));
        }
        finally
        {
            await b.StopAsync();
            await a.StopAsync();
        }
    }

    [Fact]
    public async Task The_reindex_command_rebuilds_the_index_and_prints_documents_per_second()
    {
        await using var data = new SharedData();
        var node = await data.StartAsync("node");
        await node.CreateClient().IndexedAsync(SearchData.Q("律师事务所") + "&kind=institution", 1, seconds: 10);
        var m = SearchData.Marker();
        await node.PublishAsync(new TestItem($"{m}汇算清缴辅导", Category: "finance", Sub: "税务筹划"));
        var expected = await node.WithDbAsync(async db =>
            await db.Institutions.CountAsync(i => i.Status == RegistrationStatus.Approved)
            + await db.ServiceItems.CountAsync(i => i.Status == Qifu.Web.Modules.Catalogue.Data.ItemStatus.Published)
            + await db.Articles.CountAsync(a => a.Status == Qifu.Web.Modules.Content.Data.ArticleStatus.Published && a.PublishAt <= DateTime.UtcNow)
            + await db.Activities.CountAsync(a => a.Status == Qifu.Web.Modules.Activities.Data.ActivityStatus.Published
                || a.Status == Qifu.Web.Modules.Activities.Data.ActivityStatus.Finished));
        await node.StopAsync();
        await SharedData.DeleteFolderAsync(data.IndexPath("node"));

        var run = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Qifu.Web.dll"), "reindex"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
                ["DOTNET_ENVIRONMENT"] = "Testing",
                ["Qifu__DataPath"] = data.DataPath("node"),
                ["Qifu__LogPath"] = Path.Combine(data.DataPath("node"), "logs"),
                ["Database__Provider"] = QifuApp.Provider == DatabaseProvider.Postgres ? "Postgres" : "Sqlite",
                ["ConnectionStrings__Qifu"] = data.ConnectionString,
            },
        };
        using var process = Process.Start(run)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "reindex did not finish");
        Assert.True(process.ExitCode == 0, $"reindex exited with {process.ExitCode}: {await output} {await errors}");
        Assert.Matches($"搜索索引已重建：{expected} 条文档，用时 [0-9.]+ 秒，[0-9]+ 条/秒", await output);

        using var index = new SearchIndex(data.IndexPath("node"));
        Assert.False(index.WasReset);
        Assert.Equal(expected, index.Count);
        Assert.True(index.LastChangeId > 0);
        Assert.Equal(1, index.Search(new SearchRequest { Query = "律师事务所", Kind = "institution" }).Total);
        Assert.Equal(1, index.Search(new SearchRequest { Query = $"{m} 汇算清缴", Kind = "item" }).Total);
    }
}
