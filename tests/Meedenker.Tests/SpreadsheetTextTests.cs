using System.IO.Compression;
using System.Text;
using Meedenker.Web.Features.Monitoring;
using Meedenker.Web.Infrastructure;

namespace Meedenker.Tests;

/// <summary>CSV injection (decision 0081): what a spreadsheet could run gets an apostrophe, and the import can undo it exactly.</summary>
public sealed class SpreadsheetTextTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.test/?x\",\"klik\")")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(1+1)*cmd|' /C calc'!A0")]
    [InlineData("\t=1+1")]
    [InlineData("\rfoo")]
    [InlineData("  =1+1")]
    [InlineData("- eerste punt")]
    [InlineData("+31 113 123 456")]
    public void A_cell_that_starts_like_a_formula_gets_an_apostrophe(string value)
    {
        Assert.Equal("'" + value, SpreadsheetText.Cell(value));
        Assert.Equal(value, SpreadsheetText.FromCell(SpreadsheetText.Cell(value)));
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("-1,5")]
    [InlineData("-1.234,5")]
    [InlineData("-12%")]
    [InlineData("+3")]
    [InlineData("12")]
    [InlineData("< 5")]
    [InlineData("'s-Hertogenbosch")]
    [InlineData("'t Zandt")]
    [InlineData("Schuldhulp op maat")]
    [InlineData("info@stichting.nl")]
    [InlineData("")]
    public void Numbers_and_ordinary_text_stay_as_they_are(string value)
    {
        Assert.Equal(value, SpreadsheetText.Cell(value));
        Assert.Equal(value, SpreadsheetText.FromCell(value));
    }

    [Fact]
    public void A_value_that_starts_with_an_apostrophe_and_a_formula_keeps_its_own_apostrophe()
    {
        Assert.Equal("''=1+1", SpreadsheetText.Cell("'=1+1"));
        Assert.Equal("'=1+1", SpreadsheetText.FromCell("''=1+1"));
    }

    /// <summary>Every text of up to four characters from the characters that matter: the import gives back exactly what was exported, and no exported cell starts like a formula unless it is a number.</summary>
    [Fact]
    public void Undoing_the_export_gives_back_every_value_exactly()
    {
        char[] alphabet = ['\'', '=', '+', '-', '@', '\t', '\r', ' ', 'a', '1', ',', '%'];
        var values = new List<string> { "" };
        for (var length = 1; length <= 4; length++)
        {
            values.AddRange(values.Where(v => v.Length == length - 1).SelectMany(v => alphabet.Select(c => v + c)).ToList());
        }
        foreach (var value in values)
        {
            var cell = SpreadsheetText.Cell(value);
            Assert.Equal(value, SpreadsheetText.FromCell(cell));
            Assert.True(cell.Length == 0 || !SpreadsheetText.LooksLikeFormula(cell) || cell[0] == '\'', $"'{cell}' could run");
            Assert.True(cell.Length == 0 || cell[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r') || double.TryParse(cell.TrimEnd('%').Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture, out _),
                $"'{cell}' starts like a formula");
        }
    }

    private static MonitorTable Hostile() => MonitorTable.FromCounts("t", "=HYPERLINK(\"http://evil.test/?x\",\"klik\")", "@Rij", ["=1+1", "+b"], ["-c", "d"], new[,] { { 10, 6 }, { 7, 9 } },
        extraColumn: ["-12%", "=cmd|' /C calc'!A0"], extraHeader: "Verschil");

    [Fact]
    public void The_monitor_csv_neutralises_every_text_cell_and_keeps_negative_numbers()
    {
        var text = Encoding.UTF8.GetString(MonitorExport.Csv([Hostile()])).TrimStart('\uFEFF');
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        Assert.Equal("\"'=HYPERLINK(\"\"http://evil.test/?x\"\",\"\"klik\"\")\"", lines[0]);
        Assert.Equal("'@Rij;'-c;d;Totaal;Verschil", lines[1]);
        Assert.Equal("'=1+1;10;6;16;-12%", lines[2]);
        Assert.Equal("'+b;7;9;16;'=cmd|' /C calc'!A0", lines[3]);
    }

    /// <summary>An XLSX cell is text or a formula by its markup, not by its first character: no apostrophe (it would show), but never a formula element.</summary>
    [Fact]
    public void The_monitor_xlsx_writes_text_cells_and_no_formulas()
    {
        var xlsx = MonitorExport.Xlsx([Hostile()]);
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        var sheets = zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(sheets);
        foreach (var sheet in sheets)
        {
            using var reader = new StreamReader(sheet.Open());
            var xml = reader.ReadToEnd();
            Assert.DoesNotContain("<x:f", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<f>", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<f ", xml, StringComparison.Ordinal);
            Assert.Contains("=1+1", xml, StringComparison.Ordinal);
            Assert.Contains("=cmd|", xml, StringComparison.Ordinal);
        }
    }
}
