using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Enterprises.ImportEnterprises;
using Qifu.Web.Modules.Enterprises.ReviewEnterprises;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Registration;
using Qifu.Web.Platform.Standards;

namespace Qifu.Tests.Modules.Enterprises;

/// <summary>
/// 批量导入 and 导出 at volume, through HTTP, on its own app (so thousands of rows do not slow the shared one).
/// QIFU_BENCH_ROWS=100000 turns the round trip into the benchmark of decision 0019 (figures to stdout and QIFU_BENCH_OUT).
/// </summary>
public sealed partial class BulkImportExportTests(QifuApp app) : IClassFixture<QifuApp>
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string Hengyang = "430421";

    private static int BenchRows => int.TryParse(Environment.GetEnvironmentVariable("QIFU_BENCH_ROWS"), out var n) ? n : 5000;

    [Fact]
    public async Task Thousands_of_rows_are_imported_whole_and_export_back_within_scope()
    {
        var rows = EnterpriseImportFile.Rows(BenchRows);
        var file = EnterpriseImportFile.Workbook(rows);
        var before = await app.WithDbAsync(db => db.Enterprises.CountAsync());
        var client = await SignedInPatientlyAsync(Http.CityOperator);

        var importMemory = new MemorySampler();
        var clock = Stopwatch.StartNew();
        var check = await client.PostFormAsync("/review/enterprises/import?handler=Check", [], "/review/enterprises/import", ("Upload", "企业.xlsx", file));
        var checkTime = clock.Elapsed;
        var html = await check.Content.ReadAsStringAsync();
        Assert.True(check.StatusCode == HttpStatusCode.OK, html.Length > 3000 ? html[..3000] : html);
        Assert.Contains($"校验通过：共 {rows.Count} 行", html);
        Assert.Equal(before, await app.WithDbAsync(db => db.Enterprises.CountAsync()));

        clock.Restart();
        var confirm = await client.PostFormAsync("/review/enterprises/import?handler=Confirm", new() { ["Token"] = TokenField().Match(html).Groups[1].Value },
            "/review/enterprises/import");
        var confirmTime = clock.Elapsed;
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        await importMemory.DisposeAsync();

        // Every row is there, with the right fields.
        var codes = rows.Select(r => r.CreditCode!).ToHashSet();
        var stored = (await app.WithDbAsync(db => db.Enterprises.AsNoTracking().ToListAsync())).Where(e => codes.Contains(e.CreditCode))
            .ToDictionary(e => e.CreditCode);
        Assert.Equal(rows.Count, stored.Count);
        Assert.Equal(before + rows.Count, await app.WithDbAsync(db => db.Enterprises.CountAsync()));
        foreach (var r in rows)
        {
            var e = stored[r.CreditCode!];
            var division = Industries.FindDivision(r.IndustryDivision)!;
            var size = SizeClassifier.Classify(division.Code, null, int.Parse(r.Employees!), decimal.Parse(r.RevenueWan!, System.Globalization.CultureInfo.InvariantCulture),
                decimal.Parse(r.AssetsWan!));
            Assert.Equal((r.Name, r.LegalRepresentative, EnterpriseImportFile.Regions.Single(x => x.Name == r.Region).Code, division.Code, division.SectionCode),
                (e.Name, e.LegalRepresentative, e.RegionCode, e.IndustryDivision, e.IndustrySection));
            Assert.Equal((int.Parse(r.Employees!), decimal.Parse(r.RevenueWan!, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(r.AssetsWan!)),
                (e.Employees, e.RevenueWan, e.AssetsWan));
            Assert.Equal((r.ContactName, r.ContactPhone, size.SizeClass, RegistrationStatus.Approved, (string?)null, ""),
                (e.ContactName, e.ContactPhone, e.SizeClass, e.Status, e.IndustryGroup, e.Tags));
            Assert.Equal((size.Reason, 1, app.Clock.GetUtcNow().UtcDateTime), (e.SizeReason, e.Version, e.CreatedAt));
            Assert.Equal((e.CreatedAt, e.CreatedAt, e.CreatedAt), (e.SubmittedAt, e.ReviewedAt, e.ApprovedAt));
            Assert.Null(e.LicenceFileId);
        }
        Assert.Equal(rows.Count, stored.Values.Select(e => e.Id).Distinct().Count());
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "导入" && a.EntityType == "企业" && a.Comment == $"导入企业 {rows.Count} 条")));

        // The city operator's export streams every enterprise.
        var api = await ApiPatientlyAsync(Http.CityOperator);
        var exportMemory = new MemorySampler();
        clock.Restart();
        using (var response = await api.GetAsync("/api/v1/enterprises/export", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(Xlsx, response.Content.Headers.ContentType?.MediaType);
            await using var body = await response.Content.ReadAsStreamAsync();
            var counter = new CountingStream();
            await body.CopyToAsync(counter);
            var exportTime = clock.Elapsed;
            await exportMemory.DisposeAsync();
            Report($"rows={rows.Count} db={QifuApp.Provider} file={file.Length} B check={checkTime.TotalSeconds:F1}s confirm={confirmTime.TotalSeconds:F1}s " +
                $"import-memory: {importMemory} export={exportTime.TotalSeconds:F1}s export-bytes={counter.Length} export-memory: {exportMemory}");
        }

        // A county operator's export holds exactly its county, field for field (canary: no other county's rows).
        var county = await app.ApiAsync(Http.HengyangCountyOperator);
        var bytes = await county.GetByteArrayAsync("/api/v1/enterprises/export");
        using var read = new MemoryStream(bytes);
        var exported = read.Query<EnterpriseExportRow>().ToList();
        var expected = await app.WithDbAsync(db => db.Enterprises.AsNoTracking().Where(e => e.RegionCode == Hengyang).ToListAsync());
        Assert.Equal(expected.Count, exported.Count);
        Assert.Equal(rows.Count(r => r.Region == "衡阳县"), exported.Count(x => codes.Contains(x.CreditCode)));
        Assert.All(exported, x => Assert.Equal("衡阳县", x.Region));
        Assert.DoesNotContain(exported, x => codes.Contains(x.CreditCode) && stored[x.CreditCode].RegionCode != Hengyang);
        Assert.Equal(expected.Select(e => e.CreditCode).Order(), exported.Select(x => x.CreditCode).Order());
        Assert.Equal(exported.OrderByDescending(x => x.CreatedAt).Select(x => x.CreatedAt), exported.Select(x => x.CreatedAt)); // newest first
        var byCode = expected.ToDictionary(e => e.CreditCode);
        foreach (var x in exported)
        {
            var e = byCode[x.CreditCode];
            Assert.Equal((EnterpriseExport.Defuse(e.Name), $"{e.IndustryDivision} {Industries.FindDivision(e.IndustryDivision)?.Name}", SizeClasses.Label(e.SizeClass)),
                (x.Name, x.Industry, x.SizeClass));
            Assert.Equal((EnterpriseExport.Defuse(PersonName.Mask(e.ContactName)), PhoneNumber.Mask(e.ContactPhone), RegistrationStatuses.Label(e.Status),
                e.CreatedAt.AddHours(8).ToString("yyyy-MM-dd HH:mm")), (x.ContactName, x.ContactPhone, x.Status, x.CreatedAt));
        }
        Assert.Matches(MaskedMobile(), exported.First(x => codes.Contains(x.CreditCode)).ContactPhone);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "导出" && a.RegionCode == Hengyang
            && a.Comment!.StartsWith($"导出企业 {expected.Count} 条"))));
    }

    public static TheoryData<string> BadRows => new() { "check digit", "duplicate in file", "name too short" };

    [Theory]
    [MemberData(nameof(BadRows))]
    public async Task One_bad_row_among_thousands_is_named_by_row_and_field_and_nothing_is_saved(string fault)
    {
        var rows = EnterpriseImportFile.Rows(3000);
        const int bad = 2345; // index in the list: spreadsheet row 2347 (row 1 is the header)
        string message, column = "统一社会信用代码";
        switch (fault)
        {
            case "check digit":
                rows[bad].CreditCode = EnterpriseImportFile.WithBadCheckCharacter(rows[bad].CreditCode!);
                message = "校验码不正确，请核对";
                break;
            case "duplicate in file":
                rows[bad].CreditCode = rows[17].CreditCode;
                message = "与第19行重复";
                break;
            default:
                rows[bad].Name = "甲";
                (column, message) = ("企业名称", "企业名称应为2至100字");
                break;
        }
        var before = await app.WithDbAsync(db => db.Enterprises.CountAsync());
        var audits = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "导入"));
        var client = await app.SignedInAsync(Http.CityOperator);

        var response = await client.PostFormAsync("/review/enterprises/import?handler=Check", [], "/review/enterprises/import",
            ("Upload", "企业.xlsx", EnterpriseImportFile.Workbook(rows)));

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var value = column == "统一社会信用代码" ? rows[bad].CreditCode : "";
        Assert.Matches(new Regex($@"<td>第 {bad + 2} 行</td>\s*<td>{column}</td>\s*<td>{value}</td>\s*<td>{message}</td>"), html);
        Assert.Contains("未写入任何数据", html);
        Assert.DoesNotContain("handler=Confirm", html);
        Assert.Equal(before, await app.WithDbAsync(db => db.Enterprises.CountAsync()));
        Assert.Equal(audits, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "导入")));
        Assert.Equal(fault == "duplicate in file" ? 2 : 1, Regex.Matches(html, "<td>第 ").Count); // only the bad row (and its twin)
        var codes = rows.Select(r => r.CreditCode).ToList();
        Assert.False(await app.WithDbAsync(db => db.Enterprises.AnyAsync(e => codes.Contains(e.CreditCode))));
    }

    /// <summary>Clients that wait longer than HttpClient's 100 s: the benchmark's "before" took longer than that.</summary>
    private async Task<HttpClient> SignedInPatientlyAsync(string phone)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.Timeout = TimeSpan.FromMinutes(15);
        var response = await client.PostFormAsync("/account/signin", new() { ["Input.Phone"] = phone, ["Input.Password"] = Http.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private async Task<HttpClient> ApiPatientlyAsync(string phone)
    {
        var client = app.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(15);
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { phone, password = Http.Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static void Report(string line)
    {
        line += $" load={File.ReadAllText("/proc/loadavg").Split(' ')[0]} at {DateTime.UtcNow:HH:mm}Z";
        Console.WriteLine("BENCH " + line);
        if (Environment.GetEnvironmentVariable("QIFU_BENCH_OUT") is { Length: > 0 } path) File.AppendAllText(path, line + Environment.NewLine);
    }

    [GeneratedRegex("name=\"Token\" value=\"([0-9a-f-]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex(@"^1[3-9]\d\*{4}\d{4}$")]
    private static partial Regex MaskedMobile();

    private sealed class CountingStream : Stream
    {
        public override long Length => _length;
        private long _length;
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) { _length += buffer.Length; return ValueTask.CompletedTask; }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

/// <summary>
/// Samples the process while a request runs: the managed heap above what it was at the start (after a full collection)
/// and the resident set (VmRSS). The app runs in-process, so both include the test's side too (small: it only counts bytes).
/// </summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly long _baseline;
    private readonly long _baselineAfterGc;
    /// <summary>The heap as the last collection left it (live data plus fragmentation), above the start: what the request keeps.</summary>
    public long PeakLiveAboveBaseline { get; private set; }
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    public long PeakHeapAboveBaseline { get; private set; }
    public long PeakRss { get; private set; }

    public MemorySampler()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        _baseline = GC.GetTotalMemory(true);
        _baselineAfterGc = GC.GetGCMemoryInfo().HeapSizeBytes;
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Sample();
                try { await Task.Delay(10, _stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    private void Sample()
    {
        PeakHeapAboveBaseline = Math.Max(PeakHeapAboveBaseline, GC.GetTotalMemory(false) - _baseline);
        PeakLiveAboveBaseline = Math.Max(PeakLiveAboveBaseline, GC.GetGCMemoryInfo().HeapSizeBytes - _baselineAfterGc);
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmRSS:"));
        if (line is not null) PeakRss = Math.Max(PeakRss, long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop;
        Sample();
    }

    public override string ToString() =>
        $"heap+{PeakHeapAboveBaseline / 1048576} MiB (after-GC heap +{PeakLiveAboveBaseline / 1048576} MiB) rss {PeakRss / 1048576} MiB";
}
