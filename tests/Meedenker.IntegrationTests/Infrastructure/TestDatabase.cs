using Npgsql;

namespace Meedenker.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway database for one app instance: a SQLite file, or a new PostgreSQL database when
/// MEEDENKER_TEST_DB=Postgres (scripts/test starts the cluster and sets MEEDENKER_TEST_POSTGRES).
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string? _sqliteFile;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    public TestDatabase()
    {
        Provider = Environment.GetEnvironmentVariable("MEEDENKER_TEST_DB") ?? "Sqlite";
        if (Provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            _postgresAdmin = Environment.GetEnvironmentVariable("MEEDENKER_TEST_POSTGRES")
                ?? throw new InvalidOperationException("MEEDENKER_TEST_DB=Postgres needs MEEDENKER_TEST_POSTGRES, e.g. 'Host=127.0.0.1;Port=54329;Username=postgres'. Run scripts/test.");
            _postgresName = $"meedenker_t_{Guid.NewGuid():N}";
            ConnectionString = new NpgsqlConnectionStringBuilder(_postgresAdmin) { Database = _postgresName }.ToString();
        }
        else
        {
            _sqliteFile = Path.Combine(Path.GetTempPath(), "meedenker-tests", $"{Guid.NewGuid():N}.db");
            Directory.CreateDirectory(Path.GetDirectoryName(_sqliteFile)!);
            ConnectionString = $"Data Source={_sqliteFile}";
        }
    }

    public string Provider { get; }
    public string ConnectionString { get; }
    public bool IsPostgres => _postgresName is not null;

    public void Dispose()
    {
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                    // A file still open by a finishing test is removed with the temp folder later.
                }
            }
        }
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(_postgresAdmin);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)";
            command.ExecuteNonQuery();
        }
    }
}
