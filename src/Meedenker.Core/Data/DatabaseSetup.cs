using Microsoft.EntityFrameworkCore;

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
                options.UseNpgsql(connectionString, o => o.MigrationsAssembly("Meedenker.Migrations.Postgres"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown provider");
        }
    }
}
