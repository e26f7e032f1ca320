using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Qifu.Bench.Platform;

/// <summary>The markdown report: machine, every figure with the command that produced it, targets met / not met.</summary>
public static class Report
{
    public static string Markdown(Result r)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# Platform benchmark, scale {r.Scale}");
        sb.AppendLine();
        sb.AppendLine($"`{r.Command}` — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {Commit()}, wall time {r.Wall.TotalMinutes:0.0} min.");
        sb.AppendLine();
        sb.AppendLine($"Machine: {Environment.ProcessorCount} cores ({CpuModel()}), {MemTotal()} RAM, {Os()}; .NET {Environment.Version}. "
            + $"Load average (1/5/15 min) at the start {r.LoadAverageStart}, at the end {r.LoadAverageEnd}: above the number of cores, other work shared the machine and req/s are low by as much.");
        sb.AppendLine($"Database: {r.Database}. Load tool: {r.Tool}. The platform runs as its own process (Release `Qifu.Web.dll`, Production, "
            + "demo data on, sign-in rate limit raised to 1,000,000 a minute because every request comes from 127.0.0.1).");
        sb.AppendLine();

        sb.AppendLine("## Targets");
        sb.AppendLine();
        sb.AppendLine("| target | figure | result |");
        sb.AppendLine("|---|---|---|");
        foreach (var t in r.Targets)
            sb.AppendLine($"| {t.What} | {t.Figure} | {(t.Met is null ? "not measured" : t.Met.Value ? "**met**" : "**not met**")} |");
        sb.AppendLine();

        sb.AppendLine("## Data and process");
        sb.AppendLine();
        sb.AppendLine("| figure | value | how |");
        sb.AppendLine("|---|---|---|");
        sb.AppendLine($"| data generation | {r.SeedSeconds:0.0} s | `dotnet Qifu.Web.dll seed --scale {r.Scale}` on a fresh data folder (after a first start that wrote the demo accounts): {Escape(r.SeedSummary)} |");
        sb.AppendLine($"| first start (migrate + demo data) | {r.FirstStartSeconds:0.0} s | process start until `/health/live` answers 200, empty data folder |");
        sb.AppendLine($"| **start-up time** | **{r.StartSeconds:0.00} s** | process start until `/health/live` answers 200, on the generated data |");
        sb.AppendLine($"| database size | {Mib(r.DbBytes)} (after the writes: {Mib(r.DbBytesAfter)}) | {(r.Database.StartsWith("SQLite", StringComparison.Ordinal) ? "qifu.db + WAL files" : "pg_database_size")}, after generation |");
        sb.AppendLine($"| search-index size | {Mib(r.IndexBytes)} | files under data/search-index |");
        sb.AppendLine($"| peak memory of the server | {Mib(r.PeakRss)} (after the page loads: {Mib(r.PeakRssLoads)}) | VmHWM from /proc/PID/status at the end of the run |");
        sb.AppendLine();

        var ceiling = r.Runs.FirstOrDefault(x => x.Path == "/health/live");
        sb.AppendLine("## Loads");
        sb.AppendLine();
        sb.AppendLine("| load | path | req/s | p50 ms | p95 ms | p99 ms | ÷ ceiling | server CPU ms/req | requests | non-2xx | errors |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var x in r.Runs)
        {
            var ratio = ceiling is null || x == ceiling || !x.Path.StartsWith('/') ? (x == ceiling ? "1" : "—") : $"{x.Rps / ceiling.Rps * 100:0.0} %";
            sb.AppendLine($"| {x.Name} | `{x.Path}` | {x.Rps:N1} | {x.P50Ms:0.0} | {x.P95Ms:0.0} | {x.P99Ms:0.0} | {ratio} | {x.ServerCpuMsPerRequest:0.00} | {x.Requests:N0} | {x.Non2xx:N0} | {x.Errors:N0} |");
        }
        if (!r.Runs.Any(x => x.Name.StartsWith("dashboard", StringComparison.Ordinal)))
            sb.AppendLine("| dashboard, city and county | `/dashboard?region=…&period=…` | not available | | | | | | | | |");
        sb.AppendLine();
        sb.AppendLine("Commands:");
        sb.AppendLine();
        foreach (var x in r.Runs)
            sb.AppendLine($"- {x.Name}: `{x.Command}`{(x.Note is null ? "" : $" — {Escape(x.Note)}")}");
        sb.AppendLine();
        sb.AppendLine($"The search load cycles through {r.Queries} queries built from the generator's words (bench/platform/Queries.cs); the item and article "
            + "pages through ids of the generated data; the column list through random pages of every column, 30 % of them in the last tenth.");
        sb.AppendLine();

        sb.AppendLine("## One request at a time");
        sb.AppendLine();
        sb.AppendLine("| what | requests | p50 ms | p95 ms | max ms | non-2xx |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var p in r.Probes)
            sb.AppendLine($"| {p.Name} | {p.Requests} | {p.P50Ms:0.0} | {p.P95Ms:0.0} | {p.MaxMs:0.0} | {p.Non2xx} |");
        sb.AppendLine();
        foreach (var c in r.Probes.Select(p => p.Command).Distinct())
            sb.AppendLine($"- `{c}`");
        sb.AppendLine();

        sb.AppendLine("## Import and export");
        sb.AppendLine();
        sb.AppendLine("| what | result | how |");
        sb.AppendLine("|---|---|---|");
        if (r.Import is { } i)
            sb.AppendLine($"| import of {(i.Done ? i.Rows : r.ImportTarget):N0} enterprises (.xlsx) | {(i.Done ? $"**{i.Seconds:0.0} s**, {Mib(i.Bytes)} uploaded" : "not done")} | {Escape(i.Command)}; {Escape(i.Note)} |");
        if (r.Export is { } e)
            sb.AppendLine($"| export (.xlsx) | {(e.Done ? $"**{e.Seconds:0.0} s**, {Mib(e.Bytes)}, {e.Rows:N0} rows" : "not done")} ({e.EnterprisesInDb:N0} enterprises in the database) | {Escape(e.Command)}{(e.Note.Length > 0 ? "; " + Escape(e.Note) : "")} |");
        sb.AppendLine();
        if (r.Notes.Count > 0)
        {
            sb.AppendLine("## Notes");
            sb.AppendLine();
            foreach (var n in r.Notes) sb.AppendLine($"- {Escape(n)}");
            sb.AppendLine();
        }
        sb.AppendLine("Latency under load is mostly queueing (64 connections on a few cores: p95 ≈ connections ÷ rate); the latency targets are judged "
            + "one request at a time, the throughput target (≥ 5 % of the ceiling) under load. Server CPU ms/req hardly depends on other work on the machine; req/s does.");
        return sb.ToString();
    }

    private static string Escape(string s) => s.Replace("|", "\\|").Replace("\n", " ");

    private static string Mib(long bytes) => bytes <= 0 ? "—" : bytes >= 1L << 30 ? $"{bytes / (double)(1L << 30):0.00} GiB" : $"{bytes / 1048576.0:0.0} MiB";

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException) { return "unknown CPU"; }
    }

    private static string MemTotal()
    {
        try
        {
            var kb = long.Parse(File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))["MemTotal:".Length..].Trim().Split(' ')[0],
                CultureInfo.InvariantCulture);
            return $"{kb / 1048576.0:0.0} GiB";
        }
        catch (Exception) { return "unknown"; }
    }

    private static string Os()
    {
        try
        {
            return File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? "Linux";
        }
        catch (IOException) { return "Linux"; }
    }

    private static string Commit()
    {
        try
        {
            var psi = new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var p = Process.Start(psi)!;
            var head = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            var psi2 = new ProcessStartInfo("git", "status --porcelain -- src") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var p2 = Process.Start(psi2)!;
            var dirty = p2.StandardOutput.ReadToEnd().Trim().Length > 0;
            p2.WaitForExit();
            return head.Length == 0 ? "unknown" : head + (dirty ? " + uncommitted changes under src/" : "");
        }
        catch (Exception) { return "unknown"; }
    }
}
