using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Qifu.Bench.Platform;

/// <param name="ServerCpuMsPerRequest">CPU time the server process used during the measured run, per request: unlike req/s it
/// hardly depends on what else runs on the machine.</param>
public sealed record LoadRun(string Name, string Path, double Rps, double P50Ms, double P95Ms, double P99Ms, double MaxMs, long Requests,
    long Non2xx, long Errors, string Command, double ServerCpuMsPerRequest = 0, string? Note = null);

/// <summary>
/// Load against the running platform: GETs through wrk (one random path of a list per request, optional Cookie header) or,
/// without wrk, an in-process HttpClient loop; writes (POST) always through the in-process loop, each request built fresh.
/// Each run: warm-up, then the measured seconds; the server's CPU time over the measured part is divided by the requests.
/// </summary>
public sealed class Load(string baseUrl, string work, Process server, int connections, int writeConcurrency, int warmupSeconds, int seconds,
    Action<string> say)
{
    public bool UseWrk { get; } = Which("wrk") is not null;

    public string Tool => UseWrk ? WrkVersion() : "in-process HttpClient loop (wrk not installed)";

    private TimeSpan _cpuAtStart;

    private void MarkStart() => _cpuAtStart = ServerCpu();

    private TimeSpan ServerCpu()
    {
        server.Refresh();
        return server.TotalProcessorTime;
    }

    private LoadRun WithCpu(LoadRun run)
    {
        var cpu = ServerCpu() - _cpuAtStart;
        return run with { ServerCpuMsPerRequest = run.Requests > 0 ? cpu.TotalMilliseconds / run.Requests : 0 };
    }

    /// <param name="fresh">Send <c>Cache-Control: no-cache</c>: the platform renders every page (and works out every search) instead of
    /// serving its output cache, as for a visitor's first look after a change.</param>
    public LoadRun Get(string name, string label, IReadOnlyList<string> paths, string? cookie = null, bool fresh = false)
    {
        say($"  {name}: {warmupSeconds} s warm-up, {seconds} s measured, {connections} connections, {paths.Count} paths");
        var run = UseWrk ? Wrk(name, label, paths, cookie, fresh) : GetLoop(name, label, paths, cookie, fresh);
        run = WithCpu(run);
        say($"    {run.Rps:N0} req/s, p50 {run.P50Ms:0.0} ms, p95 {run.P95Ms:0.0} ms, p99 {run.P99Ms:0.0} ms, non-2xx {run.Non2xx}, errors {run.Errors}");
        return run;
    }

    /// <summary>Writes: <paramref name="make"/> builds request number n (fresh credit codes, phones …); 2xx counts as success.</summary>
    public LoadRun Post(string name, string label, Func<long, HttpRequestMessage> make, HttpClient http, string describe)
    {
        say($"  {name}: {warmupSeconds} s warm-up, {seconds} s measured, {writeConcurrency} concurrent loops");
        long counter = 0;
        var firstError = (string?)null;
        RunLoop(warmupSeconds, async () => await SendAsync(http, make(Interlocked.Increment(ref counter)), e => firstError ??= e), out _, out _, out _);
        MarkStart();
        var elapsed = RunLoop(seconds, async () => await SendAsync(http, make(Interlocked.Increment(ref counter)), e => firstError ??= e),
            out var latencies, out var bad, out var errors);
        latencies.Sort();
        var run = WithCpu(new LoadRun(name, label, latencies.Count / elapsed, Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 95),
            Stats.Percentile(latencies, 99), latencies.Count == 0 ? 0 : latencies[^1], latencies.Count, bad, errors,
            $"in-process HttpClient, {writeConcurrency} concurrent loops, {warmupSeconds} s warm-up + {seconds} s; {describe}",
            Note: firstError is null ? null : "first refusal: " + firstError));
        say($"    {run.Rps:N1} req/s, p50 {run.P50Ms:0.0} ms, p95 {run.P95Ms:0.0} ms, non-2xx {run.Non2xx}, errors {run.Errors}"
            + (firstError is null ? "" : $" (first: {firstError})"));
        return run;
    }

    private static async Task<bool> SendAsync(HttpClient http, HttpRequestMessage request, Action<string> onError)
    {
        using (request)
        using (var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead))
        {
            if ((int)response.StatusCode < 400) return true;
            var body = await response.Content.ReadAsStringAsync();
            onError($"{(int)response.StatusCode} {body[..Math.Min(200, body.Length)]}");
            return false;
        }
    }

    // ------------------------------------------------------------------ wrk

    private LoadRun Wrk(string name, string label, IReadOnlyList<string> paths, string? cookie, bool fresh)
    {
        var script = Path.Combine(work, "wrk-" + new string(name.Where(char.IsAsciiLetterOrDigit).ToArray()) + "-" + Guid.NewGuid().ToString("N")[..6] + ".lua");
        File.WriteAllText(script, LuaScript(paths, cookie, fresh));
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
        var shown = Args(seconds).Replace(script, $"<script: random path of {paths.Count}{(cookie is null ? "" : ", header Cookie: <session>")}{(fresh ? ", header Cache-Control: no-cache" : "")}>");
        return new LoadRun(name, label, rps, v[2] / 1000, v[3] / 1000, v[4] / 1000, v[5] / 1000, (long)v[0], (long)v[6],
            (long)(v[7] + v[8] + v[9] + v[10]), $"wrk {shown} (after {warmupSeconds} s warm-up)");
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

    private static string Lua(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string LuaScript(IReadOnlyList<string> paths, string? cookie, bool fresh)
    {
        var sb = new StringBuilder();
        sb.AppendLine("-- generated by bench/platform: one random path per request");
        sb.AppendLine("local paths = {");
        foreach (var p in paths) sb.Append("  ").Append(Lua(p)).AppendLine(",");
        sb.AppendLine("}");
        sb.AppendLine("local HEADERS = {}");
        if (cookie is not null) sb.AppendLine($"HEADERS[\"Cookie\"] = {Lua(cookie)}");
        if (fresh) sb.AppendLine("HEADERS[\"Cache-Control\"] = \"no-cache\"");
        sb.AppendLine("""
            local n = 0
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
        var first = RunWrk("--version").Split('\n').FirstOrDefault() ?? "wrk";
        return first.Split(" Copyright")[0].Trim();
    }

    // ------------------------------------------------------------------ in-process loop

    private LoadRun GetLoop(string name, string label, IReadOnlyList<string> paths, string? cookie, bool fresh)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseCookies = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };
        if (cookie is not null) http.DefaultRequestHeaders.Add("Cookie", cookie);
        if (fresh) http.DefaultRequestHeaders.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoCache = true };
        var rng = new Random(7919);
        Func<Task<bool>> one = async () =>
        {
            string path;
            lock (rng) path = paths[rng.Next(paths.Count)];
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
            return (int)response.StatusCode < 400;
        };
        RunLoop(warmupSeconds, one, out _, out _, out _, connections);
        MarkStart();
        var elapsed = RunLoop(seconds, one, out var latencies, out var bad, out var errors, connections);
        latencies.Sort();
        return new LoadRun(name, label, latencies.Count / elapsed, Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 95),
            Stats.Percentile(latencies, 99), latencies.Count == 0 ? 0 : latencies[^1], latencies.Count, bad, errors,
            $"in-process HttpClient, {connections} concurrent loops, {warmupSeconds} s warm-up + {seconds} s, random path of {paths.Count}");
    }

    /// <summary>Runs <paramref name="one"/> in parallel loops for the given seconds; latencies of every answered request.</summary>
    private double RunLoop(int duration, Func<Task<bool>> one, out List<double> latencies, out long bad, out long errors, int? loops = null)
    {
        var all = new List<double>();
        long notOk = 0, failed = 0;
        var stop = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(duration);
        var tasks = Enumerable.Range(0, loops ?? writeConcurrency).Select(_ => Task.Run(async () =>
        {
            var mine = new List<double>();
            var clock = new Stopwatch();
            while (stop.Elapsed < until)
            {
                clock.Restart();
                try
                {
                    if (!await one()) Interlocked.Increment(ref notOk);
                    mine.Add(clock.Elapsed.TotalMilliseconds);
                }
                catch (Exception) { Interlocked.Increment(ref failed); }
            }
            lock (all) all.AddRange(mine);
        })).ToArray();
        Task.WaitAll(tasks);
        latencies = all;
        bad = notOk;
        errors = failed;
        return stop.Elapsed.TotalSeconds;
    }

    public static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
}

public static class Stats
{
    /// <summary>Linear interpolation between closest ranks; <paramref name="sorted"/> ascending.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return double.NaN;
        var rank = p / 100 * (sorted.Count - 1);
        var lo = (int)Math.Floor(rank);
        var hi = Math.Min(sorted.Count - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
