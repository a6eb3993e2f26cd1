using System.Globalization;
using System.Text;
using CsvHelper;
using MiniExcelLibs;

namespace Meedenker.Web.Features.Monitoring;

/// <summary>Exports of the monitor's tables: the same suppressed cells as the page, as text ("&lt; 5").</summary>
public static class MonitorExport
{
    public sealed record WeekRow(string Week, int? IsoWeek, string Resident, string Relative, string Referrer, string Total, bool Drop);

    public static byte[] Csv(IEnumerable<WeekRow> rows)
    {
        using var stream = new MemoryStream();
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        // Semicolons, as Dutch spreadsheet programs expect.
        using (var csv = CsvWriter.Create(writer, new CsvWriterOptions { Separator = ';' }, true))
        {
            var records = rows.Select(Localised).ToList();
            csv.WriteHeader(Header());
            foreach (var record in records)
            {
                csv.WriteRecord(record.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToArray());
            }
        }
        writer.Flush();
        return stream.ToArray();
    }

    public static byte[] Xlsx(IEnumerable<WeekRow> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(Localised).ToList());
        return stream.ToArray();
    }

    private static string[] Header() => [.. Localised(new WeekRow("", null, "", "", "", "", false)).Keys];

    /// <summary>Column names in the user's language, as on the page.</summary>
    private static Dictionary<string, object?> Localised(WeekRow row) => new()
    {
        [Infrastructure.Lang.Pick("week van", "week of")] = row.Week,
        [Infrastructure.Lang.Pick("weeknummer", "week number")] = row.IsoWeek,
        [Infrastructure.Lang.Pick("inwoner zelf", "resident")] = row.Resident,
        [Infrastructure.Lang.Pick("naaste", "relative")] = row.Relative,
        [Infrastructure.Lang.Pick("verwijzer", "referrer")] = row.Referrer,
        [Infrastructure.Lang.Pick("totaal", "total")] = row.Total,
        [Infrastructure.Lang.Pick("daling", "drop")] = row.Drop ? Infrastructure.Lang.Pick("ja", "yes") : "",
    };
}
