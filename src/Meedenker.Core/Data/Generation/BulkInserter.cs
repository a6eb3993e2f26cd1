using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Meedenker.Data.Generation;

/// <summary>
/// Writes many rows of one mapped entity type fast: binary COPY on PostgreSQL, one prepared statement in the
/// caller's transaction on SQLite. Columns, names and value conversions come from the EF model, so the rows
/// are exactly what EF itself would have written.
/// </summary>
public static class BulkInserter
{
    private sealed record Column(string Name, IProperty Property, RelationalTypeMapping Mapping)
    {
        public object? ProviderValue(object entity)
        {
            var value = Property.GetGetter().GetClrValueUsingContainingEntity(entity);
            return value is null ? null : Mapping.Converter?.ConvertToProvider(value) ?? value;
        }
    }

    public static async Task InsertAsync<T>(AppDbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = entityType.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} has no table.");
        var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
        var columns = entityType.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never && p.ClrType != typeof(Guid)))
            .Select(p => new Column(p.GetColumnName(store) ?? p.Name, p, p.GetRelationalTypeMapping()))
            .ToList();

        var connection = db.Database.GetDbConnection();
        if (connection is NpgsqlConnection npgsql)
        {
            await CopyAsync(npgsql, table, columns, rows, cancellationToken);
        }
        else
        {
            await InsertPreparedAsync(db, connection, table, columns, rows, cancellationToken);
        }
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string table, List<Column> columns, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var columnList = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        await using var writer = await connection.BeginBinaryImportAsync($"COPY \"{table}\" ({columnList}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(cancellationToken);
            foreach (var column in columns)
            {
                var value = column.ProviderValue(row);
                switch (value)
                {
                    case null:
                        await writer.WriteNullAsync(cancellationToken);
                        break;
                    case Guid g:
                        await writer.WriteAsync(g, NpgsqlDbType.Uuid, cancellationToken);
                        break;
                    case string s:
                        await writer.WriteAsync(s, NpgsqlDbType.Text, cancellationToken);
                        break;
                    case int i:
                        await writer.WriteAsync(i, NpgsqlDbType.Integer, cancellationToken);
                        break;
                    case long l:
                        await writer.WriteAsync(l, NpgsqlDbType.Bigint, cancellationToken);
                        break;
                    case bool b:
                        await writer.WriteAsync(b, NpgsqlDbType.Boolean, cancellationToken);
                        break;
                    case DateTimeOffset d:
                        await writer.WriteAsync(d.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
                        break;
                    case TimeOnly t:
                        await writer.WriteAsync(t, NpgsqlDbType.Time, cancellationToken);
                        break;
                    case double d:
                        await writer.WriteAsync(d, NpgsqlDbType.Double, cancellationToken);
                        break;
                    case List<string> texts:
                        await writer.WriteAsync(texts.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                        break;
                    case List<Guid> ids:
                        await writer.WriteAsync(ids.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid, cancellationToken);
                        break;
                    default:
                        throw new NotSupportedException($"Bulk copy of {value.GetType().Name} in {table}.{column.Name} is not supported.");
                }
            }
        }
        await writer.CompleteAsync(cancellationToken);
    }

    private static async Task InsertPreparedAsync<T>(AppDbContext db, DbConnection connection, string table, List<Column> columns, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        var parameters = columns.Select((c, i) => c.Mapping.CreateParameter(command, $"@p{i}", null, nullable: true)).ToArray();
        command.CommandText = $"INSERT INTO \"{table}\" ({names}) VALUES ({string.Join(", ", parameters.Select(p => p.ParameterName))})";
        command.Parameters.AddRange(parameters);
        await command.PrepareAsync(cancellationToken);
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                parameters[i].Value = columns[i].ProviderValue(row) ?? DBNull.Value;
            }
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
