namespace Meedenker.Web.Features.Monitoring;

/// <summary>What a week's expected intake is based on.</summary>
public enum DropBasis
{
    /// <summary>Not judged: too little history, or too few requests to tell a drop from chance.</summary>
    None,

    /// <summary>The recent ordinary weeks only: less than a year of history, so no season is known yet.</summary>
    RecentWeeks,

    /// <summary>The recent ordinary weeks, adjusted for what the same weeks of earlier years brought.</summary>
    SameWeeksEarlierYears,
}

/// <summary>One week's intake compared with what was expected, and whether it is a sudden drop.</summary>
/// <param name="Week">Index in the series.</param>
/// <param name="Count">Requests in the week.</param>
/// <param name="Expected">What the week was expected to bring; 0 without enough history to say.</param>
/// <param name="IsDrop">Whether the week is part of a sudden drop.</param>
/// <param name="Basis">What <paramref name="Expected"/> is based on.</param>
/// <param name="YearsCompared">How many earlier years' same weeks went into the season (0 to 2).</param>
public sealed record WeekCheck(int Week, int Count, double Expected, bool IsDrop, DropBasis Basis = DropBasis.None, int YearsCompared = 0)
{
    public bool Judged => Basis != DropBasis.None;
}

/// <summary>
/// Finds sudden drops in weekly intake (as in the COVID lockdown), as a pure function over weekly counts
/// (calendar weeks, oldest first). See docs/decisions/0070-season-aware-drop-detector.md.
/// <para>
/// Expected = the level of the recent ordinary weeks × the season of this week. The level is the median of
/// the last <see cref="RecentWeeks"/> weeks that were not low themselves, each first divided by its own
/// season, so the return from a holiday is not compared with the holiday. The season of a week is what the
/// same weeks of up to two earlier years brought against the weeks around them (weighted 1-2-3-2-1 over the
/// five weeks around the same week, so a holiday that moves by a week between years still matches), pulled
/// towards 1 when the counts are small, and only ever lowers the expectation: a dip that every year shows is
/// not a shock, a drop against what those weeks usually bring is.
/// </para>
/// <para>
/// A week is a drop when it is at most half of expected and four standard deviations of a Poisson count
/// below, or at most 55 % and three standard deviations below with another such week within two weeks.
/// Weeks are not judged with fewer than <see cref="MinimumRecent"/> weeks of history, an expectation under
/// <see cref="MinimumExpected"/> requests, or in the first week with any request (usually a partial week).
/// </para>
/// </summary>
public static class DropDetector
{
    public const int RecentWeeks = 12;
    public const int MinimumRecent = 8;
    public const int MinimumExpected = 10;
    public const int YearWeeks = 52;
    public const int YearsBack = 2;

    /// <summary>Weeks either side of the same week a year earlier that set that year's level.</summary>
    public const int LevelWindow = 8;

    /// <summary>Weeks the series needs before the first week to judge: two years and the level window.</summary>
    public const int HistoryWeeks = YearsBack * YearWeeks + LevelWindow + 2;

    /// <summary>A new alert needs at least this many weeks without a drop since the last drop week.</summary>
    public const int QuietWeeksBetweenAlerts = 4;

    /// <summary>Pseudo-count that pulls a season made of few requests towards "no season".</summary>
    private const double SeasonPrior = 50;
    private static readonly int[] SeasonWeights = [1, 2, 3, 2, 1];

    public static IReadOnlyList<WeekCheck> Check(IReadOnlyList<int> weekly)
    {
        ArgumentNullException.ThrowIfNull(weekly);
        var n = weekly.Count;
        var first = -1;
        for (var i = 0; i < n && first < 0; i++)
        {
            first = weekly[i] > 0 ? i : -1;
        }
        var season = new double[n];
        var years = new int[n];
        for (var t = 0; t < n; t++)
        {
            (season[t], years[t]) = first < 0 ? (1.0, 0) : Season(weekly, first, t);
        }

        var expected = new double[n];
        var basis = new DropBasis[n];
        var strong = new bool[n];
        var moderate = new bool[n];
        // Weeks already seen as low do not pull down what later weeks are compared with.
        var ordinary = new List<int>(n);
        var recent = new List<double>(RecentWeeks);
        for (var t = 0; t < n; t++)
        {
            if (first < 0 || t <= first)
            {
                if (t == first)
                {
                    ordinary.Add(t);
                }
                continue;
            }
            if (ordinary.Count >= MinimumRecent)
            {
                recent.Clear();
                for (var i = Math.Max(0, ordinary.Count - RecentWeeks); i < ordinary.Count; i++)
                {
                    recent.Add(weekly[ordinary[i]] / season[ordinary[i]]);
                }
                var e = Median(recent) * season[t];
                expected[t] = e;
                if (e >= MinimumExpected)
                {
                    basis[t] = years[t] > 0 ? DropBasis.SameWeeksEarlierYears : DropBasis.RecentWeeks;
                    var count = weekly[t];
                    strong[t] = count <= e * 0.5 && count < e - 4 * Math.Sqrt(e);
                    moderate[t] = count <= e * 0.55 && count < e - 3 * Math.Sqrt(e);
                }
            }
            if (!moderate[t])
            {
                ordinary.Add(t);
            }
        }

        var checks = new List<WeekCheck>(n);
        for (var t = 0; t < n; t++)
        {
            var confirmed = false;
            for (var other = Math.Max(0, t - 2); other <= Math.Min(n - 1, t + 2) && !confirmed; other++)
            {
                confirmed = other != t && moderate[other];
            }
            checks.Add(new WeekCheck(t, weekly[t], expected[t], strong[t] || (moderate[t] && confirmed), basis[t], basis[t] == DropBasis.None ? 0 : years[t]));
        }
        return checks;
    }

    /// <summary>The season of week <paramref name="t"/> (at most 1) and how many earlier years it rests on.</summary>
    private static (double Factor, int Years) Season(IReadOnlyList<int> weekly, int first, int t)
    {
        double sum = 0, level = 0;
        var years = 0;
        for (var y = 1; y <= YearsBack; y++)
        {
            var same = t - y * YearWeeks;
            // Only a year whose weeks around the same week all lie after the first (partial) week of data.
            if (same - LevelWindow <= first)
            {
                break;
            }
            var around = new List<double>(2 * LevelWindow + 1);
            for (var w = same - LevelWindow; w <= same + LevelWindow; w++)
            {
                around.Add(weekly[w]);
            }
            var yearLevel = Median(around);
            for (var k = -2; k <= 2; k++)
            {
                sum += SeasonWeights[k + 2] * weekly[same + k];
                level += SeasonWeights[k + 2] * yearLevel;
            }
            years++;
        }
        return years == 0 ? (1.0, 0) : (Math.Clamp((sum + SeasonPrior) / (level + SeasonPrior), 0.1, 1.0), years);
    }

    /// <summary>The first week of each drop: where an alert is raised. Drop weeks less than
    /// <see cref="QuietWeeksBetweenAlerts"/> ordinary weeks apart belong to the same drop.</summary>
    public static IReadOnlyList<int> AlertWeeks(IReadOnlyList<int> weekly) => AlertWeeks(Check(weekly));

    public static IReadOnlyList<int> AlertWeeks(IReadOnlyList<WeekCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var alerts = new List<int>();
        var lastDrop = int.MinValue / 2;
        foreach (var check in checks.Where(c => c.IsDrop))
        {
            if (check.Week - lastDrop > QuietWeeksBetweenAlerts)
            {
                alerts.Add(check.Week);
            }
            lastDrop = check.Week;
        }
        return alerts;
    }

    public static double Median(IReadOnlyList<int> values, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(values);
        var slice = new List<double>(Math.Max(0, to - from));
        for (var i = from; i < to; i++)
        {
            slice.Add(values[i]);
        }
        return Median(slice);
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2.0;
    }
}
