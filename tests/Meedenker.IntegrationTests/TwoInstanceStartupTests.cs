using Meedenker.IntegrationTests.Infrastructure;

namespace Meedenker.IntegrationTests;

/// <summary>Security issue 16, finding 6: two instances started at the same moment on one empty PostgreSQL database.</summary>
public sealed class TwoInstanceStartupTests
{
    private sealed class Instance(TestDatabase database) : MeedenkerFactory(demo: false, environment: "Testing", database);

    [PostgresFact("SQLite is one file for one instance; the start-up lock is a PostgreSQL advisory lock")]
    public async Task Both_instances_come_up_and_the_reference_data_is_loaded_once()
    {
        using var database = new TestDatabase();
        // An existing empty database, as an operator creates it: both instances find it and take the lock.
        await database.CreatePostgresDatabaseAsync();
        using var first = new Instance(database);
        using var second = new Instance(database);

        // Starting an instance migrates and loads the reference data; both start at once on other threads.
        await Task.WhenAll(Task.Run(() => first.Services), Task.Run(() => second.Services));

        using var client = second.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await first.CreateClient().GetAsync("/health/ready")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var municipalities = first.WithDb(db => db.Municipalities.Select(m => m.Code).ToList());
        Assert.NotEmpty(municipalities);
        Assert.Equal(municipalities.Count, municipalities.Distinct().Count());
    }
}
