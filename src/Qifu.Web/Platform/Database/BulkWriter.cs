using System.Collections;
using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
namespace Qifu.Web.Platform.Database;

/// <summary>
/// Writes entity objects straight into their tables, bypassing the change tracker: on SQLite one prepared INSERT per table run
/// inside one transaction per call, on PostgreSQL binary COPY (<see cref="NpgsqlBinaryImporter"/>). What goes where comes from
/// the EF model (<see cref="AppDbContext.Model"/>): the table of the entity type, the column of each property and of each property
/// of a complex type, the value converters of the type mappings (enums, UTC times), owned types kept in a JSON column (written as EF
/// writes them) or in a table of their own (written after their owners, keyed by them). Keys the database generates (long
/// identities) are left to the database. Navigations to other entities are not followed: write those entities in their own call,
/// parents first. Used by the scale-data generator only (`seed --scale N`), with nothing else writing.
/// </summary>
public sealed class BulkWriter : IAsyncDisposable
{
    private readonly AppDbContext _db;
    private readonly bool _sqlite;
    private readonly DbConnection _connection;
    private readonly Dictionary<Type, Table> _tables = [];
    private readonly Dictionary<string, long> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> _times = new(StringComparer.Ordinal);

    /// <summary>True when the writer works inside the caller's transaction (<see cref="Within"/>): no transaction of its own, no pragmas.</summary>
    private bool _within;

    private BulkWriter(AppDbContext db)
    {
        _db = db;
        _sqlite = db.Database.IsSqlite();
        _connection = db.Database.GetDbConnection();
    }

    /// <summary>Time spent writing (the rest of a run is building the rows).</summary>
    public TimeSpan WriteTime { get; private set; }

    /// <summary>Time spent writing, per table.</summary>
    public IReadOnlyDictionary<string, TimeSpan> TimePerTable => _times;

    /// <summary>Rows written so far, per table.</summary>
    public IReadOnlyDictionary<string, long> RowsPerTable => _rows;

    /// <summary>Opens the context's connection for the whole run; on SQLite without fsync and with a large page cache (a crash
    /// mid-seed means seeding again anyway). The journal mode stays what the app set (WAL).</summary>
    public static async Task<BulkWriter> OpenAsync(AppDbContext db)
    {
        await db.Database.OpenConnectionAsync();
        var writer = new BulkWriter(db);
        if (writer._sqlite) await writer.ExecuteAsync("PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;");
        return writer;
    }

    /// <summary>A writer inside the caller's open transaction (e.g. an import, with its audit entry in the same transaction): rows are
    /// committed or rolled back with it.</summary>
    public static BulkWriter Within(AppDbContext db) =>
        db.Database.CurrentTransaction is null ? throw new InvalidOperationException("BulkWriter.Within needs the caller's open transaction.")
            : new BulkWriter(db) { _within = true };

    /// <summary>A unique index refused a row (e.g. the same credit code registered between a check and the write).</summary>
    public static bool IsUniqueViolation(Exception ex) => ex switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException lite => lite.SqliteErrorCode == 19 && lite.SqliteExtendedErrorCode == 2067, // SQLITE_CONSTRAINT_UNIQUE
        _ => ex.InnerException is { } next && IsUniqueViolation(next),
    };

    public async ValueTask DisposeAsync()
    {
        if (_within) return;
        if (_sqlite) await ExecuteAsync("PRAGMA synchronous=FULL; PRAGMA cache_size=-2000;");
        await _db.Database.CloseConnectionAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    public Task WriteAsync<T>(IReadOnlyCollection<T> rows) where T : class => WriteAsync(typeof(T), rows);

    /// <summary>Writes <paramref name="rows"/> (all of CLR type <paramref name="type"/>) and the owned rows kept in tables of their own.</summary>
    public async Task WriteAsync(Type type, IEnumerable rows)
    {
        var table = TableOf(type);
        var list = rows.Cast<object>().ToList();
        if (list.Count == 0) return;
        await WriteTableAsync(table, list.Select(r => (r, r)).ToList());
        foreach (var owned in table.OwnedTables)
        {
            var ownedRows = list.Select(owner => (Row: owned.Navigate(owner), Owner: owner)).Where(x => x.Row is not null).Select(x => (x.Row!, x.Owner)).ToList();
            if (ownedRows.Count > 0) await WriteTableAsync(owned.Table, ownedRows);
        }
    }

    private async Task WriteTableAsync(Table table, List<(object Row, object Owner)> rows)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            if (_sqlite) WriteSqlite(table, rows);
            else await WritePostgresAsync(table, rows);
        }
        catch (DbException ex) when (!_within)
        {
            throw new InvalidOperationException($"Writing {rows.Count} rows into {table.Name} failed: {ex.Message}", ex);
        }
        var took = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        WriteTime += took;
        _times[table.Name] = _times.GetValueOrDefault(table.Name) + took;
        _rows[table.Name] = _rows.GetValueOrDefault(table.Name) + rows.Count;
    }

    private void WriteSqlite(Table table, List<(object Row, object Owner)> rows)
    {
        var connection = (SqliteConnection)_connection;
        using var own = _within ? null : connection.BeginTransaction();
        using var cmd = connection.CreateCommand();
        cmd.Transaction = own ?? (SqliteTransaction)_db.Database.CurrentTransaction!.GetDbTransaction();
        cmd.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => "$p" + i))})";
        var parameters = new DbParameter[table.Columns.Count];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = table.Columns[i].Mapping.CreateParameter(cmd, "$p" + i, null, nullable: true);
            cmd.Parameters.Add(parameters[i]);
        }
        cmd.Prepare();
        foreach (var (row, owner) in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
                parameters[i].Value = table.Columns[i].ProviderValue(row, owner) ?? DBNull.Value;
            cmd.ExecuteNonQuery();
        }
        own?.Commit();
    }

    private async Task WritePostgresAsync(Table table, List<(object Row, object Owner)> rows)
    {
        var connection = (NpgsqlConnection)_connection;
        var copy = $"COPY \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(copy);
        foreach (var (row, owner) in rows)
        {
            await importer.StartRowAsync();
            foreach (var column in table.Columns)
            {
                var value = column.ProviderValue(row, owner);
                if (value is null) await importer.WriteNullAsync();
                else await importer.WriteAsync(value, column.PgType);
            }
        }
        await importer.CompleteAsync();
    }

    // ---- the model → tables and columns ----

    private sealed record Column(string Name, RelationalTypeMapping Mapping, Func<object, object, object?> Read, string PgType)
    {
        public object? ProviderValue(object row, object owner)
        {
            var value = Read(row, owner);
            return value is null ? null : Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
        }
    }

    private sealed record OwnedTable(Func<object, object?> Navigate, Table Table);

    private sealed record Table(string Name, List<Column> Columns, List<OwnedTable> OwnedTables);

    private Table TableOf(Type type)
    {
        if (_tables.TryGetValue(type, out var table)) return table;
        var entityType = _db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not an entity of the model");
        return _tables[type] = Build(entityType);
    }

    private static Table Build(IEntityType entityType)
    {
        var name = entityType.GetTableName() ?? throw new InvalidOperationException($"{entityType.DisplayName()} has no table");
        var store = StoreObjectIdentifier.Table(name, entityType.GetSchema());
        var columns = new List<Column>();
        var owned = new List<OwnedTable>();
        AddProperties(entityType, store, columns, (row, _) => row);
        foreach (var navigation in entityType.GetNavigations().Where(n => n.ForeignKey.IsOwnership && !n.IsOnDependent))
        {
            var target = navigation.TargetEntityType;
            var getter = navigation.GetGetter();
            if (target.IsMappedToJson())
            {
                var columnName = target.GetContainerColumnName()!;
                var mapping = entityType.Model.GetRelationalModel().FindTable(name, entityType.GetSchema())!.FindColumn(columnName)!.StoreTypeMapping;
                columns.Add(new Column(columnName, mapping, (row, _) => JsonOf(target, getter.GetClrValueUsingContainingEntity(row), navigation.IsCollection),
                    PgTypeOf(mapping)));
            }
            else if (navigation.IsCollection)
                throw new NotSupportedException($"{entityType.DisplayName()}.{navigation.Name}: owned collections outside JSON are not supported");
            else if (target.GetTableName() == name)
                AddProperties(target, store, columns, (row, _) => getter.GetClrValueUsingContainingEntity(row), skipExisting: true);
            else
                owned.Add(new OwnedTable(row => getter.GetClrValueUsingContainingEntity(row), Build(target)));
        }
        return new Table(name, columns, owned);
    }

    /// <param name="source">From (row, owner) to the object holding the properties: the row itself, or an owned object inside it.</param>
    private static void AddProperties(ITypeBase type, StoreObjectIdentifier store, List<Column> columns, Func<object, object, object?> source, bool skipExisting = false)
    {
        foreach (var property in type.GetProperties())
        {
            var column = property.GetColumnName(store);
            if (column is null || (skipExisting && columns.Any(c => c.Name == column))) continue;
            // Integer keys the database hands out (identity / autoincrement): leave them out.
            if (property.IsPrimaryKey() && property.ValueGenerated.HasFlag(ValueGenerated.OnAdd)
                && (property.ClrType == typeof(long) || property.ClrType == typeof(int))) continue;
            var mapping = (RelationalTypeMapping)property.GetTypeMapping();
            Func<object, object, object?> read;
            if (property.IsShadowProperty())
            {
                // The key of an owned type in a table of its own is its owner's key.
                var ownership = (type as IEntityType)?.FindOwnership()
                    ?? throw new NotSupportedException($"{type.DisplayName()}.{property.Name}: shadow properties are not supported");
                var index = ownership.Properties.ToList().IndexOf(property);
                if (index < 0) throw new NotSupportedException($"{type.DisplayName()}.{property.Name}: shadow properties are not supported");
                var principal = ownership.PrincipalKey.Properties[index].GetGetter();
                read = (_, owner) => principal.GetClrValueUsingContainingEntity(owner);
            }
            else
            {
                var getter = property.GetGetter();
                read = (row, owner) => source(row, owner) is { } holder ? getter.GetClrValueUsingContainingEntity(holder) : null;
            }
            columns.Add(new Column(column, mapping, read, PgTypeOf(mapping)));
        }
        foreach (var complex in type.GetComplexProperties())
            AddProperties(complex.ComplexType, store, columns, source, skipExisting);
    }

    /// <summary>The PostgreSQL type name COPY wants, without length or precision: "character varying", "numeric", "jsonb".</summary>
    private static string PgTypeOf(RelationalTypeMapping mapping) => mapping.StoreTypeNameBase;

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>An owned value as EF keeps it in a JSON column: an object (or array of objects) with the JSON names of its properties.</summary>
    private static string? JsonOf(IEntityType target, object? value, bool collection)
    {
        if (value is null) return null;
        var properties = target.GetProperties().Where(p => !p.IsShadowProperty() && !p.IsPrimaryKey())
            .Select(p => (Name: p.GetJsonPropertyName() ?? p.Name, Getter: p.GetGetter(), Converter: p.GetTypeMapping().Converter, p.ClrType)).ToList();
        if (target.GetNavigations().Any()) throw new NotSupportedException($"{target.DisplayName()}: nested owned types in JSON are not supported");
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            void Write(object item)
            {
                json.WriteStartObject();
                foreach (var (name, getter, converter, clrType) in properties)
                {
                    json.WritePropertyName(name);
                    var v = getter.GetClrValueUsingContainingEntity(item);
                    if (v is not null && converter is not null) v = converter.ConvertToProvider(v);
                    JsonSerializer.Serialize(json, v, v?.GetType() ?? clrType);
                }
                json.WriteEndObject();
            }
            if (collection)
            {
                json.WriteStartArray();
                foreach (var item in (IEnumerable)value) Write(item);
                json.WriteEndArray();
            }
            else Write(value);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
