using System.Globalization;
using Meedenker.Data.Generation;
using Meedenker.Web.Features.Monitoring;

namespace Meedenker.Tests;

/// <summary>
/// The weekly shock check over the demo's intake for every week of a year as "today": the demo's shock slides
/// through the calendar with the day the demo is made (into the summer holiday, past Christmas), and the check
/// must find it once, at its start, and nothing else.
/// </summary>
public sealed class SeasonAwareDropTests
{
    private static readonly int Seed = new GeneratorOptions().Seed;

    /// <summary>52 todays over a year, on changing weekdays and times of day.</summary>
    private static DateTimeOffset Today(int k) =>
        new DateTimeOffset(2027, 1, 4, 0, 0, 0, TimeSpan.Zero).AddDays(7 * k + k % 7).AddHours(1 + (k * 5) % 23);

    /// <summary>The demo's requests of each week split over municipalities and target groups the way the
    /// generator picks them: each request on its own, by population share and by target-group weight.</summary>
    private static List<(string Kind, string Code, int[] Counts)> DemoSeries(DateTimeOffset today, ShockScan.Window window)
    {
        var plan = IntakePlan.Weeks(today, Seed, RegionGenerator.DemoWeeklyIntake, 3).ToDictionary(w => w.Monday, w => w.Count);
        var municipalities = RegionData.Oosterschelde;
        var population = municipalities.Sum(m => (double)m.Population);
        var groups = RegionGenerator.TargetGroupShares;
        var weightSum = groups.Sum(g => (double)g.Weight);
        var region = new int[window.Weeks];
        var byMunicipality = municipalities.Select(_ => new int[window.Weeks]).ToArray();
        var byGroup = groups.Select(_ => new int[window.Weeks]).ToArray();
        var random = new Random(today.DayOfYear);
        for (var week = 0; week < window.Weeks; week++)
        {
            var count = plan.GetValueOrDefault(window.WeekAt(week));
            region[week] = count;
            for (var i = 0; i < count; i++)
            {
                byMunicipality[Pick(random, municipalities.Select(m => m.Population / population).ToList())][week]++;
                byGroup[Pick(random, groups.Select(g => g.Weight / weightSum).ToList())][week]++;
            }
        }
        var series = new List<(string, string, int[])> { (ShockAlertJob.RegionScope, "", region) };
        series.AddRange(municipalities.Select((m, i) => (ShockAlertJob.MunicipalityScope, m.Code, byMunicipality[i])));
        series.AddRange(groups.Select((g, i) => (ShockAlertJob.TargetGroupScope, g.Code, byGroup[i])));
        return series;
    }

    private static int Pick(Random random, List<double> shares)
    {
        var roll = random.NextDouble();
        for (var i = 0; i < shares.Count; i++)
        {
            if (roll < shares[i])
            {
                return i;
            }
            roll -= shares[i];
        }
        return shares.Count - 1;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_week_of_a_year_as_today_gives_one_region_alert_at_the_shock_start_and_nothing_outside_it(int quarter)
    {
        var problems = new List<string>();
        for (var k = 13 * quarter; k < 13 * (quarter + 1); k++)
        {
            var today = Today(k);
            var window = ShockScan.For(today);
            var shock = RegionGenerator.ShockStart(today);
            var lastShockWeek = shock.AddDays(7 * (IntakePlan.ShockLengthWeeks - 1));
            foreach (var (kind, code, counts) in DemoSeries(today, window))
            {
                var found = ShockScan.Find(window, counts);
                var day = today.ToString("yyyy-MM-dd HH:mm ddd", CultureInfo.InvariantCulture);
                if (kind == ShockAlertJob.RegionScope)
                {
                    if (found.Count != 1 || found[0].WeekStart < shock || found[0].WeekStart > shock.AddDays(7) || !found[0].SeasonAware)
                    {
                        problems.Add($"{day}: region alerts {string.Join(", ", found.Select(f => f.WeekStart))}, shock starts {shock}");
                    }
                }
                else if (found.Any(f => f.WeekStart < shock || f.WeekStart > lastShockWeek))
                {
                    problems.Add($"{day}: {kind} {code} alert outside the shock: {string.Join(", ", found.Select(f => f.WeekStart))}, shock starts {shock}");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static List<int> Series(int weeks, double level, int seed, Func<int, double> factor) => DropDetectorTests.Series(weeks, level, seed, factor);

    /// <summary>A region whose intake drops by 30 % every summer (a school-bound target group, say): twice
    /// the demo's holiday dip, still no shock, and the return after it is no drop either. The only weeks that may
    /// alert are those that are improbably low even for the holiday (more than three standard deviations below
    /// the week's true mean: one such week in these 1 600, at the last holiday week, where the expectation is
    /// blurred by the neighbouring weeks; see decision 0070).</summary>
    [Fact]
    public void A_deep_dip_that_every_year_shows_is_not_a_drop()
    {
        static double Summer(int week) => (week % 52) is >= 28 and <= 33 ? 0.7 : 1.0;
        for (var seed = 1; seed <= 10; seed++)
        {
            var series = Series(160, 60, seed, Summer);
            var checks = DropDetector.Check(series);
            var alerts = DropDetector.AlertWeeks(checks.Where(c => c.Week >= 104).ToList());
            Assert.All(alerts, week => Assert.True(series[week] < 60 * Summer(week) - 3 * Math.Sqrt(60 * Summer(week)), $"seed {seed}, week {week}: {series[week]}"));
            Assert.All(checks.Where(c => c.Week >= 104 + 28 && c.Week <= 104 + 33), c => Assert.Equal(DropBasis.SameWeeksEarlierYears, c.Basis));
            // The weeks right after the holiday are never drops.
            Assert.All(checks.Where(c => (c.Week % 52) is 34 or 35), c => Assert.False(c.IsDrop));
        }
    }

    [Fact]
    public void A_drop_that_starts_inside_the_holiday_is_found_at_its_start()
    {
        const int start = 104 + 30;
        for (var seed = 1; seed <= 10; seed++)
        {
            var series = Series(150, 58, seed, w => ((w % 52) is >= 28 and <= 32 ? 0.85 : 1.0) * (w is >= start and < start + 6 ? 0.4 : 1.0));
            // One alert. A holiday week that noise pulls far down (2.6 standard deviations in one of these
            // series) just before the drop joins it: the alert is then a week early, never a second one.
            var alert = Assert.Single(DropDetector.AlertWeeks(series));
            Assert.InRange(alert, start - 1, start + 1);
        }
    }

    [Fact]
    public void A_drop_interrupted_by_one_ordinary_week_is_one_alert()
    {
        const int start = 120;
        var series = Series(140, 58, 7, w => w is >= start and < start + 7 && w != start + 3 ? 0.3 : 1.0);
        Assert.Equal([start], DropDetector.AlertWeeks(series));
    }

    [Fact]
    public void A_region_that_has_just_started_gets_no_alert_and_no_comparison()
    {
        // Three weeks of zeros before the start, a partial first week, then four ordinary weeks.
        int[] series = [0, 0, 0, 12, 55, 60, 3, 0];
        var checks = DropDetector.Check(series);
        Assert.Empty(DropDetector.AlertWeeks(checks));
        Assert.All(checks, c => Assert.Equal(DropBasis.None, c.Basis));
        Assert.Contains("Nog geen signaal mogelijk", MonitorModel.DescribeComparison(checks), StringComparison.Ordinal);
    }

    [Fact]
    public void Less_than_a_year_is_compared_with_recent_weeks_only_and_a_holiday_raises_no_alert()
    {
        for (var seed = 1; seed <= 10; seed++)
        {
            // 40 weeks, with a summer holiday at weeks 28 to 32 and nothing before the start.
            var checks = DropDetector.Check(Series(40, 58, seed, w => w is >= 28 and <= 32 ? 0.85 : 1.0));
            Assert.Empty(DropDetector.AlertWeeks(checks));
            Assert.All(checks.Skip(10), c => Assert.Equal(DropBasis.RecentWeeks, c.Basis));
            Assert.Contains("nog geen jaar", MonitorModel.DescribeComparison(checks), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Weeks_without_any_request_raise_no_alert_and_no_exception()
    {
        Assert.Empty(DropDetector.AlertWeeks(new int[200]));
        Assert.Empty(DropDetector.AlertWeeks(Array.Empty<int>()));
        Assert.Empty(DropDetector.AlertWeeks(Enumerable.Range(0, 200).Select(w => w % 3 == 0 ? 1 : 0).ToList()));
        Assert.All(DropDetector.Check(new int[200]), c => Assert.False(c.Judged));
    }

    [Fact]
    public void A_week_with_nothing_where_forty_are_usual_is_a_drop()
    {
        var series = Series(130, 40, 3, _ => 1.0);
        series[125] = 0;
        Assert.Equal([125], DropDetector.AlertWeeks(series));
    }

    [Fact]
    public void Too_few_requests_to_tell_a_drop_from_chance_are_not_judged_and_the_dashboard_says_so()
    {
        var series = Series(160, 6, 4, w => w >= 150 ? 0.0 : 1.0);
        var checks = DropDetector.Check(series);
        Assert.Empty(DropDetector.AlertWeeks(checks));
        Assert.All(checks, c => Assert.False(c.Judged));
        Assert.Contains("te weinig hulpvragen", MonitorModel.DescribeComparison(checks.Skip(130).ToList()), StringComparison.Ordinal);
    }

    [Fact]
    public void The_dashboard_says_when_the_same_weeks_of_earlier_years_count()
    {
        var checks = DropDetector.Check(Series(160, 58, 5, _ => 1.0));
        Assert.Contains("dezelfde weken van vorige jaren", MonitorModel.DescribeComparison(checks.Skip(130).ToList()), StringComparison.Ordinal);
    }

    [Fact]
    public void The_alert_explains_itself_in_words_without_exact_small_counts()
    {
        Assert.Equal("23 hulpvragen, meestal ongeveer 41 in deze week van het jaar", ShockAlertJob.Explain(23, 41.2, seasonAware: true, english: false));
        Assert.Equal("23 requests, usually about 41 in this week of the year", ShockAlertJob.Explain(23, 41.2, seasonAware: true, english: true));
        Assert.Equal("23 hulpvragen, de weken ervoor ongeveer 41", ShockAlertJob.Explain(23, 41.2, seasonAware: false, english: false));
        Assert.Equal("minder dan 5 hulpvragen, meestal ongeveer 12 in deze week van het jaar", ShockAlertJob.Explain(2, 12, seasonAware: true, english: false));
    }

    [Fact]
    public void The_window_covers_two_years_before_the_reported_half_year_and_ends_with_the_last_complete_week()
    {
        var window = ShockScan.For(new DateTimeOffset(2027, 7, 28, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2027, 7, 19), window.LastWeek);
        Assert.Equal(window.LastWeek.AddDays(-7 * 25), window.LookFrom);
        Assert.Equal(DropDetector.HistoryWeeks + 26, window.Weeks);
        Assert.Throws<ArgumentException>(() => ShockScan.Find(window, new int[3]));
    }
}
