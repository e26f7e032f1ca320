using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Qifu.Bench.Platform;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Console.OutputEncoding = Encoding.UTF8;

var a = new Args(args);
if (a.Get("app") is null || a.Get("work") is null)
{
    Console.Error.WriteLine("usage: Qifu.Bench.Platform --app Qifu.Web.dll --content-root src/Qifu.Web --work DIR --out-dir bench/results");
    Console.Error.WriteLine("       [--scales 1,20] [--seconds S] [--warmup S] [--connections C] [--write-concurrency C] [--pg CONNECTION] [--import-rows N]");
    return 2;
}
var scales = (a.Get("scales") ?? "1,20").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
var failed = false;
foreach (var scale in scales)
{
    try
    {
        var result = new PlatformBench(a, scale).Run();
        var markdown = Report.Markdown(result);
        Console.WriteLine();
        Console.WriteLine(markdown);
        var outDir = a.Get("out-dir") ?? "bench/results";
        Directory.CreateDirectory(outDir);
        var file = Path.Combine(outDir, $"platform-{scale}{(a.Get("pg") is null ? "" : "-postgres")}.md");
        File.WriteAllText(file, markdown);
        Console.WriteLine($"written to {file}");
    }
    catch (Exception ex)
    {
        Console.Error.WriteLine($"scale {scale}: benchmark failed: {ex}");
        failed = true;
    }
}
return failed ? 1 : 0;

namespace Qifu.Bench.Platform
{
    public sealed class Args
    {
        private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

        public Args(string[] args)
        {
            for (var i = 0; i < args.Length; i++)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument {args[i]}");
                var name = args[i][2..];
                string? value = null;
                if (name.Contains('=')) (name, value) = (name[..name.IndexOf('=')], name[(name.IndexOf('=') + 1)..]);
                else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) value = args[++i];
                _values[name] = value;
            }
        }

        public string? Get(string name) => _values.GetValueOrDefault(name);
        public int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v.Replace("_", "").Replace(",", ""), CultureInfo.InvariantCulture) : fallback;
    }

    public sealed record Target(string What, string Figure, bool? Met);

    public sealed class Result
    {
        public required string Scale { get; init; }
        public required string Command { get; init; }
        public required string Database { get; init; }
        public string Tool { get; set; } = "";
        public double SeedSeconds { get; set; }
        public string SeedSummary { get; set; } = "";
        public double FirstStartSeconds { get; set; }
        public double StartSeconds { get; set; }
        public long DbBytes { get; set; }
        public long DbBytesAfter { get; set; }
        public long IndexBytes { get; set; }
        public long PeakRssLoads { get; set; }
        public long PeakRss { get; set; }
        public int Queries { get; set; }
        public int ImportTarget { get; set; }
        public List<LoadRun> Runs { get; } = [];
        public List<ProbeResult> Probes { get; } = [];
        public List<string> Notes { get; } = [];
        public ImportResult? Import { get; set; }
        public ExportResult? Export { get; set; }
        public List<Target> Targets { get; } = [];
        public TimeSpan Wall { get; set; }
        public string LoadAverageStart { get; set; } = "";
        public string LoadAverageEnd { get; set; } = "";
    }

    public sealed class PlatformBench(Args a, string scale)
    {
        private static readonly Stopwatch Clock = Stopwatch.StartNew();
        private static void Say(string message) => Console.WriteLine($"[{Clock.Elapsed:hh\\:mm\\:ss}] {message}");

        private static readonly string[] Periods = ["all", "2026", "2026-Q3", "2026-10"];

        public Result Run()
        {
            var started = Stopwatch.StartNew();
            var seconds = a.Int("seconds", 15);
            var warmup = a.Int("warmup", Math.Max(2, Math.Min(5, seconds / 3)));
            var connections = a.Int("connections", 64);
            var writers = a.Int("write-concurrency", 16);
            var importRows = a.Int("import-rows", 100_000);
            var pg = a.Get("pg");
            var work = Path.Combine(a.Get("work")!, "scale-" + scale);
            var data = Path.Combine(work, "data");
            Directory.CreateDirectory(data);
            string? connection = null;
            if (pg is not null) connection = Postgres.CreateDatabase(pg, "qifu_bench_" + new string(scale.Where(char.IsAsciiDigit).ToArray()) + "_" + Environment.ProcessId);
            var result = new Result
            {
                Scale = scale, Command = a.Get("command") ?? "bash bench/platform.sh",
                Database = connection is null ? "SQLite (data folder on local disk)" : "PostgreSQL 15 (throwaway cluster of scripts/pg.sh: fsync=off, synchronous_commit=off)",
            };
            var server = new Server(Path.GetFullPath(a.Get("app")!), Path.GetFullPath(a.Get("content-root") ?? "src/Qifu.Web"), data,
                Path.Combine(work, "logs"), connection);
            result.LoadAverageStart = LoadAverage();
            Say($"scale {scale}: {result.Database}, work folder {work}, load average {result.LoadAverageStart}");

            // 1. Demo accounts first (the demo data does not start on top of scale data: DemoNeeds indexes enterprises by name and
            //    the generator repeats names), then the generator on the same data; the demo seeding is skipped on later starts.
            Say("  first start: migrate + demo data (demo accounts) …");
            result.FirstStartSeconds = server.Start();
            server.Stop();
            Say($"    {result.FirstStartSeconds:0.0} s");
            Say($"  seed --scale {scale} (the real generator) …");
            var (seedOutput, seedSeconds) = server.Seed(scale, _ => { });
            result.SeedSeconds = seedSeconds;
            result.SeedSummary = string.Join("; ", seedOutput.Split('\n').Select(l => l.Trim()).Where(l => l.Contains("行，") || l.Contains("索引已重建")));
            Say($"    {seedSeconds:0.0} s: {result.SeedSummary}");
            result.DbBytes = DatabaseBytes(data, connection);
            result.IndexBytes = FolderBytes(Path.Combine(data, "search-index"));

            // 2. The measured start.
            result.StartSeconds = server.Start();
            Say($"  platform up in {result.StartSeconds:0.00} s at {server.BaseUrl} (pid {server.Process!.Id})");
            try
            {
                Measure(server, work, result, seconds, warmup, connections, writers, importRows);
            }
            catch (Exception ex)
            {
                result.Notes.Add("the run stopped early: " + ex.Message.Split('\n')[0]);
                Say("  FAILED: " + ex);
                Say(server.Tail(20));
            }
            finally
            {
                result.PeakRss = Math.Max(result.PeakRss, server.PeakRss());
                server.Stop();
            }
            result.DbBytesAfter = DatabaseBytes(data, connection);
            result.IndexBytes = Math.Max(result.IndexBytes, FolderBytes(Path.Combine(data, "search-index")));
            result.Wall = started.Elapsed;
            result.LoadAverageEnd = LoadAverage();
            Targets(result);
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
            if (pg is not null && connection is not null) Postgres.DropDatabase(pg, connection);
            return result;
        }

        private void Measure(Server server, string work, Result result, int seconds, int warmup, int connections, int writers, int importRows)
        {
            var baseUrl = server.BaseUrl;
            var load = new Load(baseUrl, work, server.Process!, connections, writers, warmup, seconds, Say);
            result.Tool = load.Tool;
            using var anonymous = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
            var (operatorBrowser, operatorCookie) = SignIn.Browser(baseUrl, SignIn.CityOperator);
            using var operatorApi = SignIn.Api(baseUrl, SignIn.CityOperator);
            using var enterpriseApi = SignIn.Api(baseUrl, SignIn.ApprovedEnterprise);

            // What the page loads ask for: items and articles of the generated data, column lengths, the query set.
            var items = Workloads.ItemPaths(anonymous, 300);
            var columns = Workloads.ColumnPages(anonymous);
            var articles = Workloads.ArticlePaths(anonymous, columns, 300);
            var lists = Workloads.ColumnListPaths(columns, 400);
            var queries = Queries.Build();
            result.Queries = queries.Count;
            var search = queries.Select(q => "/search?" + q).ToList();
            Say($"  {items.Count} item pages, {articles.Count} article pages, columns {string.Join(", ", columns.Select(c => $"{c.Key} {c.Value:N0} pages"))}, {queries.Count} queries");

            // Check one of each before loading: a 500 here is a finding, not a figure.
            foreach (var path in new[] { "/", search[0], items[0], articles[0], lists[^1] })
            {
                using var r = anonymous.GetAsync(path).GetAwaiter().GetResult();
                if ((int)r.StatusCode >= 400) result.Notes.Add($"GET {path} answered {(int)r.StatusCode} before the load");
            }

            var ceiling = load.Get("trivial endpoint (ceiling)", "/health/live", ["/health/live"]);
            result.Runs.Add(ceiling);
            result.Runs.Add(load.Get("home page", "/", ["/"]));
            result.Runs.Add(load.Get("catalogue search page", "/search?q=…", search));
            result.Runs.Add(load.Get("item page", "/services/{id}", items));
            result.Runs.Add(load.Get("article page", "/articles/{id}", articles));
            result.Runs.Add(load.Get("column list (random pages, deep ones too)", "/articles?column=…&page=…", lists));
            // The same pages rendered on every request (Cache-Control: no-cache): what a visitor's first look after a change costs. For
            // information: the targets are read from the pages as served above.
            const string Fresh = "rendered every time (no-cache)";
            result.Runs.Add(load.Get($"home page, {Fresh}", "(no-cache) /", ["/"], fresh: true));
            result.Runs.Add(load.Get($"catalogue search page, {Fresh}", "(no-cache) /search?q=…", search, fresh: true));
            result.Runs.Add(load.Get($"item page, {Fresh}", "(no-cache) /services/{id}", items, fresh: true));
            result.Runs.Add(load.Get($"article page, {Fresh}", "(no-cache) /articles/{id}", articles, fresh: true));
            result.Runs.Add(load.Get($"column list, {Fresh}", "(no-cache) /articles?column=…&page=…", lists, fresh: true));
            // Any page of any column, at random among all of them: mostly pages this node has not prepared (decision 0028).
            result.Runs.Add(load.Get($"column list, any of every page, {Fresh}", "(no-cache) /articles?column=…&page=… (all pages)",
                Workloads.AllColumnListPaths(columns), fresh: true));

            var dashboard = a.Get("dashboard-path") ?? "/dashboard";
            var dashboards = new Dictionary<string, List<string>>
            {
                ["city 430400"] = Periods.Select(p => $"{dashboard}?region=430400&period={p}").ToList(),
                ["county 430405"] = Periods.Select(p => $"{dashboard}?region=430405&period={p}").ToList(),
            };
            // The session cookie works as a bare header (as wrk sends it) on a page only operators may open.
            using (var check = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) })
            using (var review = check.Send(AddCookie(new HttpRequestMessage(HttpMethod.Get, "/review/enterprises"), operatorCookie)))
            {
                Say($"  city operator's session cookie as a header: /review/enterprises answers {(int)review.StatusCode}");
                if ((int)review.StatusCode != 200) result.Notes.Add($"the city operator's session cookie, sent as a header, got {(int)review.StatusCode} on /review/enterprises");
            }
            // With the Cookie header alone, as wrk sends it: a redirect to the sign-in page would look like success to wrk.
            using (var probe = new HttpRequestMessage(HttpMethod.Get, dashboards["city 430400"][0]))
            using (var withCookie = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) })
            using (var answer = withCookie.Send(AddCookie(probe, operatorCookie)))
            {
                if ((int)answer.StatusCode is 404)
                    result.Notes.Add($"{dashboard} answered 404: not available in this build; its rows say so");
                else if ((int)answer.StatusCode is not 200)
                    result.Notes.Add($"{dashboard} (city operator's session cookie) answered {(int)answer.StatusCode}, not 200: not loaded");
                else
                {
                    foreach (var (region, paths) in dashboards)
                        result.Runs.Add(load.Get($"dashboard, {region}, signed in as city operator", $"{dashboard}?region={paths[0].Split("region=")[1].Split('&')[0]}&period=all|2026|2026-Q3|2026-10", paths, operatorCookie));
                }
            }
            result.PeakRssLoads = server.PeakRss();

            // Latency as one user sees it: one request at a time.
            Say("  sequential probes (one request at a time) …");
            result.Probes.Add(Workloads.Probe("catalogue search page, every query once, result cache bypassed", anonymous, search, 1, noCache: true, warm: false));
            result.Probes.Add(Workloads.Probe("home page", anonymous, ["/"], 20, noCache: false, warm: true));
            result.Probes.Add(Workloads.Probe("item page", anonymous, items.Take(50).ToList(), 1, noCache: false, warm: false));
            result.Probes.Add(Workloads.Probe("article page", anonymous, articles.Take(50).ToList(), 1, noCache: false, warm: false));
            result.Probes.Add(Workloads.Probe("column list, last page of each column", anonymous, columns.Select(c => $"/articles?column={c.Key}&page={c.Value}").ToList(), 5, noCache: false, warm: true));
            if (result.Runs.Any(x => x.Name.StartsWith("dashboard", StringComparison.Ordinal)))
            {
                foreach (var (region, paths) in dashboards)
                    foreach (var path in paths)
                        result.Probes.Add(Workloads.Probe($"dashboard {region}, period {path.Split("period=")[1]}", operatorBrowser, [path], 20, noCache: false, warm: true));
            }
            foreach (var p in result.Probes) Say($"    {p.Name}: p50 {p.P50Ms:0.0} ms, p95 {p.P95Ms:0.0} ms, max {p.MaxMs:0.0} ms, non-2xx {p.Non2xx}");

            // Writes.
            using (var writer = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = writers }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) })
            {
                result.Runs.Add(load.Post("enterprise registration (API)", "POST /api/v1/enterprises/registrations", Workloads.Registration(Environment.ProcessId % 90),
                    writer, "multipart form + 16-byte PNG licence, a new valid credit code and login phone per request"));
            }
            var itemIds = items.Select(p => Guid.Parse(p.Split('/')[^1])).ToList();
            result.Runs.Add(load.Post("service request submitted (API)", "POST /api/v1/requests", Workloads.ServiceRequest(itemIds), enterpriseApi,
                $"the approved demo enterprise (bearer token) asks for one of {itemIds.Count} published items, multipart, separate consent"));
            result.PeakRss = Math.Max(result.PeakRss, server.PeakRss());

            // Import, then export (the export then holds the imported enterprises too).
            result.ImportTarget = importRows;
            result.Import = Workloads.Import(operatorBrowser, operatorApi, importRows, 5_000, Say);
            Say($"    import: {(result.Import.Done ? "done" : "not done")} in {result.Import.Seconds:0.0} s — {result.Import.Note}");
            result.PeakRss = Math.Max(result.PeakRss, server.PeakRss());
            Say("  export …");
            result.Export = Workloads.Export(operatorApi);
            Say($"    export: {result.Export.Rows:N0} rows, {result.Export.Bytes / 1048576.0:0.0} MiB in {result.Export.Seconds:0.0} s {result.Export.Note}");
            result.PeakRss = Math.Max(result.PeakRss, server.PeakRss());
            operatorBrowser.Dispose();
        }

        private static HttpRequestMessage AddCookie(HttpRequestMessage request, string cookie)
        {
            request.Headers.Add("Cookie", cookie);
            return request;
        }

        private static void Targets(Result r)
        {
            var ceiling = r.Runs.FirstOrDefault(x => x.Path == "/health/live");
            var dash = r.Probes.Where(p => p.Name.StartsWith("dashboard", StringComparison.Ordinal)).ToList();
            var dashNote = r.Notes.FirstOrDefault(n => n.Contains("answered") && n.Contains("region") == false && n.Contains("dashboard", StringComparison.OrdinalIgnoreCase));
            r.Targets.Add(dash.Count == 0
                ? new Target("dashboard p95 < 100 ms for any region and period (one request at a time)",
                    dashNote is null ? "not measured (the run stopped before)" : dashNote.Contains("answered 404") ? "not available (the dashboard answered 404)" : dashNote,
                    dashNote is not null && !dashNote.Contains("answered 404") ? false : null)
                : new Target("dashboard p95 < 100 ms for any region and period (one request at a time)",
                    $"worst p95 {dash.Max(p => p.P95Ms):0.0} ms ({dash.MaxBy(p => p.P95Ms)!.Name})", dash.All(p => p.P95Ms < 100)));
            var searchProbe = r.Probes.FirstOrDefault(p => p.Name.StartsWith("catalogue search", StringComparison.Ordinal));
            if (searchProbe is not null)
                r.Targets.Add(new Target("search p95 ≤ 30 ms (/search page, one request at a time, result cache bypassed)", $"p95 {searchProbe.P95Ms:0.0} ms", searchProbe.P95Ms <= 30));
            if (ceiling is not null)
                foreach (var run in r.Runs.Where(x => x.Path.StartsWith('/') && x != ceiling))
                    r.Targets.Add(new Target($"{run.Name} ≥ 5 % of the ceiling's rate", $"{run.Rps / ceiling.Rps * 100:0.0} % ({run.Rps:N0} of {ceiling.Rps:N0} req/s)",
                        run.Rps / ceiling.Rps >= 0.05));
            if (r.Import is { } i)
                r.Targets.Add(new Target("import of 100,000 enterprises < 60 s",
                    (i.Done ? $"{i.Seconds:0.0} s for {i.Rows:N0} rows{(i.Files > 1 ? $" (as {i.Files} files)" : "")}" : "not done: " + i.Note)
                    + (r.ImportTarget < 100_000 ? $" (--import-rows {r.ImportTarget:N0}: target not judged)" : ""),
                    i.Done && i.Rows >= 100_000 ? i.Seconds < 60 : i.Done ? null : false));
            r.Targets.Add(new Target("peak memory of the server < 1 GiB", $"{r.PeakRss / 1048576.0:N0} MiB (VmHWM)", r.PeakRss > 0 ? r.PeakRss < 1L << 30 : null));
        }

        /// <summary>1, 5 and 15-minute load averages: other work on the machine moves req/s (not the server's CPU per request).</summary>
        private static string LoadAverage()
        {
            try { return string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
            catch (IOException) { return "?"; }
        }

        private static long DatabaseBytes(string data, string? connection)
        {
            if (connection is not null) return Postgres.Size(connection);
            return new DirectoryInfo(data).EnumerateFiles("*.db*").Sum(f => f.Length);
        }

        private static long FolderBytes(string path) =>
            Directory.Exists(path) ? new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;
    }

    public static class Postgres
    {
        public static string CreateDatabase(string admin, string name)
        {
            using var c = new Npgsql.NpgsqlConnection(admin);
            c.Open();
            using (var cmd = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {name}", c)) cmd.ExecuteNonQuery();
            using (var cmd = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0", c)) cmd.ExecuteNonQuery();
            return new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        }

        public static void DropDatabase(string admin, string connection)
        {
            var name = new Npgsql.NpgsqlConnectionStringBuilder(connection).Database;
            Npgsql.NpgsqlConnection.ClearAllPools();
            using var c = new Npgsql.NpgsqlConnection(admin);
            c.Open();
            using var cmd = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c);
            cmd.ExecuteNonQuery();
        }

        public static long Size(string connection)
        {
            using var c = new Npgsql.NpgsqlConnection(connection);
            c.Open();
            using var cmd = new Npgsql.NpgsqlCommand("SELECT pg_database_size(current_database())", c);
            return (long)cmd.ExecuteScalar()!;
        }
    }
}
