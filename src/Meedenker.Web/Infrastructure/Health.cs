using Meedenker.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Meedenker.Web.Infrastructure;

/// <summary>Ready means: the database answers and has every migration this build knows.</summary>
public sealed class MigrationsHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Database reachable, migrations applied")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) pending");
        }
#pragma warning disable CA1031 // A health check reports every failure instead of throwing.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("Database not reachable", e);
        }
    }
}
