namespace Meedenker.Web.Features.Monitoring;

/// <summary>How a cell of a suppressed table is shown.</summary>
public enum CellMark
{
    /// <summary>The number itself.</summary>
    Shown,

    /// <summary>A small count (0 to 4): shown as "&lt; 5".</summary>
    Small,

    /// <summary>Not small (5 or more), hidden so that a small count elsewhere cannot be worked out: shown as "•".</summary>
    Protected,
}

/// <summary>
/// Small-count suppression for tables that leave the database. The table is seen with its totals (the total
/// column, the total row and the grand total) as one grid in which every line adds up. Every cell and total
/// under <see cref="Threshold"/> is hidden and marked small. Then, line by line, more cells are hidden and
/// marked protected until no line gives a small count away: no line has exactly one hidden cell, and with
/// what a reader sees (the visible numbers, "&lt; 5" meaning 0 to 4 and "•" meaning 5 or more) every small
/// cell of a line can still be anything from 0 to 4. (Only where a whole line is hidden can the marks say that a
/// small cell is not 0, e.g. two small cells under a total of 5 or more; they never say what it is.)
/// <para>The check is per line, as before; it is not a full audit of all lines together.</para>
/// </summary>
public static class Suppression
{
    public const int Threshold = 5;

    /// <summary>A suppressed table: null where hidden, with the marks saying whether a hidden value is small or protected.</summary>
    public sealed record Table(int?[,] Cells, int?[] RowTotals, int?[] ColumnTotals, int? GrandTotal,
        CellMark[,] CellMarks, CellMark[] RowTotalMarks, CellMark[] ColumnTotalMarks, CellMark GrandTotalMark);

    public static Table Apply(int[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var rows = counts.GetLength(0);
        var columns = counts.GetLength(1);
        // One line of cells has no separate total: it would repeat the cells. With more lines, the totals are a
        // row and a column of the grid like any other.
        var totalColumn = columns > 1;
        var totalRow = rows > 1;
        var width = columns + (totalColumn ? 1 : 0);
        var height = rows + (totalRow ? 1 : 0);
        var grid = new int[height, width];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                grid[r, c] = counts[r, c];
                if (totalColumn)
                {
                    grid[r, columns] += counts[r, c];
                }
                if (totalRow)
                {
                    grid[rows, c] += counts[r, c];
                }
                if (totalColumn && totalRow)
                {
                    grid[rows, columns] += counts[r, c];
                }
            }
        }

        var marks = new CellMark[height, width];
        for (var r = 0; r < height; r++)
        {
            for (var c = 0; c < width; c++)
            {
                marks[r, c] = grid[r, c] < Threshold ? CellMark.Small : CellMark.Shown;
            }
        }

        // Each line: its cells, the last one the sum of the others.
        var lines = new List<(int R, int C)[]>();
        if (totalColumn)
        {
            for (var r = 0; r < height; r++)
            {
                lines.Add([.. Enumerable.Range(0, width).Select(c => (r, c))]);
            }
        }
        if (totalRow)
        {
            for (var c = 0; c < width; c++)
            {
                lines.Add([.. Enumerable.Range(0, height).Select(r => (r, c))]);
            }
        }

        // Repeat until no line gives a small count away.
        bool changed;
        do
        {
            changed = false;
            foreach (var line in lines)
            {
                while (GivesAway(line, grid, marks))
                {
                    // The smallest visible cell of the line, a cell before the total.
                    var candidates = line.Where(p => marks[p.R, p.C] == CellMark.Shown)
                        .OrderBy(p => grid[p.R, p.C]).ThenBy(p => p == line[^1] ? 1 : 0).ToList();
                    if (candidates.Count == 0)
                    {
                        break;
                    }
                    marks[candidates[0].R, candidates[0].C] = CellMark.Protected;
                    changed = true;
                }
            }
        }
        while (changed);

        int? Value(int r, int c) => marks[r, c] == CellMark.Shown ? grid[r, c] : null;
        var cells = new int?[rows, columns];
        var cellMarks = new CellMark[rows, columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                cells[r, c] = Value(r, c);
                cellMarks[r, c] = marks[r, c];
            }
        }
        // Without a total column a row's total is its one cell; without a total row a column's total is its one cell.
        (int R, int C) RowTotal(int r) => totalColumn ? (r, columns) : (r, 0);
        (int R, int C) ColumnTotal(int c) => totalRow ? (rows, c) : (0, c);
        var grand = (totalRow, totalColumn) switch
        {
            (true, true) => (rows, columns),
            (true, false) => (rows, 0),
            (false, true) => (0, columns),
            _ => (0, 0),
        };
        if (rows == 0 || columns == 0)
        {
            return new Table(cells, [.. Enumerable.Repeat<int?>(null, rows)], [.. Enumerable.Repeat<int?>(null, columns)], null,
                cellMarks, [.. Enumerable.Repeat(CellMark.Small, rows)], [.. Enumerable.Repeat(CellMark.Small, columns)], CellMark.Small);
        }
        return new Table(cells,
            [.. Enumerable.Range(0, rows).Select(r => RowTotal(r)).Select(p => Value(p.R, p.C))],
            [.. Enumerable.Range(0, columns).Select(c => ColumnTotal(c)).Select(p => Value(p.R, p.C))],
            Value(grand.Item1, grand.Item2),
            cellMarks,
            [.. Enumerable.Range(0, rows).Select(r => RowTotal(r)).Select(p => marks[p.R, p.C])],
            [.. Enumerable.Range(0, columns).Select(c => ColumnTotal(c)).Select(p => marks[p.R, p.C])],
            marks[grand.Item1, grand.Item2]);
    }

    /// <summary>
    /// Whether a reader could pin down a hidden cell of this line: it is the only hidden one, or a small cell
    /// can no longer be every value from 0 to 4 given the visible numbers and the marks.
    /// </summary>
    private static bool GivesAway((int R, int C)[] line, int[,] grid, CellMark[,] marks)
    {
        var hidden = line.Where(p => marks[p.R, p.C] != CellMark.Shown).ToList();
        if (hidden.Count == 0)
        {
            return false;
        }
        if (hidden.Count == 1)
        {
            return true;
        }
        // The line reads: sum of the cells − total = 0. A cell's sign is +1, the total's −1.
        int Sign((int R, int C) p) => p == line[^1] ? -1 : 1;
        double known = line.Where(p => marks[p.R, p.C] == CellMark.Shown).Sum(p => Sign(p) * grid[p.R, p.C]);
        // Σ sign × hidden value = −known.
        var target = -known;
        foreach (var small in hidden.Where(p => marks[p.R, p.C] == CellMark.Small))
        {
            double low = 0, high = 0;
            foreach (var other in hidden.Where(p => p != small))
            {
                var (min, max) = marks[other.R, other.C] == CellMark.Small ? (0d, Threshold - 1d) : (Threshold, double.PositiveInfinity);
                if (Sign(other) > 0)
                {
                    low += min;
                    high += max;
                }
                else
                {
                    low -= max;
                    high -= min;
                }
            }
            // sign × x = target − others, so x lies in this range.
            var (from, to) = Sign(small) > 0 ? (target - high, target - low) : (low - target, high - target);
            if (from > 0 || to < Threshold - 1)
            {
                return true;
            }
        }
        return false;
    }
}
