using System.Diagnostics;
using System.Globalization;
using System.Text;
using Qifu.Bench.Search;
using Qifu.Web.Modules.Search.Engine;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Console.OutputEncoding = Encoding.UTF8;

var parsed = new Args(args);
return parsed.Mode switch
{
    "build-index" => IndexBench.BuildChild(parsed),
    "crash-put" => IndexBench.CrashPutChild(parsed),
    "crash-rebuild" => IndexBench.CrashRebuildChild(parsed),
    "run" => Bench.Run(parsed),
    "latency" => Bench.LatencyOnly(parsed),
    "profile" => Profile.Run(parsed),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Qifu.Bench.Search [run] --docs N [--work DIR] [--out FILE] [--app Qifu.Web.dll --content-root src/Qifu.Web]");
    Console.Error.WriteLine("       [--like-budget SECONDS] [--http-seconds S] [--http-warmup S] [--connections C] [--skip-sql] [--skip-http]");
    Console.Error.WriteLine("       latency --index DIR [--rounds R]");
    Console.Error.WriteLine("       profile --index DIR [--rounds R] [--threads T] [--seconds S] [--word-cache N] [--postings-in-memory] [--paths FILE]");
    return 2;
}

namespace Qifu.Bench.Search
{
    public sealed class Args
    {
        private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

        public Args(string[] args)
        {
            var i = 0;
            Mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[i++] : "run";
            for (; i < args.Length; i++)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument {args[i]}");
                var name = args[i][2..];
                string? value = null;
                if (name.Contains('=')) (name, value) = (name[..name.IndexOf('=')], name[(name.IndexOf('=') + 1)..]);
                else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) value = args[++i];
                _values[name] = value;
            }
        }

        public string Mode { get; }
        public string? Get(string name) => _values.GetValueOrDefault(name);
        public bool Has(string name) => _values.ContainsKey(name);
        public int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v.Replace("_", "").Replace(",", ""), CultureInfo.InvariantCulture) : fallback;
    }

    public static class ThreadCpu
    {
        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
        private static extern int ClockGetTime(int clock, out TimeSpec time);

        private struct TimeSpec { public long Seconds; public long Nanoseconds; }

        /// <summary>CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID), in milliseconds.</summary>
        public static double Ms() => ClockGetTime(3, out var t) == 0 ? t.Seconds * 1e3 + t.Nanoseconds / 1e6 : double.NaN;
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

        public static double P(IEnumerable<double> values, double p) => Percentile(values.Order().ToList(), p);
    }

    public static class Bench
    {
        private static readonly Stopwatch Clock = Stopwatch.StartNew();

        public static void Say(string message) => Console.WriteLine($"[{Clock.Elapsed:mm\\:ss}] {message}");

        /// <summary>`latency --index PATH [--rounds R]`: the timed query set against an index built before (for tuning the engine).
        /// Reports the calling thread's CPU time per query as well as wall time, so a busy machine distorts the comparison less.</summary>
        public static int LatencyOnly(Args a)
        {
            using var index = new SearchIndex(a.Get("index") ?? throw new ArgumentException("--index"), EngineBench.Uncached);
            var queries = QuerySet.Build();
            foreach (var q in QuerySet.WarmUp(EngineBench.WarmUp)) index.Search(new() { Query = q.Text, Filters = q.Filters });
            for (var round = 0; round < a.Int("rounds", 2); round++)
            {
                var samples = new List<(BenchQuery Query, double Wall, double Cpu, int Total)>();
                foreach (var q in queries)
                {
                    var cpu = ThreadCpu.Ms();
                    var wall = Stopwatch.StartNew();
                    var result = index.Search(new() { Query = q.Text, Filters = q.Filters });
                    samples.Add((q, wall.Elapsed.TotalMilliseconds, ThreadCpu.Ms() - cpu, result.Total));
                }
                foreach (var cls in QueryClass.All.Append("all"))
                {
                    var set = samples.Where(s => cls == "all" || s.Query.Class == cls).ToList();
                    Say($"round {round + 1} {cls,-14} n={set.Count,3} wall p50 {Stats.P(set.Select(s => s.Wall), 50),6:0.0} p95 {Stats.P(set.Select(s => s.Wall), 95),6:0.0} | " +
                        $"cpu p50 {Stats.P(set.Select(s => s.Cpu), 50),6:0.0} p95 {Stats.P(set.Select(s => s.Cpu), 95),6:0.0} mean {set.Average(s => s.Cpu),6:0.0} ms");
                }
                if (round == a.Int("rounds", 2) - 1)
                    foreach (var s in samples.OrderByDescending(s => s.Cpu).Take(12)) Say($"  slow: {s.Query.Text} {string.Join(' ', s.Query.Filters.Select(f => f.Key + "=" + f.Value))} {s.Total:N0} hits cpu {s.Cpu:0.0} ms");
            }
            return 0;
        }

        public static int Run(Args a)
        {
            var docs = a.Int("docs", 1_000_000);
            var work = a.Get("work") ?? System.IO.Directory.CreateTempSubdirectory("qifu-search-bench.").FullName;
            System.IO.Directory.CreateDirectory(work);
            var outFile = a.Get("out") ?? $"bench/results/search-{docs}.md";
            var command = a.Get("command") ?? $"bash bench/search.sh --docs {docs}";
            var self = typeof(Bench).Assembly.Location;
            var report = new Report(docs, command) { Engine = a.Get("engine") };
            report.Machine = MachineInfo.Collect();
            Say($"search benchmark: {docs:N0} documents; work folder {work}");
            Say($"machine: {report.Machine.Summary}");

            // 1. Index build, in a child process (its peak RSS is the indexer's alone).
            var indexPath = Path.Combine(work, "index");
            Say("1/7 index build (child process: generate the documents, then SearchIndex.Rebuild) …");
            report.Build = IndexBench.Build(self, docs, indexPath, Say);
            Say($"  {report.Build.Documents:N0} documents in {report.Build.Seconds:0.0} s = {report.Build.DocsPerSecond:N0} docs/s; " +
                $"{Report.Size(report.Build.IndexBytes)} on disk, {report.Build.Segments} segments, peak RSS {Report.Size(report.Build.PeakRssBytes)}");

            // 2. Crash survival.
            Say("2/7 crash survival (children killed mid-write) …");
            report.Crashes = IndexBench.CrashSurvival(self, Path.Combine(work, "crash"), Say);

            // 3. The same documents in memory, and the query set's ground truth.
            Say("3/7 generating the documents in memory and scanning them for the ground truth …");
            var sw = Stopwatch.StartNew();
            var corpus = Corpus.Build(docs);
            report.Corpus = CorpusStats.Of(corpus, sw.Elapsed.TotalSeconds);
            Say($"  {report.Corpus.Summary}");
            var queries = QuerySet.Build();
            sw.Restart();
            var truth = new GroundTruth(corpus, queries);
            report.TruthSeconds = sw.Elapsed.TotalSeconds;
            report.Queries = queries;
            Say($"  {queries.Count} queries; substring scan took {report.TruthSeconds:0.0} s");

            // 4–5. Latency and recall, in process.
            using (var index = new SearchIndex(indexPath, EngineBench.Uncached))
            {
                if (index.Count != docs) throw new InvalidOperationException($"the index holds {index.Count} documents, expected {docs}");
                Say($"4/7 latency: {EngineBench.WarmUp} warm-up searches of other queries, then {queries.Count} timed Search calls (facets + 20 highlighted hits) …");
                report.Latency = EngineBench.Latency(index, queries);
                Say($"  p50 {Stats.P(report.Latency.Select(s => s.Ms), 50):0.0} ms, p95 {Stats.P(report.Latency.Select(s => s.Ms), 95):0.0} ms");
                Say("5/7 recall against the substring scan …");
                report.Recall = EngineBench.Recall(index, corpus, truth, queries, Say);
                Say($"  minimum recall {report.Recall.Min(r => r.Recall):P2}; {report.Recall.Count(r => r.Recall < 0.99)} queries under 99 %");
            }

            // 6. SQL LIKE on the same data.
            if (!a.Has("skip-sql"))
            {
                var budget = TimeSpan.FromSeconds(a.Int("like-budget", 150));
                var file = Path.Combine(work, "like.sqlite");
                Say("6/7 SQLite LIKE: bulk insert …");
                report.SqlLoad = SqlLikeBench.Load(file, corpus);
                Say($"  {report.SqlLoad.Rows:N0} rows in {report.SqlLoad.InsertSeconds:0.0} s + {report.SqlLoad.IndexSeconds:0.0} s index; {Report.Size(report.SqlLoad.FileBytes)}");
                Say($"  LIKE queries (page + count), budget {budget.TotalSeconds:0} s …");
                report.LikeBudget = budget;
                report.Sql = SqlLikeBench.Run(file, queries, truth, budget, Say);
                Say($"  n = {report.Sql.Count}, p50 {Stats.P(report.Sql.Select(s => s.TotalMs), 50):0} ms, p95 {Stats.P(report.Sql.Select(s => s.TotalMs), 95):0} ms");
                File.Delete(file);
            }
            else Say("6/7 SQLite LIKE skipped (--skip-sql)");

            // The documents are not needed any more: give the memory back before the web server starts.
            corpus = null;
            truth = null;
            GC.Collect(2, GCCollectionMode.Aggressive, true, true);

            // 7. HTTP throughput of the real platform.
            var app = a.Get("app");
            if (app is not null && !a.Has("skip-http"))
            {
                Say("7/7 HTTP throughput: starting the platform on the built index …");
                var http = new HttpBench(app, Path.GetFullPath(a.Get("content-root") ?? "src/Qifu.Web"), work, indexPath, a.Int("connections", 64),
                    a.Int("http-warmup", 4), a.Int("http-seconds", 15), Say);
                report.Http = http.Run(queries);
                foreach (var r in report.Http.Runs)
                    Say($"  {r.Name}: {r.Rps:N0} req/s, p50 {r.P50Ms:0.0} ms, p99 {r.P99Ms:0.0} ms, non-2xx {r.Non2xx}, timeouts {r.Timeouts}");
            }
            else Say("7/7 HTTP throughput skipped" + (app is null ? " (no --app)" : " (--skip-http)"));

            report.TotalSeconds = Clock.Elapsed.TotalSeconds;
            report.Machine = report.Machine with { LoadAfter = MachineInfo.LoadAverage() };
            var summary = report.Render(withAppendix: false);
            var full = report.Render(withAppendix: true);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outFile))!);
            File.WriteAllText(outFile, full);
            Console.WriteLine();
            Console.WriteLine(summary);
            Say($"written to {outFile} (with the per-query table)");
            return 0;
        }
    }

    public sealed record MachineInfo(int Cores, long MemoryBytes, string Os, string Kernel, string DotnetSdk, string Runtime, string LoadBefore, string LoadAfter)
    {
        public string Summary => $"{Cores} cores, {Report.Size(MemoryBytes)} RAM, {Os}, .NET SDK {DotnetSdk} (runtime {Runtime}), load average {LoadBefore}";

        public static MachineInfo Collect()
        {
            long mem = 0;
            try
            {
                var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
                mem = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
            catch (Exception) { }
            var os = "unknown";
            try { os = File.ReadLines("/etc/os-release").First(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))[12..].Trim('"'); }
            catch (Exception) { }
            string kernel;
            try { kernel = File.ReadAllText("/proc/sys/kernel/osrelease").Trim(); } catch (Exception) { kernel = Environment.OSVersion.VersionString; }
            return new MachineInfo(Environment.ProcessorCount, mem, os, kernel, DotnetVersion(), Environment.Version.ToString(), LoadAverage(), "");
        }

        public static string LoadAverage()
        {
            try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
            catch (Exception) { return "?"; }
        }

        private static string DotnetVersion()
        {
            try
            {
                var psi = new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true, UseShellExecute = false };
                using var p = Process.Start(psi)!;
                var v = p.StandardOutput.ReadToEnd().Trim();
                p.WaitForExit();
                return v;
            }
            catch (Exception) { return "?"; }
        }
    }

    public sealed record CorpusStats(int Items, int Institutions, int Articles, double AvgChars, int MinChars, int MaxChars, long Utf8Bytes, double Seconds)
    {
        public string Summary =>
            $"{Items + Institutions + Articles:N0} documents ({Items:N0} items, {Institutions:N0} institutions, {Articles:N0} articles), " +
            $"title+body {AvgChars:0} characters on average ({MinChars}–{MaxChars}), {Report.Size(Utf8Bytes)} of UTF-8 text, generated in {Seconds:0.0} s";

        public static CorpusStats Of(Doc[] docs, double seconds)
        {
            long chars = 0, bytes = 0;
            int min = int.MaxValue, max = 0;
            foreach (var d in docs)
            {
                var n = d.Title.Length + d.Body.Length;
                chars += n;
                min = Math.Min(min, n);
                max = Math.Max(max, n);
                bytes += Encoding.UTF8.GetByteCount(d.Title) + Encoding.UTF8.GetByteCount(d.Body);
            }
            return new CorpusStats(docs.Count(d => d.Kind == DocKind.Item), docs.Count(d => d.Kind == DocKind.Institution),
                docs.Count(d => d.Kind == DocKind.Article), docs.Length == 0 ? 0 : (double)chars / docs.Length, docs.Length == 0 ? 0 : min, max, bytes, seconds);
        }
    }
}
