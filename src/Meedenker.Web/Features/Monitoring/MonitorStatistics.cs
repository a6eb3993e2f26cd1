namespace Meedenker.Web.Features.Monitoring;

/// <summary>
/// Statistics over counted values (histograms: value → how many), as the pre-aggregated rows hold them.
/// Every result that could single out fewer than <see cref="Suppression.Threshold"/> people is null.
/// </summary>
public static class MonitorStatistics
{
    public static int Total(IReadOnlyDictionary<int, int> histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        return histogram.Values.Sum();
    }

    /// <summary>
    /// The nearest-rank percentile (0 &lt; p ≤ 1): the smallest value with at least p of the counts at or
    /// below it. Null when fewer than the threshold are counted.
    /// </summary>
    public static int? Percentile(IReadOnlyDictionary<int, int> histogram, double p)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        var n = Total(histogram);
        if (n < Suppression.Threshold)
        {
            return null;
        }
        var rank = (int)Math.Ceiling(p * n);
        var seen = 0;
        foreach (var (value, count) in histogram.Where(e => e.Value > 0).OrderBy(e => e.Key))
        {
            seen += count;
            if (seen >= rank)
            {
                return value;
            }
        }
        return null;
    }

    public static int? Median(IReadOnlyDictionary<int, int> histogram) => Percentile(histogram, 0.5);

    /// <summary>
    /// The share part / whole, or null when it would tell about fewer than the threshold: a small whole, or
    /// a part (or the rest) of 1 to 4 people.
    /// </summary>
    public static double? Share(int part, int whole)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(part);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(part, whole);
        if (whole < Suppression.Threshold || part is > 0 and < Suppression.Threshold || (whole - part) is > 0 and < Suppression.Threshold)
        {
            return null;
        }
        return (double)part / whole;
    }

    /// <summary>Share of counted values at or below a limit (e.g. first contact within the target).</summary>
    public static double? ShareAtMost(IReadOnlyDictionary<int, int> histogram, int limit)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        return Share(histogram.Where(e => e.Key <= limit).Sum(e => e.Value), Total(histogram));
    }

    /// <summary>How self-reliance changed from start to close: shares that went down, stayed and went up.</summary>
    public sealed record Change(int Count, double? Worse, double? Same, double? Better, double? Mean);

    public static Change SelfRelianceChange(IReadOnlyDictionary<int, int> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var n = Total(changes);
        var worse = changes.Where(e => e.Key < 0).Sum(e => e.Value);
        var better = changes.Where(e => e.Key > 0).Sum(e => e.Value);
        double? mean = n < Suppression.Threshold ? null : changes.Sum(e => (double)e.Key * e.Value) / n;
        return new Change(n, Share(worse, n), Share(n - worse - better, n), Share(better, n), mean);
    }

    /// <summary>Requests per 1 000 inhabitants; null without inhabitants.</summary>
    public static double? PerThousand(int requests, int inhabitants) => inhabitants <= 0 ? null : requests * 1000.0 / inhabitants;

    /// <summary>
    /// A group under-uses support when its requests are under three quarters of what its need predicts, and
    /// the shortfall is more than noise (two Poisson standard deviations); tiny expectations never count.
    /// </summary>
    public static bool UnderUsed(int requests, double expected) =>
        expected >= 2 * Suppression.Threshold && requests < expected * 0.75 && requests < expected - 2 * Math.Sqrt(expected);

    /// <summary>
    /// Expected need of a neighbourhood, relative to others: inhabitants weighted by age (older people and
    /// adults ask more than children) and raised by the shares of low income and living alone. The weights are
    /// a documented assumption (docs/reference-figures.md), not a law of nature.
    /// </summary>
    public static double NeedWeight(int age0To17, int age18To64, int age65To74, int age75Plus, double lowIncomeShare, double livingAloneShare) =>
        (0.3 * age0To17 + age18To64 + 1.3 * age65To74 + 2.0 * age75Plus) * (1 + 2 * lowIncomeShare + livingAloneShare);
}
