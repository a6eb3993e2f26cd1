using Microsoft.Extensions.Options;

namespace Meedenker.Web.Infrastructure;

/// <summary>
/// Runs before the server listens: database reachable, migrated, and the demo region loaded when empty.
/// Program.Main runs it before starting the host, so a start-up problem is one clear line; hosts that skip
/// Main (the test factory) get it from the hosted service.
/// </summary>
public sealed class DatabaseInitializer(IServiceProvider services, IConfiguration configuration, IOptions<DemoSettings> demo, ILogger<DatabaseInitializer> logger) : IHostedService
{
    private bool _done;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return;
        }
        await Database.InitializeAsync(services, configuration.GetValue("Database:MigrateOnStart", true), demo.Value.Enabled, logger, cancellationToken);
        _done = true;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class RateLimitPolicies
{
    public const string PublicForms = "public-forms";
    public const string Login = "login";
}
