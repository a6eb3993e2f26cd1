namespace Meedenker.Web.Features.Monitoring;

/// <summary>
/// Small-count suppression for tables that leave the database: every cell under <see cref="Threshold"/> is
/// hidden, and where a row or column then has exactly one hidden cell, the smallest other visible cell in it
/// is hidden too (complementary suppression), so a hidden value cannot be worked out from the totals. Totals
/// under the threshold, and totals whose hidden cells add up to less than the threshold, are hidden as well.
/// </summary>
public static class Suppression
{
    public const int Threshold = 5;

    public sealed record Table(int?[,] Cells, int?[] RowTotals, int?[] ColumnTotals, int? GrandTotal);

    public static Table Apply(int[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var rows = counts.GetLength(0);
        var columns = counts.GetLength(1);
        var hidden = new bool[rows, columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                hidden[r, c] = counts[r, c] < Threshold;
            }
        }

        // Repeat until no row or column has a lone hidden cell that its total would give away.
        bool changed;
        do
        {
            changed = false;
            for (var r = 0; r < rows; r++)
            {
                changed |= Complement(Enumerable.Range(0, columns).Select(c => (r, c)).ToList(), counts, hidden);
            }
            for (var c = 0; c < columns; c++)
            {
                changed |= Complement(Enumerable.Range(0, rows).Select(r => (r, c)).ToList(), counts, hidden);
            }
        }
        while (changed);

        var cells = new int?[rows, columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                cells[r, c] = hidden[r, c] ? null : counts[r, c];
            }
        }
        // A total is shown only if the hidden cells of its line together hold at least the threshold: otherwise
        // total minus the visible cells would pin the hidden ones down (to a lone value, or to a small range).
        var rowTotals = Enumerable.Range(0, rows).Select(r => TotalOf(Enumerable.Range(0, columns).Select(c => (counts[r, c], hidden[r, c])))).ToArray();
        var columnTotals = Enumerable.Range(0, columns).Select(c => TotalOf(Enumerable.Range(0, rows).Select(r => (counts[r, c], hidden[r, c])))).ToArray();
        var grand = 0;
        foreach (var value in counts)
        {
            grand += value;
        }
        return new Table(cells, rowTotals, columnTotals, Visible(grand));
    }

    private static int? Visible(int total) => total < Threshold ? null : total;

    private static int? TotalOf(IEnumerable<(int Count, bool Hidden)> line)
    {
        var cells = line.ToList();
        var hiddenSum = cells.Where(c => c.Hidden).Sum(c => c.Count);
        var hiddenCount = cells.Count(c => c.Hidden);
        return hiddenCount == 1 || (hiddenCount > 1 && hiddenSum < Threshold) ? null : Visible(cells.Sum(c => c.Count));
    }

    /// <summary>A line with exactly one hidden cell (and a visible total) gets its smallest visible cell hidden too.</summary>
    private static bool Complement(List<(int R, int C)> line, int[,] counts, bool[,] hidden)
    {
        var hiddenCount = line.Count(p => hidden[p.R, p.C]);
        var total = line.Sum(p => counts[p.R, p.C]);
        if (hiddenCount != 1 || total < Threshold)
        {
            return false;
        }
        var candidates = line.Where(p => !hidden[p.R, p.C]).OrderBy(p => counts[p.R, p.C]).ToList();
        if (candidates.Count == 0)
        {
            return false;
        }
        var (r, c) = candidates[0];
        hidden[r, c] = true;
        return true;
    }
}
