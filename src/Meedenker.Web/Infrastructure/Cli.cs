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
    CreateAdmin,
    ImportHsds,
}

public sealed record CliOptions(string[] WebArgs, int? Cases, int? Seed, double? ContactsPerCase)
{
    public string? Email { get; init; }
    public string? Name { get; init; }
    public string? Organization { get; init; }
    public string? BaseUrl { get; init; }
    public string? File { get; init; }
    public int? Services { get; init; }
}

/// <summary>
/// Operator commands: <c>migrate</c> applies migrations and exits; <c>generate --cases N [--seed S]
/// [--contacts-per-case C] [--services N]</c> fills an empty database with the demo region at any scale, with
/// <c>--services</c> also a nationwide social map of N services over 342 municipalities (for benchmarks);
/// <c>create-admin --email E --name N --organization O [--url U]</c> creates the first administrator of a real
/// installation and prints the link to choose a password; <c>import-hsds FILE.zip</c> imports an HSDS 3.1 tabular
/// data package into the social map (all or nothing; the problems are printed and the exit code is 1).
/// </summary>
public static class Cli
{
    public static (CliCommand Command, CliOptions Options) Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var command = CliCommand.Run;
        var rest = new List<string>();
        int? cases = null, seed = null, services = null;
        double? perCase = null;
        string? email = null, name = null, organization = null, url = null, file = null;
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
                case "create-admin" when i == 0:
                    command = CliCommand.CreateAdmin;
                    break;
                case "import-hsds" when i == 0:
                    command = CliCommand.ImportHsds;
                    break;
                case var path when command == CliCommand.ImportHsds && file is null && !path.StartsWith('-'):
                    file = path;
                    break;
                case "--email" when command == CliCommand.CreateAdmin:
                    email = ParseText(args, ++i, arg);
                    break;
                case "--name" when command == CliCommand.CreateAdmin:
                    name = ParseText(args, ++i, arg);
                    break;
                case "--organization" when command == CliCommand.CreateAdmin:
                    organization = ParseText(args, ++i, arg);
                    break;
                case "--url" when command == CliCommand.CreateAdmin:
                    url = ParseText(args, ++i, arg);
                    break;
                case "--cases" when command == CliCommand.Generate:
                    cases = ParseInt(args, ++i, arg);
                    break;
                case "--services" when command == CliCommand.Generate:
                    services = ParseInt(args, ++i, arg);
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
        if (command == CliCommand.CreateAdmin && (email is null || name is null || organization is null))
        {
            throw new StartupConfigurationException("create-admin needs --email, --name and --organization, e.g. create-admin --email a.beheer@stichting.nl --name \"Anna Beheer\" --organization \"Stichting Meedenkers\".");
        }
        if (command == CliCommand.ImportHsds && file is null)
        {
            throw new StartupConfigurationException("import-hsds needs the zip file, e.g. import-hsds sociale-kaart-hsds.zip.");
        }
        return (command, new CliOptions([.. rest], cases, seed, perCase) { Email = email, Name = name, Organization = organization, BaseUrl = url, File = file, Services = services });
    }

    private static string ParseText(string[] args, int index, string name)
    {
        if (index >= args.Length || string.IsNullOrWhiteSpace(args[index]) || args[index].Length > 200)
        {
            throw new StartupConfigurationException($"{name} needs a value of at most 200 characters.");
        }
        return args[index].Trim();
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
                    await db.SearchSynonymGroups.ExecuteDeleteAsync();
                    await db.TaxonomyTerms.ExecuteDeleteAsync();
                    await db.Neighbourhoods.ExecuteDeleteAsync();
                    await db.Municipalities.ExecuteDeleteAsync();
                    await db.Roles.ExecuteDeleteAsync();
                    var generatorOptions = new GeneratorOptions(
                        Seed: options.Seed ?? new GeneratorOptions().Seed,
                        Cases: options.Cases ?? 0,
                        ContactsPerCase: options.ContactsPerCase ?? 5,
                        WithDemoAccounts: demo,
                        NationwideServices: options.Services ?? 0);
                    var generator = new RegionGenerator(db, scope.ServiceProvider.GetRequiredService<TimeProvider>()) { Progress = new LoggedProgress(logger) };
                    GeneratorResult result;
                    try
                    {
                        result = await generator.GenerateAsync(generatorOptions);
                    }
                    catch (BulkLoadException e)
                    {
                        // One transaction: nothing of the region is left behind, so the same command can run again.
                        throw new StartupConfigurationException($"generate stopped: {e.Message} Nothing was kept; the database is as empty as before.", e);
                    }
                    logger.LogInformation(
                        "Generated in {Seconds:0.0} s: {Municipalities} municipalities, {Organizations} organisations, {Staff} staff, {Requests} help requests, {Cases} cases, {Contacts} contacts, {Services} services",
                        result.Elapsed.TotalSeconds, result.Municipalities, result.Organizations, result.StaffUsers, result.HelpRequests, result.Cases, result.Contacts, result.Services);
                    return 0;
                }
            case CliCommand.CreateAdmin:
                await Database.InitializeAsync(app.Services, migrate: app.Configuration.GetValue("Database:MigrateOnStart", true), loadDemo: demo, logger);
                var link = await CreateAdminAsync(app.Services, options);
                logger.LogInformation("Administrator {Email} created. Choose the password with this link (valid for one day): {Link}", options.Email, link);
                return 0;
            case CliCommand.ImportHsds:
                await Database.InitializeAsync(app.Services, migrate: app.Configuration.GetValue("Database:MigrateOnStart", true), loadDemo: demo, logger);
                return await ImportHsdsAsync(app.Services, options.File!, Console.Out);
            default:
                return 1;
        }
    }

    /// <summary>Logs each step of a bulk load as it happens (not through a thread-pool callback, so in order).</summary>
    private sealed class LoggedProgress(ILogger logger) : IProgress<BulkLoadStep>
    {
        public void Report(BulkLoadStep value) => logger.LogInformation("Loading {Step}", value);
    }

    /// <summary>Prints every problem of a refused file on its own line, or what was imported.</summary>
    public static async Task<int> ImportHsdsAsync(IServiceProvider services, string file, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!File.Exists(file))
        {
            await output.WriteLineAsync($"import-hsds: file not found: {file}");
            return 2;
        }
        using var scope = services.CreateScope();
        var importer = scope.ServiceProvider.GetRequiredService<Features.Directory.HsdsImporter>();
        await using var stream = File.OpenRead(file);
        var result = await importer.ImportAsync(stream, CancellationToken.None);
        if (!result.Succeeded)
        {
            await output.WriteLineAsync($"import-hsds: {file} was refused; nothing changed. {result.Problems.Count} problem(s):");
            foreach (var problem in result.Problems)
            {
                await output.WriteLineAsync("  " + problem);
            }
            return 1;
        }
        await output.WriteLineAsync($"import-hsds: imported {result.Organizations} organisation(s), {result.Locations} location(s), {result.Services} service(s) from {file}.");
        return 0;
    }

    private static async Task<string> CreateAdminAsync(IServiceProvider services, CliOptions options)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Domain.StaffUser>>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        if (!new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(options.Email))
        {
            throw new StartupConfigurationException($"--email '{options.Email}' is not an e-mail address.");
        }
        if (await users.FindByEmailAsync(options.Email!) is not null)
        {
            throw new StartupConfigurationException($"There is already an account for {options.Email}.");
        }
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Name == options.Organization);
        if (organization is null)
        {
            var municipality = await db.Municipalities.OrderBy(m => m.Code).FirstAsync();
            organization = new Domain.Organization
            {
                Id = Guid.NewGuid(),
                Name = options.Organization!,
                Kind = Domain.OrganizationKind.SupportA,
                MunicipalityId = municipality.Id,
                CreatedAt = time.GetUtcNow(),
            };
            db.Organizations.Add(organization);
            await db.SaveChangesAsync();
        }
        var user = new Domain.StaffUser
        {
            UserName = options.Email,
            Email = options.Email,
            EmailConfirmed = true,
            DisplayName = options.Name!,
            OrganizationId = organization.Id,
            CreatedAt = time.GetUtcNow(),
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            throw new StartupConfigurationException("The administrator could not be created: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(user, Domain.StaffRoles.Admin);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var baseUrl = (options.BaseUrl ?? "http://localhost:5080").TrimEnd('/');
        return $"{baseUrl}/account/wachtwoord-instellen?userId={user.Id}&token={Uri.EscapeDataString(token)}";
    }
}
