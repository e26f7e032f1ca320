using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Platform.Database;

namespace Qifu.Web.Modules.Enterprises.ImportEnterprises;

/// <summary>
/// Writes many new enterprises inside the caller's open transaction, bypassing the change tracker: SQLite gets one prepared
/// INSERT executed per row, PostgreSQL one binary COPY. Columns, names and value conversions come from the EF model
/// (the same type mappings SaveChanges uses), so what lands is what <c>db.Enterprises.AddRange</c> would have written.
/// </summary>
public static class EnterpriseBulkInsert
{
    public static async Task InsertAsync(AppDbContext db, IReadOnlyList<Enterprise> enterprises, CancellationToken ct = default)
    {
        if (enterprises.Count == 0) return;
        var tx = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk insert needs the caller's transaction (the audit entry goes in the same one).");
        var entity = db.Model.FindEntityType(typeof(Enterprise))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Select(p => (Property: p, Column: p.GetColumnName(table)!, Mapping: p.GetRelationalTypeMapping()))
            .ToArray();
        var connection = db.Database.GetDbConnection();
        var tableName = Quote(table.Name, table.Schema);

        if (connection is NpgsqlConnection npgsql)
        {
            var copy = $"COPY {tableName} ({string.Join(", ", columns.Select(c => Quote(c.Column)))}) FROM STDIN (FORMAT BINARY)";
            await using var writer = await npgsql.BeginBinaryImportAsync(copy, ct);
            foreach (var e in enterprises)
            {
                await writer.StartRowAsync(ct);
                foreach (var (property, _, mapping) in columns)
                {
                    var value = ProviderValue(property, mapping, e);
                    if (value is null) await writer.WriteNullAsync(ct);
                    else await writer.WriteAsync(value, mapping.StoreTypeNameBase, ct);
                }
            }
            await writer.CompleteAsync(ct);
            return;
        }

        if (connection is SqliteConnection)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = $"INSERT INTO {tableName} ({string.Join(", ", columns.Select(c => Quote(c.Column)))}) " +
                $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
            var parameters = new DbParameter[columns.Length];
            for (var i = 0; i < columns.Length; i++)
            {
                parameters[i] = command.CreateParameter();
                parameters[i].ParameterName = "@p" + i;
                command.Parameters.Add(parameters[i]);
            }
            await command.PrepareAsync(ct);
            foreach (var e in enterprises)
            {
                for (var i = 0; i < columns.Length; i++)
                {
                    var (property, _, mapping) = columns[i];
                    // The type mapping sets the value the way SaveChanges would (text for Guid, decimal and DateTime on SQLite).
                    var template = mapping.CreateParameter(command, "@x", property.GetGetter().GetClrValue(e), property.IsNullable);
                    parameters[i].DbType = template.DbType;
                    parameters[i].Value = template.Value;
                }
                await command.ExecuteNonQueryAsync(ct);
            }
            return;
        }

        throw new NotSupportedException($"Bulk insert is not implemented for {connection.GetType().Name}.");
    }

    /// <summary>A unique index refused a row (someone registered the same credit code between the check and the write).</summary>
    public static bool IsUniqueViolation(Exception ex) => ex switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException lite => lite.SqliteErrorCode == 19 && lite.SqliteExtendedErrorCode == 2067, // SQLITE_CONSTRAINT_UNIQUE
        DbUpdateException { InnerException: { } inner } => IsUniqueViolation(inner),
        _ => ex.InnerException is { } next && IsUniqueViolation(next),
    };

    private static object? ProviderValue(IProperty property, RelationalTypeMapping mapping, Enterprise e)
    {
        var value = property.GetGetter().GetClrValue(e);
        var converter = mapping.Converter ?? property.GetValueConverter();
        return value is null ? null : converter is null ? value : converter.ConvertToProvider(value);
    }

    private static string Quote(string name, string? schema = null) =>
        (schema is null ? "" : $"\"{schema.Replace("\"", "\"\"")}\".") + $"\"{name.Replace("\"", "\"\"")}\"";
}
