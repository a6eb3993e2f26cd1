using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Meedenker.Web.Features.Monitoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meedenker.IntegrationTests;

public sealed partial class MonitorFiguresTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    private static readonly DateOnly Week1 = new(2025, 3, 3);
    private static readonly DateOnly Week2 = new(2025, 3, 10);

    private static DateTimeOffset At(DateOnly day, int hour, int minute = 0) => new(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero);

    private async Task<T> WithServiceAsync<T, TService>(Func<TService, Task<T>> work) where TService : notnull
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private Task<int> RefreshAsync() => WithServiceAsync<int, MonitorAggregator>(a => a.RefreshAsync(TestClock.Now, CancellationToken.None));

    /// <summary>Two weeks in Kapelle: 12 residents on a Tuesday, 7 GP referrals on the Sunday night, 3 relatives just after midnight on Monday.</summary>
    private async Task<Guid> SeedKapelleAsync()
    {
        var informal = await app.CreateOrganizationAsync(OrganizationKind.SupportC);
        var formal = await app.CreateOrganizationAsync(OrganizationKind.SupportA);
        await app.CreateRequestsAsync("GM0678", Enumerable.Repeat(At(Week1.AddDays(1), 10), 12), RequestChannel.Self, sourceCode: "website",
            targetGroup: "ouderen", lifeDomain: "wonen", caseOrganizationId: informal.Id, firstContactDays: 3, contacts: 2, closeAfterDays: 20, scores: (2, 4));
        await app.CreateRequestsAsync("GM0678", Enumerable.Repeat(At(Week1.AddDays(6), 23, 30), 7), RequestChannel.Referrer, sourceCode: "huisarts",
            targetGroup: "ggz", lifeDomain: "zorg-gezondheid", caseOrganizationId: formal.Id, firstContactDays: 10);
        await app.CreateRequestsAsync("GM0678", Enumerable.Repeat(At(Week2, 0, 30), 3), RequestChannel.Relative, targetGroup: "ouderen", lifeDomain: "wonen");
        return app.WithDb(db => db.Municipalities.Single(m => m.Code == "GM0678").Id);
    }

    private static int Sum(IEnumerable<MonitorFact> facts, string kind, DateOnly week, string detail = "", int? value = null) =>
        facts.Where(f => f.Kind == kind && f.Week == week.DayNumber && (detail == "*" || f.Detail == detail) && (value is null || f.Value == value)).Sum(f => f.Count);

    [Fact]
    public async Task Counts_per_week_are_right_in_the_database_and_the_preaggregated_table_matches_the_live_query()
    {
        var kapelle = await SeedKapelleAsync();

        var live = await WithServiceAsync<List<MonitorFact>, MonitorAggregator>(a => a.ComputeAsync(new MonitorFilter(kapelle), Week1, Week2, CancellationToken.None));

        Assert.Equal(12, Sum(live, MonitorKinds.Asker, Week1, "Self"));
        Assert.Equal(7, Sum(live, MonitorKinds.Asker, Week1, "ref:huisarts"));
        Assert.Equal(3, Sum(live, MonitorKinds.Asker, Week2, "Relative"));
        Assert.Equal(0, Sum(live, MonitorKinds.Asker, Week2, "Self"));
        Assert.Equal(12, Sum(live, MonitorKinds.Source, Week1, "website"));
        Assert.Equal(15, Sum(live, MonitorKinds.TargetGroup, Week1, "ouderen") + Sum(live, MonitorKinds.TargetGroup, Week2, "ouderen"));
        Assert.Equal(12, Sum(live, MonitorKinds.FirstContact, Week1, value: 3));
        Assert.Equal(7, Sum(live, MonitorKinds.FirstContact, Week1, value: 10));
        Assert.Equal(12, Sum(live, MonitorKinds.Opened, Week1, "informal"));
        // Opened four hours after the Sunday-night referrals: the next week.
        Assert.Equal(7, Sum(live, MonitorKinds.Opened, Week2, "formal"));
        // The referrals' first contacts fall after the two weeks asked for.
        Assert.Equal(12 * 2, live.Where(f => f.Kind == MonitorKinds.Contact).Sum(f => f.Count));
        // Closed 23 days after receipt, 22 days and 20 hours after opening: 3 whole weeks.
        var closedWeek = MonitorModel.Monday(Week1.AddDays(1 + 23));
        var later = await WithServiceAsync<List<MonitorFact>, MonitorAggregator>(a => a.ComputeAsync(new MonitorFilter(kapelle), Week1, closedWeek, CancellationToken.None));
        Assert.Equal(0, Sum(live, MonitorKinds.Closed, closedWeek, "*"));
        Assert.Equal(12, Sum(later, MonitorKinds.Closed, closedWeek, "informal", value: 3));
        Assert.Equal(12, Sum(later, MonitorKinds.SelfReliance, closedWeek, "wonen", value: 2));

        await RefreshAsync();
        var table = app.WithDb(db => db.MonitorFacts.AsNoTracking().Where(f => f.MunicipalityId == kapelle).ToList());
        var all = await WithServiceAsync<List<MonitorFact>, MonitorAggregator>(a => a.ComputeAsync(new MonitorFilter(kapelle), null, null, CancellationToken.None));
        static string Key(MonitorFact f) => $"{f.Kind}|{f.Week}|{f.Detail}|{f.Value}|{f.Count}";
        Assert.Equal(all.Select(Key).Order(StringComparer.Ordinal), table.Select(Key).Order(StringComparer.Ordinal));
        Assert.Contains(table, f => f.Kind == MonitorKinds.Asker && f.Week == Week1.DayNumber && f.Detail == "Self" && f.Count == 12);
    }

    [Fact]
    public async Task Accepted_handovers_and_residents_experience_are_counted_by_week()
    {
        // Its own municipality and weeks, so the other tests' seeds in this class do not mix in.
        var week = new DateOnly(2025, 6, 2);
        var informal = await app.CreateOrganizationAsync(OrganizationKind.SupportC);
        await app.CreateRequestsAsync("GM0716", Enumerable.Repeat(At(week.AddDays(1), 10), 12), RequestChannel.Self, sourceCode: "website",
            targetGroup: "ouderen", lifeDomain: "wonen", caseOrganizationId: informal.Id, firstContactDays: 3, contacts: 1);
        var tholen = app.WithDb(db => db.Municipalities.Single(m => m.Code == "GM0716").Id);
        var decided = At(week.AddDays(9), 11);
        var second = MonitorModel.Monday(DateOnly.FromDateTime(decided.UtcDateTime));
        await app.WithDbAsync(async db =>
        {
            var cases = await db.Cases.Join(db.HelpRequests, c => c.HelpRequestId, h => h.Id, (c, h) => new { c, h })
                .Where(x => x.h.MunicipalityId == tholen && x.c.Status != CaseStatus.Offered).Select(x => x.c).Take(9).ToListAsync();
            for (var n = 0; n < cases.Count; n++)
            {
                db.Handovers.Add(new Handover
                {
                    Id = Guid.NewGuid(),
                    CaseId = cases[n].Id,
                    Direction = n < 6 ? HandoverDirection.InformalToFormal : HandoverDirection.FormalToInformal,
                    Partial = n % 3 == 0,
                    ToSupporterId = Guid.NewGuid(),
                    ToOrganizationId = cases[n].OrganizationId,
                    PlannedOn = second,
                    Status = n == 8 ? HandoverStatus.Declined : HandoverStatus.Accepted,
                    CreatedAt = decided.AddDays(-1),
                    DecidedAt = decided,
                });
                db.ResidentExperiences.Add(ResidentExperience.Record(cases[n].Id, 5, n < 4 ? 4 : 3, 4, null, viaStatusLink: n % 2 == 0, decided));
                // Laws from the case's questions: two questions naming the Wmo count the request once.
                db.CaseQuestions.Add(new CaseQuestion { Id = Guid.NewGuid(), CaseId = cases[n].Id, LifeDomainCode = "wonen", LawCodes = n < 6 ? ["wmo", "zvw"] : ["wmo"], Text = "Vraag", CreatedAt = decided });
                db.CaseQuestions.Add(new CaseQuestion { Id = Guid.NewGuid(), CaseId = cases[n].Id, LifeDomainCode = "zorg-gezondheid", LawCodes = ["wmo"], Text = "Nog een vraag", CreatedAt = decided });
            }
            return await db.SaveChangesAsync();
        });

        var live = await WithServiceAsync<List<MonitorFact>, MonitorAggregator>(a => a.ComputeAsync(new MonitorFilter(tholen), week, second, CancellationToken.None));

        Assert.Equal(4, Sum(live, MonitorKinds.Handover, second, "InformalToFormal:whole"));
        Assert.Equal(2, Sum(live, MonitorKinds.Handover, second, "InformalToFormal:part"));
        // The declined one is not counted.
        Assert.Equal(2, Sum(live, MonitorKinds.Handover, second, "FormalToInformal:whole") + Sum(live, MonitorKinds.Handover, second, "FormalToInformal:part"));
        Assert.Equal(9, Sum(live, MonitorKinds.Experience, second, "heard", 5));
        Assert.Equal(4, Sum(live, MonitorKinds.Experience, second, "helped", 4));
        Assert.Equal(5, Sum(live, MonitorKinds.Experience, second, "helped", 3));
        Assert.Equal(9, Sum(live, MonitorKinds.Law, week, "wmo"));
        Assert.Equal(6, Sum(live, MonitorKinds.Law, week, "zvw"));
        var zvw = await WithServiceAsync<List<MonitorFact>, MonitorAggregator>(a => a.ComputeAsync(new MonitorFilter(tholen, Law: "zvw"), week, second, CancellationToken.None));
        Assert.Equal(6, Sum(zvw, MonitorKinds.Asker, week, "Self"));
    }

    [Fact]
    public async Task Filters_narrow_the_live_figures()
    {
        var kapelle = await SeedKapelleAsync();
        var ggz = await WithServiceAsync<List<MonitorFact>, MonitorAggregator>(a => a.ComputeAsync(new MonitorFilter(kapelle, TargetGroup: "ggz"), Week1, Week2, CancellationToken.None));
        Assert.Equal(0, Sum(ggz, MonitorKinds.Asker, Week1, "Self"));
        Assert.True(Sum(ggz, MonitorKinds.Asker, Week1, "ref:huisarts") >= 7);
        var relatives = await WithServiceAsync<List<MonitorFact>, MonitorAggregator>(a => a.ComputeAsync(new MonitorFilter(kapelle, Channel: RequestChannel.Relative), Week1, Week2, CancellationToken.None));
        Assert.Equal(0, relatives.Where(f => f.Kind == MonitorKinds.Asker && f.Detail != "Relative").Sum(f => f.Count));
    }

    private async Task<MeedenkerFactory.Staff> BorseleAnalystAsync()
    {
        var municipality = await app.CreateOrganizationAsync(OrganizationKind.Municipality);
        return await app.CreateStaffAsync(StaffRoles.MunicipalityAnalyst, municipality.Id, twoFactor: true);
    }

    [GeneratedRegex("<table[\\s\\S]*?</table>")]
    private static partial Regex TablePattern();

    [GeneratedRegex("<tr class=\"utrecht-table__row[^\"]*\">\\s*<th[^>]*scope=\"row\">([^<]*)</th>([\\s\\S]*?)</tr>")]
    private static partial Regex RowPattern();

    [GeneratedRegex("md-number\">([^<]*)</td>")]
    private static partial Regex CellPattern();

    /// <summary>Every body row of every table on the page: its header and cells, decoded.</summary>
    private static List<List<string>> PageRows(string html) =>
        TablePattern().Matches(html).SelectMany(t => RowPattern().Matches(t.Value).Select(r =>
            new[] { WebUtility.HtmlDecode(r.Groups[1].Value) }.Concat(CellPattern().Matches(r.Groups[2].Value).Select(c => WebUtility.HtmlDecode(c.Groups[1].Value))).ToList()))
        .ToList();

    [Fact]
    public async Task Exports_hold_the_same_suppressed_numbers_as_the_page_for_every_table()
    {
        var borsele = app.WithDb(db => db.Municipalities.Single(m => m.Code == "GM0654").Id);
        var organization = await app.CreateOrganizationAsync(OrganizationKind.SupportA);
        await app.CreateRequestsAsync("GM0654", Enumerable.Repeat(At(Week1.AddDays(2), 9), 14), RequestChannel.Self, sourceCode: "folder", targetGroup: "jongeren", lifeDomain: "financien-inkomen",
            caseOrganizationId: organization.Id, firstContactDays: 1, contacts: 3, closeAfterDays: 4, scores: (1, 3));
        await app.CreateRequestsAsync("GM0654", Enumerable.Repeat(At(Week1.AddDays(3), 9), 6), RequestChannel.Relative, targetGroup: "ouderen", lifeDomain: "wonen");
        await app.CreateRequestsAsync("GM0654", Enumerable.Repeat(At(Week1.AddDays(4), 9), 8), RequestChannel.Referrer, sourceCode: "school", targetGroup: "jongeren", lifeDomain: "onderwijs-leren");
        await app.CreateRequestsAsync("GM0654", Enumerable.Repeat(At(Week2.AddDays(2), 9), 9), RequestChannel.Self, sourceCode: "website", targetGroup: "jongeren", lifeDomain: "financien-inkomen");
        await app.CreateRequestsAsync("GM0654", Enumerable.Repeat(At(Week2.AddDays(2), 9), 2), RequestChannel.Relative, targetGroup: "jongeren", lifeDomain: "financien-inkomen");
        await app.CreateRequestsAsync("GM0654", Enumerable.Repeat(At(Week2.AddDays(2), 9), 7), RequestChannel.Referrer, sourceCode: "huisarts", targetGroup: "ouderen", lifeDomain: "wonen");
        await RefreshAsync();
        var client = await app.SignInAsync(await BorseleAnalystAsync());
        var query = "van=2025-03-03&tot=2025-03-16";

        var html = await client.GetStringAsync("/monitor?" + query);
        var page = PageRows(html);
        // Week 2's two relatives are a small count; a cell in their row and column (and in turn in week 1's row)
        // is hidden to protect them, and so are the column totals that would give them away: "•", not "< 5".
        Assert.Equal(["3 mrt 2025 (week 10)", "14", "•", "•", "28", ""], page[0]);
        Assert.Equal(["10 mrt 2025 (week 11)", "9", "< 5", "•", "18", ""], page[1]);
        Assert.Equal(["Totaal", "23", "•", "•", "46", ""], page[2]);
        Assert.Contains(page, r => r.Contains("< 5"));
        Assert.True(borsele != Guid.Empty);

        var csv = await client.GetAsync($"/monitor?handler=csv&{query}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        // Per table: caption, header, rows, then an empty line.
        var csvRows = new List<List<string>>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] is "" or "\"\"")
            {
                continue;
            }
            i += 2;
            for (; i < lines.Count && lines[i] is not ("" or "\"\""); i++)
            {
                csvRows.Add(Split(lines[i]));
            }
        }
        Assert.Equal(page, csvRows);

        var xlsx = await client.GetByteArrayAsync($"/monitor?handler=xlsx&{query}");
        using var stream = new MemoryStream(xlsx);
        var xlsxRows = new List<List<object?>>();
        foreach (var sheet in MiniExcelLibs.MiniExcel.GetSheetNames(stream))
        {
            stream.Position = 0;
            foreach (IDictionary<string, object?> row in MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>())
            {
                xlsxRows.Add([.. row.Values]);
            }
        }
        // The same cells; a number in the file is the number the page shows (e.g. "4.986" inhabitants, a rate "2,2").
        Assert.Equal(page.Count, xlsxRows.Count);
        for (var r = 0; r < page.Count; r++)
        {
            Assert.Equal(page[r].Count, xlsxRows[r].Count);
            for (var c = 0; c < page[r].Count; c++)
            {
                if (xlsxRows[r][c] is double number)
                {
                    Assert.Equal(decimal.Parse(page[r][c], NumberStyles.Number, Dutch), (decimal)number);
                }
                else
                {
                    Assert.Equal(page[r][c], Convert.ToString(xlsxRows[r][c], CultureInfo.InvariantCulture) ?? "");
                }
            }
        }
    }

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    private static string Day(DateOnly d) => d.ToString("d MMM yyyy", Dutch);

    private static DateOnly Today => DateOnly.FromDateTime(TestClock.Now.UtcDateTime);

    private async Task<HttpClient> RegionalAnalystAsync()
    {
        var regional = await app.CreateOrganizationAsync(OrganizationKind.SupportA);
        return await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.MunicipalityAnalyst, regional.Id, twoFactor: true));
    }

    /// <summary>
    /// Three weeks in Goes, 30 weeks before the tests' now: 9 residents, 3 relatives and no referrer (the week of
    /// 6 July 2026 in issue 15), then 20, 6 and 7, then a quiet week of 2.
    /// </summary>
    private async Task<DateOnly> SeedGoesWeeksAsync()
    {
        var first = MonitorModel.Monday(Today).AddDays(-7 * 30);
        await app.CreateRequestsAsync("GM0664", Enumerable.Repeat(At(first.AddDays(1), 10), 9), RequestChannel.Self, sourceCode: "website", targetGroup: "ouderen", lifeDomain: "wonen");
        await app.CreateRequestsAsync("GM0664", Enumerable.Repeat(At(first.AddDays(2), 10), 3), RequestChannel.Relative, targetGroup: "ouderen", lifeDomain: "wonen");
        await app.CreateRequestsAsync("GM0664", Enumerable.Repeat(At(first.AddDays(8), 10), 20), RequestChannel.Self, sourceCode: "folder", targetGroup: "ouderen", lifeDomain: "wonen");
        await app.CreateRequestsAsync("GM0664", Enumerable.Repeat(At(first.AddDays(9), 10), 6), RequestChannel.Relative, targetGroup: "ouderen", lifeDomain: "wonen");
        await app.CreateRequestsAsync("GM0664", Enumerable.Repeat(At(first.AddDays(10), 10), 7), RequestChannel.Referrer, sourceCode: "huisarts", targetGroup: "ouderen", lifeDomain: "wonen");
        await app.CreateRequestsAsync("GM0664", Enumerable.Repeat(At(first.AddDays(15), 10), 2), RequestChannel.Self, sourceCode: "website", targetGroup: "ouderen", lifeDomain: "wonen");
        await RefreshAsync();
        return first;
    }

    private static string GoesQuery(DateOnly first) => string.Create(CultureInfo.InvariantCulture, $"gemeente=GM0664&van={first:yyyy-MM-dd}&tot={first.AddDays(20):yyyy-MM-dd}");

    /// <summary>Rows of every table, the page's table by table (split at the total rows and the table borders).</summary>
    private static List<List<List<string>>> PageTables(string html) =>
        TablePattern().Matches(html).Select(t => RowPattern().Matches(t.Value).Select(r =>
            new[] { WebUtility.HtmlDecode(r.Groups[1].Value) }.Concat(CellPattern().Matches(r.Groups[2].Value).Select(c => WebUtility.HtmlDecode(c.Groups[1].Value))).ToList()).ToList())
        .ToList();

    [Fact]
    public async Task A_week_total_hidden_to_protect_small_counts_reads_a_neutral_mark_not_less_than_five_on_the_page_and_in_csv_and_xlsx()
    {
        var first = await SeedGoesWeeksAsync();
        var client = await RegionalAnalystAsync();

        var html = await client.GetStringAsync("/monitor?" + GoesQuery(first));
        var weekly = PageTables(html)[0];

        // Week 1: 9 residents, 3 relatives, no referrer, 12 in all. The 3 and the 0 are small; the 12 and the 9 are not.
        Assert.Equal("< 5", weekly[0][2]);
        Assert.Equal("< 5", weekly[0][3]);
        Assert.NotEqual("< 5", weekly[0][1]);
        Assert.NotEqual("< 5", weekly[0][4]);
        Assert.True(weekly[0][4] is "12" or "•", weekly[0][4]);
        // Week 3 holds 2 requests: that total is small.
        Assert.Equal("< 5", weekly[2][4]);
        // "•" is explained once.
        Assert.Single(Regex.Matches(html, "verborgen om een klein aantal elders te beschermen"));
        Assert.Contains("•", weekly.SelectMany(r => r));

        // What is shown adds up: in every table, a row or column that is shown whole gives its total.
        foreach (var table in PageTables(html).Where(t => t.Count > 1 && t[^1][0] == "Totaal"))
        {
            var body = table.Take(table.Count - 1).ToList();
            var width = table[^1].Count;
            for (var c = 1; c < width; c++)
            {
                var column = body.Select(r => r[c]).ToList();
                if (column.All(v => int.TryParse(v, out _)) && int.TryParse(table[^1][c], out var total))
                {
                    Assert.Equal(total, column.Sum(int.Parse));
                }
            }
        }
        foreach (var row in weekly.Take(3))
        {
            if (row.Skip(1).Take(3).All(v => int.TryParse(v, out _)) && int.TryParse(row[4], out var total))
            {
                Assert.Equal(total, row.Skip(1).Take(3).Sum(int.Parse));
            }
        }

        var csv = await client.GetStringAsync($"/monitor?handler=csv&{GoesQuery(first)}");
        var csvWeek = csv.Split('\n').Select(l => l.TrimEnd('\r')).First(l => l.StartsWith(weekly[0][0], StringComparison.Ordinal));
        Assert.Equal(weekly[0], Split(csvWeek));

        using var stream = new MemoryStream(await client.GetByteArrayAsync($"/monitor?handler=xlsx&{GoesQuery(first)}"));
        var sheet = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: "per-week").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(weekly[0][2], sheet[0].Values.ElementAt(2));
        Assert.Equal(weekly[0][3], sheet[0].Values.ElementAt(3));
        Assert.Equal("< 5", sheet[2].Values.ElementAt(4));
    }

    [Fact]
    public async Task The_weekly_chart_draws_a_hidden_week_as_hidden_not_as_zero()
    {
        var first = await SeedGoesWeeksAsync();
        var client = await RegionalAnalystAsync();

        var html = await client.GetStringAsync("/monitor?" + GoesQuery(first));
        var weekly = PageTables(html)[0];
        var svg = Regex.Match(html, "<figure class=\"md-chart\">[\\s\\S]*?</figure>").Value;
        var bars = Regex.Matches(svg, "<rect x=[^>]*class=\"(md-chart__bar[^\"]*)\"[^>]*>").Select(m => m.Value).ToList();

        Assert.Equal(3, bars.Count);
        for (var i = 0; i < 3; i++)
        {
            var hidden = weekly[i][4] is "< 5" or "•";
            Assert.Equal(hidden, bars[i].Contains("md-chart__bar--hidden", StringComparison.Ordinal));
            if (hidden)
            {
                Assert.DoesNotContain("height=\"0\"", bars[i], StringComparison.Ordinal);
                // The text alternative names the hidden week and says it is not 0.
                Assert.Contains(WebUtility.HtmlEncode(weekly[i][0]), svg[svg.IndexOf("<figcaption", StringComparison.Ordinal)..], StringComparison.Ordinal);
            }
        }
        Assert.Contains("Dat is geen 0.", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_end_date_in_the_current_week_shows_up_to_the_last_whole_week_and_says_why()
    {
        var client = await RegionalAnalystAsync();
        var thisWeek = MonitorModel.Monday(Today);
        var lastWeek = thisWeek.AddDays(-7);
        var asked = thisWeek.AddDays(-14);
        var end = thisWeek.AddDays(6);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(string.Create(CultureInfo.InvariantCulture, $"/monitor?van={asked:yyyy-MM-dd}&tot={end:yyyy-MM-dd}")));

        Assert.DoesNotContain("Je ziet nu de laatste 26 weken.", html, StringComparison.Ordinal);
        Assert.Contains($"Je vroeg om cijfers tot en met {Day(end)}. Die week is nog niet voorbij. Daarom zie je de weken tot en met zondag {Day(lastWeek.AddDays(6))}, de laatste hele week.", html, StringComparison.Ordinal);
        Assert.Contains($"Weken van maandag tot en met zondag, {Day(asked)} tot en met {Day(lastWeek.AddDays(6))}.", html, StringComparison.Ordinal);
        Assert.Contains($"De hulpvragen van vandaag zie je vanaf maandag {Day(thisWeek.AddDays(7))}.", html, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"id=\"van\" name=\"van\" value=\"{asked:yyyy-MM-dd}\""), html, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"id=\"tot\" name=\"tot\" value=\"{lastWeek.AddDays(6):yyyy-MM-dd}\""), html, StringComparison.Ordinal);
        // Two whole weeks, and not the current one.
        Assert.Equal(2, PageTables(html)[0].Count(r => r[0] != "Totaal"));

        // The same in English.
        await client.GetAsync("/taal/en?terug=%2F");
        var english = WebUtility.HtmlDecode(await client.GetStringAsync(string.Create(CultureInfo.InvariantCulture, $"/monitor?van={asked:yyyy-MM-dd}&tot={end:yyyy-MM-dd}")));
        Assert.Contains("That week is not over yet.", english, StringComparison.Ordinal);
        Assert.Contains("Today's requests appear from Monday", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_start_in_the_current_week_without_an_end_shows_the_last_whole_week_and_says_why()
    {
        var client = await RegionalAnalystAsync();
        var thisWeek = MonitorModel.Monday(Today);
        var lastWeek = thisWeek.AddDays(-7);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(string.Create(CultureInfo.InvariantCulture, $"/monitor?van={thisWeek:yyyy-MM-dd}")));

        Assert.DoesNotContain("Je ziet nu de laatste 26 weken.", html, StringComparison.Ordinal);
        Assert.Contains($"Het begin dat je koos valt in de week van nu, die nog niet voorbij is. Je ziet de laatste hele week, tot en met zondag {Day(lastWeek.AddDays(6))}.", html, StringComparison.Ordinal);
        Assert.Contains($"Weken van maandag tot en met zondag, {Day(lastWeek)} tot en met {Day(lastWeek.AddDays(6))}.", html, StringComparison.Ordinal);
        Assert.Single(PageTables(html)[0]);
    }

    [Fact]
    public async Task Xlsx_numbers_are_numbers_and_hidden_cells_text_when_read_back_by_a_second_reader()
    {
        var first = await SeedGoesWeeksAsync();
        var client = await RegionalAnalystAsync();
        var html = await client.GetStringAsync("/monitor?" + GoesQuery(first));
        var weekly = PageTables(html)[0];

        var bytes = await client.GetByteArrayAsync($"/monitor?handler=xlsx&{GoesQuery(first)}");

        // MiniExcel reads numeric cells as numbers and text cells as strings.
        using var stream = new MemoryStream(bytes);
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: "per-week").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(weekly.Count, rows.Count);
        var numbers = 0;
        for (var r = 0; r < weekly.Count; r++)
        {
            var values = rows[r].Values.ToList();
            for (var c = 1; c < weekly[r].Count; c++)
            {
                if (int.TryParse(weekly[r][c], out var n))
                {
                    Assert.Equal((double)n, Assert.IsType<double>(values[c]));
                    numbers++;
                }
                else if (weekly[r][c] is "< 5" or "•")
                {
                    Assert.Equal(weekly[r][c], Assert.IsType<string>(values[c]));
                }
            }
        }
        Assert.True(numbers > 5);

        // And in the file itself: no number is stored as text.
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            var xml = reader.ReadToEnd();
            Assert.DoesNotMatch("<c [^>]*t=\"(str|inlineStr)\"[^>]*>(<v>|<is><t>)-?[0-9]+([.,][0-9]+)?(</v>|</t></is>)", xml);
        }
    }

    /// <summary>Splits a semicolon line, with CSV quotes.</summary>
    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ';')
            {
                cells.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        cells.Add(current.ToString());
        return cells;
    }

    [Fact]
    public async Task Analyst_of_one_municipality_gets_403_on_another_ones_figures_and_no_case_route()
    {
        var analyst = await BorseleAnalystAsync();
        var client = await app.SignInAsync(analyst);
        var goesArea = app.WithDb(db => db.Neighbourhoods.Where(n => n.MunicipalityId == db.Municipalities.Single(m => m.Code == "GM0664").Id).Select(n => n.Code).First());
        var support = await app.CreateOrganizationAsync(OrganizationKind.SupportA);
        var @case = await app.CreateCaseAsync(support.Id, null);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/monitor?gemeente=GM0654")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/monitor?gemeente=GM0664")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/monitor?handler=xlsx&gemeente=GM0664")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/monitor?wijk={goesArea}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/monitor?handler=csv&wijk={goesArea}")).StatusCode);
        foreach (var url in new[] { $"/werk/casussen/{@case.CaseId}", "/werk/mijn-casussen", "/werk/wachtrij", $"/werk/inwoners/{@case.ResidentId}" })
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/geen-toegang", StringComparison.Ordinal)),
                $"{url} gave {response.StatusCode}");
        }
    }

    [Fact]
    public async Task Regional_analyst_sees_the_region_and_may_choose_any_municipality()
    {
        var regional = await app.CreateOrganizationAsync(OrganizationKind.SupportA);
        var client = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.MunicipalityAnalyst, regional.Id, twoFactor: true));
        var html = await client.GetStringAsync("/monitor");
        Assert.Contains("Monitor cliëntondersteuning: de hele regio", html, StringComparison.Ordinal);
        Assert.Contains("Hulpvragen per gemeente", html, StringComparison.Ordinal);
        var goes = await client.GetStringAsync("/monitor?gemeente=GM0664&doelgroep=ouderen&leefgebied=wonen&kanaal=zelf");
        Assert.Contains("Monitor cliëntondersteuning: Goes", goes, StringComparison.Ordinal);
        Assert.DoesNotContain("Je ziet nu de laatste", goes, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("doelgroep=marsmannetjes", "Deze doelgroep kennen we niet.")]
    [InlineData("leefgebied=ruimtevaart", "Dit leefgebied kennen we niet.")]
    [InlineData("kanaal=fax", "Dit kanaal kennen we niet")]
    [InlineData("wet=belastingwet", "Deze wet kennen we niet")]
    [InlineData("wijk=WK999999", "Deze wijk kennen we niet")]
    [InlineData("gemeente=GM9999", "Deze gemeente kennen we niet.")]
    [InlineData("van=2026-02-30", "Vul datums in zoals")]
    [InlineData("van=2026-05-01&tot=2026-01-01", "Deze periode kan niet")]
    [InlineData("van=1900-01-01&tot=1900-02-01", "Deze periode kan niet")]
    public async Task Unknown_filters_and_impossible_periods_get_a_message_and_the_default_view(string query, string message)
    {
        var regional = await app.CreateOrganizationAsync(OrganizationKind.SupportA);
        var client = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.MunicipalityAnalyst, regional.Id, twoFactor: true));
        var response = await client.GetAsync("/monitor?" + query);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(message).Replace("&#x27;", "'", StringComparison.Ordinal), html, StringComparison.Ordinal);
        Assert.Contains("Je ziet nu de laatste 26 weken.", html, StringComparison.Ordinal);
        Assert.Contains("Monitor cliëntondersteuning: de hele regio", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shock_alert_job_flags_a_fresh_drop_once_and_mails_analysts_and_coordinators()
    {
        var coordinatorOrg = await app.CreateOrganizationAsync(OrganizationKind.SupportA);
        var coordinator = await app.CreateStaffAsync(StaffRoles.Coordinator, coordinatorOrg.Id);
        var now = TestClock.Now;
        var lastWeek = MonitorModel.Monday(DateOnly.FromDateTime(now.UtcDateTime)).AddDays(-7);
        var dropStart = lastWeek.AddDays(-7);
        var times = new List<DateTimeOffset>();
        var random = new Random(3);
        for (var w = 64; w >= 0; w--)
        {
            var monday = lastWeek.AddDays(-7 * w);
            var count = monday >= dropStart ? 6 : 40 + random.Next(-5, 6);
            times.AddRange(Enumerable.Range(0, count).Select(i => At(monday.AddDays(i % 5), 9 + (i % 8))));
        }
        await app.CreateRequestsAsync("GM0716", times, targetGroup: "mantelzorgers");

        var created = await WithServiceAsync<IReadOnlyList<MonitorAlert>, ShockAlertJob>(j => j.RunAsync(now, CancellationToken.None));

        Assert.Contains(created, a => a.ScopeKind == ShockAlertJob.MunicipalityScope && a.ScopeCode == "GM0716" && a.WeekStart == dropStart);
        Assert.Contains(created, a => a.ScopeKind == ShockAlertJob.TargetGroupScope && a.ScopeCode == "mantelzorgers" && a.WeekStart == dropStart);
        Assert.DoesNotContain(created, a => a.ScopeKind == ShockAlertJob.MunicipalityScope && a.ScopeCode != "GM0716");
        var mails = System.IO.Directory.GetFiles(app.MailFolder, "*.eml").Select(File.ReadAllText).Where(m => m.Contains("bellijst", StringComparison.Ordinal)).ToList();
        Assert.Contains(mails, m => m.Contains(coordinator.Email, StringComparison.Ordinal));
        Assert.All(app.WithDb(db => db.MonitorAlerts.ToList()), a => Assert.NotNull(a.MailedAt));

        var again = await WithServiceAsync<IReadOnlyList<MonitorAlert>, ShockAlertJob>(j => j.RunAsync(now, CancellationToken.None));
        Assert.Empty(again);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string csv)
    {
        var page = await client.GetStringAsync("/beheer/referentiecijfers");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(HttpClientFormExtensions.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "Upload", "cijfers.csv" },
        };
        return await client.PostAsync("/beheer/referentiecijfers", form);
    }

    [Fact]
    public async Task Reference_figures_with_an_error_are_refused_whole_and_valid_ones_show_reach_per_neighbourhood()
    {
        var adminOrg = await app.CreateOrganizationAsync(OrganizationKind.SupportA);
        var admin = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Admin, adminOrg.Id, twoFactor: true));
        var areas = app.WithDb(db => db.Neighbourhoods.Where(n => n.MunicipalityId == db.Municipalities.Single(m => m.Code == "GM1695").Id).OrderBy(n => n.Code).Select(n => n.Code).ToList());
        var before = app.WithDb(db => db.NeighbourhoodReferences.AsNoTracking().OrderBy(r => r.NeighbourhoodId).Select(r => new { r.NeighbourhoodId, r.Age18To64, r.LowIncomeShare }).ToList());
        const string Header = "wijkcode;inwoners_0_17;inwoners_18_64;inwoners_65_74;inwoners_75_plus;procent_laag_inkomen;procent_alleenwonend\n";

        var bad = await UploadAsync(admin, Header + $"{areas[0]};100;9999;100;100;10;20\n{areas[1]};100;abc;100;100;10;20\nWK000000;1;1;1;1;1;1\n");
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("er is niets veranderd", badHtml, StringComparison.Ordinal);
        Assert.Contains("Regel 3:", badHtml, StringComparison.Ordinal);
        Assert.Contains("Regel 4:", badHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Regel 2:", badHtml, StringComparison.Ordinal);
        var unchanged = app.WithDb(db => db.NeighbourhoodReferences.AsNoTracking().OrderBy(r => r.NeighbourhoodId).Select(r => new { r.NeighbourhoodId, r.Age18To64, r.LowIncomeShare }).ToList());
        Assert.Equal(before, unchanged);

        var good = await UploadAsync(admin, Header + string.Join("\n", areas.Select((a, i) => $"{a};100;{1000 * (i + 1)};100;100;{10 + i},5;20")));
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var saved = app.WithDb(db => db.NeighbourhoodReferences.AsNoTracking().Where(r => db.Neighbourhoods.Any(n => n.Id == r.NeighbourhoodId && n.Code == areas[0])).Single());
        Assert.Equal(1000, saved.Age18To64);
        Assert.Equal(0.105, saved.LowIncomeShare, 6);

        var regional = await app.CreateOrganizationAsync(OrganizationKind.SupportA);
        var analyst = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.MunicipalityAnalyst, regional.Id, twoFactor: true));
        var html = await analyst.GetStringAsync("/monitor?gemeente=GM1695");
        Assert.Contains("Bereik naar verwachte behoefte per wijk", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await analyst.GetAsync("/beheer/referentiecijfers")).StatusCode);
    }
}
