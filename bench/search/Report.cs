using System.Globalization;
using System.Text;

namespace Qifu.Bench.Search;

/// <summary>The markdown report: a summary table with one line per target, then the details, then (in the file) every query.</summary>
public sealed class Report(int docs, string command)
{
    public string? Engine { get; set; }
    public MachineInfo Machine { get; set; } = null!;
    public BuildResult? Build { get; set; }
    public List<CrashTrial> Crashes { get; set; } = [];
    public CorpusStats? Corpus { get; set; }
    public double TruthSeconds { get; set; }
    public List<BenchQuery> Queries { get; set; } = [];
    public List<LatencySample> Latency { get; set; } = [];
    public List<RecallRow> Recall { get; set; } = [];
    public SqlLoad? SqlLoad { get; set; }
    public TimeSpan LikeBudget { get; set; }
    public List<SqlSample> Sql { get; set; } = [];
    public HttpOutcome? Http { get; set; }
    public double TotalSeconds { get; set; }

    private string Step(string step) => $"`{command}` → {step}";

    public string Render(bool withAppendix)
    {
        var md = new StringBuilder();
        var scale = docs == 1_000_000 ? "" : $" (the targets are set for 1,000,000 documents; this run has {docs:N0})";
        md.AppendLine($"# Search benchmark: {docs:N0} documents");
        md.AppendLine();
        md.AppendLine($"Command: `{command}` — run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {TotalSeconds / 60:0.0} min in all" +
                      (Engine is null ? "." : $"; engine and platform built from commit {Engine}."));
        md.AppendLine();
        md.AppendLine($"Machine: `nproc` = {Machine.Cores}, {Size(Machine.MemoryBytes)} RAM, {Machine.Os} (kernel {Machine.Kernel}), " +
                      $"`dotnet --version` = {Machine.DotnetSdk} (runtime {Machine.Runtime}), Lucene.NET 4.8.0-beta00017" +
                      (Http is { Tool.Length: > 0 } ? $", {Http.Tool}" : "") + $". Load average {Machine.LoadBefore} at the start, {Machine.LoadAfter} at the end " +
                      "(the machine is shared: treat differences under ~25 % as noise).");
        md.AppendLine();

        // ------------------------------------------------------------ targets
        md.AppendLine("## Targets" + scale);
        md.AppendLine();
        md.AppendLine("| target | figure | met? | produced by |");
        md.AppendLine("|---|---|---|---|");
        if (Build is { } b)
            md.AppendLine($"| index build ≥ 5,000 docs/s | **{b.DocsPerSecond:N0} docs/s** ({b.Documents:N0} docs in {b.Seconds:0.0} s; {b.DocsPerCpuSecond:N0} docs per CPU-second) | {Met(b.DocsPerSecond >= 5000)} | {Step("1 index build")} |");
        if (Crashes.Count > 0)
            md.AppendLine($"| index survives a crash (reopened consistent, or reset and rebuilt) | **{Crashes.Count(c => c.Ok)} of {Crashes.Count}** kills survived " +
                          $"({Crashes.Count(c => c.Ok && !c.WasReset)} consistent, {Crashes.Count(c => c.WasReset)} reset) | {Met(Crashes.All(c => c.Ok))} | {Step("2 crash survival")} |");
        if (Recall.Count > 0)
        {
            var min = Recall.Min(r => r.Recall);
            var under = Recall.Count(r => r.Recall < 0.99);
            md.AppendLine($"| recall ≥ 99 % for every query | **minimum {Pct(min)}**, {under} of {Recall.Count} queries under 99 % | {Met(under == 0)} | {Step("5 recall")} |");
        }
        if (Latency.Count > 0)
        {
            var p95 = Stats.P(Latency.Select(s => s.Ms), 95);
            md.AppendLine($"| search with facets + highlighted snippets, p95 ≤ 30 ms | **p95 {Ms(p95)} ms** (p50 {Ms(Stats.P(Latency.Select(s => s.Ms), 50))} ms, n = {Latency.Count}) | {Met(p95 <= 30)} | {Step("4 latency")} |");
        }
        if (Http is { Runs.Count: 4 } h)
        {
            var (trivial, api, fresh, page) = (h.Runs[0], h.Runs[1], h.Runs[2], h.Runs[3]);
            md.AppendLine($"| ≥ 300 searches/s at {Connections(api)} clients (the platform as it runs: result cache on) | **{api.Rps:N0} req/s** on `/api/v1/search` | {Met(api.Rps >= 300 && api.Non2xx == 0)} | `{api.Command}` |");
            md.AppendLine($"| the same, every search worked out (result cache bypassed) | **{fresh.Rps:N0} req/s** | {Met(fresh.Rps >= 300 && fresh.Non2xx == 0)} | `{fresh.Command}` |");
            md.AppendLine($"| catalogue page ≥ 5 % of a trivial endpoint's rate | **{page.Rps / trivial.Rps:P1}** ({page.Rps:N0} vs {trivial.Rps:N0} req/s on `/health/live`) | " +
                          $"{Met(page.Rps >= 0.05 * trivial.Rps && page.Non2xx == 0)} | `{page.Command}` |");
        }
        else if (Http?.Problem is { } problem)
            md.AppendLine($"| HTTP targets | not measured: {Escape(problem.Split('\n')[0])} | not met | {Step("7 HTTP")} |");
        if (Sql.Count > 0)
            md.AppendLine($"| (for scale) SQLite `LIKE '%…%'`, page + count | p50 {Ms(Stats.P(Sql.Select(s => s.TotalMs), 50))} ms, **p95 {Ms(Stats.P(Sql.Select(s => s.TotalMs), 95))} ms** (n = {Sql.Count}) | – | {Step("6 SQL LIKE")} |");
        md.AppendLine();

        // ------------------------------------------------------------ corpus
        if (Corpus is { } c)
        {
            md.AppendLine("## Data");
            md.AppendLine();
            md.AppendLine($"- {c.Summary} ({(c.Items + c.Institutions + c.Articles) / Math.Max(0.001, c.Seconds):N0} docs/s on {Machine.Cores} cores, in memory).");
            md.AppendLine($"- Vocabulary: {Search.Corpus.Terms.Length} SME terms with Zipf(0.9) frequencies, {Search.Corpus.RareTerms.Length} rare terms (0.15 % of term draws), " +
                          $"{Search.Corpus.AbsentTerms.Length} terms never written, {Search.Corpus.LatinTokens.Length} Latin tokens (ISO9001 …); facets: 8 categories with sub-categories, " +
                          $"{Search.Corpus.ProvinceRegionCodes.Length} region codes (Hengyang's 15 plus invented ones for the rest of the province), fee, mode, rating band; 5 years of dates.");
            var truths = Recall.Select(r => (double)r.Truth).Order().ToList();
            if (truths.Count > 0)
                md.AppendLine($"- Queries: {Queries.Count} ({string.Join(", ", QueryClass.All.Select(k => $"{Queries.Count(q => q.Class == k)} {k}"))}); " +
                              $"{Queries.Count(q => q.Filtered)} with a category and/or region filter. True hits per query: median {Stats.Percentile(truths, 50):N0}, " +
                              $"p90 {Stats.Percentile(truths, 90):N0}, max {truths[^1]:N0}; {truths.Count(t => t == 0)} match nothing. Ground truth = substring scan of the " +
                              $"generated text in memory ({TruthSeconds:0.0} s), no synonyms.");
            md.AppendLine();
        }

        // ------------------------------------------------------------ build and crash
        if (Build is { } bb)
        {
            md.AppendLine("## 1. Index build");
            md.AppendLine();
            md.AppendLine("| figure | value |");
            md.AppendLine("|---|---|");
            md.AppendLine($"| documents | {bb.Documents:N0} |");
            md.AppendLine($"| `SearchIndex.Rebuild` (open, several indexing threads, commit) over documents already in memory | {bb.Seconds:0.0} s = **{bb.DocsPerSecond:N0} docs/s** |");
            md.AppendLine($"| CPU time of the rebuild | {bb.CpuSeconds:0.0} s = {bb.DocsPerCpuSecond:N0} docs per CPU-second " +
                          $"(≈ {bb.DocsPerCpuSecond * Machine.Cores:N0} docs/s if the rebuild had all {Machine.Cores} cores to itself and kept them busy) |");
            md.AppendLine($"| generating the documents beforehand (not counted) | {bb.GenerateSeconds:0.0} s |");
            md.AppendLine($"| index size on disk | {Size(bb.IndexBytes)} ({bb.Segments} segments) |");
            md.AppendLine($"| peak RSS of the indexing process during the rebuild (VmHWM, reset after generation) | {Size(bb.PeakRssBytes)}, of which " +
                          $"{Size(bb.BaselineRssBytes)} was already resident before the rebuild (runtime + the generated documents) |");
            md.AppendLine($"| settings | engine defaults: {bb.Threads} indexing threads, {bb.RamBufferMB:0} MB RAM buffer |");
            md.AppendLine();
            md.AppendLine($"Produced by {Step("1")}: the child `dotnet Qifu.Bench.Search.dll build-index --docs {docs} --index <work>/index`.");
            md.AppendLine();
        }
        if (Crashes.Count > 0)
        {
            md.AppendLine("## 2. Crash survival");
            md.AppendLine();
            md.AppendLine("A child process writes to its own index and is killed (`Process.Kill`, SIGKILL); then Lucene's CheckIndex looks at the files, " +
                          "`new SearchIndex(path)` opens them, a search and a browse run, and one more document is written and committed.");
            md.AppendLine();
            md.AppendLine("| scenario | killed | CheckIndex | reopened | count = commit data | search works | writable | result |");
            md.AppendLine("|---|---|---|---|---|---|---|---|");
            foreach (var t in Crashes)
                md.AppendLine($"| {t.Scenario} | {t.KilledWhen} | {t.CheckIndexNote} | {(t.WasReset ? "reset: " + Escape(t.ResetReason ?? "") : "as is")} | " +
                              $"{t.CountAfter:N0} / {t.LastChangeIdAfter:N0} | {YesNo(t.SearchWorks)} | {YesNo(t.WritableAfter)} | {(t.Ok ? "ok" : "**FAILED**")}: {t.Outcome} |");
            md.AppendLine();
            md.AppendLine($"Produced by {Step("2")}: children `crash-put` / `crash-rebuild`.");
            md.AppendLine();
        }

        // ------------------------------------------------------------ recall
        if (Recall.Count > 0)
        {
            md.AppendLine("## 3. Recall (engine vs substring scan)");
            md.AppendLine();
            md.AppendLine($"The engine shows at most {Qifu.Web.Modules.Search.Engine.SearchIndex.MaxWindow:N0} results per query (pages of ≤ 100), so the exact id set is " +
                          "compared when the truth fits in that window; above it recall is Total ÷ truth, the first 100 ids are checked for false hits, and the " +
                          "engine's category facet counts (over all matches) are compared with the truth's.");
            md.AppendLine();
            md.AppendLine("| class | n | min recall | mean recall | under 99 % | id sets compared | false hits | facet counts differ |");
            md.AppendLine("|---|---|---|---|---|---|---|---|");
            foreach (var (name, rows) in Groups(Recall, r => r.Query))
                md.AppendLine($"| {name} | {rows.Count} | {Pct(rows.Min(r => r.Recall))} | {Pct(rows.Average(r => r.Recall))} | {rows.Count(r => r.Recall < 0.99)} | " +
                              $"{rows.Count(r => r.Exact)} | {rows.Sum(r => r.FalseHits)} | {rows.Count(r => r.FacetMismatch)} |");
            md.AppendLine();
            var bad = Recall.Where(r => r.Recall < 0.99 || r.FalseHits > 0 || r.FacetMismatch).OrderBy(r => r.Recall).ToList();
            if (bad.Count > 0)
            {
                md.AppendLine("Queries under 99 %, with false hits or with differing facet counts:");
                md.AppendLine();
                md.AppendLine("| # | query | truth | engine total | recall | false hits | facets differ |");
                md.AppendLine("|---|---|---|---|---|---|---|");
                foreach (var r in bad.Take(40))
                    md.AppendLine($"| {r.Query.Number} | {Escape(r.Query.Describe())} | {r.Truth:N0} | {r.Total:N0} | {Pct(r.Recall)} | {r.FalseHits} | {YesNo(r.FacetMismatch)} |");
                md.AppendLine();
            }
            md.AppendLine($"Produced by {Step("5")}.");
            md.AppendLine();
        }

        // ------------------------------------------------------------ latency
        if (Latency.Count > 0)
        {
            md.AppendLine("## 4. Latency, one client, in process");
            md.AppendLine();
            md.AppendLine($"One `SearchIndex.Search` call per query (relevance order, facet counts over all matches, 20 hits with highlighted title and snippet), " +
                          $"after {EngineBench.WarmUp} warm-up searches of other queries (none of the timed set, so none is searched before it is timed; the JIT has settled); warm page cache. {Latency.Count(s => s.Highlighted)} of {Latency.Count} results carried `<mark>`.");
            md.AppendLine();
            md.AppendLine("| class | n | p50 ms | p95 ms | p99 ms | max ms | median hits |");
            md.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var (name, rows) in Groups(Latency, s => s.Query))
            {
                var ms = rows.Select(s => s.Ms).Order().ToList();
                md.AppendLine($"| {name} | {rows.Count} | {Ms(Stats.Percentile(ms, 50))} | {Ms(Stats.Percentile(ms, 95))} | {Ms(Stats.Percentile(ms, 99))} | {Ms(ms[^1])} | " +
                              $"{Stats.P(rows.Select(s => (double)s.Total), 50):N0} |");
            }
            md.AppendLine();
            md.AppendLine("By number of matches (the engine counts facets over every match, so cost grows with the matches, not with the page):");
            md.AppendLine();
            md.AppendLine("| matches | n | p50 ms | p95 ms | max ms |");
            md.AppendLine("|---|---|---|---|---|");
            foreach (var (label, lo, hi) in new[] { ("0", 0, 0), ("1–999", 1, 999), ("1,000–9,999", 1000, 9999), ("10,000–99,999", 10_000, 99_999), ("≥ 100,000", 100_000, int.MaxValue) })
            {
                var ms = Latency.Where(s => s.Total >= lo && s.Total <= hi).Select(s => s.Ms).Order().ToList();
                if (ms.Count > 0) md.AppendLine($"| {label} | {ms.Count} | {Ms(Stats.Percentile(ms, 50))} | {Ms(Stats.Percentile(ms, 95))} | {Ms(ms[^1])} |");
            }
            md.AppendLine();
            md.AppendLine("Slowest queries:");
            md.AppendLine();
            md.AppendLine("| # | query | class | hits | ms |");
            md.AppendLine("|---|---|---|---|---|");
            foreach (var s in Latency.OrderByDescending(s => s.Ms).Take(8))
                md.AppendLine($"| {s.Query.Number} | {Escape(s.Query.Describe())} | {s.Query.Class} | {s.Total:N0} | {Ms(s.Ms)} |");
            md.AppendLine();
            md.AppendLine($"Produced by {Step("4")}.");
            md.AppendLine();
        }

        // ------------------------------------------------------------ SQL
        if (SqlLoad is { } load)
        {
            md.AppendLine("## 5. SQLite `LIKE '%…%'` on the same data, same run");
            md.AppendLine();
            md.AppendLine($"Load: {load.Rows:N0} rows in one transaction with prepared statements (journal off) in {load.InsertSeconds:0.0} s " +
                          $"({load.Rows / Math.Max(0.001, load.InsertSeconds):N0} rows/s), `published` index + ANALYZE {load.IndexSeconds:0.0} s, file {Size(load.FileBytes)}. " +
                          "Query per search: `SELECT … WHERE (title LIKE '%w%' OR body LIKE '%w%') AND … [AND id IN (category/region table)] ORDER BY published DESC LIMIT 20` " +
                          $"plus the same `COUNT(*)`; queries in the shuffled order until the {LikeBudget.TotalSeconds:0} s budget is spent.");
            md.AppendLine();
            if (Sql.Count > 0)
            {
                var match = Sql.Count(s => s.Count == s.Truth);
                md.AppendLine("| class | n | page p50 / p95 ms | count p50 / p95 ms | **page+count p50 / p95 ms** | max ms |");
                md.AppendLine("|---|---|---|---|---|---|");
                foreach (var (name, rows) in Groups(Sql, s => s.Query))
                    md.AppendLine($"| {name} | {rows.Count} | {Ms(Stats.P(rows.Select(s => s.PageMs), 50))} / {Ms(Stats.P(rows.Select(s => s.PageMs), 95))} | " +
                                  $"{Ms(Stats.P(rows.Select(s => s.CountMs), 50))} / {Ms(Stats.P(rows.Select(s => s.CountMs), 95))} | " +
                                  $"**{Ms(Stats.P(rows.Select(s => s.TotalMs), 50))} / {Ms(Stats.P(rows.Select(s => s.TotalMs), 95))}** | {Ms(rows.Max(s => s.TotalMs))} |");
                md.AppendLine();
                md.AppendLine($"LIKE counts equal the substring scan for {match} of {Sql.Count} queries. Produced by {Step("6")}.");
                md.AppendLine();
            }
        }

        // ------------------------------------------------------------ HTTP
        if (Http is { } http)
        {
            md.AppendLine("## 6. Throughput over HTTP (the real platform, its own process)");
            md.AppendLine();
            md.AppendLine($"`dotnet Qifu.Web.dll` (Release, `ASPNETCORE_ENVIRONMENT=Production`, `Qifu__DemoData=true` on a temp data folder, " +
                          $"`Search__IndexPath=<the built index>`; its follower added the demo records: {http.IndexCount:N0} documents). wrk and the server share the same cores; " +
                          $"each endpoint gets a warm-up run first. Paths: one query of the set at random per request, filters as query parameters. Peak RSS of the server (VmHWM): {Size(http.AppPeakRss)}.");
            md.AppendLine();
            if (http.Runs.Count > 0)
            {
                var trivial = http.Runs[0].Rps;
                md.AppendLine("| endpoint | req/s | ratio to trivial | p50 / p95 / p99 ms | max ms | non-2xx | timeouts | server CPU per request | server cores busy | command |");
                md.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
                foreach (var r in http.Runs)
                    md.AppendLine($"| {r.Name} `{r.Path}` | **{r.Rps:N0}** | {r.Rps / trivial:0.0000} | {Ms(r.P50Ms)} / {Ms(r.P95Ms)} / {Ms(r.P99Ms)} | {Ms(r.MaxMs)} | " +
                                  $"{r.Non2xx} | {r.Timeouts} | {Ms(r.ServerCpuMsPerRequest)} ms | {r.ServerCores:0.00} | `{r.Command}` |");
                md.AppendLine();
                md.AppendLine($"Server CPU per request = CPU time of the server process during the measured run ÷ requests; \"cores busy\" = that CPU time ÷ wall time " +
                              $"(of {Machine.Cores}). At 64 connections latency is mostly queueing (≈ 64 ÷ req/s). The app searches with its synonym list " +
                              "(融资 = 贷款 = 借款 …, seeded at start), so some queries match more than in process. The platform keeps each searcher's " +
                              "results (up to 2,048, dropped at the next refresh, as Solr's query result cache does): with 200 distinct paths the search API and the " +
                              "page are mostly answered from it; the run with `Cache-Control: no-cache` makes the engine work out every request.");
                md.AppendLine();
            }
            if (http.Problem is not null)
            {
                md.AppendLine("The HTTP run failed:");
                md.AppendLine();
                md.AppendLine("```");
                md.AppendLine(http.Problem);
                md.AppendLine("```");
                md.AppendLine();
            }
        }

        // ------------------------------------------------------------ per query
        if (withAppendix && Recall.Count > 0)
        {
            md.AppendLine("## Every query");
            md.AppendLine();
            md.AppendLine("| # | class | query | filters | truth | engine total | recall | ids compared | engine ms | LIKE ms (page+count) |");
            md.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
            var lat = Latency.ToDictionary(s => s.Query.Number);
            var sql = Sql.ToDictionary(s => s.Query.Number);
            foreach (var r in Recall.OrderBy(r => r.Query.Number))
            {
                var q = r.Query;
                var filters = string.Join(" ", new[] { q.Category is null ? null : "category=" + q.Category, q.Region is null ? null : "region=" + q.Region }.Where(f => f is not null));
                md.AppendLine($"| {q.Number} | {q.Class} | {Escape(q.Text)} | {filters} | {r.Truth:N0} | {r.Total:N0} | {Pct(r.Recall)} | {YesNo(r.Exact)} | " +
                              $"{(lat.TryGetValue(q.Number, out var l) ? Ms(l.Ms) : "–")} | {(sql.TryGetValue(q.Number, out var s) ? Ms(s.TotalMs) : "–")} |");
            }
            md.AppendLine();
        }
        return md.ToString();
    }

    /// <summary>Each class, then filtered / unfiltered, then all.</summary>
    private static IEnumerable<(string Name, List<T> Rows)> Groups<T>(IReadOnlyList<T> rows, Func<T, BenchQuery> query)
    {
        foreach (var cls in QueryClass.All)
        {
            var inClass = rows.Where(r => query(r).Class == cls).ToList();
            if (inClass.Count > 0) yield return (cls, inClass);
        }
        var filtered = rows.Where(r => query(r).Filtered).ToList();
        var plain = rows.Where(r => !query(r).Filtered).ToList();
        if (filtered.Count > 0) yield return ("with a filter", filtered);
        if (plain.Count > 0) yield return ("without a filter", plain);
        yield return ("**all**", rows.ToList());
    }

    private static string Connections(HttpRun run) =>
        run.Command.Split(' ').FirstOrDefault(p => p.StartsWith("-c", StringComparison.Ordinal))?[2..] ?? "64";

    public static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.00} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0} MiB",
        _ => $"{bytes / 1024.0:0} KiB",
    };

    public static string Ms(double ms) => double.IsNaN(ms) ? "–" : ms < 10 ? ms.ToString("0.00", CultureInfo.InvariantCulture) : ms < 100 ? ms.ToString("0.0", CultureInfo.InvariantCulture) : ms.ToString("N0", CultureInfo.InvariantCulture);
    private static string Pct(double v) => (v * 100).ToString(v >= 0.9995 && v < 1 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " %";
    private static string Met(bool met) => met ? "**met**" : "**not met**";
    private static string YesNo(bool v) => v ? "yes" : "no";
    private static string Escape(string s) => s.Replace("|", "\\|").Replace("\n", " ");
}
