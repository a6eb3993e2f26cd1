using System.Globalization;
using System.Text;
using CsvHelper;
using Meedenker.Web.Infrastructure;
using MiniExcelLibs;

namespace Meedenker.Web.Features.Monitoring;

/// <summary>
/// Exports of the monitor's tables: the same suppressed cells as the page ("&lt; 5" for a small count, "•" for
/// a cell hidden to protect one). The CSV holds the tables one after the other (caption, header, rows, empty
/// line); the XLSX has one sheet per table, with every cell that reads as a number on the page written as a
/// number (so a spreadsheet can add and chart them) and the marks and other cells as text.
/// </summary>
public static class MonitorExport
{
    public static byte[] Csv(IEnumerable<MonitorTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        using var stream = new MemoryStream();
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        // Semicolons, as Dutch spreadsheet programs expect; tables of different widths one after the other.
        using (var csv = CsvWriter.Create(writer, new CsvWriterOptions { Separator = ';', ValidateFieldCount = false, ShouldQuote = SpreadsheetText.QuoteListSeparators }, true))
        {
            var first = true;
            foreach (var table in tables)
            {
                if (!first)
                {
                    // An empty cell between tables (CSV has no empty records).
                    csv.WriteRecord([""]);
                }
                first = false;
                // Names of municipalities, life domains and organisations are text someone typed (decision 0081).
                csv.WriteRecord([SpreadsheetText.Cell(table.Caption)]);
                csv.WriteRecord([SpreadsheetText.Cell(table.RowHeader), .. table.Columns.Select(SpreadsheetText.Cell)]);
                foreach (var row in table.Rows)
                {
                    csv.WriteRecord([SpreadsheetText.Cell(row.Header), .. row.Cells.Select(SpreadsheetText.Cell)]);
                }
            }
        }
        writer.Flush();
        return stream.ToArray();
    }

    public static byte[] Xlsx(IEnumerable<MonitorTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var sheets = new Dictionary<string, object>();
        foreach (var table in tables)
        {
            var rows = table.Rows.Select(row =>
            {
                var record = new Dictionary<string, object?> { [table.RowHeader] = row.Header };
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    record[table.Columns[c]] = Typed(row.Cells[c]);
                }
                return record;
            }).ToList();
            sheets[table.Id] = rows;
        }
        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }

    /// <summary>
    /// A cell as a number when the page shows it as one (a count, inhabitants, a rate: formatted in the current
    /// culture), otherwise as its text.
    /// </summary>
    public static object Typed(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (int.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.CurrentCulture, out var whole))
        {
            return whole;
        }
        if (cell.Length > 0 && char.IsAsciiDigit(cell[^1]) && cell.All(ch => char.IsAsciiDigit(ch) || ch is '.' or ',' or '-')
            && decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.CurrentCulture, out var number))
        {
            return number;
        }
        return cell;
    }
}
