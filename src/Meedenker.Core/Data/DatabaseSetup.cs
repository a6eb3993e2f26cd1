using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Meedenker.Data;

public enum DatabaseProvider
{
    Sqlite = 1,
    Postgres = 2,
}

/// <summary>The one place that knows how each provider is configured, shared by the app, tools and tests.</summary>
public static class DatabaseSetup
{
    public const string SqliteProviderName = "Microsoft.EntityFrameworkCore.Sqlite";
    public const string DefaultSqliteConnectionString = "Data Source=data/meedenker.db";

    /// <summary>Parses the configured provider name, or says in plain words what is wrong with it.</summary>
    public static DatabaseProvider ParseProvider(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.Sqlite;
        }
        if (value.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || value.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.Postgres;
        }
        throw new InvalidOperationException(
            $"Database:Provider '{value}' is unknown. Set Database:Provider (or the environment variable Database__Provider) to 'Sqlite' or 'Postgres'.");
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(connectionString, o => o.MigrationsAssembly("Meedenker.Migrations.Sqlite"));
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(PostgresConnectionString(connectionString), o => o.MigrationsAssembly("Meedenker.Migrations.Postgres"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown provider");
        }
    }

    /// <summary>
    /// The PostgreSQL connection string as the app uses it (decision 0060), for what the operator's string does not
    /// name itself:
    /// - Prepared statements. Npgsql prepares a statement once a connection has run it five times and keeps up to
    ///   100 per connection. The app runs the same few statements over and over, and PostgreSQL then skips parsing
    ///   and planning them. Behind a pooler that cannot keep prepared statements (PgBouncer in transaction mode
    ///   before 1.21), set <c>Max Auto Prepare=0</c>.
    /// - No session reset when a pooled connection is reused (<c>No Reset On Close</c>). The reset would be six
    ///   statements on every reuse, and the app keeps no session state: no SET, LISTEN, advisory locks or temporary
    ///   tables. An open transaction is still rolled back when a connection goes back to the pool.
    /// </summary>
    public static string PostgresConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Names(connectionString, "AutoPrepare", "Auto Prepare"))
        {
            builder.MaxAutoPrepare = 100;
        }
        if (!Names(connectionString, "NoResetOnClose", "No Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }
        return builder.ConnectionString;
    }

    private static bool Names(string connectionString, params string[] keys) =>
        keys.Any(key => connectionString.Contains(key, StringComparison.OrdinalIgnoreCase));
}
