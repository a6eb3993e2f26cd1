using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
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
/// A bulk load has no command timeout (a 2.7 M-row COPY on a busy machine takes minutes; the caller's
/// cancellation token stops it), reports its progress, and a failure says which table and how many rows.
/// </summary>
public static class BulkInserter
{
    /// <summary>Rows between two progress reports within one table.</summary>
    public const int ProgressEvery = 250_000;

    private sealed record Column(string Name, IProperty Property, RelationalTypeMapping Mapping)
    {
        public object? ProviderValue(object entity)
        {
            var value = Property.GetGetter().GetClrValueUsingContainingEntity(entity);
            return value is null ? null : Mapping.Converter?.ConvertToProvider(value) ?? value;
        }
    }

    public static Task InsertAsync<T>(AppDbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken = default)
        where T : class =>
        InsertAsync(db, rows, null, cancellationToken);

    public static async Task InsertAsync<T>(AppDbContext db, IReadOnlyCollection<T> rows, IProgress<BulkLoadStep>? progress, CancellationToken cancellationToken = default)
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
        var stopwatch = Stopwatch.StartNew();
        var done = 0;
        void RowDone()
        {
            if (++done % ProgressEvery == 0 && done < rows.Count)
            {
                progress?.Report(new BulkLoadStep(table, done, rows.Count, stopwatch.Elapsed));
            }
        }
        try
        {
            if (connection is NpgsqlConnection npgsql)
            {
                await CopyAsync(npgsql, table, columns, rows, RowDone, cancellationToken);
            }
            else
            {
                await InsertPreparedAsync(db, connection, table, columns, rows, RowDone, cancellationToken);
            }
        }
        catch (Exception e) when ((e is DbException or TimeoutException or IOException or InvalidOperationException or NotSupportedException) && !cancellationToken.IsCancellationRequested)
        {
            throw new BulkLoadException(table, rows.Count, done, stopwatch.Elapsed, e);
        }
        progress?.Report(new BulkLoadStep(table, rows.Count, rows.Count, stopwatch.Elapsed));
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string table, List<Column> columns, IReadOnlyCollection<T> rows, Action rowDone, CancellationToken cancellationToken)
        where T : class
    {
        var columnList = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        await using var writer = await connection.BeginBinaryImportAsync($"COPY \"{table}\" ({columnList}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        // No timeout: the connection's command timeout (30 s by default) would end a COPY that is still working.
        writer.Timeout = TimeSpan.Zero;
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
                    case DateOnly day:
                        await writer.WriteAsync(day, NpgsqlDbType.Date, cancellationToken);
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
            rowDone();
        }
        await writer.CompleteAsync(cancellationToken);
    }

    private static async Task InsertPreparedAsync<T>(AppDbContext db, DbConnection connection, string table, List<Column> columns, IReadOnlyCollection<T> rows, Action rowDone, CancellationToken cancellationToken)
        where T : class
    {
        await using var command = connection.CreateCommand();
        command.CommandTimeout = 0;
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
            rowDone();
        }
    }
}

/// <summary>How far a bulk load into one table is: <paramref name="Done"/> of <paramref name="Total"/> rows.</summary>
public sealed record BulkLoadStep(string Table, int Done, int Total, TimeSpan Elapsed)
{
    public override string ToString() => Done == Total
        ? string.Create(CultureInfo.InvariantCulture, $"{Table}: {Total:N0} rows in {Elapsed.TotalSeconds:0.0} s")
        : string.Create(CultureInfo.InvariantCulture, $"{Table}: {Done:N0} of {Total:N0} rows after {Elapsed.TotalSeconds:0.0} s");
}

/// <summary>A bulk load that failed, saying which table, how far it got and why.</summary>
public sealed class BulkLoadException : Exception
{
    public BulkLoadException()
    {
        Table = "";
    }

    public BulkLoadException(string message) : base(message)
    {
        Table = "";
    }

    public BulkLoadException(string message, Exception innerException) : base(message, innerException)
    {
        Table = "";
    }

    public BulkLoadException(string table, int rows, int done, TimeSpan elapsed, Exception innerException)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"Loading {rows:N0} rows into table {table} failed after {elapsed.TotalSeconds:0.0} s ({done:N0} rows written): {innerException?.GetBaseException().Message.TrimEnd('.')}."),
            innerException)
    {
        Table = table;
    }

    public string Table { get; }
}
