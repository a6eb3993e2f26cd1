using Meedenker.Data;
using Meedenker.Domain;

namespace Meedenker.Tests;

public sealed class DomainRuleTests
{
    private static StaffUser NewUser() => new() { DisplayName = "Test", SecurityStamp = "stamp" };

    [Fact]
    public void Only_peer_experts_have_a_level_from_1_to_3()
    {
        var user = NewUser();
        user.SetSupporterKind(SupporterKind.PeerExpert, 2);
        Assert.Equal(2, user.PeerExpertLevel);

        Assert.Throws<DomainException>(() => user.SetSupporterKind(SupporterKind.PeerExpert, 4));
        Assert.Throws<DomainException>(() => user.SetSupporterKind(SupporterKind.PeerExpert, null));
        Assert.Throws<DomainException>(() => user.SetSupporterKind(SupporterKind.Volunteer, 1));
        Assert.Equal(SupporterKind.PeerExpert, user.SupporterKind);
        Assert.Equal(2, user.PeerExpertLevel);
    }

    [Fact]
    public void Disabling_a_user_ends_their_sessions_and_can_be_undone()
    {
        var user = NewUser();
        var at = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

        user.Disable(at);

        Assert.True(user.IsDisabled);
        Assert.Equal(at, user.DisabledAt);
        Assert.NotEqual("stamp", user.SecurityStamp);
        user.Enable();
        Assert.False(user.IsDisabled);
        Assert.Null(user.DisabledAt);
    }

    [Fact]
    public void Every_access_log_entry_has_a_purpose()
    {
        Assert.Throws<DomainException>(() => AccessLogEntry.Record(DateTimeOffset.UnixEpoch, null, "x", "", null, Guid.NewGuid(), null,
            AccessAction.View, "resident-summary", " ", AccessOutcome.Denied, null, null));
        var entry = AccessLogEntry.Record(DateTimeOffset.UnixEpoch, null, "x", "", null, Guid.NewGuid(), null,
            AccessAction.View, "resident-summary", "case-work", AccessOutcome.Denied, "not-assigned", "req-1");
        Assert.Equal(AccessOutcome.Denied, entry.Outcome);
        Assert.Equal("case-work", entry.Purpose);
    }

    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite)]
    [InlineData("sqlite", DatabaseProvider.Sqlite)]
    [InlineData("Postgres", DatabaseProvider.Postgres)]
    [InlineData("postgresql", DatabaseProvider.Postgres)]
    public void Provider_names_are_read_leniently(string? name, DatabaseProvider expected) =>
        Assert.Equal(expected, DatabaseSetup.ParseProvider(name));

    [Fact]
    public void Unknown_provider_says_what_to_set()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseSetup.ParseProvider("Oracle"));
        Assert.Contains("'Sqlite' or 'Postgres'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_postgres_connection_string_gets_prepared_statements_and_no_session_reset_unless_the_operator_chose()
    {
        var chosen = new Npgsql.NpgsqlConnectionStringBuilder(DatabaseSetup.PostgresConnectionString("Host=db;Database=meedenker;Username=app;Password=secret"));
        Assert.Equal(100, chosen.MaxAutoPrepare);
        Assert.True(chosen.NoResetOnClose);
        Assert.Equal("db", chosen.Host);
        Assert.Equal("secret", chosen.Password);

        var own = new Npgsql.NpgsqlConnectionStringBuilder(DatabaseSetup.PostgresConnectionString("Host=db;Max Auto Prepare=0;No Reset On Close=false"));
        Assert.Equal(0, own.MaxAutoPrepare);
        Assert.False(own.NoResetOnClose);
    }
}
