using Npgsql;

namespace Meedenker.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway database for one app instance: a SQLite file, or a new PostgreSQL database when
/// MEEDENKER_TEST_DB=Postgres (scripts/test starts the cluster and sets MEEDENKER_TEST_POSTGRES to its superuser).
/// On PostgreSQL the app runs as production should (decision 0101): it migrates as the owner role
/// <see cref="OwnerRole"/> (<see cref="MigrationsConnectionString"/>) and runs as the app role <see cref="AppRole"/>
/// (<see cref="ConnectionString"/>), which owns nothing. The superuser only creates the roles and drops the database.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string OwnerRole = "meedenker_owner";
    public const string AppRole = "meedenker_app";

    private static readonly Lock RolesLock = new();
    private static bool _rolesReady;

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
            EnsureRoles(_postgresAdmin);
            _postgresName = $"meedenker_t_{Guid.NewGuid():N}";
            ConnectionString = ForRole(AppRole);
            MigrationsConnectionString = ForRole(OwnerRole);
        }
        else
        {
            _sqliteFile = Path.Combine(Path.GetTempPath(), "meedenker-tests", $"{Guid.NewGuid():N}.db");
            Directory.CreateDirectory(Path.GetDirectoryName(_sqliteFile)!);
            ConnectionString = $"Data Source={_sqliteFile}";
        }
    }

    /// <summary>
    /// The owner and app roles of docs/operations.md, made once per cluster (scripts/test already makes them; a
    /// cluster started by hand gets them here). The password is the role's name, for clusters that ask for one.
    /// </summary>
    private static void EnsureRoles(string admin)
    {
        lock (RolesLock)
        {
            if (_rolesReady)
            {
                return;
            }
            using var connection = new NpgsqlConnection(admin);
            connection.Open();
            foreach (var (role, options) in new[] { (OwnerRole, "LOGIN CREATEDB"), (AppRole, "LOGIN") })
            {
                using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_roles WHERE rolname = @role", connection);
                exists.Parameters.AddWithValue("role", role);
                if ((long)exists.ExecuteScalar()! > 0)
                {
                    continue;
                }
                try
                {
                    using var create = new NpgsqlCommand($"CREATE ROLE {role} {options} PASSWORD '{role}'", connection);
                    create.ExecuteNonQuery();
                }
                catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation)
                {
                    // Another test process made it at the same moment.
                }
            }
            _rolesReady = true;
        }
    }

    private string ForRole(string role) =>
        new NpgsqlConnectionStringBuilder(_postgresAdmin) { Database = _postgresName, Username = role, Password = role }.ToString();

    /// <summary>Whether this run of the suite is on PostgreSQL (MEEDENKER_TEST_DB=Postgres).</summary>
    public static bool RunsOnPostgres =>
        string.Equals(Environment.GetEnvironmentVariable("MEEDENKER_TEST_DB"), "Postgres", StringComparison.OrdinalIgnoreCase);

    public string Provider { get; }

    /// <summary>What the app runs with (<c>ConnectionStrings:Meedenker</c>): on PostgreSQL the app role.</summary>
    public string ConnectionString { get; }

    /// <summary>The owner role's string (<c>ConnectionStrings:MeedenkerMigrations</c>); null on SQLite.</summary>
    public string? MigrationsConnectionString { get; }

    /// <summary>For what only the owner may do in a test (a trigger to make a load fail); the file itself on SQLite.</summary>
    public string OwnerConnectionString => MigrationsConnectionString ?? ConnectionString;

    public bool IsPostgres => _postgresName is not null;

    /// <summary>The database settings as command-line arguments, optionally with another app connection string.</summary>
    public string[] CommandLineSettings(string? connectionString = null) =>
        MigrationsConnectionString is null
            ? [$"--Database:Provider={Provider}", $"--ConnectionStrings:Meedenker={connectionString ?? ConnectionString}"]
            : [$"--Database:Provider={Provider}", $"--ConnectionStrings:Meedenker={connectionString ?? ConnectionString}", $"--ConnectionStrings:MeedenkerMigrations={MigrationsConnectionString}"];

    /// <summary>The database settings as environment variables, for the app started as a process.</summary>
    public Dictionary<string, string> EnvironmentSettings()
    {
        var settings = new Dictionary<string, string> { ["Database__Provider"] = Provider, ["ConnectionStrings__Meedenker"] = ConnectionString };
        if (MigrationsConnectionString is not null)
        {
            settings["ConnectionStrings__MeedenkerMigrations"] = MigrationsConnectionString;
        }
        return settings;
    }

    /// <summary>Creates the empty PostgreSQL database beforehand, owned by the owner role, as an operator does.</summary>
    public async Task CreatePostgresDatabaseAsync()
    {
        if (_postgresName is null)
        {
            throw new InvalidOperationException("Only on PostgreSQL.");
        }
        await using var connection = new NpgsqlConnection(_postgresAdmin);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_postgresName}\" OWNER {OwnerRole}", connection);
        await create.ExecuteNonQueryAsync();
    }

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
