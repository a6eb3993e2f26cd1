using Meedenker.Web.Features.Monitoring;

namespace Meedenker.Tests;

public sealed class DropDetectorTests
{
    /// <summary>Weekly counts around <paramref name="level"/> × factor with Poisson-like noise.</summary>
    internal static List<int> Series(int weeks, double level, int seed, Func<int, double>? factor = null)
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
        // Not the other row total as well as the grand total: their difference would be the first row's total.
        Assert.False(table.RowTotals[1] is not null && table.GrandTotal is not null);
        AssertNoLineGivesASmallCountAway(new[,] { { 6, 0, 0 }, { 10, 12, 9 } }, table);
    }

    /// <summary>Issue 15, the week of 6 July 2026: "Inwoner zelf 9, Naaste &lt; 5, Verwijzer &lt; 5, Totaal &lt; 5" for a week of 12.</summary>
    [Fact]
    public void A_week_with_two_small_counts_does_not_read_less_than_five_as_its_total()
    {
        var counts = new[,] { { 9, 3, 0 }, { 20, 30, 40 }, { 25, 8, 12 } };

        var table = Suppression.Apply(counts);

        // The week's total is not small: it is shown, and the resident cell is hidden to protect the two small ones.
        Assert.NotEqual(CellMark.Small, table.RowTotalMarks[0]);
        Assert.Equal(12, table.RowTotals[0]);
        Assert.Equal(CellMark.Protected, table.CellMarks[0, 0]);
        Assert.Equal(CellMark.Small, table.CellMarks[0, 1]);
        Assert.Equal(CellMark.Small, table.CellMarks[0, 2]);
        Assert.Equal("•", MonitorTable.Cell(table.Cells[0, 0], table.CellMarks[0, 0]));
        Assert.Equal("< 5", MonitorTable.Cell(table.Cells[0, 1], table.CellMarks[0, 1]));
        AssertMarksTellTheTruth(counts, table);
        AssertNoLineGivesASmallCountAway(counts, table);
    }

    /// <summary>Issue 15: the cells hidden next to a small count were shown as "&lt; 5" too, although they held 6, 7 and 8.</summary>
    [Fact]
    public void Cells_hidden_to_protect_a_small_count_are_marked_protected_and_only_true_small_counts_read_less_than_five()
    {
        var counts = new[,] { { 14, 6, 8 }, { 9, 2, 7 } };

        var table = MonitorTable.FromCounts("t", "t", "Week", ["1", "2"], ["Zelf", "Naaste", "Verwijzer"], counts);

        Assert.Equal(["14", "•", "•", "28"], table.Rows[0].Cells);
        Assert.Equal(["9", "< 5", "•", "18"], table.Rows[1].Cells);
        Assert.Equal("46", table.Rows[2].Cells[^1]);
        Assert.True(table.HasProtected);
        AssertMarksTellTheTruth(counts, Suppression.Apply(counts));
    }

    [Fact]
    public void A_one_column_table_with_some_small_rows_does_not_read_less_than_five_as_its_total()
    {
        // The findability tables: rows adding up to about 230, the total read "< 5".
        var counts = new[,] { { 120 }, { 60 }, { 3 }, { 0 }, { 45 }, { 1 } };

        var table = Suppression.Apply(counts);

        // The three small rows add up to 4 and each can still be 0 to 4: the total can be shown.
        Assert.Equal(229, table.GrandTotal);
        Assert.Equal(CellMark.Shown, table.GrandTotalMark);
        Assert.Equal(table.GrandTotal, table.ColumnTotals[0]);
        AssertMarksTellTheTruth(counts, table);
        AssertNoLineGivesASmallCountAway(counts, table);
    }

    [Fact]
    public void Random_tables_mark_small_and_protected_cells_truthfully_and_no_line_narrows_a_small_count()
    {
        var random = new Random(15);
        for (var i = 0; i < 400; i++)
        {
            var rows = random.Next(1, 6);
            var columns = random.Next(1, 6);
            var counts = new int[rows, columns];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    counts[r, c] = random.Next(0, 3) == 0 ? random.Next(0, 5) : random.Next(0, 40);
                }
            }
            var table = Suppression.Apply(counts);
            AssertMarksTellTheTruth(counts, table);
            AssertNoLineGivesASmallCountAway(counts, table);
        }
    }

    /// <summary>The table with its totals as one grid: (value, mark) per position, totals last in each line.</summary>
    private static (int Value, CellMark Mark, int? Shown)[,] Grid(int[,] counts, Suppression.Table table)
    {
        int rows = counts.GetLength(0), columns = counts.GetLength(1);
        var grid = new (int, CellMark, int?)[rows + 1, columns + 1];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                grid[r, c] = (counts[r, c], table.CellMarks[r, c], table.Cells[r, c]);
            }
            grid[r, columns] = (Enumerable.Range(0, columns).Sum(c => counts[r, c]), table.RowTotalMarks[r], table.RowTotals[r]);
        }
        for (var c = 0; c < columns; c++)
        {
            grid[rows, c] = (Enumerable.Range(0, rows).Sum(r => counts[r, c]), table.ColumnTotalMarks[c], table.ColumnTotals[c]);
        }
        var grand = 0;
        foreach (var v in counts)
        {
            grand += v;
        }
        grid[rows, columns] = (grand, table.GrandTotalMark, table.GrandTotal);
        return grid;
    }

    /// <summary>Every shown number is the true one, "&lt; 5" is 0 to 4 and "•" is 5 or more.</summary>
    private static void AssertMarksTellTheTruth(int[,] counts, Suppression.Table table)
    {
        foreach (var (value, mark, shown) in Grid(counts, table))
        {
            switch (mark)
            {
                case CellMark.Shown:
                    Assert.Equal(value, shown);
                    break;
                case CellMark.Small:
                    Assert.Null(shown);
                    Assert.InRange(value, 0, Suppression.Threshold - 1);
                    break;
                default:
                    Assert.Null(shown);
                    Assert.True(value >= Suppression.Threshold, $"{value} marked protected");
                    break;
            }
        }
    }

    /// <summary>
    /// For every line (a row or column with its total), a reader who knows the shown numbers and the marks can
    /// still fit every value 0 to 4 into every small cell: checked by brute force over the sums the other hidden
    /// cells can make.
    /// </summary>
    private static void AssertNoLineGivesASmallCountAway(int[,] counts, Suppression.Table table)
    {
        int rows = counts.GetLength(0), columns = counts.GetLength(1);
        var grid = Grid(counts, table);
        var lines = new List<(int R, int C)[]>();
        if (columns > 1)
        {
            lines.AddRange(Enumerable.Range(0, rows + (rows > 1 ? 1 : 0)).Select(r => Enumerable.Range(0, columns + 1).Select(c => (r, c)).ToArray()));
        }
        if (rows > 1)
        {
            lines.AddRange(Enumerable.Range(0, columns + (columns > 1 ? 1 : 0)).Select(c => Enumerable.Range(0, rows + 1).Select(r => (r, c)).ToArray()));
        }
        const long Unbounded = 1_000_000;
        foreach (var line in lines)
        {
            int Sign(int i) => i == line.Length - 1 ? -1 : 1;
            var hidden = Enumerable.Range(0, line.Length).Where(i => grid[line[i].R, line[i].C].Mark != CellMark.Shown).ToList();
            if (hidden.Count == 0)
            {
                continue;
            }
            Assert.True(hidden.Count > 1, "a line with one hidden cell gives it away");
            var known = Enumerable.Range(0, line.Length).Where(i => !hidden.Contains(i)).Sum(i => Sign(i) * grid[line[i].R, line[i].C].Value);
            foreach (var small in hidden.Where(i => grid[line[i].R, line[i].C].Mark == CellMark.Small))
            {
                // The sums the other hidden cells can make, each within its mark: every whole number from low to high.
                long low = 0, high = 0;
                foreach (var other in hidden.Where(i => i != small))
                {
                    var (min, max) = grid[line[other].R, line[other].C].Mark == CellMark.Small ? (0L, 4L) : (5L, Unbounded);
                    (low, high) = Sign(other) > 0 ? (low + min, high + max) : (low - max, high - min);
                }
                var possible = Enumerable.Range(0, Suppression.Threshold).Where(v => -known - (Sign(small) * v) >= low && -known - (Sign(small) * v) <= high).ToList();
                if (hidden.Count == line.Length)
                {
                    // Nothing left to hide: the marks alone may say a small cell is not 0 (two small cells adding
                    // up to 5 or more), but never what it is.
                    Assert.True(possible.Count >= 2, $"a small cell in a hidden line can be worked out: {string.Join(",", possible)}");
                    continue;
                }
                for (var v = 0; v < Suppression.Threshold; v++)
                {
                    var needed = -known - (Sign(small) * v);
                    Assert.True(needed >= low && needed <= high, $"a small cell can be told not to be {v}: line {string.Join(",", line.Select(p => $"{grid[p.R, p.C].Value}{grid[p.R, p.C].Mark}"))} in {string.Join("/", Enumerable.Range(0, rows).Select(r => string.Join(",", Enumerable.Range(0, columns).Select(c => counts[r, c]))))}");
                }
            }
        }
    }

    [Fact]
    public void Totals_under_five_are_hidden()
    {
        var table = Suppression.Apply(new[,] { { 1, 2 } });
        Assert.Null(table.GrandTotal);
        Assert.Null(table.RowTotals[0]);
    }
}
