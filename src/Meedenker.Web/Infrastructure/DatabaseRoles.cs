using Meedenker.Data;
using Meedenker.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Meedenker.Web.Infrastructure;

/// <summary>
/// Two PostgreSQL roles (issue 16, finding 4; docs/decisions/0101-least-privilege-database-role.md): an owner that
/// migrates (<c>ConnectionStrings:MeedenkerMigrations</c>) and the app's own role (<c>ConnectionStrings:Meedenker</c>)
/// that may read and write rows and nothing else — on the access log only add and read. A role that owns a table
/// can drop or disable the access log's triggers; the app's role owns nothing.
/// </summary>
public static class DatabaseRoles
{
    public const string MigrationsConnectionStringName = "MeedenkerMigrations";

    /// <summary>The owner's connection string, or null when the app migrates with its own (SQLite, or one role).</summary>
    public static string? MigrationsConnectionString(IConfiguration configuration, DatabaseProvider provider)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration.GetConnectionString(MigrationsConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }
        if (provider != DatabaseProvider.Postgres)
        {
            throw new StartupConfigurationException(
                "ConnectionStrings:MeedenkerMigrations is set, but it is only for PostgreSQL (SQLite has no database roles). Remove it, or set Database:Provider=Postgres.");
        }
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new StartupConfigurationException($"ConnectionStrings:MeedenkerMigrations is not a valid PostgreSQL connection string: {e.Message}");
        }
        return connectionString;
    }

    /// <summary>A context on the owner's connection, for migrating; not pooled, used once at start-up.</summary>
    public static AppDbContext OwnerContext(string migrationsConnectionString)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Postgres, migrationsConnectionString);
        options.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning));
        return new AppDbContext(options.Options);
    }

    /// <summary>
    /// Run by the owner after every migration: gives the app's role exactly its rights on every table and sequence of
    /// the schema, also on tables a migration has just added. Idempotent, in one transaction.
    /// </summary>
    public static async Task GrantAppRoleAsync(AppDbContext owner, string appRole, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var schema = await owner.Database.SqlQueryRaw<string>("SELECT current_schema() AS \"Value\"").SingleAsync(cancellationToken);
        var accessLog = owner.Model.FindEntityType(typeof(AccessLogEntry))!.GetTableName()!;
        await using var transaction = await owner.Database.BeginTransactionAsync(cancellationToken);
        foreach (var statement in GrantStatements(Quote(schema), Quote(appRole), Quote(accessLog), Quote(HistoryRepository.DefaultTableName)))
        {
#pragma warning disable EF1002 // Only identifiers, quoted above, go into the statements; GRANT takes no parameters.
            await owner.Database.ExecuteSqlRawAsync(statement, cancellationToken);
#pragma warning restore EF1002
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The app's rights, from nothing: what it had before is revoked first, so an old grant does not linger.</summary>
    public static IEnumerable<string> GrantStatements(string schema, string app, string accessLog, string history) =>
    [
        $"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {app}",
        $"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {app}",
        $"GRANT USAGE ON SCHEMA {schema} TO {app}",
        $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {app}",
        // Append-only: add and read. The triggers refuse UPDATE, DELETE and TRUNCATE also to the owner.
        $"REVOKE UPDATE, DELETE ON {schema}.{accessLog} FROM {app}",
        // The app reads which migrations are applied (health, start-up); only the owner writes that.
        $"REVOKE INSERT, UPDATE, DELETE ON {schema}.{history} FROM {app}",
        $"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {app}",
        // Tables a later migration adds get the ordinary rights at once, also when migrated by another tool; the
        // statements above then set the exact rights at the next migration by the app.
        $"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}",
        $"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT USAGE ON SEQUENCES TO {app}",
    ];

    /// <summary>What the app's own role may do beyond its rights, as the app itself sees it.</summary>
    public sealed record Powers(string Role, bool IsSuperuser, int TablesOwned, bool CanCreateInSchema)
    {
        public bool TooMany => IsSuperuser || TablesOwned > 0 || CanCreateInSchema;

        public string Describe()
        {
            var what = new List<string>();
            if (IsSuperuser)
            {
                what.Add("is a superuser");
            }
            if (TablesOwned > 0)
            {
                what.Add($"owns (or may act as the owner of) {TablesOwned} table(s)");
            }
            if (CanCreateInSchema)
            {
                what.Add("may create objects in the schema");
            }
            return string.Join(" and ", what);
        }
    }

    public static async Task<Powers> ReadPowersAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // pg_has_role(…, 'MEMBER'): the owner itself, or a role that may SET ROLE to it.
            await using var command = new NpgsqlCommand("""
                SELECT current_user::text,
                       (SELECT rolsuper FROM pg_roles WHERE rolname = current_user),
                       (SELECT count(*)::int FROM pg_tables WHERE schemaname = current_schema() AND pg_has_role(current_user, tableowner, 'MEMBER')),
                       has_schema_privilege(current_schema(), 'CREATE')
                """, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new Powers(reader.GetString(0), reader.GetBoolean(1), reader.GetInt32(2), reader.GetBoolean(3));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
