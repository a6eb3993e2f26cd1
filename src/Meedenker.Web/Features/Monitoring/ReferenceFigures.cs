using System.Globalization;
using System.Text;
using CsvHelper;
using Meedenker.Domain;

namespace Meedenker.Web.Features.Monitoring;

/// <summary>
/// The reference-figures CSV (see docs/reference-figures.md): one row per neighbourhood with inhabitants by
/// age band and the shares (in percent) of low-income households and adults living alone. A file is checked
/// whole; any error refuses it whole, with a message per row.
/// </summary>
public static class ReferenceFigures
{
    public static readonly string[] Columns =
        ["wijkcode", "inwoners_0_17", "inwoners_18_64", "inwoners_65_74", "inwoners_75_plus", "procent_laag_inkomen", "procent_alleenwonend"];

    public sealed record Result(IReadOnlyList<NeighbourhoodReference> Rows, IReadOnlyList<string> Errors);

    public static Result Parse(string text, IReadOnlyDictionary<string, Guid> neighbourhoods, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(neighbourhoods);
        var errors = new List<string>();
        var rows = new List<NeighbourhoodReference>();
        var lines = new List<(int Line, string[] Fields)>();
        try
        {
            using var reader = CsvReader.FromText(text.TrimStart('\uFEFF'), new CsvReaderOptions { HasHeader = false, TrimWhitespace = true, SkipEmptyLines = true, TrackLineNumbers = true });
            while (reader.Read())
            {
                var fields = new string[reader.FieldCount];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = reader.GetString(i);
                }
                lines.Add(((int)reader.LineNumber, fields));
            }
        }
        catch (Exception e) when (e is CsvFormatException or CsvValidationException or InvalidOperationException)
        {
            return new Result([], [Infrastructure.Lang.Pick($"Het bestand is geen geldige CSV: {e.Message}", $"The file is not valid CSV: {e.Message}")]);
        }
        if (lines.Count == 0)
        {
            return new Result([], [Infrastructure.Lang.Pick("Het bestand is leeg.", "The file is empty.")]);
        }
        var header = lines[0].Fields.Select(f => f.Trim().ToLowerInvariant()).ToArray();
        if (!header.SequenceEqual(Columns))
        {
            return new Result([], [Infrastructure.Lang.Pick($"Regel 1: de kolommen moeten precies zijn: {string.Join(";", Columns)}.",
                $"Line 1: the columns must be exactly: {string.Join(";", Columns)}.")]);
        }
        if (lines.Count == 1)
        {
            return new Result([], [Infrastructure.Lang.Pick("Het bestand heeft geen rijen onder de kolomnamen.", "The file has no rows below the column names.")]);
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (line, fields) in lines.Skip(1))
        {
            var problems = new List<string>();
            if (fields.Length != Columns.Length)
            {
                errors.Add(Infrastructure.Lang.Pick($"Regel {line}: {fields.Length} waarden in plaats van {Columns.Length}.", $"Line {line}: {fields.Length} values instead of {Columns.Length}."));
                continue;
            }
            var code = fields[0].Trim();
            if (!neighbourhoods.TryGetValue(code, out var id))
            {
                problems.Add(Infrastructure.Lang.Pick($"wijkcode '{code}' bestaat niet", $"neighbourhood code '{code}' does not exist"));
            }
            else if (!seen.Add(code))
            {
                problems.Add(Infrastructure.Lang.Pick($"wijkcode '{code}' staat er twee keer in", $"neighbourhood code '{code}' appears twice"));
            }
            var counts = new int[4];
            for (var i = 0; i < 4; i++)
            {
                if (!int.TryParse(fields[i + 1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out counts[i]) || counts[i] > 10_000_000)
                {
                    problems.Add(Infrastructure.Lang.Pick($"{Columns[i + 1]} moet een heel getal van 0 of meer zijn (is '{fields[i + 1]}')",
                        $"{Columns[i + 1]} must be a whole number of 0 or more (is '{fields[i + 1]}')"));
                }
            }
            if (problems.Count == 0 && counts.Sum() == 0)
            {
                problems.Add(Infrastructure.Lang.Pick("de wijk heeft geen inwoners", "the neighbourhood has no inhabitants"));
            }
            var shares = new double[2];
            for (var i = 0; i < 2; i++)
            {
                var value = fields[i + 5].Trim().Replace(',', '.');
                if (!double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out shares[i]) || shares[i] > 100)
                {
                    problems.Add(Infrastructure.Lang.Pick($"{Columns[i + 5]} moet een percentage van 0 tot en met 100 zijn (is '{fields[i + 5]}')",
                        $"{Columns[i + 5]} must be a percentage from 0 to 100 (is '{fields[i + 5]}')"));
                }
            }
            if (problems.Count > 0)
            {
                errors.Add(Infrastructure.Lang.Pick($"Regel {line}: ", $"Line {line}: ") + string.Join("; ", problems) + ".");
                continue;
            }
            rows.Add(new NeighbourhoodReference
            {
                NeighbourhoodId = id,
                Age0To17 = counts[0],
                Age18To64 = counts[1],
                Age65To74 = counts[2],
                Age75Plus = counts[3],
                LowIncomeShare = shares[0] / 100,
                LivingAloneShare = shares[1] / 100,
                UploadedAt = now,
            });
        }
        return errors.Count > 0 ? new Result([], errors) : new Result(rows, []);
    }

    /// <summary>The current figures in the upload format (a template to edit and upload again).</summary>
    public static byte[] Write(IEnumerable<(string Code, NeighbourhoodReference? Figures)> rows)
    {
        var text = new StringBuilder();
        text.Append(string.Join(";", Columns)).Append("\r\n");
        foreach (var (code, f) in rows)
        {
            text.Append(f is null
                ? $"{code};0;0;0;0;0;0"
                : string.Create(CultureInfo.InvariantCulture, $"{code};{f.Age0To17};{f.Age18To64};{f.Age65To74};{f.Age75Plus};{f.LowIncomeShare * 100:0.#};{f.LivingAloneShare * 100:0.#}"));
            text.Append("\r\n");
        }
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).GetBytes(text.ToString());
    }
}
