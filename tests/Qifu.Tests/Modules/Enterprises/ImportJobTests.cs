using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Modules.Enterprises.ImportEnterprises;
using Qifu.Web.Modules.Enterprises.ImportJobs;

namespace Qifu.Tests.Modules.Enterprises;

/// <summary>An app whose background threshold is 20 rows, so a job needs a small file (the rule is the same at 5,000).</summary>
public sealed class ImportJobsApp : QifuApp
{
    public const int Threshold = 20;

    protected override Dictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings[ImportJobService.BackgroundRowsKey] = Threshold.ToString();
            return settings;
        }
    }
}

/// <summary>导入任务 (decision 0020, SECURITY.md IN-07) through HTTP: 202 with a job, polling, bad rows, re-run, recovery at start-up, scope.</summary>
public sealed class ImportJobTests(ImportJobsApp app) : IClassFixture<ImportJobsApp>
{
    private const string Hengyang = "430421";

    private static MultipartFormDataContent Upload(byte[] file, string name = "企业名录.xlsx") =>
        new() { { new ByteArrayContent(file), "file", name } };

    private string ImportsFolder => app.Scoped(sp => sp.GetRequiredService<EnterpriseImport>().ImportsFolder);

    private async Task<JsonElement> PollAsync(HttpClient api, Uri location)
    {
        var until = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var response = await api.GetAsync(location);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var job = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (job.GetProperty("finished").GetBoolean()) return job;
            Assert.True(DateTime.UtcNow < until, $"job still {job.GetProperty("statusLabel")} after 120 s");
            await Task.Delay(200);
        }
    }

    private async Task<(Uri Location, Guid Id)> SubmitAsync(HttpClient api, byte[] file)
    {
        var response = await api.PostAsync("/api/v1/enterprises/imports", Upload(file));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/enterprises/imports/{id}", response.Headers.Location?.OriginalString);
        Assert.Contains(body.GetProperty("statusLabel").GetString(), new[] { "排队中", "校验中", "写入中", "已完成" });
        return (new Uri(response.Headers.Location!.OriginalString, UriKind.Relative), id);
    }

    [Fact]
    public async Task A_large_file_is_accepted_as_a_job_and_polled_until_done_with_the_right_counts()
    {
        var rows = EnterpriseImportFile.Rows(30, Hengyang);
        var file = EnterpriseImportFile.Workbook(rows);
        var before = await app.WithDbAsync(db => db.Enterprises.CountAsync());
        var api = await app.ApiAsync(Http.HengyangCountyOperator);

        var (location, id) = await SubmitAsync(api, file);
        var job = await PollAsync(api, location);

        Assert.Equal(("Succeeded", "已完成", 30, 30, 0), (job.GetProperty("status").GetString(), job.GetProperty("statusLabel").GetString(),
            job.GetProperty("rows").GetInt32(), job.GetProperty("imported").GetInt32(), job.GetProperty("errorCount").GetInt32()));
        var codes = rows.Select(r => r.CreditCode!).ToList();
        Assert.Equal(30, await app.WithDbAsync(db => db.Enterprises.CountAsync(e => codes.Contains(e.CreditCode) && e.RegionCode == Hengyang)));
        Assert.Equal(before + 30, await app.WithDbAsync(db => db.Enterprises.CountAsync()));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync());
        Assert.Contains("提交导入任务", audit);
        Assert.Contains("导入任务完成", audit);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "导入" && a.Comment == "导入企业 30 条")));
        var stored = await app.WithDbAsync(db => db.EnterpriseImportJobs.SingleAsync(j => j.Id == id));
        Assert.False(File.Exists(Path.Combine(ImportsFolder, stored.StoredName + ".xlsx")), "the staged file is deleted when the job ends");

        // The same file again (IN-07): every row is 已存在 and skipped; the job succeeds with 0 条新增 and nothing new is written.
        var (again, _) = await SubmitAsync(api, file);
        var second = await PollAsync(api, again);
        Assert.Equal(("Succeeded", 30, 0, 30, 0), (second.GetProperty("status").GetString(), second.GetProperty("rows").GetInt32(),
            second.GetProperty("imported").GetInt32(), second.GetProperty("existing").GetInt32(), second.GetProperty("errorCount").GetInt32()));
        Assert.Equal(before + 30, await app.WithDbAsync(db => db.Enterprises.CountAsync()));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "导入任务完成" && a.Comment!.EndsWith("0 条新增，30 条已存在"))));
    }

    [Fact]
    public async Task A_job_with_bad_rows_lists_them_writes_nothing_and_cannot_be_rerun()
    {
        var rows = EnterpriseImportFile.Rows(40, Hengyang);
        rows[3].CreditCode = EnterpriseImportFile.WithBadCheckCharacter(rows[3].CreditCode!); // row 5
        rows[20].Employees = "很多"; // row 22
        rows[38].Region = "珠晖区"; // row 40: outside the county operator's scope
        var before = await app.WithDbAsync(db => db.Enterprises.CountAsync());
        var api = await app.ApiAsync(Http.HengyangCountyOperator);

        var (location, id) = await SubmitAsync(api, EnterpriseImportFile.Workbook(rows));
        var job = await PollAsync(api, location);

        Assert.Equal(("Failed", "失败", 40, 0, 3), (job.GetProperty("status").GetString(), job.GetProperty("statusLabel").GetString(),
            job.GetProperty("rows").GetInt32(), job.GetProperty("imported").GetInt32(), job.GetProperty("errorRows").GetInt32()));
        var errors = job.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())).ToList();
        Assert.Equal([(5, "统一社会信用代码"), (22, "从业人员"), (40, "经营所在区县")], errors);
        Assert.False(job.GetProperty("canRerun").GetBoolean());
        Assert.Equal(before, await app.WithDbAsync(db => db.Enterprises.CountAsync()));

        // The error workbook, on the API and on the page.
        var workbook = await api.GetAsync($"/api/v1/enterprises/imports/{id}/errors.xlsx");
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        using (var s = new MemoryStream(await workbook.Content.ReadAsByteArrayAsync()))
            Assert.Equal([5, 22, 40], s.Query<ImportErrorRow>().Select(r => r.Row).ToList());
        var page = await (await app.SignedInAsync(Http.HengyangCountyOperator)).GetAsync($"/review/enterprises/imports/{id}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("失败", html);
        Assert.Contains("第 22 行", html);
        Assert.Contains("下载错误说明", html);
        Assert.DoesNotContain("重新运行", html);
        Assert.False(page.Headers.Contains("Refresh"), "a finished job does not refresh");

        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync($"/api/v1/enterprises/imports/{id}/rerun", null)).StatusCode);
    }

    [Fact]
    public async Task On_the_page_a_large_file_becomes_a_job_whose_status_page_refreshes_until_done()
    {
        var rows = EnterpriseImportFile.Rows(25, Hengyang);
        var client = await app.SignedInAsync(Http.HengyangCountyOperator);

        var submit = await client.PostFormAsync("/review/enterprises/import?handler=Check", [], "/review/enterprises/import",
            ("Upload", "大批量.xlsx", EnterpriseImportFile.Workbook(rows)));
        Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
        var location = submit.Headers.Location!.OriginalString;
        Assert.StartsWith("/review/enterprises/imports/", location);

        var first = await client.GetAsync(location);
        var html = await first.Content.ReadAsStringAsync();
        Assert.Contains("导入任务已提交", html);
        var until = DateTime.UtcNow.AddSeconds(120);
        while (!html.Contains(">已完成<"))
        {
            Assert.True(DateTime.UtcNow < until, "job not done after 120 s");
            Assert.Matches(">(排队中|校验中|写入中)<", html);
            Assert.True(first.Headers.Contains("Refresh"), "an unfinished job's page reloads itself");
            Assert.Contains("刷新状态", html);
            await Task.Delay(200);
            first = await client.GetAsync(location);
            html = await first.Content.ReadAsStringAsync();
        }
        Assert.Contains("25 条新增", html);
        var codes = rows.Select(r => r.CreditCode!).ToList();
        Assert.Equal(25, await app.WithDbAsync(db => db.Enterprises.CountAsync(e => codes.Contains(e.CreditCode))));

        // The import page lists it.
        Assert.Contains(location, await client.GetStringAsync("/review/enterprises/import"));
    }

    [Fact]
    public async Task Small_files_stay_synchronous_on_the_api()
    {
        var rows = EnterpriseImportFile.Rows(3, Hengyang);
        var api = await app.ApiAsync(Http.HengyangCountyOperator);
        var ok = await api.PostAsync("/api/v1/enterprises/imports", Upload(EnterpriseImportFile.Workbook(rows)));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(3, (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("imported").GetInt32());
        // The same file again (IN-07): nothing new, every row 已存在, and no error.
        var again = await api.PostAsync("/api/v1/enterprises/imports", Upload(EnterpriseImportFile.Workbook(rows)));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var repeat = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((3, 0, 3, "0 条新增，3 条已存在"), (repeat.GetProperty("rows").GetInt32(), repeat.GetProperty("imported").GetInt32(),
            repeat.GetProperty("existing").GetInt32(), repeat.GetProperty("message").GetString()));
        var imported = rows.Select(r => r.CreditCode!).ToList();
        Assert.Equal(3, await app.WithDbAsync(db => db.Enterprises.CountAsync(e => imported.Contains(e.CreditCode))));

        var bad = EnterpriseImportFile.Rows(3, Hengyang);
        bad[1].ContactPhone = "123";
        var refused = await api.PostAsync("/api/v1/enterprises/imports", Upload(EnterpriseImportFile.Workbook(bad)));
        Assert.Equal((HttpStatusCode)422, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("IMPORT_INVALID", problem.GetProperty("code").GetString());
        Assert.Equal(3, problem.GetProperty("rows")[0].GetProperty("row").GetInt32());
        var codes = bad.Select(r => r.CreditCode!).ToList();
        Assert.False(await app.WithDbAsync(db => db.Enterprises.AnyAsync(e => codes.Contains(e.CreditCode))));
    }

    [Fact]
    public async Task A_job_left_running_by_a_killed_process_is_failed_at_start_up_with_nothing_imported_and_can_be_rerun()
    {
        var rows = EnterpriseImportFile.Rows(22, Hengyang);
        var runner = app.Services.GetRequiredService<ImportJobRunner>();
        var token = Guid.NewGuid();
        Directory.CreateDirectory(ImportsFolder);
        await File.WriteAllBytesAsync(Path.Combine(ImportsFolder, token.ToString("N") + ".xlsx"), EnterpriseImportFile.Workbook(rows));
        // What a kill -9 during the write leaves: the job says 写入中 on this node; the write's transaction never committed.
        var id = Guid.NewGuid();
        await app.WithDbAsync(async db =>
        {
            db.EnterpriseImportJobs.Add(new EnterpriseImportJob
            {
                Id = id, RegionCode = Hengyang, ScopeAll = false, CreatedByName = "刘芳", FileName = "中断.xlsx", FileSize = 1000,
                StoredName = token.ToString("N"), Status = ImportJobStatus.Writing, Node = runner.Node, Attempts = 1,
                CreatedAt = app.Clock.GetUtcNow().UtcDateTime, StartedAt = app.Clock.GetUtcNow().UtcDateTime,
            });
            return await db.SaveChangesAsync();
        });

        Assert.True(await runner.RecoverAsync() >= 1);

        var api = await app.ApiAsync(Http.HengyangCountyOperator);
        var job = await api.GetFromJsonAsync<JsonElement>($"/api/v1/enterprises/imports/{id}");
        Assert.Equal(("Failed", ImportJobRunner.InterruptedReason, true), (job.GetProperty("status").GetString(), job.GetProperty("failureReason").GetString(),
            job.GetProperty("canRerun").GetBoolean()));
        var codes = rows.Select(r => r.CreditCode!).ToList();
        Assert.False(await app.WithDbAsync(db => db.Enterprises.AnyAsync(e => codes.Contains(e.CreditCode))));
        var page = await (await app.SignedInAsync(Http.HengyangCountyOperator)).GetStringAsync($"/review/enterprises/imports/{id}");
        Assert.Contains("重新运行", page);

        // 重新运行, on the page.
        var client = await app.SignedInAsync(Http.HengyangCountyOperator);
        var rerun = await client.PostFormAsync($"/review/enterprises/imports/{id}?handler=Rerun", [], $"/review/enterprises/imports/{id}");
        Assert.Equal(HttpStatusCode.Redirect, rerun.StatusCode);
        var done = await PollAsync(api, new Uri($"/api/v1/enterprises/imports/{id}", UriKind.Relative));
        Assert.Equal(("Succeeded", 22), (done.GetProperty("status").GetString(), done.GetProperty("imported").GetInt32()));
        Assert.Equal(22, await app.WithDbAsync(db => db.Enterprises.CountAsync(e => codes.Contains(e.CreditCode))));
        Assert.Equal(2, await app.WithDbAsync(db => db.EnterpriseImportJobs.Where(j => j.Id == id).Select(j => j.Attempts).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == id.ToString() && a.Action == "重新运行导入任务")));
    }

    [Fact]
    public async Task Another_countys_operator_gets_404_for_the_job_and_the_city_operator_sees_it()
    {
        var api = await app.ApiAsync(Http.HengyangCountyOperator);
        var (location, id) = await SubmitAsync(api, EnterpriseImportFile.Workbook(EnterpriseImportFile.Rows(21, Hengyang)));
        await PollAsync(api, location);

        var other = await app.ApiAsync(Http.ZhuhuiOperator);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(location)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/enterprises/imports/{id}/errors.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/enterprises/imports/{id}/rerun", null)).StatusCode);
        var otherPage = await app.SignedInAsync(Http.ZhuhuiOperator);
        Assert.Equal(HttpStatusCode.NotFound, (await otherPage.GetAsync($"/review/enterprises/imports/{id}")).StatusCode);
        Assert.DoesNotContain(id.ToString(), await otherPage.GetStringAsync("/review/enterprises/import"));

        var city = await app.ApiAsync(Http.CityOperator);
        Assert.Equal(HttpStatusCode.OK, (await city.GetAsync(location)).StatusCode);
        var enterprise = await app.ApiAsync(Http.ApprovedEnterprise);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync(location)).StatusCode);
    }

    [Fact]
    public async Task Only_one_claim_takes_a_queued_job()
    {
        // Several runners (as on several nodes) race for one queued job: the conditional UPDATE lets exactly one through.
        var id = Guid.NewGuid();
        await app.WithDbAsync(async db =>
        {
            db.EnterpriseImportJobs.Add(new EnterpriseImportJob
            {
                Id = id, RegionCode = Hengyang, CreatedByName = "刘芳", FileName = "x.xlsx", StoredName = Guid.NewGuid().ToString("N"),
                Status = ImportJobStatus.Queued, CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
            });
            return await db.SaveChangesAsync();
        });
        var runner = app.Services.GetRequiredService<ImportJobRunner>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => runner.RunNextAsync())));
        var job = await app.WithDbAsync(db => db.EnterpriseImportJobs.AsNoTracking().SingleAsync(j => j.Id == id));
        Assert.Equal(1, job.Attempts);
        Assert.Equal((ImportJobStatus.Failed, "导入文件已不存在，请重新上传"), (job.Status, job.FailureReason));
    }
}
