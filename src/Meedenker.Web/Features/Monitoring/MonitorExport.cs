using System.Text;
using CsvHelper;
using Meedenker.Web.Infrastructure;
using MiniExcelLibs;

namespace Meedenker.Web.Features.Monitoring;

/// <summary>
/// Exports of the monitor's tables: the same suppressed cells as the page, as text ("&lt; 5"). The CSV holds
/// the tables one after the other (caption, header, rows, empty line); the XLSX has one sheet per table.
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
                    record[table.Columns[c]] = row.Cells[c];
                }
                return record;
            }).ToList();
            sheets[table.Id] = rows;
        }
        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }
}
