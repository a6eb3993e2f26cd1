using Meedenker.Data;
using Meedenker.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Meedenker.Web.Features.Monitoring;

/// <summary>
/// Reads the counts the dashboard needs. Without fine filters they come from the pre-aggregated table
/// (a few thousand rows for a region-year) and are cached until the next refresh; with a neighbourhood,
/// target group, life domain or channel filter, or before the first refresh, the same GROUP BY runs on the
/// case tables. Either way only counts leave the database.
/// </summary>
public sealed class MonitorData(AppDbContext db, MonitorAggregator aggregator, IMemoryCache cache)
{
    /// <summary>The counts for a view, and whether they came from the pre-aggregated table.</summary>
    public sealed record Facts(IReadOnlyList<MonitorFact> Rows, bool Preaggregated, DateTimeOffset? RefreshedAt);

    private sealed record Key(DateTimeOffset RefreshedAt, MonitorFilter Filter, int History, int From, int To);

    /// <summary>
    /// Counts for weeks <paramref name="from"/>..<paramref name="to"/> (Mondays); the intake by who asked also
    /// from <paramref name="history"/> (for the drop detector). Opened and closed cases before the period are
    /// folded into one row each in the week before it (for the caseload).
    /// </summary>
    public async Task<Facts> LoadAsync(MonitorFilter filter, DateOnly history, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var refreshedAt = await db.MonitorRefreshes.AsNoTracking().Where(r => r.Id == 1).Select(r => (DateTimeOffset?)r.RefreshedAt).SingleOrDefaultAsync(cancellationToken);
        if (filter.NeedsLiveQuery || refreshedAt is null)
        {
            // The period in full; before it only the intake the drop detector needs (two years of it).
            var rows = await aggregator.ComputeAsync(filter, from, to, cancellationToken);
            if (history < from)
            {
                rows.AddRange(await aggregator.ComputeAsync(filter, history, from.AddDays(-7), cancellationToken,
                    new HashSet<string>(StringComparer.Ordinal) { MonitorKinds.Asker }));
            }
            return new Facts(Fold(rows, from), false, refreshedAt);
        }
        var key = new Key(refreshedAt.Value, filter, history.DayNumber, from.DayNumber, to.DayNumber);
        if (cache.TryGetValue(key, out Facts? cached) && cached is not null)
        {
            return cached;
        }
        int h = history.DayNumber, f = from.DayNumber, t = to.DayNumber;
        var facts = db.MonitorFacts.AsNoTracking();
        if (filter.MunicipalityId is { } municipality)
        {
            facts = facts.Where(x => x.MunicipalityId == municipality);
        }
        var inPeriod = await facts
            .Where(x => x.Week <= t && (x.Week >= f || (x.Kind == MonitorKinds.Asker && x.Week >= h)))
            .ToListAsync(cancellationToken);
        var before = await facts
            .Where(x => x.Week < f && (x.Kind == MonitorKinds.Opened || x.Kind == MonitorKinds.Closed))
            .GroupBy(x => new { x.Kind, x.MunicipalityId })
            .Select(g => new { g.Key.Kind, g.Key.MunicipalityId, Count = g.Sum(x => x.Count) })
            .ToListAsync(cancellationToken);
        inPeriod.AddRange(before.Select(b => new MonitorFact { Kind = b.Kind, MunicipalityId = b.MunicipalityId, Week = f - 7, Count = b.Count }));
        var result = new Facts(inPeriod, true, refreshedAt);
        cache.Set(key, result, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(2), Size = 1 });
        return result;
    }

    /// <summary>Weekly intake totals of the whole region, for the region's drop signal beside a municipality's.</summary>
    public async Task<Dictionary<int, int>> RegionWeeklyAsync(DateOnly history, DateOnly to, CancellationToken cancellationToken)
    {
        var facts = await LoadAsync(new MonitorFilter(), history, to, to, cancellationToken);
        return facts.Rows.Where(r => r.Kind == MonitorKinds.Asker).GroupBy(r => r.Week).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
    }

    /// <summary>Live rows hold opened and closed cases of all earlier weeks: sum those before the period into one row, as the table path does.</summary>
    private static List<MonitorFact> Fold(List<MonitorFact> rows, DateOnly from)
    {
        var f = from.DayNumber;
        var early = rows.Where(r => r.Week < f && r.Kind is MonitorKinds.Opened or MonitorKinds.Closed).ToList();
        var kept = rows.Where(r => !(r.Week < f && r.Kind is MonitorKinds.Opened or MonitorKinds.Closed)).ToList();
        kept.AddRange(early.GroupBy(r => new { r.Kind, r.MunicipalityId })
            .Select(g => new MonitorFact { Kind = g.Key.Kind, MunicipalityId = g.Key.MunicipalityId, Week = f - 7, Count = g.Sum(r => r.Count) }));
        return kept;
    }
}
