using System.Net;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Npgsql;

namespace Meedenker.IntegrationTests;

/// <summary>
/// Security issue 16, finding 4: the app's own database role cannot switch off the access log's protection. It may
/// add and read entries, and nothing else: no UPDATE, DELETE or TRUNCATE, no DDL, no taking over the owner's role.
/// (The triggers behind that, on both providers, are proven in StaffAccessTests.)
/// </summary>
public sealed class DatabaseRoleTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    private const string RefusedByRole = "refused: no right";

    [PostgresFact("database roles and rights are PostgreSQL's; SQLite's protection is its triggers")]
    public async Task The_apps_database_role_can_add_and_read_access_log_entries_but_not_change_or_unprotect_them()
    {
        var organization = await app.CreateOrganizationAsync();
        var staff = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var resident = await app.CreateCaseAsync(organization.Id, supporterId: null);
        var client = await app.SignInAsync(staff);
        // The app itself writes an entry (INSERT) and reads it back on the resident's own view (SELECT).
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/werk/inwoners/{resident.ResidentId}")).StatusCode);

        // Exactly the connection string the app runs with.
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using (var read = new NpgsqlCommand("SELECT count(*) FROM \"AccessLog\" WHERE \"ResidentId\" = @resident", connection))
        {
            read.Parameters.AddWithValue("resident", resident.ResidentId);
            Assert.Equal(1L, await read.ExecuteScalarAsync());
        }
        string owner;
        await using (var ownerQuery = new NpgsqlCommand("SELECT tableowner FROM pg_tables WHERE tablename = 'AccessLog'", connection))
        {
            owner = (string)(await ownerQuery.ExecuteScalarAsync())!;
        }

        var attempts = new (string What, string Sql)[]
        {
            ("UPDATE", "UPDATE \"AccessLog\" SET \"Purpose\" = 'weggepoetst'"),
            ("DELETE", "DELETE FROM \"AccessLog\""),
            ("TRUNCATE", "TRUNCATE \"AccessLog\""),
            ("ALTER TABLE", "ALTER TABLE \"AccessLog\" ADD COLUMN \"Note\" text"),
            ("DISABLE TRIGGER", "ALTER TABLE \"AccessLog\" DISABLE TRIGGER access_log_no_change"),
            ("DISABLE TRIGGER ALL", "ALTER TABLE \"AccessLog\" DISABLE TRIGGER ALL"),
            ("DROP TRIGGER", "DROP TRIGGER access_log_no_change ON \"AccessLog\""),
            ("replace the trigger function", "CREATE OR REPLACE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$"),
            ("CREATE TABLE", "CREATE TABLE \"Sneaky\" (\"Id\" int)"),
            ("DROP TABLE", "DROP TABLE \"Cases\" CASCADE"),
            ("SET ROLE to the owner", $"SET ROLE \"{owner}\""),
        };
        var outcomes = new List<string>();
        foreach (var (what, sql) in attempts)
        {
            // Each attempt in its own transaction that is rolled back: a test that fails leaves the table as it was.
            await using var transaction = await connection.BeginTransactionAsync();
            string outcome;
            try
            {
                await using var command = new NpgsqlCommand(sql, connection, transaction);
                await command.ExecuteNonQueryAsync();
                outcome = "allowed";
            }
            catch (PostgresException e)
            {
                outcome = e.SqlState == PostgresErrorCodes.InsufficientPrivilege
                    && (e.MessageText.StartsWith("permission denied", StringComparison.Ordinal) || e.MessageText.StartsWith("must be owner", StringComparison.Ordinal))
                    ? RefusedByRole
                    : $"{e.SqlState}: {e.MessageText}";
            }
            await transaction.RollbackAsync();
            outcomes.Add($"{what}: {outcome}");
        }

        // As one text, so a failure shows every attempt and what the database said.
        Assert.Equal(string.Join('\n', attempts.Select(a => $"{a.What}: {RefusedByRole}")), string.Join('\n', outcomes));
        await using var count = new NpgsqlCommand("SELECT count(*) FROM \"AccessLog\" WHERE \"ResidentId\" = @resident", connection);
        count.Parameters.AddWithValue("resident", resident.ResidentId);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }
}
