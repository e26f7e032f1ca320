using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Qifu.Bench.Search;

/// <param name="ServerCpuMsPerRequest">CPU time the server process used during the measured run, per request: unlike req/s it
/// hardly depends on what else runs on the machine.</param>
public sealed record HttpRun(string Name, string Path, double Rps, double P50Ms, double P95Ms, double P99Ms, double MaxMs, long Requests,
    long Non2xx, long Timeouts, long SocketErrors, string Command, double ServerCpuMsPerRequest = 0, double ServerCores = 0);

public sealed record HttpOutcome(List<HttpRun> Runs, long AppPeakRss, int IndexCount, string Tool, string? Problem);

/// <summary>
/// Throughput of the real platform serving the benchmark's index: the app runs as its own process (Release build, demo data on a temp
/// folder, Search:IndexPath = the built index; its follower adds the demo records on top), and wrk drives it with 64 connections.
/// </summary>
public sealed class HttpBench(string appDll, string contentRoot, string work, string indexPath, int connections, int warmupSeconds, int seconds,
    Action<string> progress)
{
    public HttpOutcome Run(IReadOnlyList<BenchQuery> queries)
    {
        var port = FreePort();
        var data = Path.Combine(work, "app-data");
        System.IO.Directory.CreateDirectory(data);
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(appDll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        psi.ArgumentList.Add("--contentRoot");
        psi.ArgumentList.Add(contentRoot);
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Qifu__DataPath"] = data;
        psi.Environment["Qifu__LogPath"] = Path.Combine(work, "app-logs");
        psi.Environment["Qifu__DemoData"] = "true";
        psi.Environment["Search__IndexPath"] = indexPath;
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        psi.Environment["Serilog__MinimumLevel__Default"] = "Warning";

        var log = new StringBuilder();
        using var app = Process.Start(psi)!;
        app.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        app.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        var baseUrl = $"http://127.0.0.1:{port}";
        try
        {
            var count = WaitReady(app, baseUrl, log);
            progress($"  app ready on {baseUrl}, its index holds {count:N0} documents");
            var api = queries.Select(q => "/api/v1/search?" + q.QueryString()).ToList();
            var page = queries.Select(q => "/search?" + q.QueryString()).ToList();
            CheckPages(baseUrl, api.Take(10).Concat(page.Take(10)));

            var useWrk = Which("wrk") is not null;
            _server = app;
            var runs = new List<HttpRun>
            {
                Load("trivial endpoint", "/health/live", ["/health/live"], baseUrl, useWrk),
                Load("search API", "/api/v1/search?q=…", api, baseUrl, useWrk),
                Load("search API, result cache bypassed", "/api/v1/search?q=… + Cache-Control: no-cache", api, baseUrl, useWrk, fresh: true),
                Load("catalogue page (HTML)", "/search?q=…", page, baseUrl, useWrk),
            };
            var rss = Proc.PeakRss(app.Id);
            count = Count(baseUrl); // by now the follower has added the demo records
            return new HttpOutcome(runs, rss, count, useWrk ? WrkVersion() : "in-process HttpClient loop (wrk not installed)", null);
        }
        catch (Exception ex)
        {
            progress("  HTTP benchmark failed: " + ex.Message);
            string tail;
            lock (log) tail = string.Join('\n', log.ToString().Split('\n').TakeLast(15));
            return new HttpOutcome([], app.HasExited ? 0 : Proc.PeakRss(app.Id), 0, "", ex.Message + "\n" + tail);
        }
        finally
        {
            if (!app.HasExited)
            {
                app.Kill(entireProcessTree: true);
                app.WaitForExit();
            }
        }
    }

    private static int WaitReady(Process app, string baseUrl, StringBuilder log)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(10))
        {
            if (app.HasExited)
            {
                lock (log) throw new InvalidOperationException("the app exited:\n" + string.Join('\n', log.ToString().Split('\n').TakeLast(20)));
            }
            try
            {
                var json = http.GetStringAsync(baseUrl + "/api/v1/search?q=" + Uri.EscapeDataString("融资")).GetAwaiter().GetResult();
                using var doc = System.Text.Json.JsonDocument.Parse(json);
                if (doc.RootElement.GetProperty("indexReady").GetBoolean()) return Count(baseUrl);
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            Thread.Sleep(500);
        }
        throw new TimeoutException("the app did not become ready within 10 minutes");
    }

    /// <summary>Documents in the app's index: browsing with no kind counts every kind.</summary>
    private static int Count(string baseUrl)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var browse = http.GetStringAsync(baseUrl + "/api/v1/search?pageSize=1").GetAwaiter().GetResult();
        using var all = System.Text.Json.JsonDocument.Parse(browse);
        return all.RootElement.GetProperty("total").GetInt32();
    }

    private static void CheckPages(string baseUrl, IEnumerable<string> paths)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        foreach (var path in paths)
        {
            using var response = http.GetAsync(baseUrl + path).GetAwaiter().GetResult();
            if (response.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()[..200]}");
        }
    }

    private Process? _server;
    private TimeSpan _cpuAtStart;
    private long _wallAtStart;

    private HttpRun Load(string name, string label, IReadOnlyList<string> paths, string baseUrl, bool useWrk, bool fresh = false)
    {
        progress($"  {name}: {warmupSeconds} s warm-up, {seconds} s measured, {connections} connections");
        var run = useWrk ? Wrk(name, label, paths, baseUrl, fresh) : Loop(name, label, paths, baseUrl, fresh);
        var cpu = ServerCpu() - _cpuAtStart;
        var wall = Stopwatch.GetElapsedTime(_wallAtStart).TotalSeconds;
        return run with { ServerCpuMsPerRequest = run.Requests > 0 ? cpu.TotalMilliseconds / run.Requests : 0, ServerCores = cpu.TotalSeconds / wall };
    }

    /// <summary>Called when the warm-up is over and the measured run starts.</summary>
    private void MarkStart()
    {
        _cpuAtStart = ServerCpu();
        _wallAtStart = Stopwatch.GetTimestamp();
    }

    private TimeSpan ServerCpu()
    {
        if (_server is null) return TimeSpan.Zero;
        _server.Refresh();
        return _server.TotalProcessorTime;
    }

    // ------------------------------------------------------------------ wrk

    private HttpRun Wrk(string name, string label, IReadOnlyList<string> paths, string baseUrl, bool fresh)
    {
        var script = Path.Combine(work, "wrk-" + new string(name.Where(char.IsAsciiLetter).ToArray()) + ".lua");
        File.WriteAllText(script, LuaScript(paths, fresh));
        var threads = Math.Min(2, Environment.ProcessorCount);
        string Args(int duration) => $"-t{threads} -c{connections} -d{duration}s --timeout 10s -s {script} {baseUrl}/";
        RunWrk(Args(warmupSeconds));
        MarkStart();
        var output = RunWrk(Args(seconds));
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("wrk printed no RESULT line:\n" + output);
        var v = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        // requests duration_us p50 p95 p99 max (µs) status timeout connect read write
        var rps = v[0] / (v[1] / 1e6);
        return new HttpRun(name, label, rps, v[2] / 1000, v[3] / 1000, v[4] / 1000, v[5] / 1000, (long)v[0], (long)v[6], (long)v[7],
            (long)(v[8] + v[9] + v[10]), $"wrk {Args(seconds).Replace(script, "<script: random path of " + paths.Count + (fresh ? ", header Cache-Control: no-cache" : "") + ">")}");
    }

    private static string RunWrk(string arguments)
    {
        var psi = new ProcessStartInfo("wrk", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return stdout.Result + stderr.Result;
    }

    private static string LuaScript(IReadOnlyList<string> paths, bool fresh)
    {
        var sb = new StringBuilder();
        sb.AppendLine("-- generated by bench/search: one random path per request");
        sb.AppendLine("local paths = {");
        foreach (var p in paths) sb.Append("  \"").Append(p.Replace("\\", "\\\\").Replace("\"", "\\\"")).AppendLine("\",");
        sb.AppendLine("}");
        sb.AppendLine(fresh ? "local FRESH = true" : "local FRESH = false");
        sb.AppendLine("""
            local n = 0
            local HEADERS = FRESH and { ["Cache-Control"] = "no-cache" } or {}
            function setup(thread)
              n = n + 1
              thread:set("seed", n)
            end
            function init(args)
              math.randomseed(seed * 7919)
            end
            function request()
              return wrk.format("GET", paths[math.random(#paths)], HEADERS)
            end
            function done(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("RESULT %.0f %.0f %.0f %.0f %.0f %.0f %.0f %.0f %.0f %.0f %.0f\n",
                summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
                e.status, e.timeout, e.connect, e.read, e.write))
            end
            """);
        return sb.ToString();
    }

    private static string WrkVersion()
    {
        var output = RunWrk("--version");
        var first = output.Split('\n').FirstOrDefault() ?? "wrk";
        return first.Split(" Copyright")[0].Trim();
    }

    // ------------------------------------------------------------------ fallback: HttpClient loop

    private HttpRun Loop(string name, string label, IReadOnlyList<string> paths, string baseUrl, bool fresh)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };
        if (fresh) http.DefaultRequestHeaders.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoCache = true };
        RunLoop(http, paths, warmupSeconds, out _, out _, out _);
        MarkStart();
        var elapsed = RunLoop(http, paths, seconds, out var latencies, out var non2xx, out var errors);
        latencies.Sort();
        return new HttpRun(name, label, latencies.Count / elapsed, Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 95),
            Stats.Percentile(latencies, 99), latencies.Count == 0 ? 0 : latencies[^1], latencies.Count, non2xx, 0, errors,
            $"in-process HttpClient, {connections} concurrent loops, {seconds} s");
    }

    private double RunLoop(HttpClient http, IReadOnlyList<string> paths, int duration, out List<double> latencies, out long non2xx, out long errors)
    {
        var all = new List<double>();
        long bad = 0, failed = 0;
        var stop = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(duration);
        var tasks = Enumerable.Range(0, connections).Select(c => Task.Run(async () =>
        {
            var rng = new Rng((ulong)c + 1);
            var mine = new List<double>();
            var clock = new Stopwatch();
            while (stop.Elapsed < until)
            {
                clock.Restart();
                try
                {
                    using var response = await http.GetAsync(paths[rng.Int(paths.Count)], HttpCompletionOption.ResponseContentRead);
                    if ((int)response.StatusCode >= 400) Interlocked.Increment(ref bad);
                    mine.Add(clock.Elapsed.TotalMilliseconds);
                }
                catch (Exception) { Interlocked.Increment(ref failed); }
            }
            lock (all) all.AddRange(mine);
        })).ToArray();
        Task.WaitAll(tasks);
        latencies = all;
        non2xx = bad;
        errors = failed;
        return stop.Elapsed.TotalSeconds;
    }

    // ------------------------------------------------------------------ helpers

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
}
