using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MiniExcelLibs;
using Qifu.Web.Modules.Enterprises.ImportEnterprises;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;

namespace Qifu.Bench.Platform;

public sealed record ProbeResult(string Name, int Requests, double P50Ms, double P95Ms, double MaxMs, int Non2xx, string Command);

public sealed record ImportResult(bool Done, double Seconds, int Rows, int Files, long Bytes, string Note, string Command);

public sealed record ExportResult(bool Done, double Seconds, long Bytes, int Rows, int EnterprisesInDb, string Note, string Command);

/// <summary>What the loads need from the running platform, and the writes that are not plain GET loads.</summary>
public static partial class Workloads
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly string[] Counties = RegionCodes.Hengyang.Where(r => r.Code != RegionCodes.City).Select(r => r.Code).ToArray();

    /// <summary>A valid unified social credit code, unique within the run for a given two-letter series (the generator uses MA7…).</summary>
    public static string CreditCode(string series, long n, string region)
    {
        var digits = new char[6];
        for (var i = 5; i >= 0; i--) { digits[i] = Alphabet[(int)(n % 31)]; n /= 31; }
        var body = series + new string(digits);
        var first17 = "91" + region + body + Qifu.Web.Platform.Standards.CreditCode.ComputeOrgCodeCheckCharacter(body);
        return first17 + Qifu.Web.Platform.Standards.CreditCode.ComputeCheckCharacter(first17);
    }

    // ------------------------------------------------------------------ ids for the page loads

    public static List<string> ItemPaths(HttpClient http, int want)
    {
        var paths = new List<string>();
        for (var page = 1; paths.Count < want && page <= 20; page++)
        {
            var doc = http.GetFromJsonAsync<JsonElement>($"/api/v1/search?kind=item&pageSize=50&page={page}").GetAwaiter().GetResult();
            var hits = doc.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("url").GetString()!).ToList();
            if (hits.Count == 0) break;
            paths.AddRange(hits);
        }
        return paths.Distinct().ToList();
    }

    public static List<string> ArticlePaths(HttpClient http, IReadOnlyDictionary<string, int> pagesByColumn, int want)
    {
        var rng = new Random(11);
        var paths = new List<string>();
        for (var i = 0; paths.Count < want && i < want / 10; i++)
        {
            var (column, pages) = pagesByColumn.ElementAt(rng.Next(pagesByColumn.Count));
            var doc = http.GetFromJsonAsync<JsonElement>($"/api/v1/articles/?column={column}&page={1 + rng.Next(pages)}").GetAwaiter().GetResult();
            paths.AddRange(doc.GetProperty("items").EnumerateArray().Select(a => "/articles/" + a.GetProperty("id").GetString()));
        }
        return paths.Distinct().ToList();
    }

    public static Dictionary<string, int> ColumnPages(HttpClient http)
    {
        var result = new Dictionary<string, int>();
        foreach (var column in Qifu.Web.Modules.Content.Data.ArticleColumns.All.Select(c => c.Code))
        {
            var doc = http.GetFromJsonAsync<JsonElement>($"/api/v1/articles/?column={column}").GetAwaiter().GetResult();
            var total = doc.GetProperty("total").GetInt32();
            var size = doc.GetProperty("pageSize").GetInt32();
            if (total > 0) result[column] = (total + size - 1) / size;
        }
        return result;
    }

    /// <summary>Column list pages: 40 % among the first five pages, 30 % anywhere, 30 % in the last tenth (deep pages).</summary>
    public static List<string> ColumnListPaths(IReadOnlyDictionary<string, int> pagesByColumn, int count)
    {
        var rng = new Random(13);
        var paths = new List<string>();
        var weighted = pagesByColumn.SelectMany(kv => Enumerable.Repeat(kv, Math.Max(1, (int)Math.Log2(kv.Value + 1)))).ToArray();
        for (var i = 0; i < count; i++)
        {
            var (column, pages) = weighted[rng.Next(weighted.Length)];
            var page = (i % 10) switch
            {
                < 4 => 1 + rng.Next(Math.Min(5, pages)),
                < 7 => 1 + rng.Next(pages),
                _ => pages - rng.Next(Math.Max(1, pages / 10)),
            };
            paths.Add($"/articles?column={column}&page={page}");
        }
        return paths;
    }

    /// <summary>Every page of every column.</summary>
    public static List<string> AllColumnListPaths(IReadOnlyDictionary<string, int> pagesByColumn) =>
        pagesByColumn.SelectMany(kv => Enumerable.Range(1, kv.Value).Select(page => $"/articles?column={kv.Key}&page={page}")).ToList();

    // ------------------------------------------------------------------ sequential probes

    /// <summary>One request at a time, each path once (after one unmeasured pass when <paramref name="warm"/>): latency as a user
    /// on a quiet server sees it, not the queueing of a saturating load.</summary>
    public static ProbeResult Probe(string name, HttpClient http, IReadOnlyList<string> paths, int rounds, bool noCache, bool warm)
    {
        var times = new List<double>();
        var bad = 0;
        var clock = new Stopwatch();
        for (var round = warm ? -1 : 0; round < rounds; round++)
        {
            foreach (var path in paths)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                if (noCache) request.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoCache = true };
                clock.Restart();
                using var response = http.SendAsync(request, HttpCompletionOption.ResponseContentRead).GetAwaiter().GetResult();
                _ = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
                var ms = clock.Elapsed.TotalMilliseconds;
                if (round < 0) continue;
                times.Add(ms);
                if (response.StatusCode != HttpStatusCode.OK) bad++; // a redirect to the sign-in page is a failure here
            }
        }
        times.Sort();
        var command = $"sequential HttpClient, one request at a time: {paths.Count} paths × {rounds}{(warm ? " after one unmeasured pass" : "")}"
            + (noCache ? ", header Cache-Control: no-cache (result cache bypassed)" : "");
        return new ProbeResult(name, times.Count, Stats.Percentile(times, 50), Stats.Percentile(times, 95), times.Count == 0 ? 0 : times[^1], bad, command);
    }

    // ------------------------------------------------------------------ writes

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
    private static readonly string[] Trades = ["34|机械制造", "13|米业", "15|茶业", "30|建材", "36|汽车零部件", "39|电子科技", "51|商贸", "54|物流", "62|餐饮管理", "65|软件科技"];
    private static readonly string[] Brands = ["恒远", "湘南", "云帆", "鑫源", "书香", "智联", "衡岳", "金禾", "宏达", "云集", "恒通", "兴旺", "金石", "瑶山", "启明"];

    /// <summary>POST /api/v1/enterprises/registrations (multipart, licence PNG), a new credit code and login phone each time.</summary>
    public static Func<long, HttpRequestMessage> Registration(int runSalt) => n =>
    {
        var region = Counties[(int)(n % Counties.Length)];
        var trade = Trades[(int)(n % Trades.Length)].Split('|');
        var fields = new Dictionary<string, string>
        {
            ["Phone"] = "15" + (100_000_000 + runSalt * 1_000_000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Password"] = "Strong-Pass-2026",
            ["CreditCode"] = CreditCode("MB", runSalt * 10_000_000L + n, region),
            ["Name"] = $"{RegionCodes.NameOf(region)}{Brands[(int)(n / 7 % Brands.Length)]}{trade[1]}有限公司",
            ["LegalRepresentative"] = "张三", ["RegionCode"] = region, ["IndustryDivision"] = trade[0],
            ["Employees"] = (5 + n % 200).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RevenueWan"] = "1500", ["AssetsWan"] = "2000", ["ContactName"] = "李四", ["ContactPhone"] = "13912345678", ["Consent"] = "true",
        };
        var content = new MultipartFormDataContent();
        foreach (var (k, v) in fields) content.Add(new StringContent(v), k);
        content.Add(new ByteArrayContent(Png), "licence", "licence.png");
        return new HttpRequestMessage(HttpMethod.Post, "/api/v1/enterprises/registrations") { Content = content };
    };

    /// <summary>POST /api/v1/requests (multipart): the approved demo enterprise asks for a random published item.</summary>
    public static Func<long, HttpRequestMessage> ServiceRequest(IReadOnlyList<Guid> items) => n =>
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(items[(int)(n % items.Count)].ToString()), "ItemId" },
            { new StringContent("希望了解续贷办理条件和所需材料，请尽快联系。"), "Need" },
            { new StringContent("王建国"), "ContactName" },
            { new StringContent("13807340001"), "ContactPhone" },
            { new StringContent("true"), "Consent" },
        };
        return new HttpRequestMessage(HttpMethod.Post, "/api/v1/requests") { Content = content };
    };

    // ------------------------------------------------------------------ import and export

    public static byte[] ImportFile(int rows, long firstNumber)
    {
        var names = RegionCodes.Hengyang.Where(r => r.Code != RegionCodes.City).ToArray();
        IEnumerable<EnterpriseImportRow> Rows()
        {
            for (var i = 0; i < rows; i++)
            {
                var n = firstNumber + i;
                var region = names[(int)(n % names.Length)];
                var trade = Trades[(int)(n % Trades.Length)].Split('|');
                yield return new EnterpriseImportRow
                {
                    Name = $"{region.Name}{Brands[(int)(n / 11 % Brands.Length)]}{trade[1]}有限公司", CreditCode = CreditCode("MC", n, region.Code),
                    LegalRepresentative = "王某", Region = region.Name, IndustryDivision = trade[0],
                    Employees = (3 + n % 300).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    RevenueWan = (100 + n % 9000).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    AssetsWan = (200 + n % 7000).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ContactName = "李某", ContactPhone = "139" + (10_000_000 + n % 89_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                };
            }
        }
        using var stream = new MemoryStream();
        stream.SaveAs(Rows());
        return stream.ToArray();
    }

    /// <summary>
    /// The operator's import (Modules/Enterprises/ImportEnterprises) through its page, as a browser does it: upload + check
    /// (?handler=Check), then confirm (?handler=Confirm). A large file becomes a background job instead (decision 0020): the page
    /// answers 302 to the job's page, and the job is followed through its API (the operator's bearer token) until it has finished.
    /// Returns whether it was written, the answer of a refusal and the seconds from upload to the last row written.
    /// </summary>
    public static (bool Done, int Status, string Message, double Seconds) ImportOnce(HttpClient browser, HttpClient api, byte[] file)
    {
        var watch = Stopwatch.StartNew();
        var token = SignIn.Token(browser, "/review/enterprises/import");
        var upload = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "Upload", "enterprises.xlsx" },
        };
        using var checkedResponse = browser.PostAsync("/review/enterprises/import?handler=Check", upload).GetAwaiter().GetResult();
        if (checkedResponse.StatusCode == HttpStatusCode.Redirect
            && checkedResponse.Headers.Location?.OriginalString is { } jobPage && jobPage.StartsWith("/review/enterprises/imports/", StringComparison.Ordinal))
            return FollowJob(api, jobPage.Split('/')[^1], watch);
        var html = checkedResponse.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        var confirm = ConfirmToken().Match(html);
        if (checkedResponse.StatusCode != HttpStatusCode.OK || !confirm.Success)
            return (false, (int)checkedResponse.StatusCode, Message(html), watch.Elapsed.TotalSeconds);
        var af = AntiforgeryToken().Matches(html).Select(m => m.Groups[1].Value).LastOrDefault() ?? token;
        using var done = browser.PostAsync("/review/enterprises/import?handler=Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Token"] = confirm.Groups[1].Value, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(af),
        })).GetAwaiter().GetResult();
        var ok = done.StatusCode == HttpStatusCode.Redirect;
        return (ok, (int)done.StatusCode, ok ? "" : Message(done.Content.ReadAsStringAsync().GetAwaiter().GetResult()), watch.Elapsed.TotalSeconds);
    }

    /// <summary>Polls GET /api/v1/enterprises/imports/{id} every 200 ms until the job has finished (or 10 minutes have passed).</summary>
    private static (bool Done, int Status, string Message, double Seconds) FollowJob(HttpClient api, string jobId, Stopwatch watch)
    {
        while (watch.Elapsed < TimeSpan.FromMinutes(10))
        {
            var job = api.GetFromJsonAsync<JsonElement>($"/api/v1/enterprises/imports/{jobId}").GetAwaiter().GetResult();
            if (job.GetProperty("finished").GetBoolean())
            {
                var succeeded = job.GetProperty("status").GetString() == "Succeeded";
                return (succeeded, 200, succeeded ? "" : $"job {job.GetProperty("statusLabel").GetString()}: {job.GetProperty("failureReason")} ({job.GetProperty("errorCount")} errors)",
                    watch.Elapsed.TotalSeconds);
            }
            Thread.Sleep(200);
        }
        return (false, 0, $"job {jobId} still running after 10 minutes", watch.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// 100,000 enterprises: one file if the platform takes it; if it refuses the file as too large (413, today's limit is 5,000 rows
    /// and 5 MB a file), the same rows in files of the largest size it takes, one after the other, and the total time.
    /// </summary>
    public static ImportResult Import(HttpClient browser, HttpClient api, int total, int chunkFallback, Action<string> say)
    {
        say($"  import: generating a {total:N0}-row .xlsx …");
        var whole = ImportFile(total, 1);
        say($"  import: one file of {total:N0} rows ({whole.Length / 1048576.0:0.0} MiB) through /review/enterprises/import");
        var (done, status, message, seconds) = ImportOnce(browser, api, whole);
        var command = "POST /review/enterprises/import?handler=Check (multipart .xlsx), signed in as the city operator; a large file becomes a background job (302 to its page), followed through GET /api/v1/enterprises/imports/{id} until finished";
        if (done)
            return new ImportResult(true, seconds, total, 1, whole.Length, "one file", command);
        say($"    refused: {status} {message} ({seconds:0.0} s)");
        // Refused for its size (413, or the page's 422 naming the limit: 不能超过 / 最多): the same rows in files it takes.
        if (status != 413 && !message.Contains("超过") && !message.Contains("最多"))
            return new ImportResult(false, seconds, 0, 1, whole.Length, $"one file of {total:N0} rows refused: {status} {message}", command);
        var files = (total + chunkFallback - 1) / chunkFallback;
        say($"  import: the same rows as {files} files of {chunkFallback:N0}");
        var watch = Stopwatch.StartNew();
        long bytes = 0;
        for (var f = 0; f < files; f++)
        {
            var rows = Math.Min(chunkFallback, total - f * chunkFallback);
            var file = ImportFile(rows, 1 + (long)f * chunkFallback);
            bytes += file.Length;
            var generated = watch.Elapsed;
            var one = ImportOnce(browser, api, file);
            if (!one.Done)
                return new ImportResult(false, watch.Elapsed.TotalSeconds, f * chunkFallback, f + 1, bytes,
                    $"one file of {total:N0} refused ({status} {message}); file {f + 1} of {chunkFallback:N0} refused: {one.Status} {one.Message}", command);
            if (f % 5 == 4 || f == files - 1) say($"    {f + 1}/{files} files, {watch.Elapsed.TotalSeconds:0.0} s");
        }
        return new ImportResult(true, watch.Elapsed.TotalSeconds, total, files, bytes,
            $"one file of {total:N0} rows refused ({status} {message}); imported as {files} files of {chunkFallback:N0} one after another (time includes generating each file, ~0.1 s)",
            command + $"; {files} times");
    }

    public static ExportResult Export(HttpClient api)
    {
        const string path = "/api/v1/enterprises/export";
        var list = api.GetFromJsonAsync<JsonElement>("/api/v1/enterprises/?pageSize=1").GetAwaiter().GetResult();
        var inDb = list.TryGetProperty("total", out var t) ? t.GetInt32() : -1;
        var watch = Stopwatch.StartNew();
        using var response = api.GetAsync(path, HttpCompletionOption.ResponseContentRead).GetAwaiter().GetResult();
        var bytes = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        var seconds = watch.Elapsed.TotalSeconds;
        if (!response.IsSuccessStatusCode)
            return new ExportResult(false, seconds, bytes.Length, 0, inDb, $"answered {(int)response.StatusCode}", $"GET {path} (bearer token of the city operator)");
        var rows = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true).Count();
        return new ExportResult(true, seconds, bytes.Length, rows, inDb,
            rows < inDb ? $"{rows:N0} of {inDb:N0} enterprises in scope: the export stops at {rows:N0} rows" : "",
            $"GET {path} (bearer token of the city operator), time to the last byte");
    }

    private static string Message(string html)
    {
        var summary = SummaryPattern().Match(html);
        var text = summary.Success ? summary.Groups[1].Value : html;
        text = Regex.Replace(text, "<[^>]+>", " ");
        text = Regex.Replace(WebUtility.HtmlDecode(text), @"\s+", " ").Trim();
        return text.Length > 160 ? text[..160] + "…" : text;
    }

    [GeneratedRegex("name=\"Token\" value=\"([0-9a-fA-F-]{36})\"")]
    private static partial Regex ConfirmToken();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("class=\"error-summary[^\"]*\"[^>]*>(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex SummaryPattern();
}
