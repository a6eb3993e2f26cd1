using Meedenker.Web.Features.Monitoring;

namespace Meedenker.Tests;

public sealed class DropDetectorTests
{
    private static List<int> Series(int weeks, double level, int seed, Func<int, double>? factor = null)
    {
        var random = new Random(seed);
        var series = new List<int>();
        for (var w = 0; w < weeks; w++)
        {
            var expected = level * (factor?.Invoke(w) ?? 1.0);
            // Poisson-like noise via the normal approximation.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var noise = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            series.Add(Math.Max(0, (int)Math.Round(expected + Math.Sqrt(expected) * noise)));
        }
        return series;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Normal_weekly_noise_raises_no_alert(int seed) =>
        Assert.Empty(DropDetector.AlertWeeks(Series(156, 58, seed)));

    [Fact]
    public void Yearly_holiday_dips_raise_no_alert()
    {
        static double Season(int week) => (week % 52) is >= 28 and <= 32 ? 0.8 : (week % 52) is 51 or 0 ? 0.75 : 1.0;
        for (var seed = 1; seed <= 5; seed++)
        {
            Assert.Empty(DropDetector.AlertWeeks(Series(156, 58, seed, Season)));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void A_sixty_percent_drop_for_six_weeks_raises_one_alert_at_its_start(int seed)
    {
        const int start = 139;
        var series = Series(156, 58, seed, w => w is >= start and < start + 6 ? 0.4 : 1.0);
        var alert = Assert.Single(DropDetector.AlertWeeks(series));
        // A first week that noise lifts to two thirds of normal is confirmed by the second.
        Assert.InRange(alert, start, start + 1);
        // Most shock weeks are marked; one that noise lifts above 55 % of expected may stay unmarked (the
        // season-aware detector asks 55 % where the old one asked 60 %: a holiday week is already expected lower).
        Assert.InRange(DropDetector.Check(series).Skip(start).Take(6).Count(c => c.IsDrop), 4, 6);
    }

    [Fact]
    public void Tiny_numbers_never_alert()
    {
        var series = Enumerable.Repeat(3, 30).Concat([0, 0, 0]).ToList();
        Assert.Empty(DropDetector.AlertWeeks(series));
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3 }, 2)]
    [InlineData(new[] { 4, 1, 3, 2 }, 2.5)]
    [InlineData(new int[0], 0)]
    public void Median_of_a_slice(int[] values, double expected) => Assert.Equal(expected, DropDetector.Median(values, 0, values.Length));
}

public sealed class SuppressionTests
{
    private static bool CanBeRecovered(int?[] line, int? total) => total is not null && line.Count(v => v is null) == 1;

    [Fact]
    public void Cells_under_five_are_hidden_with_a_complement_in_their_row_and_column()
    {
        var counts = new[,]
        {
            { 20, 3, 40 },
            { 15, 30, 25 },
            { 12, 18, 9 },
        };

        var table = Suppression.Apply(counts);

        Assert.Null(table.Cells[0, 1]);
        for (var r = 0; r < 3; r++)
        {
            var row = Enumerable.Range(0, 3).Select(c => table.Cells[r, c]).ToArray();
            Assert.False(CanBeRecovered(row, table.RowTotals[r]), $"row {r} gives a hidden cell away");
        }
        for (var c = 0; c < 3; c++)
        {
            var column = Enumerable.Range(0, 3).Select(r => table.Cells[r, c]).ToArray();
            Assert.False(CanBeRecovered(column, table.ColumnTotals[c]), $"column {c} gives a hidden cell away");
        }
        Assert.Equal(172, table.GrandTotal);
        Assert.Null(table.Cells[0, 0]);
        Assert.Equal(40, table.Cells[0, 2]);
        Assert.Equal(30, table.Cells[1, 1]);
    }

    [Fact]
    public void Random_tables_never_reveal_a_small_cell()
    {
        var random = new Random(42);
        for (var i = 0; i < 500; i++)
        {
            var rows = random.Next(1, 6);
            var columns = random.Next(1, 6);
            var counts = new int[rows, columns];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    counts[r, c] = random.Next(0, 3) == 0 ? random.Next(0, 5) : random.Next(0, 60);
                }
            }
            var table = Suppression.Apply(counts);
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    if (counts[r, c] < Suppression.Threshold)
                    {
                        Assert.Null(table.Cells[r, c]);
                    }
                }
                Assert.False(CanBeRecovered(Enumerable.Range(0, columns).Select(c => table.Cells[r, c]).ToArray(), table.RowTotals[r]));
            }
            for (var c = 0; c < columns; c++)
            {
                Assert.False(CanBeRecovered(Enumerable.Range(0, rows).Select(r => table.Cells[r, c]).ToArray(), table.ColumnTotals[c]));
            }
        }
    }

    [Fact]
    public void A_total_that_would_show_the_hidden_cells_are_zero_is_hidden()
    {
        var table = Suppression.Apply(new[,] { { 6, 0, 0 }, { 10, 12, 9 } });
        Assert.Null(table.Cells[0, 1]);
        Assert.Null(table.Cells[0, 2]);
        Assert.Null(table.RowTotals[0]);
        Assert.Equal(31, table.RowTotals[1]);
    }

    [Fact]
    public void Totals_under_five_are_hidden()
    {
        var table = Suppression.Apply(new[,] { { 1, 2 } });
        Assert.Null(table.GrandTotal);
        Assert.Null(table.RowTotals[0]);
    }
}
