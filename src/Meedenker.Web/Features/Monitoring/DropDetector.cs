namespace Meedenker.Web.Features.Monitoring;

/// <summary>One week's intake compared with what was expected, and whether it is a sudden drop.</summary>
public sealed record WeekCheck(int Week, int Count, double Expected, bool IsDrop);

/// <summary>
/// Finds sudden drops in weekly intake (as in the COVID lockdown). A week is expected to look like the median
/// of the eight weeks before it; where more than a year of history exists, that is averaged with the same
/// weeks a year earlier, scaled by how the year has grown, so holiday dips that happen every year count as
/// normal. A week is a drop when it is far below expected: at once when it is less than half and four
/// standard deviations of a Poisson count below; otherwise when two weeks in a row are 40 % and three
/// standard deviations below. The alert names the first week of the drop.
/// </summary>
public static class DropDetector
{
    public const int Baseline = 8;
    public const int MinimumExpected = 10;

    public static IReadOnlyList<WeekCheck> Check(IReadOnlyList<int> weekly)
    {
        ArgumentNullException.ThrowIfNull(weekly);
        var expected = new double[weekly.Count];
        var strong = new bool[weekly.Count];
        var moderate = new bool[weekly.Count];
        // Weeks already seen as low do not pull down what later weeks are compared with.
        var normal = new List<int>(weekly.Count);
        for (var week = 0; week < weekly.Count; week++)
        {
            expected[week] = Expected(weekly, normal, week);
            var e = expected[week];
            var count = weekly[week];
            if (!double.IsNaN(e) && e >= MinimumExpected)
            {
                strong[week] = count <= e * 0.5 && count < e - 4 * Math.Sqrt(e);
                moderate[week] = count <= e * 0.6 && count < e - 3 * Math.Sqrt(e);
            }
            if (!moderate[week])
            {
                normal.Add(week);
            }
        }
        return weekly.Select((count, week) => new WeekCheck(week, count, expected[week],
            strong[week] || (moderate[week] && ((week > 0 && moderate[week - 1]) || (week + 1 < weekly.Count && moderate[week + 1]))))).ToList();
    }

    private static double Expected(IReadOnlyList<int> weekly, List<int> normal, int week)
    {
        if (normal.Count < Baseline)
        {
            return double.NaN;
        }
        var recent = Median(normal.Skip(normal.Count - Baseline).Select(w => weekly[w]).ToList(), 0, Baseline);
        if (week < 52 + Baseline)
        {
            return recent;
        }
        var yearAgoLevel = Median(weekly, week - 52 - Baseline, week - 52);
        if (yearAgoLevel <= 0)
        {
            return recent;
        }
        var sameWeeksYearAgo = Median(weekly, week - 53, week - 50);
        return (recent + sameWeeksYearAgo * recent / yearAgoLevel) / 2;
    }

    /// <summary>The first week of each run of drop weeks: where an alert is raised.</summary>
    public static IReadOnlyList<int> AlertWeeks(IReadOnlyList<int> weekly)
    {
        var checks = Check(weekly);
        return checks.Where(c => c.IsDrop && (c.Week == 0 || !checks[c.Week - 1].IsDrop)).Select(c => c.Week).ToList();
    }

    public static double Median(IReadOnlyList<int> values, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(values);
        var slice = new List<int>(to - from);
        for (var i = from; i < to; i++)
        {
            slice.Add(values[i]);
        }
        slice.Sort();
        if (slice.Count == 0)
        {
            return 0;
        }
        var middle = slice.Count / 2;
        return slice.Count % 2 == 1 ? slice[middle] : (slice[middle - 1] + slice[middle]) / 2.0;
    }
}
