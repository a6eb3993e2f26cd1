using System.Globalization;
using Meedenker.Data;
using Meedenker.Data.Generation;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Infrastructure;

public enum CliCommand
{
    Run,
    Migrate,
    Generate,
}

public sealed record CliOptions(string[] WebArgs, int? Cases, int? Seed, double? ContactsPerCase);

/// <summary>
/// Operator commands: <c>migrate</c> applies migrations and exits; <c>generate --cases N [--seed S]
/// [--contacts-per-case C]</c> fills an empty database with the demo region at any scale.
/// </summary>
public static class Cli
{
    public static (CliCommand Command, CliOptions Options) Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var command = CliCommand.Run;
        var rest = new List<string>();
        int? cases = null, seed = null;
        double? perCase = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "migrate" when i == 0:
                    command = CliCommand.Migrate;
                    break;
                case "generate" when i == 0:
                    command = CliCommand.Generate;
                    break;
                case "--cases" when command == CliCommand.Generate:
                    cases = ParseInt(args, ++i, arg);
                    break;
                case "--seed" when command == CliCommand.Generate:
                    seed = ParseInt(args, ++i, arg);
                    break;
                case "--contacts-per-case" when command == CliCommand.Generate:
                    perCase = ParseInt(args, ++i, arg);
                    break;
                default:
                    rest.Add(arg);
                    break;
            }
        }
        return (command, new CliOptions([.. rest], cases, seed, perCase));
    }

    private static int ParseInt(string[] args, int index, string name)
    {
        if (index >= args.Length || !int.TryParse(args[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            throw new StartupConfigurationException($"{name} needs a whole number of 0 or more, e.g. '{name} 1000000'.");
        }
        return value;
    }

    public static async Task<int> RunAsync(CliCommand command, CliOptions options, WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Meedenker.Cli");
        var demo = app.Configuration.GetValue("Demo:Enabled", false);
        switch (command)
        {
            case CliCommand.Migrate:
                await Database.InitializeAsync(app.Services, migrate: true, loadDemo: demo, logger);
                logger.LogInformation("Database migrated");
                return 0;
            case CliCommand.Generate:
                {
                    await Database.InitializeAsync(app.Services, migrate: true, loadDemo: false, logger);
                    using var scope = app.Services.CreateScope();
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    if (await db.Organizations.AnyAsync() || await db.HelpRequests.AnyAsync())
                    {
                        throw new StartupConfigurationException("generate needs an empty database: it already holds organisations or help requests. Point ConnectionStrings:Meedenker at a new database.");
                    }
                    // Reference data was loaded by the initializer; the generator loads everything in one go.
                    await db.TaxonomyTerms.ExecuteDeleteAsync();
                    await db.Neighbourhoods.ExecuteDeleteAsync();
                    await db.Municipalities.ExecuteDeleteAsync();
                    await db.Roles.ExecuteDeleteAsync();
                    db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
                    var generatorOptions = new GeneratorOptions(
                        Seed: options.Seed ?? new GeneratorOptions().Seed,
                        Cases: options.Cases ?? 0,
                        ContactsPerCase: options.ContactsPerCase ?? 5,
                        WithDemoAccounts: demo);
                    var result = await new RegionGenerator(db, scope.ServiceProvider.GetRequiredService<TimeProvider>()).GenerateAsync(generatorOptions);
                    logger.LogInformation(
                        "Generated in {Seconds:0.0} s: {Municipalities} municipalities, {Organizations} organisations, {Staff} staff, {Requests} help requests, {Cases} cases, {Contacts} contacts",
                        result.Elapsed.TotalSeconds, result.Municipalities, result.Organizations, result.StaffUsers, result.HelpRequests, result.Cases, result.Contacts);
                    return 0;
                }
            default:
                return 1;
        }
    }
}
