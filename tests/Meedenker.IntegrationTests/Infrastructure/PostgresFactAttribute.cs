namespace Meedenker.IntegrationTests.Infrastructure;

/// <summary>
/// A fact about PostgreSQL itself (roles, advisory locks, server-side timeouts): run when the suite runs on
/// PostgreSQL (MEEDENKER_TEST_DB=Postgres), reported as skipped on SQLite instead of passing without checking anything.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute(string reason)
    {
        if (!TestDatabase.RunsOnPostgres)
        {
            Skip = "PostgreSQL only: " + reason;
        }
    }
}
