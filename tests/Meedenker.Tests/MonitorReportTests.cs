using System.Text;
using Meedenker.Web.Features.Monitoring;

namespace Meedenker.Tests;

public sealed class MonitorExportTests
{
    private static MonitorTable Sample() => MonitorTable.FromCounts("t", "Tabel; met \"aanhalingstekens\"", "Rij", ["Rij 1", "Rij 2"], ["a", "b"], new[,] { { 10, 2 }, { 7, 9 } });

    [Fact]
    public void Csv_writes_each_table_with_caption_header_and_suppressed_cells()
    {
        var text = Encoding.UTF8.GetString(MonitorExport.Csv([Sample(), Sample()])).TrimStart('\uFEFF');
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("\"Tabel; met \"\"aanhalingstekens\"\"\"", lines[0]);
        Assert.Equal("Rij;a;b;Totaal", lines[1]);
        Assert.Equal("Rij 1;< 5;< 5;12", lines[2]);
        Assert.Equal("\"\"", lines[5]);
        Assert.Equal("Rij;a;b;Totaal", lines[7]);
    }
}
