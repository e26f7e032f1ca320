using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Qifu.Web.Modules.Search;
using Qifu.Web.Modules.Search.Engine;

namespace Qifu.Bench.Search;

/// <param name="Seconds">The engine's rebuild over documents already in memory: what the 5,000 docs/s target is about.</param>
/// <param name="GenerateSeconds">Generating the documents first (not part of the rate).</param>
/// <param name="BaselineRssBytes">RSS with the documents in memory, before the rebuild; the peak is measured from there.</param>
public sealed record BuildResult(int Documents, double Seconds, double GenerateSeconds, double DocsPerSecond, long IndexBytes, int Segments,
    long PeakRssBytes, long BaselineRssBytes, int Threads, double RamBufferMB, double CpuSeconds)
{
    /// <summary>Documents per CPU-second of the rebuild: what the engine would do per core on a machine free of other work.</summary>
    public double DocsPerCpuSecond => CpuSeconds > 0 ? Documents / CpuSeconds : 0;
}

public sealed record CrashTrial(string Scenario, string KilledWhen, long LastCommitted, long? InFlight, bool CheckIndexClean, string CheckIndexNote,
    bool WasReset, string? ResetReason, int CountAfter, long LastChangeIdAfter, bool SearchWorks, bool WritableAfter, bool Ok, string Outcome);

/// <summary>Index build (in a child process, so its peak RSS is the indexer's own) and crash survival (children killed mid-write).</summary>
public static class IndexBench
{
    // ------------------------------------------------------------------ child processes

    /// <summary>`build-index --docs N --index PATH`: the engine's rebuild path over a stream of generated documents.</summary>
    public static int BuildChild(Args args)
    {
        var docs = args.Int("docs", 1_000_000);
        var path = args.Get("index") ?? throw new ArgumentException("--index");
        var options = new SearchIndexOptions();

        // The documents are generated first (as a database read would deliver them), so the rate is the engine's alone.
        var clock = Stopwatch.StartNew();
        var corpus = Corpus.Build(docs);
        var generate = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"PROGRESS generated {docs} documents in {generate:0.0} s");
        GC.Collect(2, GCCollectionMode.Forced, true, true);
        Proc.ResetPeak();
        var baseline = Proc.Rss();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;

        clock.Restart();
        using var index = new SearchIndex(path, options);
        var produced = 0;
        IEnumerable<SearchDocument> Documents()
        {
            foreach (var doc in corpus)
            {
                if (++produced % 100_000 == 0) Console.WriteLine($"PROGRESS indexed {produced} documents in {clock.Elapsed.TotalSeconds:0.0} s");
                yield return doc.ToSearchDocument();
            }
        }
        index.Rebuild(Documents(), 0);
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var peak = Proc.PeakRss();
        var count = index.Count;
        index.Dispose();
        var result = new BuildResult(count, seconds, generate, count / seconds, DirectoryBytes(path), Segments(path), peak, baseline,
            options.RebuildThreads > 0 ? options.RebuildThreads : Environment.ProcessorCount, options.RebuildRamBufferMB, cpuSeconds);
        Console.WriteLine("RESULT " + JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>`crash-put --index PATH`: puts batches of documents and commits each (commit data = documents so far) until killed.</summary>
    public static int CrashPutChild(Args args)
    {
        var path = args.Get("index")!;
        var batch = args.Int("batch", 2000);
        using var index = new SearchIndex(path);
        long total = 0;
        for (var b = 0; b < 500; b++)
        {
            foreach (var doc in Corpus.Stream(batch, (int)total, Corpus.Seed + 1)) index.Put(doc.ToSearchDocument());
            total += batch;
            Console.WriteLine($"COMMITTING {total}");
            index.Commit(total);
            Console.WriteLine($"COMMITTED {total}");
        }
        return 0;
    }

    /// <summary>`crash-rebuild --index PATH`: commits a small index, then rebuilds it from a long stream until killed.</summary>
    public static int CrashRebuildChild(Args args)
    {
        var path = args.Get("index")!;
        using var index = new SearchIndex(path);
        foreach (var doc in Corpus.Stream(3000, 0, Corpus.Seed + 2)) index.Put(doc.ToSearchDocument());
        index.Commit(3000);
        Console.WriteLine("COMMITTED 3000");
        Console.WriteLine("REBUILDING");
        index.Rebuild(Corpus.Stream(5_000_000, 0, Corpus.Seed + 3).Select(d => d.ToSearchDocument()), 5_000_000);
        Console.WriteLine("COMMITTED 5000000");
        return 0;
    }

    // ------------------------------------------------------------------ parent side

    public static BuildResult Build(string self, int docs, string indexPath, Action<string> progress)
    {
        var (code, lines) = Child.Run(self, ["build-index", "--docs", docs.ToString(CultureInfo.InvariantCulture), "--index", indexPath], line =>
        {
            if (line.StartsWith("PROGRESS ", StringComparison.Ordinal)) progress("  " + line[9..]);
        });
        var result = lines.LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        if (code != 0 || result is null) throw new InvalidOperationException($"index build child failed ({code}):\n{string.Join('\n', lines.TakeLast(30))}");
        return JsonSerializer.Deserialize<BuildResult>(result["RESULT ".Length..])!;
    }

    public static List<CrashTrial> CrashSurvival(string self, string work, Action<string> progress)
    {
        var trials = new List<CrashTrial>();
        var rng = new Rng(Rng.Mix(Corpus.Seed, 0xDEAD));
        for (var t = 0; t < 3; t++)
        {
            // Kill at a random moment after the second commit: during Put, during the flush of a commit, or between.
            var delay = 100 + rng.Int(1500);
            trials.Add(Trial(self, Path.Combine(work, $"crash-put-{t}"), "crash-put", "COMMITTED", 2, delay,
                $"put+commit loop, killed {delay} ms after the 2nd commit", progress));
        }
        var rebuildDelay = 1500 + rng.Int(2500);
        trials.Add(Trial(self, Path.Combine(work, "crash-rebuild"), "crash-rebuild", "REBUILDING", 1, rebuildDelay,
            $"rebuild over a committed index, killed {rebuildDelay} ms into the rebuild", progress));
        return trials;
    }

    private static CrashTrial Trial(string self, string path, string mode, string trigger, int triggerCount, int delayMs, string scenario, Action<string> progress)
    {
        if (System.IO.Directory.Exists(path)) System.IO.Directory.Delete(path, true);
        long lastCommitted = 0;
        long? inFlight = null;
        var seen = 0;
        var armed = new ManualResetEventSlim();
        var psi = Child.Start(self, [mode, "--index", path]);
        using var process = Process.Start(psi)!;
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line) return;
            lock (armed)
            {
                if (line.StartsWith("COMMITTING ", StringComparison.Ordinal)) inFlight = long.Parse(line[11..], CultureInfo.InvariantCulture);
                if (line.StartsWith("COMMITTED ", StringComparison.Ordinal)) { lastCommitted = long.Parse(line[10..], CultureInfo.InvariantCulture); inFlight = null; }
                if (line.StartsWith(trigger, StringComparison.Ordinal) && ++seen >= triggerCount) armed.Set();
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!armed.Wait(TimeSpan.FromSeconds(120))) throw new InvalidOperationException($"{mode} child never reached {trigger}");
        Thread.Sleep(delayMs);
        var exitedEarly = process.HasExited;
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        long committed;
        long? flight;
        lock (armed) { committed = lastCommitted; flight = inFlight; }
        var when = exitedEarly ? "the child had already finished" : flight is { } f ? $"during the commit of {f:N0}" : $"after commit {committed:N0}, while adding";

        // What Lucene itself makes of the files, before the engine touches them.
        bool clean;
        string note;
        try
        {
            using var dir = FSDirectory.Open(path);
            var status = new CheckIndex(dir).DoCheckIndex();
            clean = status.Clean;
            note = status.MissingSegments ? "no commit point" : $"{status.NumSegments} segments, clean={status.Clean}";
        }
        catch (Exception ex)
        {
            clean = false;
            note = "CheckIndex failed: " + ex.GetType().Name;
        }

        using var index = new SearchIndex(path);
        var wasReset = index.WasReset;
        var count = index.Count;
        var last = index.LastChangeId;
        var searchWorks = false;
        try
        {
            var hits = index.Search(new SearchRequest { Query = "融资" });
            var all = index.Search(new SearchRequest());
            searchWorks = hits.Total <= count && all.Total == count;
        }
        catch (Exception) { }
        if (wasReset)
        {
            // The node rebuilds a reset index from its sources: do the same and check it.
            index.Rebuild(Corpus.Stream(3000, 0, Corpus.Seed + 2).Select(d => d.ToSearchDocument()), 3000);
        }
        var before = index.Count;
        var writable = false;
        try
        {
            index.Put(Corpus.Generate(9_999_999, Corpus.Seed + 9).ToSearchDocument());
            index.Commit(index.LastChangeId + 1);
            writable = index.Count == before + 1;
        }
        catch (Exception) { }

        // Consistent: what the last finished commit (or the one in flight when killed) says, and the documents match it.
        var expected = mode == "crash-rebuild" ? new long[] { 3000 } : flight is { } fl ? [committed, fl] : [committed];
        var consistent = !wasReset && count == last && expected.Contains(last);
        var ok = (consistent || wasReset) && searchWorks && writable;
        var outcome = wasReset
            ? $"reset ({index.ResetReason}) → rebuilt"
            : consistent ? $"consistent: {count:N0} documents = last commit" : $"INCONSISTENT: {count:N0} documents, commit data {last:N0}, expected {string.Join(" or ", expected)}";
        progress($"  {scenario}: killed {when}; {outcome}; CheckIndex {note}");
        return new CrashTrial(scenario, when, committed, flight, clean, note, wasReset, index.ResetReason, count, last, searchWorks, writable, ok, outcome);
    }

    public static long DirectoryBytes(string path) =>
        new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    public static int Segments(string path)
    {
        using var dir = FSDirectory.Open(path);
        using var reader = DirectoryReader.Open(dir);
        return reader.Leaves.Count;
    }
}

public static class Proc
{
    /// <summary>VmHWM (peak resident set) of a process, from /proc.</summary>
    public static long PeakRss(int? pid = null) => StatusKb(pid, "VmHWM:") * 1024;
    public static long Rss(int? pid = null) => StatusKb(pid, "VmRSS:") * 1024;

    /// <summary>Resets this process's VmHWM to its current RSS (Linux ≥ 4.0: "5" to clear_refs).</summary>
    public static void ResetPeak()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); } catch (Exception) { }
    }

    private static long StatusKb(int? pid, string key)
    {
        try
        {
            var line = File.ReadLines(pid is null ? "/proc/self/status" : $"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException) { return 0; }
    }
}

/// <summary>Runs this program again as a child (`dotnet Qifu.Bench.Search.dll mode …`).</summary>
public static class Child
{
    public static ProcessStartInfo Start(string self, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(self);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return psi;
    }

    public static (int Code, List<string> Lines) Run(string self, IEnumerable<string> args, Action<string> onLine)
    {
        var lines = new List<string>();
        using var process = Process.Start(Start(self, args))!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (lines) lines.Add(e.Data);
            onLine(e.Data);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (lines) lines.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        return (process.ExitCode, lines);
    }
}
