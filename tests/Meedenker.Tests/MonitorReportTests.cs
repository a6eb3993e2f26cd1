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
        // 2 is a small count; 10 is hidden to protect it, and says so.
        Assert.Equal("Rij 1;•;< 5;12", lines[2]);
        Assert.Equal("\"\"", lines[5]);
        Assert.Equal("Rij;a;b;Totaal", lines[7]);
    }
}

public sealed class MonitorStatisticsTests
{
    [Fact]
    public void Median_and_p90_use_the_nearest_rank()
    {
        // 1,1,2,2,2,3,5,8,13,40 → median the 5th value (2), p90 the 9th (13).
        var histogram = new Dictionary<int, int> { [1] = 2, [2] = 3, [3] = 1, [5] = 1, [8] = 1, [13] = 1, [40] = 1 };
        Assert.Equal(2, MonitorStatistics.Median(histogram));
        Assert.Equal(13, MonitorStatistics.Percentile(histogram, 0.9));
        Assert.Equal(40, MonitorStatistics.Percentile(histogram, 1));
    }

    [Fact]
    public void Percentiles_of_fewer_than_five_are_hidden()
    {
        Assert.Null(MonitorStatistics.Median(new Dictionary<int, int> { [3] = 4 }));
        Assert.Equal(3, MonitorStatistics.Median(new Dictionary<int, int> { [3] = 5 }));
        Assert.Null(MonitorStatistics.Median(new Dictionary<int, int>()));
    }

    [Theory]
    [InlineData(30, 40, 0.75)]
    [InlineData(0, 40, 0.0)]
    [InlineData(40, 40, 1.0)]
    [InlineData(3, 40, null)]
    [InlineData(37, 40, null)]
    [InlineData(2, 4, null)]
    public void Shares_hide_small_parts_and_small_rests(int part, int whole, double? expected) =>
        Assert.Equal(expected, MonitorStatistics.Share(part, whole));

    [Fact]
    public void Share_within_target_counts_values_at_or_below_the_limit()
    {
        var days = new Dictionary<int, int> { [1] = 10, [7] = 5, [8] = 5, [30] = 5 };
        Assert.Equal(0.6, MonitorStatistics.ShareAtMost(days, 7));
    }

    [Fact]
    public void Self_reliance_change_is_a_distribution_with_mean()
    {
        var change = MonitorStatistics.SelfRelianceChange(new Dictionary<int, int> { [-1] = 5, [0] = 10, [1] = 15, [2] = 10 });
        Assert.Equal(40, change.Count);
        Assert.Equal(0.125, change.Worse);
        Assert.Equal(0.25, change.Same);
        Assert.Equal(0.625, change.Better);
        Assert.Equal((-5 + 15 + 20) / 40.0, change.Mean);
        var small = MonitorStatistics.SelfRelianceChange(new Dictionary<int, int> { [-2] = 1, [1] = 20 });
        Assert.Null(small.Worse);
        Assert.Null(small.Better);
    }

    [Fact]
    public void Rates_per_thousand_and_need_weights()
    {
        Assert.Equal(12.5, MonitorStatistics.PerThousand(25, 2000));
        Assert.Null(MonitorStatistics.PerThousand(3, 0));
        var plain = MonitorStatistics.NeedWeight(0, 1000, 0, 0, 0, 0);
        Assert.Equal(1000, plain);
        Assert.True(MonitorStatistics.NeedWeight(0, 1000, 0, 0, 0.3, 0) > plain);
        Assert.True(MonitorStatistics.NeedWeight(0, 0, 0, 1000, 0, 0) > plain);
        Assert.True(MonitorStatistics.NeedWeight(1000, 0, 0, 0, 0, 0) < plain);
    }

    [Theory]
    [InlineData(20, 40.0, true)]
    [InlineData(34, 40.0, false)]
    [InlineData(2, 8.0, false)]
    [InlineData(40, 40.0, false)]
    public void Under_use_needs_a_clear_shortfall_against_expected(int requests, double expected, bool under) =>
        Assert.Equal(under, MonitorStatistics.UnderUsed(requests, expected));
}

public sealed class MonitorTableTests
{
    [Fact]
    public void A_table_hides_small_cells_their_complements_and_revealing_totals()
    {
        var table = MonitorTable.FromCounts("t", "c", "r", ["a", "b", "c"], ["x", "y"], new[,] { { 20, 3 }, { 15, 30 }, { 12, 18 } });

        Assert.Equal(MonitorTable.Hidden, table.Rows[0].Cells[1]);
        Assert.Equal(["15", "30", "45"], table.Rows[1].Cells);
        Assert.True(table.Rows[3].IsTotal);
        Assert.Equal("98", table.Rows[3].Cells[2]);
        // No row, column or total gives a hidden cell away: a line with a visible total has 0 or ≥ 2 hidden cells.
        static bool Hidden(string cell) => cell is MonitorTable.Hidden or MonitorTable.Protected;
        for (var c = 0; c < 2; c++)
        {
            Assert.NotEqual(1, table.Rows.Take(3).Count(r => Hidden(r.Cells[c])));
        }
        foreach (var row in table.Rows.Take(3))
        {
            Assert.NotEqual(1, row.Cells.Take(2).Count(Hidden));
        }
    }

    [Fact]
    public void One_column_tables_hide_a_lone_small_row_and_one_more()
    {
        var table = MonitorTable.FromCounts("t", "c", "r", ["a", "b", "c"], ["n"], new[,] { { 3 }, { 40 }, { 9 } });
        Assert.Equal(MonitorTable.Hidden, table.Rows[0].Cells[0]);
        // 9 is not small: it is hidden to protect the 3, and marked so.
        Assert.Equal(MonitorTable.Protected, table.Rows[2].Cells[0]);
        Assert.Equal("40", table.Rows[1].Cells[0]);
        Assert.Equal("52", table.Rows[3].Cells[0]);
    }
}

public sealed class MonitorReportBuildTests
{
    private static readonly Guid Place = Guid.NewGuid();
    private static readonly DateOnly From = new(2026, 1, 5);

    private static Meedenker.Web.Infrastructure.ReferenceSnapshot Reference(params Meedenker.Web.Infrastructure.ReferenceSnapshot.Neighbourhood[] areas) =>
        new([new(Place, "GM0001", "Testdorp")], areas, [new(Meedenker.Domain.TaxonomyKind.LifeDomain, "wonen", "Wonen", "Housing")]);

    private static Meedenker.Domain.MonitorFact Fact(string kind, DateOnly week, string detail, int count, int value = 0) =>
        new() { Kind = kind, Week = week.DayNumber, MunicipalityId = Place, Detail = detail, Value = value, Count = count };

    [Fact]
    public void Process_figures_come_from_the_histograms_of_the_period_only()
    {
        var facts = new List<Meedenker.Domain.MonitorFact>
        {
            Fact(MonitorKinds.FirstContact, From, "", 10, value: 2),
            Fact(MonitorKinds.FirstContact, From.AddDays(7), "", 10, value: 9),
            Fact(MonitorKinds.FirstContact, From.AddDays(-7), "", 100, value: 50),
            Fact(MonitorKinds.Opened, From.AddDays(-7), "formal", 30),
            Fact(MonitorKinds.Closed, From.AddDays(-7), "formal", 10),
            Fact(MonitorKinds.Opened, From, "informal", 10),
            Fact(MonitorKinds.Opened, From, "formal", 30),
        };
        var report = MonitorReport.Build(facts, new MonitorReport.Context(Reference(), Place, From, From.AddDays(7), From.AddDays(-7 * 60), new Dictionary<Guid, MonitorReport.NeighbourhoodNeed>()));
        string Value(string label) => report.Process.Rows.Single(r => r.Header.StartsWith(label, StringComparison.Ordinal)).Cells[0];
        Assert.Equal("20", Value("Hulpvragen met een eerste contact"));
        Assert.Equal("2 dagen", Value("Tijd tot eerste contact: mediaan"));
        Assert.Equal("9 dagen", Value("Tijd tot eerste contact: 90"));
        Assert.Equal("50%", Value("Eerste contact binnen").Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal));
        Assert.Equal("60", Value("Lopende trajecten"));
    }

    [Fact]
    public void Neighbourhoods_far_below_their_expected_share_are_marked_under_used()
    {
        var a = new Meedenker.Web.Infrastructure.ReferenceSnapshot.Neighbourhood(Guid.NewGuid(), Place, "WK000101", "Noord");
        var b = new Meedenker.Web.Infrastructure.ReferenceSnapshot.Neighbourhood(Guid.NewGuid(), Place, "WK000102", "Zuid");
        var facts = new List<Meedenker.Domain.MonitorFact> { Fact(MonitorKinds.Area, From, a.Code, 90), Fact(MonitorKinds.Area, From, b.Code, 30) };
        var need = new Dictionary<Guid, MonitorReport.NeighbourhoodNeed> { [a.Id] = new(5000, 1000), [b.Id] = new(5000, 1000) };
        var report = MonitorReport.Build(facts, new MonitorReport.Context(Reference(a, b), Place, From, From, From.AddDays(-7 * 60), need));
        Assert.Equal(["Zuid"], report.UnderUsed);
        var zuid = report.Reach!.Rows.Single(r => r.Header == "Zuid");
        Assert.True(zuid.Highlight);
        Assert.Equal("30", zuid.Cells[0]);
        Assert.Equal(6.0.ToString("0.0", System.Globalization.CultureInfo.CurrentCulture), zuid.Cells[2]);
        Assert.Equal(12.0.ToString("0.0", System.Globalization.CultureInfo.CurrentCulture), zuid.Cells[3]);
    }
}

public sealed class ReferenceFiguresTests
{
    private static readonly Dictionary<string, Guid> Areas = new(StringComparer.OrdinalIgnoreCase) { ["WK066401"] = Guid.NewGuid(), ["WK066402"] = Guid.NewGuid() };
    private const string Header = "wijkcode;inwoners_0_17;inwoners_18_64;inwoners_65_74;inwoners_75_plus;procent_laag_inkomen;procent_alleenwonend";

    [Fact]
    public void A_valid_file_gives_one_row_per_neighbourhood_with_shares_as_fractions()
    {
        var result = ReferenceFigures.Parse($"\uFEFF{Header}\r\nWK066401;812;2390;540;402;14,5;21\r\nWK066402;100;600;90;60;8.25;12\r\n", Areas, DateTimeOffset.UnixEpoch);
        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Rows.Count);
        Assert.Equal(812 + 2390 + 540 + 402, result.Rows[0].Inhabitants);
        Assert.Equal(0.145, result.Rows[0].LowIncomeShare, 6);
        Assert.Equal(0.0825, result.Rows[1].LowIncomeShare, 6);
    }

    [Fact]
    public void A_file_with_errors_is_refused_whole_with_a_message_per_row()
    {
        var result = ReferenceFigures.Parse($"{Header}\nWK066401;812;2390;540;402;14;21\nWK999999;1;2;3;4;5;6\nWK066402;-5;600;90;60;8;12\nWK066401;1;1;1;1;1;1\nWK066402;1;1;1;1;150;1\nWK066402;1;2\n", Areas, DateTimeOffset.UnixEpoch);
        Assert.Empty(result.Rows);
        Assert.Equal(5, result.Errors.Count);
        Assert.StartsWith("Regel 3: wijkcode 'WK999999' bestaat niet", result.Errors[0], StringComparison.Ordinal);
        Assert.Contains("inwoners_0_17 moet een heel getal", result.Errors[1], StringComparison.Ordinal);
        Assert.Contains("staat er twee keer in", result.Errors[2], StringComparison.Ordinal);
        Assert.Contains("procent_laag_inkomen moet een percentage", result.Errors[3], StringComparison.Ordinal);
        Assert.StartsWith("Regel 7: 3 waarden in plaats van 7", result.Errors[4], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("wijk;inwoners\nWK066401;5")]
    [InlineData("wijkcode;inwoners_0_17;inwoners_18_64;inwoners_65_74;inwoners_75_plus;procent_laag_inkomen;procent_alleenwonend")]
    public void Empty_files_and_wrong_headers_are_refused(string text) =>
        Assert.NotEmpty(ReferenceFigures.Parse(text, Areas, DateTimeOffset.UnixEpoch).Errors);

    [Fact]
    public void Written_figures_read_back_the_same()
    {
        var figures = new Meedenker.Domain.NeighbourhoodReference { NeighbourhoodId = Areas["WK066401"], Age0To17 = 5, Age18To64 = 50, Age65To74 = 7, Age75Plus = 3, LowIncomeShare = 0.125, LivingAloneShare = 0.2 };
        var text = System.Text.Encoding.UTF8.GetString(ReferenceFigures.Write([("WK066401", figures)]));
        var back = Assert.Single(ReferenceFigures.Parse(text, Areas, DateTimeOffset.UnixEpoch).Rows);
        Assert.Equal(0.125, back.LowIncomeShare, 6);
        Assert.Equal(65, back.Inhabitants);
    }
}
