using System.Diagnostics;
using Qifu.Web.Modules.Search.Engine;

namespace Qifu.Bench.Search;

/// <summary>
/// `profile --index DIR [--rounds R] [--threads T] [--seconds S] [--word-cache N] [--postings-in-memory] [--top N]` (or `--paths FILE`: write the queries' API paths and stop): where the CPU of an uncached search goes, against an index built
/// before (`build-index --docs N --index DIR`). Part 1 runs the 200 timed queries one at a time, <paramref name="rounds"/> times,
/// with the thread's CPU clock handed to the engine (<see cref="SearchTimings"/>), and prints CPU ms per search and per phase (mean,
/// p50, p95). Part 2 runs the same queries from T threads for S seconds and prints the process's CPU per search (as the platform
/// spends it under load, GC included) and the rate. Every search is worked out (Fresh, and the result cache is off).
/// </summary>
public static class Profile
{
    public static int Run(Args a)
    {
        var queries = QuerySet.Build();
        if (a.Get("paths") is { } pathsFile)
        {
            // For loading a running platform by hand (wrk with a script over these paths).
            File.WriteAllLines(pathsFile, queries.Select(q => "/api/v1/search?" + q.QueryString()));
            return 0;
        }
        var options = EngineBench.Uncached with { WordCacheSize = a.Int("word-cache", new SearchIndexOptions().WordCacheSize), PostingsInMemory = a.Has("postings-in-memory") };
        using var index = new SearchIndex(a.Get("index") ?? throw new ArgumentException("--index"), options);
        foreach (var q in QuerySet.WarmUp(EngineBench.WarmUp)) index.Search(new() { Query = q.Text, Filters = q.Filters, Fresh = true });
        Bench.Say($"index: {index.Count:N0} documents; {queries.Count} queries; word cache {options.WordCacheSize}, postings in memory {options.PostingsInMemory}; load average {File.ReadAllText("/proc/loadavg").Trim()}");

        var rounds = a.Int("rounds", 3);
        var timings = new SearchTimings(ThreadCpu.Ms);
        var perPhase = SearchTimings.Phases.ToDictionary(p => p, _ => new List<double>());
        var totals = new List<double>();
        var gc = GC.CollectionCount(0);
        var perQuery = queries.ToDictionary(q => q, _ => new Dictionary<string, double>());
        for (var round = 0; round < rounds; round++)
            foreach (var q in queries)
            {
                timings.Clear();
                var cpu = ThreadCpu.Ms();
                index.Search(new() { Query = q.Text, Filters = q.Filters, Fresh = true, Timings = timings });
                totals.Add(ThreadCpu.Ms() - cpu);
                foreach (var phase in SearchTimings.Phases)
                {
                    perPhase[phase].Add(timings.Ms[phase]);
                    perQuery[q][phase] = perQuery[q].GetValueOrDefault(phase) + timings.Ms[phase] / rounds;
                }
                perQuery[q]["total"] = perQuery[q].GetValueOrDefault("total") + totals[^1] / rounds;
            }
        Bench.Say($"one at a time, {totals.Count} searches ({rounds} rounds), gen0 GCs {GC.CollectionCount(0) - gc}: thread CPU per search");
        Bench.Say($"  {"phase",-10} {"mean",7} {"p50",7} {"p95",7}  ms");
        foreach (var phase in SearchTimings.Phases)
            Bench.Say($"  {phase,-10} {perPhase[phase].Average(),7:0.000} {Stats.P(perPhase[phase], 50),7:0.000} {Stats.P(perPhase[phase], 95),7:0.000}");
        Bench.Say($"  {"total",-10} {totals.Average(),7:0.000} {Stats.P(totals, 50),7:0.000} {Stats.P(totals, 95),7:0.000}");

        // The costliest queries, with their phases (`--top N`): where a change to the engine would pay.
        var top = a.Int("top", 0);
        foreach (var (q, ms) in perQuery.OrderByDescending(p => p.Value["total"]).Take(top))
            Bench.Say($"  {ms["total"],7:0.00} ms  match {ms[SearchTimings.Match],5:0.00} facets {ms[SearchTimings.Facets],5:0.00} rank {ms[SearchTimings.Rank],5:0.00}  {q.Class,-12} {q.Text} {string.Join(' ', q.Filters.Select(f => f.Key + "=" + f.Value))}");

        var threads = a.Int("threads", 0);
        if (threads > 0)
        {
            var seconds = a.Int("seconds", 10);
            var done = 0;
            var stop = Stopwatch.StartNew();
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            gc = GC.CollectionCount(0);
            var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
            {
                var random = new Random(t);
                while (stop.Elapsed.TotalSeconds < seconds)
                {
                    var q = queries[random.Next(queries.Count)];
                    index.Search(new() { Query = q.Text, Filters = q.Filters, Fresh = true });
                    Interlocked.Increment(ref done);
                }
            })).ToList();
            workers.ForEach(w => w.Start());
            workers.ForEach(w => w.Join());
            process.Refresh();
            var cpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
            Bench.Say($"{threads} threads for {stop.Elapsed.TotalSeconds:0.0} s: {done:N0} searches = {done / stop.Elapsed.TotalSeconds:0} /s; " +
                $"process CPU {cpuMs / done:0.00} ms per search; gen0 GCs {GC.CollectionCount(0) - gc}; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        }
        return 0;
    }
}
