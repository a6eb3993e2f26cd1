using System.Diagnostics;
using Meedenker.Data;
using Meedenker.Data.Generation;
using Meedenker.Web.Features.Monitoring;
using Meedenker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace Meedenker.Bench;

/// <summary>
/// The municipal monitor on a large PostgreSQL region: generates N cases (about 5 contacts each), rebuilds the
/// pre-aggregated table, then times the dashboard's data for the whole region and the last full year: cold
/// (new app cache, as after a restart or a refresh) and warm (the same view again). Baselines in the same
/// run: a raw Npgsql GROUP BY of only the weekly intake by channel on the case tables, and the monitor's full
/// live query (every figure straight from the case tables, as a filtered view does).
/// </summary>
internal static class MonitorBench
{
    public static async Task RunAsync(string adminConnection, int cases, string? existing, int repeats, double contactsPerCase = 5)
    {
        var name = existing ?? $"meedenker_monitor_{Guid.NewGuid():N}";
        var connection = new NpgsqlConnectionStringBuilder(adminConnection) { Database = name }.ToString();
        try
        {
            var options = new DbContextOptionsBuilder<AppDbContext>();
            DatabaseSetup.Configure(options, DatabaseProvider.Postgres, connection);
            AppDbContext NewDb()
            {
                var db = new AppDbContext(options.Options);
                db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
                return db;
            }
            if (existing is null)
            {
                await using var db = NewDb();
                await db.Database.MigrateAsync();
                var generated = await new RegionGenerator(db, TimeProvider.System).GenerateAsync(new GeneratorOptions(Cases: cases, ContactsPerCase: contactsPerCase));
                Console.WriteLine($"generated {generated.Cases} cases, {generated.Contacts} contacts, {generated.HelpRequests} requests in {generated.Elapsed.TotalSeconds:0} s (database {name})");
                await using var analyze = new NpgsqlConnection(connection);
                await analyze.OpenAsync();
                await using var command = new NpgsqlCommand("ANALYZE", analyze) { CommandTimeout = 600 };
                await command.ExecuteNonQueryAsync();
            }

            await using (var db = NewDb())
            {
                var refresh = Stopwatch.StartNew();
                var facts = await new MonitorAggregator(db).RefreshAsync(TimeProvider.System.GetUtcNow(), CancellationToken.None);
                Console.WriteLine($"refresh (full rebuild of the pre-aggregated table): {facts} rows in {refresh.Elapsed.TotalSeconds:0.0} s");
            }

            var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
            var to = MonitorModel.Monday(today).AddDays(-7);
            var from = to.AddDays(-7 * 51);
            var history = from.AddDays(-7 * DropDetector.HistoryWeeks);

            for (var run = 0; run < repeats; run++)
            {
                using var cache = new MemoryCache(new MemoryCacheOptions());
                await using var db = NewDb();
                var data = new MonitorData(db, new MonitorAggregator(db), cache);
                var reference = new ReferenceData(db, cache);
                async Task<int> DashboardAsync()
                {
                    var snapshot = await reference.GetAsync();
                    var loaded = await data.LoadAsync(new MonitorFilter(), history, from, to, CancellationToken.None);
                    var report = MonitorReport.Build(loaded.Rows, new MonitorReport.Context(snapshot, null, from, to, history, new Dictionary<Guid, MonitorReport.NeighbourhoodNeed>()));
                    return report.All.Count();
                }
                var cold = await Timing.MeasureAsync(DashboardAsync);
                var warm = new List<double>();
                for (var i = 0; i < 20; i++)
                {
                    warm.Add((await Timing.MeasureAsync(DashboardAsync)).TotalMilliseconds);
                }
                warm.Sort();
                Console.WriteLine($"run {run + 1}: dashboard region × 1 year from the pre-aggregated table: cold {cold.TotalMilliseconds:0} ms, warm median {warm[warm.Count / 2]:0.0} ms, warm max {warm[^1]:0.0} ms");
            }

            // Baseline 1: one raw GROUP BY on the case tables (only the weekly intake by channel).
            await using (var raw = new NpgsqlConnection(connection))
            {
                await raw.OpenAsync();
                for (var run = 0; run < 2; run++)
                {
                    var stopwatch = Stopwatch.StartNew();
                    await using var command = new NpgsqlCommand(
                        "SELECT date_trunc('week', \"ReceivedAt\" AT TIME ZONE 'UTC') AS week, \"Channel\", count(*) FROM \"HelpRequests\" " +
                        "WHERE \"ReceivedAt\" >= @from AND \"ReceivedAt\" < @to GROUP BY 1, 2", raw);
                    command.Parameters.AddWithValue("from", new DateTimeOffset(history.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
                    command.Parameters.AddWithValue("to", new DateTimeOffset(to.AddDays(7).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
                    var rows = 0;
                    await using (var reader = await command.ExecuteReaderAsync())
                    {
                        while (await reader.ReadAsync())
                        {
                            rows++;
                        }
                    }
                    Console.WriteLine($"baseline raw Npgsql weekly intake by channel on HelpRequests (one figure): {stopwatch.Elapsed.TotalMilliseconds:0} ms ({rows} rows)");
                }
            }

            // Baseline 2: every figure of the dashboard straight from the case tables.
            await using (var db = NewDb())
            {
                for (var run = 0; run < 2; run++)
                {
                    var live = await Timing.MeasureAsync(() => new MonitorAggregator(db).ComputeAsync(new Web.Features.Monitoring.MonitorFilter(), history, to, CancellationToken.None));
                    Console.WriteLine($"baseline live query of all figures on the case tables (no pre-aggregation): {live.TotalMilliseconds:0} ms");
                }
                var filtered = await Timing.MeasureAsync(() => new MonitorAggregator(db).ComputeAsync(new Web.Features.Monitoring.MonitorFilter(TargetGroup: "ouderen"), history, to, CancellationToken.None));
                Console.WriteLine($"filtered view (target group) computed live, region × 1 year: {filtered.TotalMilliseconds:0} ms");
            }
        }
        finally
        {
            if (existing is null && Environment.GetEnvironmentVariable("MEEDENKER_BENCH_KEEP") != "1")
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(adminConnection);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }
}
