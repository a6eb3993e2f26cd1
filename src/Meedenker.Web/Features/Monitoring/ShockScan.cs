namespace Meedenker.Web.Features.Monitoring;

/// <summary>
/// The pure part of the weekly shock check: which weeks it reads and which drops it reports, so that tests can
/// run it over any series for any day without a database.
/// </summary>
public static class ShockScan
{
    /// <summary>Drops are reported for the last half year of complete weeks.</summary>
    public const int LookBackWeeks = 26;

    /// <summary>The weeks the check reads, as Mondays: <see cref="History"/> up to and including
    /// <see cref="LastWeek"/> (the last complete week); drops are reported from <see cref="LookFrom"/>.</summary>
    public sealed record Window(DateOnly History, DateOnly LookFrom, DateOnly LastWeek)
    {
        public int Weeks => (LastWeek.DayNumber - History.DayNumber) / 7 + 1;

        public int IndexOf(DateOnly monday) => (monday.DayNumber - History.DayNumber) / 7;

        public DateOnly WeekAt(int index) => History.AddDays(7 * index);
    }

    /// <summary>A drop to report: its first week, the count and what was expected.</summary>
    public sealed record Finding(DateOnly WeekStart, int Count, double Expected, bool SeasonAware);

    public static Window For(DateTimeOffset now)
    {
        var lastWeek = MonitorModel.Monday(DateOnly.FromDateTime(now.UtcDateTime)).AddDays(-7);
        var lookFrom = lastWeek.AddDays(-7 * (LookBackWeeks - 1));
        return new Window(lookFrom.AddDays(-7 * DropDetector.HistoryWeeks), lookFrom, lastWeek);
    }

    /// <summary>The first week of each drop in <paramref name="counts"/> (one per week of the window) that lies
    /// in the reported half year.</summary>
    public static IReadOnlyList<Finding> Find(Window window, IReadOnlyList<int> counts)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count != window.Weeks)
        {
            throw new ArgumentException($"Expected {window.Weeks} weekly counts, got {counts.Count}.", nameof(counts));
        }
        var checks = DropDetector.Check(counts);
        return DropDetector.AlertWeeks(checks)
            .Where(week => window.WeekAt(week) >= window.LookFrom)
            .Select(week => new Finding(window.WeekAt(week), counts[week], Math.Round(checks[week].Expected, 1), checks[week].Basis == DropBasis.SameWeeksEarlierYears))
            .ToList();
    }
}
