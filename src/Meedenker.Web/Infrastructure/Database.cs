using System.Data.Common;
using Meedenker.Data;
using Meedenker.Data.Generation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Meedenker.Web.Infrastructure;

public static class Database
{
    /// <summary>Reads the provider and connection string, or throws with what the operator must fix.</summary>
    public static (DatabaseProvider Provider, string ConnectionString) ReadSettings(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        DatabaseProvider provider;
        try
        {
            provider = DatabaseSetup.ParseProvider(configuration["Database:Provider"]);
        }
        catch (InvalidOperationException e)
        {
            throw new StartupConfigurationException(e.Message);
        }
        var connectionString = configuration.GetConnectionString("Meedenker");
        _ = DatabaseRoles.MigrationsConnectionString(configuration, provider);
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new StartupConfigurationException(
                    "Database:Provider is Postgres but ConnectionStrings:Meedenker is empty. Set ConnectionStrings__Meedenker, e.g. 'Host=db;Database=meedenker;Username=meedenker;Password=…'.");
            }
            try
            {
                _ = new NpgsqlConnectionStringBuilder(connectionString);
            }
            catch (ArgumentException e)
            {
                throw new StartupConfigurationException($"ConnectionStrings:Meedenker is not a valid PostgreSQL connection string: {e.Message}");
            }
            return (provider, connectionString);
        }

        var sqlite = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connectionString) ? DatabaseSetup.DefaultSqliteConnectionString : connectionString);
        if (!string.IsNullOrEmpty(sqlite.DataSource) && sqlite.DataSource != ":memory:" && !Path.IsPathRooted(sqlite.DataSource))
        {
            sqlite.DataSource = Path.Combine(contentRoot, sqlite.DataSource);
        }
        if (sqlite.DefaultTimeout < 30)
        {
            sqlite.DefaultTimeout = 30;
        }
        return (provider, sqlite.ToString());
    }

    public static IServiceCollection AddMeedenkerDatabase(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        services.TryAddSingleton<Features.Directory.SearchCache>();
        services.TryAddSingleton<Features.Directory.SearchCacheInvalidator>();
        // Pooled: the options are built once and a request reuses a context's internal services instead of
        // setting them up again (decision 0060). A context is reset when it goes back to the pool.
        services.AddDbContextPool<AppDbContext>((serviceProvider, options) =>
        {
            DatabaseSetup.Configure(options, provider, connectionString);
            options.AddInterceptors(serviceProvider.GetRequiredService<Features.Directory.SearchCacheInvalidator>());
            // A failed save or command is logged by EF as an error with a stack trace, also when our code handles it
            // (a double submit or two coordinators racing into a unique index). Our handlers log the handled case as
            // information; an unhandled one still reaches the exception handler, which logs it as an error.
            options.ConfigureWarnings(w => w
                .Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning)
                .Log((Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.SaveChangesFailed, LogLevel.Information),
                    (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandError, LogLevel.Information)));
        });
        return services;
    }

    /// <summary>Checks the database can be reached, applies migrations when configured, and loads the demo region into an empty database.</summary>
    public static async Task InitializeAsync(IServiceProvider services, bool migrate, bool loadDemo, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(logger);
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var connection = db.Database.GetDbConnection();
        if (db.IsSqlite)
        {
            var path = new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource;
            var folder = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        // Two instances starting at once on PostgreSQL: the first migrates and loads the reference data while
        // holding a session advisory lock, the second waits for it and then finds nothing left to do (issue 16,
        // finding 6). The lock lives on its own connection and ends with it, also when the process dies.
        // With ConnectionStrings:MeedenkerMigrations the owner role migrates and then gives the app's own role its
        // rights; the app's role owns nothing and cannot change the schema (issue 16, finding 4, decision 0101).
        var configuration = scope.ServiceProvider.GetRequiredService<IConfiguration>();
        var migrations = DatabaseRoles.MigrationsConnectionString(configuration, db.IsSqlite ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres);
        var setting = migrations is null ? "ConnectionStrings:Meedenker" : "ConnectionStrings:MeedenkerMigrations";
        await using var startupLock = db.IsSqlite ? null : await StartupLock.AcquireAsync(migrations ?? connection.ConnectionString, setting, logger, cancellationToken);

        try
        {
            if (migrate && migrations is not null)
            {
                await using var owner = DatabaseRoles.OwnerContext(migrations);
                await owner.Database.MigrateAsync(cancellationToken);
                var appRole = await db.Database.SqlQueryRaw<string>("SELECT current_user::text AS \"Value\"").SingleAsync(cancellationToken);
                var ownerRole = await owner.Database.SqlQueryRaw<string>("SELECT current_user::text AS \"Value\"").SingleAsync(cancellationToken);
                if (appRole != ownerRole)
                {
                    await DatabaseRoles.GrantAppRoleAsync(owner, appRole, cancellationToken);
                }
            }
            else if (migrate && await NeedsMigratingAsync(db, cancellationToken))
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            else if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                throw new StartupConfigurationException($"Cannot reach the database ({Describe(connection)}). Check ConnectionStrings:Meedenker and that the server is running.");
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && migrations is null)
        {
            throw new StartupConfigurationException(
                $"Cannot migrate the database ({Describe(connection)}): {e.MessageText.TrimEnd('.')}. The app's own role may not change the schema: set ConnectionStrings:MeedenkerMigrations to the owner role, or run 'migrate' with it and start with Database:MigrateOnStart=false (docs/operations.md, \"Database roles\").", e);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new StartupConfigurationException(
                $"Cannot reach or migrate the database ({Describe(connection)}): {e.GetBaseException().Message.TrimEnd('.')}. Check {(migrations is null ? setting : setting + " and ConnectionStrings:Meedenker")} and that the server is running.", e);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            throw new StartupConfigurationException(
                $"The database misses {pending.Count} migration(s) ({string.Join(", ", pending)}). Run 'dotnet run --project src/Meedenker.Web -- migrate' or set Database:MigrateOnStart=true.");
        }

        if (db.IsSqlite)
        {
            // WAL lets the pages read while a request is being written.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        if (!await db.Municipalities.AnyAsync(cancellationToken))
        {
            var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            var options = loadDemo ? new GeneratorOptions() : new GeneratorOptions(ReferenceDataOnly: true);
            GeneratorResult result;
            try
            {
                result = await new RegionGenerator(db, time).GenerateAsync(options, cancellationToken);
            }
            catch (Exception e) when (e is DbException or DbUpdateException)
            {
                throw new StartupConfigurationException(
                    $"Loading the {(loadDemo ? "demo region" : "reference data")} into {Describe(connection)} failed: {e.GetBaseException().Message.TrimEnd('.')}. Empty the database (or drop and create it) and start again.", e);
            }
            logger.LogInformation(
                "Loaded the {Kind} in {Seconds:0.0} s: {Organizations} organisations, {Staff} staff, {Requests} help requests, {Cases} cases, {Contacts} contacts",
                loadDemo ? "demo region" : "reference data", result.Elapsed.TotalSeconds, result.Organizations, result.StaffUsers, result.HelpRequests, result.Cases, result.Contacts);
        }

        if (!db.IsSqlite && scope.ServiceProvider.GetRequiredService<IHostEnvironment>().IsProduction())
        {
            var powers = await DatabaseRoles.ReadPowersAsync(db, cancellationToken);
            if (powers.TooMany)
            {
                logger.LogWarning(
                    // No quotes in the text: the JSON log would show them as \u0027.
                    "Database role {Role} of ConnectionStrings:Meedenker {Powers}, so the app could switch off the access log protection. Give the app a role that owns nothing and migrate with the owner role in ConnectionStrings:MeedenkerMigrations (docs/operations.md, section Database roles).",
                    powers.Role, powers.Describe());
            }
        }
    }

    /// <summary>
    /// Whether there is anything to migrate. An up-to-date database is left alone: EF's Migrate would still try to create
    /// its history table, which the app's own role may not (it has no CREATE on the schema), so instances can run with
    /// MigrateOnStart after a separate 'migrate' by the owner.
    /// </summary>
    private static async Task<bool> NeedsMigratingAsync(AppDbContext db, CancellationToken cancellationToken) =>
        db.IsSqlite
        || !await db.Database.CanConnectAsync(cancellationToken)
        || (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any();

    /// <summary>A PostgreSQL session advisory lock for migrating and seeding; released when disposed.</summary>
    private sealed class StartupLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        // Any fixed number that no other code uses: "Meedenker" in ASCII, shortened to 64 bits.
        private const long Key = 0x4D656564656E6B;

        public static async Task<StartupLock?> AcquireAsync(string connectionString, string setting, ILogger logger, CancellationToken cancellationToken)
        {
            var connection = new NpgsqlConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
            {
                // The database does not exist yet: the migration creates it, with no one to wait for.
                await connection.DisposeAsync();
                return null;
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException or System.Net.Sockets.SocketException)
            {
                await connection.DisposeAsync();
                throw new StartupConfigurationException(
                    $"Cannot reach or migrate the database ({Describe(connection)}): {e.GetBaseException().Message.TrimEnd('.')}. Check {setting} and that the server is running.", e);
            }
            await using (var tryLock = new NpgsqlCommand($"SELECT pg_try_advisory_lock({Key})", connection))
            {
                if (await tryLock.ExecuteScalarAsync(cancellationToken) is true)
                {
                    return new StartupLock(connection);
                }
            }
            logger.LogInformation("Another instance is migrating or loading the database; waiting for it to finish");
            await using (var waitLock = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection) { CommandTimeout = 0 })
            {
                await waitLock.ExecuteNonQueryAsync(cancellationToken);
            }
            return new StartupLock(connection);
        }

        public async ValueTask DisposeAsync()
        {
            // Unlock explicitly: a pooled connection keeps its session (and so the lock) after it is closed.
            try
            {
                await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", connection);
                await unlock.ExecuteNonQueryAsync();
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static string Describe(DbConnection connection) =>
        connection is NpgsqlConnection npgsql && new NpgsqlConnectionStringBuilder(npgsql.ConnectionString) is var builder
            ? $"PostgreSQL at {builder.Host}:{builder.Port}, database {builder.Database}"
            : $"SQLite file {new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource}";
}
