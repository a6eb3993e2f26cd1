using System.Globalization;

namespace Meedenker.Data.Generation;

/// <summary>One calendar week (Monday to Sunday) of the demo history: how many help requests come in.</summary>
/// <param name="Monday">The first day of the week.</param>
/// <param name="Count">Requests in the week; for the current week only those up to now.</param>
/// <param name="Lockdown">Whether the week is inside the demo shock.</param>
/// <param name="Until">The end of the time in which the week's requests fall: the next Monday, or now.</param>
public sealed record PlannedWeek(DateOnly Monday, int Count, bool Lockdown, DateTimeOffset Until)
{
    public DateTimeOffset Start => new(Monday.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}

/// <summary>
/// The weekly intake of the demo region, as a pure function of the reference time and the seed, so that
/// tests can look at the same series the generator stores without a database. Weeks are calendar weeks
/// (Monday to Sunday, as the monitor counts them) from three years before the current week up to now. The
/// summer holiday (ISO weeks 29 to 33) brings 15 % fewer requests and Christmas (weeks 52, 53 and 1) 20 %
/// fewer; the shock (60 % fewer for six weeks) starts on the Monday 17 weeks before the current week, so it
/// slides through the calendar with the day the demo is made: some days it starts inside a holiday.
/// </summary>
public static class IntakePlan
{
    public const int ShockWeeksBeforeCurrentWeek = 17;
    public const int ShockLengthWeeks = 6;
    public const double ShockFactor = 0.4;

    public static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public static DateOnly CurrentMonday(DateTimeOffset now) => Monday(DateOnly.FromDateTime(now.UtcDateTime));

    /// <summary>The Monday on which the demo shock starts.</summary>
    public static DateOnly ShockStart(DateTimeOffset now) => CurrentMonday(now).AddDays(-7 * ShockWeeksBeforeCurrentWeek);

    public static bool IsLockdown(DateOnly monday, DateTimeOffset now)
    {
        var start = ShockStart(now);
        return monday >= start && monday < start.AddDays(7 * ShockLengthWeeks);
    }

    /// <summary>A little less in the summer holiday and around Christmas, as in any social-work intake.</summary>
    public static double SeasonFactor(DateOnly monday) => ISOWeek.GetWeekOfYear(monday.ToDateTime(TimeOnly.MinValue)) switch
    {
        >= 29 and <= 33 => 0.85,
        >= 52 or 1 => 0.8,
        _ => 1.0,
    };

    /// <summary>The weeks of the history, oldest first, ending with the current (incomplete) week.</summary>
    public static IReadOnlyList<PlannedWeek> Weeks(DateTimeOffset now, int seed, double weeklyIntake, int years)
    {
        // Its own random sequence: the counts do not depend on what is drawn for each request.
        var random = new Random(seed + 4);
        var current = CurrentMonday(now);
        var weeks = years * 52;
        var plan = new List<PlannedWeek>(weeks + 1);
        for (var week = 0; week <= weeks; week++)
        {
            var monday = current.AddDays(-7 * (weeks - week));
            var lockdown = IsLockdown(monday, now);
            var expected = weeklyIntake * SeasonFactor(monday) * (lockdown ? ShockFactor : 1.0);
            var noise = Gaussian(random);
            var start = new DateTimeOffset(monday.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var until = start.AddDays(7);
            if (until > now)
            {
                // The current week so far: its share of the week's requests.
                expected *= Math.Clamp((now - start).TotalDays / 7, 0, 1);
                until = now;
            }
            var count = Math.Max(0, (int)Math.Round(expected + Math.Sqrt(expected) * noise));
            plan.Add(new PlannedWeek(monday, count, lockdown, until));
        }
        return plan;
    }

    internal static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
