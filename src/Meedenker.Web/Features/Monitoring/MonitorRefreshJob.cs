using Quartz;

namespace Meedenker.Web.Features.Monitoring;

/// <summary>
/// Rebuilds the monitor's pre-aggregated counts (at start and then every half hour). A full rebuild is
/// idempotent, so running it on several instances at once only costs time.
/// </summary>
[DisallowConcurrentExecution]
public sealed class MonitorRefreshJob(MonitorAggregator aggregator, TimeProvider time, ILogger<MonitorRefreshJob> logger) : IJob
{
    public static readonly JobKey Key = new("monitor-refresh");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var facts = await aggregator.RefreshAsync(time.GetUtcNow(), cancellationToken);
        logger.LogInformation("Monitor aggregates rebuilt: {Facts} rows in {Milliseconds} ms", facts, stopwatch.ElapsedMilliseconds);
    }
}
