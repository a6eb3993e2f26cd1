using Meedenker.Data;
using Meedenker.Data.Generation;
using Meedenker.Web.Features.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Meedenker.Bench;

/// <summary>
/// Times the retention job on the demo region (three years of history, default terms), against two baselines in
/// the same run: the job's own selection (the dry run) and reading the same records with EF without changing them.
/// </summary>
internal static class RetentionBench
{
    public static async Task RunAsync(string providerName, string connection, int cases)
    {
        var provider = DatabaseSetup.ParseProvider(providerName);
        var (connectionString, drop) = GeneratorBench.Fresh(provider, connection);
        try
        {
            var options = new DbContextOptionsBuilder<AppDbContext>();
            DatabaseSetup.Configure(options, provider, connectionString);
            await using (var setup = new AppDbContext(options.Options))
            {
                setup.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
                await setup.Database.MigrateAsync();
                await new RegionGenerator(setup, TimeProvider.System).GenerateAsync(new GeneratorOptions(Cases: cases));
            }
            var now = TimeProvider.System.GetUtcNow();
            RetentionJob Job(AppDbContext db) => new(db, new Anonymisation(db), Options.Create(new RetentionSettings()), TimeProvider.System, NullLogger<RetentionJob>.Instance);

            RetentionReport? dry = null;
            var dryTime = await Timing.MeasureAsync(async () =>
            {
                await using var db = new AppDbContext(options.Options);
                dry = await Job(db).RunAsync(now, dryRun: true, CancellationToken.None);
            });
            var requests = dry!.ClosedRequests + dry.UnmatchedRequests;

            var readTime = await Timing.MeasureAsync(async () =>
            {
                await using var db = new AppDbContext(options.Options);
                var cutoff = now.AddMonths(-24);
                var ids = await db.Cases.Where(c => c.ClosedAt < cutoff).Select(c => c.HelpRequestId).Take(requests).ToListAsync();
                foreach (var batch in ids.Chunk(200))
                {
                    await db.HelpRequests.Include(h => h.StatusChanges).Where(h => batch.Contains(h.Id)).ToListAsync();
                    var caseIds = await db.Cases.Where(c => batch.Contains(c.HelpRequestId)).Select(c => c.Id).ToListAsync();
                    await db.Contacts.Where(c => caseIds.Contains(c.CaseId)).ToListAsync();
                    db.ChangeTracker.Clear();
                }
            });

            RetentionReport? done = null;
            var runTime = await Timing.MeasureAsync(async () =>
            {
                await using var db = new AppDbContext(options.Options);
                done = await Job(db).RunAsync(now, dryRun: false, CancellationToken.None);
            });
            var againTime = await Timing.MeasureAsync(async () =>
            {
                await using var db = new AppDbContext(options.Options);
                await Job(db).RunAsync(now, dryRun: false, CancellationToken.None);
            });

            Console.WriteLine($"provider={provider} past term: {requests} requests, {dry.Cases} cases, {dry.Residents} residents");
            Console.WriteLine($"retention job: {runTime.TotalSeconds:0.00} s, {requests / runTime.TotalSeconds:0} requests/s (anonymised {done!.ClosedRequests + done.UnmatchedRequests})");
            Console.WriteLine($"baseline dry run (selection only): {dryTime.TotalSeconds:0.00} s; reading the same records with EF: {readTime.TotalSeconds:0.00} s; second run (nothing left): {againTime.TotalSeconds:0.00} s");
        }
        finally
        {
            drop();
        }
    }
}
