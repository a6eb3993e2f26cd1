using Microsoft.Extensions.Options;

namespace Meedenker.Web.Infrastructure;

/// <summary>Runs before the server listens: database reachable, migrated, and the demo region loaded when empty.</summary>
public sealed class DatabaseInitializer(IServiceProvider services, IConfiguration configuration, IOptions<DemoSettings> demo, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        Database.InitializeAsync(services, configuration.GetValue("Database:MigrateOnStart", true), demo.Value.Enabled, logger, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class RateLimitPolicies
{
    public const string PublicForms = "public-forms";
    public const string Login = "login";
}
