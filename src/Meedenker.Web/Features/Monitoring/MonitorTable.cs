using System.Globalization;

namespace Meedenker.Web.Features.Monitoring;

/// <summary>One row of a monitor table: a header and its cells as shown (small counts read "&lt; 5", cells hidden to protect them "•").</summary>
public sealed record MonitorRow(string Header, IReadOnlyList<string> Cells, bool IsTotal = false, bool Highlight = false);

/// <summary>
/// A table as the page shows it and the exports write it: the cells are already suppressed text, so page,
/// CSV and XLSX cannot differ.
/// </summary>
public sealed record MonitorTable(string Id, string Caption, string RowHeader, IReadOnlyList<string> Columns, IReadOnlyList<MonitorRow> Rows)
{
    /// <summary>A small count: 0 to 4.</summary>
    public const string Hidden = "< 5";

    /// <summary>A count of 5 or more, hidden so that a small count elsewhere in its row or column cannot be worked out.</summary>
    public const string Protected = "•";

    public static string Cell(int? value) => value?.ToString(CultureInfo.CurrentCulture) ?? Hidden;

    public static string Cell(int? value, CellMark mark) => mark switch
    {
        CellMark.Protected => Protected,
        CellMark.Small => Hidden,
        _ => value?.ToString(CultureInfo.CurrentCulture) ?? Hidden,
    };

    /// <summary>Whether any cell of the table is hidden to protect another one (the page explains "•" once).</summary>
    public bool HasProtected => Rows.Any(r => r.Cells.Contains(Protected));

    /// <summary>
    /// A count table with small-count and complementary suppression. With more than one column a total
    /// column is added; the total row is added when <paramref name="totalRow"/> is set.
    /// </summary>
    public static MonitorTable FromCounts(string id, string caption, string rowHeader, IReadOnlyList<string> rows, IReadOnlyList<string> columns, int[,] counts,
        bool totalRow = true, IReadOnlyList<string>? extraColumn = null, string? extraHeader = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        var table = Suppression.Apply(counts);
        var withTotal = columns.Count > 1;
        var header = columns.ToList();
        if (withTotal)
        {
            header.Add(Infrastructure.Lang.Pick("Totaal", "Total"));
        }
        if (extraHeader is not null)
        {
            header.Add(extraHeader);
        }
        var result = new List<MonitorRow>();
        for (var r = 0; r < rows.Count; r++)
        {
            var cells = Enumerable.Range(0, columns.Count).Select(c => Cell(table.Cells[r, c], table.CellMarks[r, c])).ToList();
            if (withTotal)
            {
                cells.Add(Cell(table.RowTotals[r], table.RowTotalMarks[r]));
            }
            if (extraHeader is not null)
            {
                cells.Add(extraColumn?[r] ?? "");
            }
            result.Add(new MonitorRow(rows[r], cells));
        }
        if (totalRow && rows.Count > 1)
        {
            var cells = Enumerable.Range(0, columns.Count).Select(c => Cell(table.ColumnTotals[c], table.ColumnTotalMarks[c])).ToList();
            if (withTotal)
            {
                cells.Add(Cell(table.GrandTotal, table.GrandTotalMark));
            }
            if (extraHeader is not null)
            {
                cells.Add("");
            }
            result.Add(new MonitorRow(Infrastructure.Lang.Pick("Totaal", "Total"), cells, IsTotal: true));
        }
        return new MonitorTable(id, caption, rowHeader, header, result);
    }

    /// <summary>The numbers of one column as integers (null where hidden), for charts.</summary>
    public IReadOnlyList<int?> Numbers(int column) =>
        Rows.Where(r => !r.IsTotal).Select(r => int.TryParse(r.Cells[column], NumberStyles.Integer, CultureInfo.CurrentCulture, out var n) ? n : (int?)null).ToList();
}
