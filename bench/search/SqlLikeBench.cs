using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Qifu.Bench.Search;

public sealed record SqlLoad(double InsertSeconds, double IndexSeconds, long FileBytes, int Rows);

public sealed record SqlSample(BenchQuery Query, double PageMs, double CountMs, int Count, int Truth)
{
    public double TotalMs => PageMs + CountMs;
}

/// <summary>
/// What such platforms do today: the same documents in SQLite, each word as <c>(title LIKE '%w%' OR body LIKE '%w%')</c>, the filters,
/// <c>ORDER BY published DESC LIMIT 20</c> for the page plus <c>COUNT(*)</c> for the pager. Categories and regions are many-to-many
/// (an institution has several), so they sit in their own tables with (value, doc) keys.
/// </summary>
public static class SqlLikeBench
{
    public static SqlLoad Load(string file, Doc[] docs)
    {
        if (File.Exists(file)) File.Delete(file);
        using var db = Open(file);
        Exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;");
        Exec(db, """
            CREATE TABLE docs(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, published INTEGER NOT NULL);
            CREATE TABLE doc_category(category TEXT NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY(category, doc)) WITHOUT ROWID;
            CREATE TABLE doc_region(region TEXT NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY(region, doc)) WITHOUT ROWID;
            """);
        var clock = Stopwatch.StartNew();
        using (var tx = db.BeginTransaction())
        {
            using var insert = Command(db, "INSERT INTO docs VALUES($id, $kind, $title, $body, $published)", "$id", "$kind", "$title", "$body", "$published");
            using var category = Command(db, "INSERT INTO doc_category VALUES($v, $doc)", "$v", "$doc");
            using var region = Command(db, "INSERT INTO doc_region VALUES($v, $doc)", "$v", "$doc");
            foreach (var d in docs)
            {
                insert.Parameters[0].Value = d.Index;
                insert.Parameters[1].Value = Doc.KindCode(d.Kind);
                insert.Parameters[2].Value = d.Title;
                insert.Parameters[3].Value = d.Body;
                insert.Parameters[4].Value = d.Published.Ticks;
                insert.ExecuteNonQuery();
                foreach (var c in d.Categories)
                {
                    category.Parameters[0].Value = c;
                    category.Parameters[1].Value = d.Index;
                    category.ExecuteNonQuery();
                }
                foreach (var r in d.Regions)
                {
                    region.Parameters[0].Value = r;
                    region.Parameters[1].Value = d.Index;
                    region.ExecuteNonQuery();
                }
            }
            tx.Commit();
        }
        var insertSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        Exec(db, "CREATE INDEX docs_published ON docs(published); ANALYZE;");
        var indexSeconds = clock.Elapsed.TotalSeconds;
        db.Close();
        return new SqlLoad(insertSeconds, indexSeconds, new FileInfo(file).Length, docs.Length);
    }

    /// <summary>Runs the queries in order until the budget is spent (the order is shuffled, so any prefix is a fair mix).</summary>
    public static List<SqlSample> Run(string file, IReadOnlyList<BenchQuery> queries, GroundTruth truth, TimeSpan budget, Action<string> progress)
    {
        using var db = Open(file);
        foreach (var q in queries.Take(10)) { Page(db, q); Count(db, q); }
        var samples = new List<SqlSample>();
        var spent = Stopwatch.StartNew();
        var clock = new Stopwatch();
        foreach (var q in queries)
        {
            if (spent.Elapsed > budget) break;
            clock.Restart();
            Page(db, q);
            var pageMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var count = Count(db, q);
            var countMs = clock.Elapsed.TotalMilliseconds;
            samples.Add(new SqlSample(q, pageMs, countMs, count, truth.For(q).Count()));
            if (samples.Count % 25 == 0) progress($"  LIKE: {samples.Count} queries in {spent.Elapsed.TotalSeconds:0} s");
        }
        return samples;
    }

    private static (string Where, List<(string, object)> Parameters) Where(BenchQuery q)
    {
        var clauses = new List<string>();
        var parameters = new List<(string, object)>();
        for (var i = 0; i < q.Words.Length; i++)
        {
            clauses.Add($"(title LIKE $w{i} OR body LIKE $w{i})");
            parameters.Add(($"$w{i}", "%" + q.Words[i] + "%"));
        }
        if (q.Category is { } c)
        {
            clauses.Add("id IN (SELECT doc FROM doc_category WHERE category = $category)");
            parameters.Add(("$category", c));
        }
        if (q.Region is { } r)
        {
            clauses.Add("id IN (SELECT doc FROM doc_region WHERE region = $region)");
            parameters.Add(("$region", r));
        }
        return (string.Join(" AND ", clauses), parameters);
    }

    private static void Page(SqliteConnection db, BenchQuery q)
    {
        var (where, parameters) = Where(q);
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT id, title, substr(body, 1, 120) FROM docs WHERE {where} ORDER BY published DESC LIMIT 20";
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) { _ = reader.GetInt64(0); _ = reader.GetString(1); _ = reader.GetString(2); }
    }

    private static int Count(SqliteConnection db, BenchQuery q)
    {
        var (where, parameters) = Where(q);
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT COUNT(*) FROM docs WHERE {where}";
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        return Convert.ToInt32(cmd.ExecuteScalar());
    }

    private static SqliteConnection Open(string file)
    {
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        db.Open();
        Exec(db, "PRAGMA cache_size=-262144;"); // 256 MiB page cache, as a tuned server would have
        return db;
    }

    private static void Exec(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection db, string sql, params string[] names)
    {
        var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        foreach (var name in names) cmd.Parameters.Add(new SqliteParameter(name, null));
        cmd.Prepare();
        return cmd;
    }
}
