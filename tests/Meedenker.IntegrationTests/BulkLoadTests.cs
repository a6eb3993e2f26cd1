using Meedenker.Data;
using Meedenker.Data.Generation;
using Meedenker.IntegrationTests.Infrastructure;
using Meedenker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Meedenker.IntegrationTests;

/// <summary>
/// Bulk loads (the <c>generate</c> command, the demo region): no command timeout, progress per table, and a
/// failure that names the table and leaves nothing behind.
/// </summary>
public sealed class BulkLoadTests
{
    private static (CliCommand, CliOptions) Command(TestDatabase database, string connectionString, params string[] args) =>
        Cli.Parse([.. args, .. database.CommandLineSettings(connectionString), "--Demo:Enabled=false", "--environment=Testing"]);

    private static async Task<int> RunAsync(TestDatabase database, string connectionString, params string[] args)
    {
        var (command, options) = Command(database, connectionString, args);
        await using var app = Web.Program.CreateApp(options.WebArgs);
        return await Cli.RunAsync(command, options, app);
    }

    /// <summary>A trigger that makes a load slow or fail: DDL, so as the owner (the app's role may not).</summary>
    private static async Task ExecuteAsOwnerAsync(TestDatabase database, string sql)
    {
        var (_, options) = Command(database, database.OwnerConnectionString, "migrate");
        await using var app = Web.Program.CreateApp(options.WebArgs);
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync(sql);
    }

    [PostgresFact("SQLite has no server-side wait to make a statement slow; the COPY timeout is PostgreSQL's")]
    public async Task Generate_finishes_when_the_word_index_copy_outlasts_the_command_timeout()
    {
        using var database = new TestDatabase();
        // A three-second command timeout and a word-index COPY that takes six: the crash of generate --services 50000.
        var impatient = new NpgsqlConnectionStringBuilder(database.ConnectionString) { CommandTimeout = 3 }.ToString();
        Assert.Equal(0, await RunAsync(database, database.ConnectionString, "migrate"));
        await ExecuteAsOwnerAsync(database, """
            CREATE FUNCTION slow_statement() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(6); RETURN NULL; END $$;
            CREATE TRIGGER slow_copy AFTER INSERT ON "ServiceWords" FOR EACH STATEMENT EXECUTE FUNCTION slow_statement();
            CREATE TRIGGER slow_insert AFTER INSERT ON "SearchWords" FOR EACH STATEMENT EXECUTE FUNCTION slow_statement();
            """);

        Assert.Equal(0, await RunAsync(database, impatient, "generate", "--services", "50"));

        await using var check = new NpgsqlConnection(database.ConnectionString);
        await check.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM \"ServiceWords\"", check);
        Assert.True((long)(await count.ExecuteScalarAsync())! > 0);
    }

    [Fact]
    public async Task A_bulk_load_that_fails_names_the_table_and_the_reason_and_keeps_nothing()
    {
        using var database = new TestDatabase();
        Assert.Equal(0, await RunAsync(database, database.ConnectionString, "migrate"));
        await ExecuteAsOwnerAsync(database, database.IsPostgres
            ? """
              CREATE FUNCTION refuse_words() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'schijf vol (test)'; END $$;
              CREATE TRIGGER refuse_words BEFORE INSERT ON "ServiceWords" FOR EACH ROW EXECUTE FUNCTION refuse_words();
              """
            : """CREATE TRIGGER refuse_words BEFORE INSERT ON "ServiceWords" BEGIN SELECT RAISE(ABORT, 'schijf vol (test)'); END;""");

        var failure = await Assert.ThrowsAsync<StartupConfigurationException>(() => RunAsync(database, database.ConnectionString, "generate", "--services", "50"));

        Assert.Contains("into table ServiceWords failed", failure.Message, StringComparison.Ordinal);
        Assert.Contains("schijf vol (test)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was kept", failure.Message, StringComparison.Ordinal);
        var (_, options) = Command(database, database.ConnectionString, "migrate");
        await using var app = Web.Program.CreateApp(options.WebArgs);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(0, await db.Organizations.CountAsync());
        Assert.Equal(0, await db.Services.CountAsync());
        Assert.Equal(0, await db.HelpRequests.CountAsync());
    }

    [Fact]
    public async Task The_generator_reports_each_table_it_loads()
    {
        using var database = new TestDatabase();
        var (_, options) = Command(database, database.ConnectionString, "migrate");
        await using var app = Web.Program.CreateApp(options.WebArgs);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (database.MigrationsConnectionString is { } migrations)
        {
            // Only the owner migrates; then the app's role gets its rights, as at start-up.
            await using var owner = DatabaseRoles.OwnerContext(migrations);
            await owner.Database.MigrateAsync();
            await DatabaseRoles.GrantAppRoleAsync(owner, TestDatabase.AppRole, CancellationToken.None);
        }
        else
        {
            await db.Database.MigrateAsync();
        }
        var steps = new List<BulkLoadStep>();
        var generator = new RegionGenerator(db, new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero))) { Progress = new Collect(steps) };

        await generator.GenerateAsync(new GeneratorOptions(Seed: 7, ReferenceDataOnly: true));

        var municipalities = Assert.Single(steps, s => s.Table == "Municipalities");
        Assert.Equal(municipalities.Total, municipalities.Done);
        Assert.Equal(await db.Municipalities.CountAsync(), municipalities.Total);
        Assert.Contains(steps, s => s.Table == "Neighbourhoods" && s.Done == s.Total && s.Total > 0);
        Assert.Matches(@"^Municipalities: \d+ rows in \d+\.\d s$", municipalities.ToString());
    }

    private sealed class Collect(List<BulkLoadStep> steps) : IProgress<BulkLoadStep>
    {
        public void Report(BulkLoadStep value) => steps.Add(value);
    }
}
