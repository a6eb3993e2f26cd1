using Meedenker.Data;
using Meedenker.Data.Generation;
using Meedenker.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Meedenker.Bench;

/// <summary>
/// Times the region generator on a fresh database, and as baseline inserts the same kind of rows (contacts)
/// with plain EF Core SaveChanges, so the bulk path's gain is visible in the same run.
/// </summary>
internal static class GeneratorBench
{
    public static async Task RunAsync(string providerName, string connection, int cases)
    {
        var provider = DatabaseSetup.ParseProvider(providerName);
        var (connectionString, drop) = Fresh(provider, connection);
        try
        {
            var options = new DbContextOptionsBuilder<AppDbContext>();
            DatabaseSetup.Configure(options, provider, connectionString);
            await using var db = new AppDbContext(options.Options);
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            var migrate = await Timing.MeasureAsync(() => db.Database.MigrateAsync());
            GeneratorResult? result = null;
            var generate = await Timing.MeasureAsync(async () => result = await new RegionGenerator(db, TimeProvider.System).GenerateAsync(new GeneratorOptions(Cases: cases)));
            var rows = result!.HelpRequests * 2 + result.Cases + result.Contacts;
            Console.WriteLine($"provider={provider} cases={result.Cases} contacts={result.Contacts} requests={result.HelpRequests}");
            Console.WriteLine($"migrate: {migrate.TotalSeconds:0.00} s");
            Console.WriteLine($"generator: {generate.TotalSeconds:0.00} s, {rows / generate.TotalSeconds:0} rows/s");

            // Baseline: the same kind of rows through EF change tracking and SaveChanges.
            var caseIds = await db.Cases.Select(c => c.Id).Take(2000).ToListAsync();
            var random = new Random(1);
            var sample = Enumerable.Range(0, 20_000).Select(i => new Contact
            {
                Id = Guid.NewGuid(),
                CaseId = caseIds[i % caseIds.Count],
                At = DateTimeOffset.UnixEpoch.AddDays(random.Next(20_000)),
                Mode = ContactMode.Phone,
                DurationMinutes = 15,
            }).ToList();
            db.ChangeTracker.Clear();
            var efTime = await Timing.MeasureAsync(async () =>
            {
                db.Contacts.AddRange(sample.Take(10_000));
                await db.SaveChangesAsync();
            });
            db.ChangeTracker.Clear();
            var bulkTime = await Timing.MeasureAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                await BulkInserter.InsertAsync(db, sample.Skip(10_000).ToList());
                await transaction.CommitAsync();
            });
            Console.WriteLine($"baseline EF SaveChanges: {10_000 / efTime.TotalSeconds:0} rows/s; bulk insert: {10_000 / bulkTime.TotalSeconds:0} rows/s");
        }
        finally
        {
            drop();
        }
    }

    internal static (string ConnectionString, Action Drop) Fresh(DatabaseProvider provider, string connection)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"meedenker-bench-{Guid.NewGuid():N}.db");
            return ($"Data Source={file}", () =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                File.Delete(file);
            }
            );
        }
        var name = $"meedenker_bench_{Guid.NewGuid():N}";
        var builder = new NpgsqlConnectionStringBuilder(connection) { Database = name };
        return (builder.ToString(), () =>
        {
            NpgsqlConnection.ClearAllPools();
            using var admin = new NpgsqlConnection(connection);
            admin.Open();
            using var command = admin.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
            command.ExecuteNonQuery();
        }
        );
    }
}
