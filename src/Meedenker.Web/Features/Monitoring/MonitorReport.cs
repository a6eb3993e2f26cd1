using System.Globalization;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;

namespace Meedenker.Web.Features.Monitoring;

/// <summary>
/// Turns the counts of a view into the dashboard's tables and figures. Every table is suppressed here,
/// once, and the page and the exports both show these tables.
/// </summary>
public sealed class MonitorReport
{
    /// <summary>First contact within 5 working days (the intake target), counted as 7 calendar days on weekly rows.</summary>
    public const int FirstContactTargetDays = 7;

    public required IReadOnlyList<DateOnly> Weeks { get; init; }
    public required IReadOnlyList<WeekCheck> Checks { get; init; }
    public required MonitorTable Weekly { get; init; }
    public required IReadOnlyList<MonitorTable> Output { get; init; }
    public required MonitorTable Process { get; init; }
    public required MonitorTable Outcome { get; init; }
    public required MonitorTable Experience { get; init; }
    public required IReadOnlyList<MonitorTable> Findability { get; init; }
    public MonitorTable? Reach { get; init; }
    public IReadOnlyList<string> UnderUsed { get; init; } = [];

    public IEnumerable<MonitorTable> All =>
        new[] { Weekly }.Concat(Output).Append(Process).Append(Outcome).Append(Experience).Concat(Findability).Concat(Reach is null ? [] : [Reach]);

    public sealed record Context(ReferenceSnapshot Reference, Guid? MunicipalityId, DateOnly From, DateOnly To, DateOnly History,
        IReadOnlyDictionary<Guid, NeighbourhoodNeed> Need);

    /// <summary>A neighbourhood's inhabitants and its need weight from the reference figures.</summary>
    public sealed record NeighbourhoodNeed(int Inhabitants, double Weight);

    private static string Day(DateOnly d) => d.ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    public static MonitorReport Build(IReadOnlyList<MonitorFact> facts, Context context)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(context);
        var reference = context.Reference;
        int from = context.From.DayNumber, to = context.To.DayNumber;
        var period = facts.Where(f => f.Week >= from && f.Week <= to).ToList();
        List<MonitorFact> Of(string kind) => period.Where(f => f.Kind == kind).ToList();

        // Weekly intake by who asked, with the drop detector over the history.
        var allWeeks = new List<DateOnly>();
        for (var w = context.History; w <= context.To; w = w.AddDays(7))
        {
            allWeeks.Add(w);
        }
        var channelOf = new Func<string, int>(d => d == nameof(RequestChannel.Self) ? 0 : d == nameof(RequestChannel.Relative) ? 1 : 2);
        var weekly = new int[allWeeks.Count, 3];
        foreach (var f in facts.Where(f => f.Kind == MonitorKinds.Asker && f.Week >= context.History.DayNumber && f.Week <= to))
        {
            weekly[(f.Week - context.History.DayNumber) / 7, channelOf(f.Detail)] += f.Count;
        }
        var totals = Enumerable.Range(0, allWeeks.Count).Select(i => weekly[i, 0] + weekly[i, 1] + weekly[i, 2]).ToList();
        var checks = DropDetector.Check(totals);
        var first = allWeeks.IndexOf(context.From);
        var shown = allWeeks.Skip(first).ToList();
        var shownCounts = new int[shown.Count, 3];
        for (var i = 0; i < shown.Count; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                shownCounts[i, c] = weekly[first + i, c];
            }
        }
        var shownChecks = checks.Skip(first).Select(c => c with { Week = c.Week - first }).ToList();
        string[] channels = [Lang.Pick("Inwoner zelf", "Resident"), Lang.Pick("Naaste", "Relative"), Lang.Pick("Verwijzer", "Referrer")];
        var weeklyTable = MonitorTable.FromCounts("per-week",
            Lang.Pick($"Hulpvragen per week, {Day(context.From)} tot en met {Day(context.To.AddDays(6))}", $"Help requests per week, {Day(context.From)} to {Day(context.To.AddDays(6))}"),
            Lang.Pick("Week van", "Week of"),
            shown.Select(w => $"{Day(w)} ({Lang.Pick("week", "week")} {ISOWeek.GetWeekOfYear(w.ToDateTime(TimeOnly.MinValue))})").ToList(), channels, shownCounts,
            extraColumn: shownChecks.Select(c => c.IsDrop ? Lang.Pick($"daling (verwacht {c.Expected:0})", $"drop (expected {c.Expected:0})") : "").ToList(), extraHeader: Lang.Pick("Signaal", "Signal"));

        // Output.
        var output = new List<MonitorTable>();
        var targetGroups = reference.Of(TaxonomyKind.TargetGroup).ToList();
        output.Add(OneColumn("doelgroep", Lang.Pick("Hulpvragen per doelgroep", "Help requests per target group"), Lang.Pick("Doelgroep", "Target group"),
            targetGroups.Select(t => t.Code).Append("").ToList(), c => c == "" ? Lang.Pick("Niet ingevuld", "Not given") : reference.TermName(TaxonomyKind.TargetGroup, c),
            Of(MonitorKinds.TargetGroup), Lang.Pick("Hulpvragen", "Requests")));
        var domains = reference.Of(TaxonomyKind.LifeDomain).ToList();
        var domainIndex = domains.Select((d, i) => (d.Code, i)).ToDictionary(x => x.Code, x => x.i);
        output.Add(OneColumn("leefgebied", Lang.Pick("Hulpvragen per leefgebied (het eerst gekozen leefgebied)", "Help requests per life domain (the first one chosen)"), Lang.Pick("Leefgebied", "Life domain"),
            domains.Select(d => d.Code).Append("").ToList(), c => c == "" ? Lang.Pick("Niet ingevuld", "Not given") : reference.TermName(TaxonomyKind.LifeDomain, c),
            Of(MonitorKinds.LifeDomain), Lang.Pick("Hulpvragen", "Requests")));
        var laws = reference.Of(TaxonomyKind.Law).ToList();
        output.Add(OneColumn("wet", Lang.Pick("Hulpvragen per wet (uit de vragen in de casus; een vraag kan meer wetten raken)", "Help requests per law (from the case's questions; a question can touch several laws)"),
            Lang.Pick("Wet", "Law"), laws.Select(l => l.Code).ToList(), c => reference.TermName(TaxonomyKind.Law, c), Of(MonitorKinds.Law), Lang.Pick("Hulpvragen", "Requests")));
        if (context.MunicipalityId is null)
        {
            var places = reference.Municipalities.Where(m => period.Any(f => f.MunicipalityId == m.Id)).ToList();
            var perPlace = new int[places.Count, 3];
            foreach (var f in Of(MonitorKinds.Asker))
            {
                var p = places.FindIndex(m => m.Id == f.MunicipalityId);
                if (p >= 0)
                {
                    perPlace[p, channelOf(f.Detail)] += f.Count;
                }
            }
            output.Add(MonitorTable.FromCounts("gemeente", Lang.Pick("Hulpvragen per gemeente en naar wie de vraag stelde", "Help requests per municipality and by who asked"),
                Lang.Pick("Gemeente", "Municipality"), places.Select(p => p.Name).ToList(), channels, perPlace));
        }
        var modes = Enum.GetValues<ContactMode>();
        output.Add(OneColumn("contacten", Lang.Pick("Contacten per soort contact", "Contacts by mode"), Lang.Pick("Soort contact", "Mode"),
            modes.Select(m => m.ToString()).ToList(), ModeName, Of(MonitorKinds.Contact), Lang.Pick("Contacten", "Contacts")));

        // Process.
        var firstContact = Histogram(Of(MonitorKinds.FirstContact));
        var duration = Histogram(Of(MonitorKinds.Closed));
        var opened = Of(MonitorKinds.Opened);
        var informal = opened.Where(f => f.Detail == "informal").Sum(f => f.Count);
        var started = opened.Sum(f => f.Count);
        var caseload = facts.Where(f => f.Week <= to && f.Kind == MonitorKinds.Opened).Sum(f => f.Count)
            - facts.Where(f => f.Week <= to && f.Kind == MonitorKinds.Closed).Sum(f => f.Count);
        var followUpsDone = Of(MonitorKinds.FollowUpDone).Sum(f => f.Count);
        var followUpsDue = followUpsDone + Of(MonitorKinds.FollowUpOpen).Sum(f => f.Count);
        var returns = Of(MonitorKinds.Return).Sum(f => f.Count);
        var handovers = Of(MonitorKinds.Handover);
        int Handovers(string direction) => handovers.Where(f => f.Detail.StartsWith(direction + ":", StringComparison.Ordinal)).Sum(f => f.Count);
        var partial = handovers.Where(f => f.Detail.EndsWith(":part", StringComparison.Ordinal)).Sum(f => f.Count);
        var tooFew = Lang.Pick("te weinig", "too few");
        string Days(int? d) => d is null ? tooFew : Lang.Pick($"{d} dagen", $"{d} days");
        string Weeks(int? w) => w is null ? tooFew : Lang.Pick($"{w} weken", $"{w} weeks");
        string Percent(double? s) => s is null ? tooFew : s.Value.ToString("P0", CultureInfo.CurrentCulture);
        string Count(int n) => MonitorTable.Cell(n < Suppression.Threshold ? null : n);
        var process = new MonitorTable("proces", Lang.Pick("Proces: snelheid, duur en vorm van de ondersteuning", "Process: speed, duration and form of support"),
            Lang.Pick("Maat", "Measure"), [Lang.Pick("Waarde", "Value")],
        [
            new(Lang.Pick("Hulpvragen met een eerste contact", "Requests with a first contact"), [Count(MonitorStatistics.Total(firstContact))]),
            new(Lang.Pick("Tijd tot eerste contact: mediaan", "Time to first contact: median"), [Days(MonitorStatistics.Median(firstContact))]),
            new(Lang.Pick("Tijd tot eerste contact: 90 % binnen", "Time to first contact: 90 % within"), [Days(MonitorStatistics.Percentile(firstContact, 0.9))]),
            new(Lang.Pick($"Eerste contact binnen {FirstContactTargetDays} dagen (norm: 5 werkdagen)", $"First contact within {FirstContactTargetDays} days (target: 5 working days)"),
                [Percent(MonitorStatistics.ShareAtMost(firstContact, FirstContactTargetDays))]),
            new(Lang.Pick("Afgesloten trajecten", "Closed cases"), [Count(MonitorStatistics.Total(duration))]),
            new(Lang.Pick("Duur van een traject: mediaan", "Duration of a case: median"), [Weeks(MonitorStatistics.Median(duration))]),
            new(Lang.Pick("Duur van een traject: 90 % binnen", "Duration of a case: 90 % within"), [Weeks(MonitorStatistics.Percentile(duration, 0.9))]),
            new(Lang.Pick("Gestarte trajecten", "Cases started"), [Count(started)]),
            new(Lang.Pick("Aandeel informeel (vrijwilligers- en ervaringsorganisaties)", "Share informal (volunteer and peer organisations)"), [Percent(MonitorStatistics.Share(informal, started))]),
            new(Lang.Pick("Lopende trajecten aan het eind van de periode (caseload)", "Open cases at the end of the period (caseload)"), [Count(caseload)]),
            new(Lang.Pick("Waakvlamcontacten gedaan van de geplande", "Follow-up check-ins done of those due"), [Percent(MonitorStatistics.Share(followUpsDone, followUpsDue))]),
            new(Lang.Pick("Inwoners die na afsluiten opnieuw hulp vroegen", "Residents who asked again after closing"), [Count(returns)]),
            new(Lang.Pick("Opgeschaald: van informeel naar formeel", "Scaled up: from informal to formal"), [Count(Handovers(nameof(HandoverDirection.InformalToFormal)))]),
            new(Lang.Pick("Afgeschaald: van formeel naar informeel", "Scaled down: from formal to informal"), [Count(Handovers(nameof(HandoverDirection.FormalToInformal)))]),
            new(Lang.Pick("Van het netwerk naar een meedenker", "From the network to a supporter"), [Count(Handovers(nameof(HandoverDirection.NetworkToSupporter)))]),
            new(Lang.Pick("Waarvan gedeeltelijke overdrachten (een leefgebied of actie)", "Of which partial handovers (a life domain or action)"), [Count(partial)]),
        ]);

        // Outcome: self-reliance change per life domain, as a distribution.
        var selfReliance = Of(MonitorKinds.SelfReliance);
        var changeColumns = new[] { Lang.Pick("Lager", "Lower"), Lang.Pick("Gelijk", "Same"), Lang.Pick("1 hoger", "1 higher"), Lang.Pick("2 of meer hoger", "2 or more higher") };
        var changes = new int[domains.Count, 4];
        var better = new List<string>();
        foreach (var f in selfReliance)
        {
            if (domainIndex.TryGetValue(f.Detail, out var d))
            {
                changes[d, f.Value < 0 ? 0 : f.Value == 0 ? 1 : f.Value == 1 ? 2 : 3] += f.Count;
            }
        }
        for (var d = 0; d < domains.Count; d++)
        {
            var histogram = selfReliance.Where(f => f.Detail == domains[d].Code).GroupBy(f => f.Value).ToDictionary(g => g.Key, g => g.Sum(f => f.Count));
            better.Add(Percent(MonitorStatistics.SelfRelianceChange(histogram).Better));
        }
        var outcome = MonitorTable.FromCounts("zelfredzaamheid",
            Lang.Pick("Verandering in zelfredzaamheid (5-puntsschaal) van start tot afsluiten, per leefgebied", "Change in self-reliance (5-point scale) from start to close, per life domain"),
            Lang.Pick("Leefgebied", "Life domain"), domains.Select(d => d.Name).ToList(), changeColumns, changes,
            extraColumn: better, extraHeader: Lang.Pick("Aandeel vooruit", "Share improved"));

        // The residents' own experience at closing (1 = not at all, 5 = completely).
        var questions = new[]
        {
            ("heard", Lang.Pick("Ik voelde me gehoord", "I felt heard")),
            ("helped", Lang.Pick("Mijn vraag is op orde", "My question is sorted")),
            ("manages", Lang.Pick("Ik kan nu zelf weer verder", "I can manage on my own again")),
        };
        var scores = new int[questions.Length, 5];
        foreach (var f in Of(MonitorKinds.Experience))
        {
            var q = Array.FindIndex(questions, x => x.Item1 == f.Detail);
            if (q >= 0 && f.Value is >= 1 and <= 5)
            {
                scores[q, f.Value - 1] += f.Count;
            }
        }
        var experience = MonitorTable.FromCounts("ervaring", Lang.Pick("Ervaring van inwoners bij afsluiten (1 = helemaal niet, 5 = helemaal wel)", "Residents' experience at closing (1 = not at all, 5 = completely)"),
            Lang.Pick("Vraag", "Question"), questions.Select(q => q.Item2).ToList(), ["1", "2", "3", "4", "5"], scores);

        // Findability.
        var sources = Of(MonitorKinds.Source);
        var channelTerms = reference.Of(TaxonomyKind.Channel).Select(t => t.Code).ToList();
        var sourceCodes = channelTerms.Concat(sources.Select(s => s.Detail)).Distinct().ToList();
        var referrers = Of(MonitorKinds.Asker).Where(f => f.Detail.StartsWith("ref:", StringComparison.Ordinal))
            .Select(f => new MonitorFact { Kind = f.Kind, Week = f.Week, MunicipalityId = f.MunicipalityId, Detail = f.Detail[4..], Count = f.Count }).ToList();
        var referrerCodes = channelTerms.Concat(referrers.Select(s => s.Detail)).Distinct().ToList();
        string SourceName(string c) => c == "" ? Lang.Pick("Niet ingevuld", "Not given") : reference.TermName(TaxonomyKind.Channel, c);
        var findability = new List<MonitorTable>
        {
            OneColumn("bron", Lang.Pick("Hoe inwoners en naasten van cliëntondersteuning hoorden", "How residents and relatives heard of client support"),
                Lang.Pick("Bron", "Source"), sourceCodes, SourceName, sources, Lang.Pick("Hulpvragen", "Requests")),
            OneColumn("verwijzers", Lang.Pick("Welke plekken verwijzen", "Which places refer"), Lang.Pick("Soort verwijzer", "Kind of referrer"),
                referrerCodes, SourceName, referrers, Lang.Pick("Verwijzingen", "Referrals")),
        };

        // Reach against need, per neighbourhood.
        MonitorTable? reach = null;
        var underUsed = new List<string>();
        var areas = reference.Neighbourhoods.Where(n => (context.MunicipalityId is null || n.MunicipalityId == context.MunicipalityId) && context.Need.ContainsKey(n.Id))
            .OrderBy(n => n.Code, StringComparer.Ordinal).ToList();
        if (areas.Count > 0)
        {
            var requestsPerArea = Of(MonitorKinds.Area).GroupBy(f => f.Detail).ToDictionary(g => g.Key, g => g.Sum(f => f.Count));
            var total = areas.Sum(a => requestsPerArea.GetValueOrDefault(a.Code));
            var weightSum = areas.Sum(a => context.Need[a.Id].Weight);
            var counts = new int[areas.Count, 1];
            var extra = new List<string>();
            var rows = new List<string>();
            for (var i = 0; i < areas.Count; i++)
            {
                var need = context.Need[areas[i].Id];
                counts[i, 0] = requestsPerArea.GetValueOrDefault(areas[i].Code);
                var expected = weightSum <= 0 ? 0 : total * need.Weight / weightSum;
                var rate = MonitorStatistics.PerThousand(counts[i, 0], need.Inhabitants);
                var expectedRate = need.Inhabitants <= 0 ? null : (double?)(expected * 1000 / need.Inhabitants);
                var under = MonitorStatistics.UnderUsed(counts[i, 0], expected);
                extra.Add(string.Join(" | ",
                    need.Inhabitants.ToString("N0", CultureInfo.CurrentCulture),
                    counts[i, 0] < Suppression.Threshold ? MonitorTable.Hidden : rate?.ToString("0.0", CultureInfo.CurrentCulture) ?? "",
                    expectedRate?.ToString("0.0", CultureInfo.CurrentCulture) ?? "",
                    under ? Lang.Pick("onderbenut", "under-used") : ""));
                rows.Add(areas[i].Name);
                if (under)
                {
                    underUsed.Add(areas[i].Name);
                }
            }
            reach = ReachTable(MonitorTable.FromCounts("bereik", "", "", rows, [Lang.Pick("Hulpvragen", "Requests")], counts), extra);
        }

        return new MonitorReport
        {
            Weeks = shown,
            Checks = shownChecks,
            Weekly = weeklyTable,
            Output = output,
            Process = process,
            Outcome = outcome,
            Experience = experience,
            Findability = findability,
            Reach = reach,
            UnderUsed = underUsed,
        };
    }

    /// <summary>Splits the packed extra column of the reach table into its own columns.</summary>
    private static MonitorTable ReachTable(MonitorTable counts, List<string> extra)
    {
        var rows = counts.Rows.Select((r, i) => r.IsTotal
            ? r with { Cells = [r.Cells[0], "", "", "", ""] }
            : new MonitorRow(r.Header, Hide(r.Cells[0], extra[i].Split(" | ")), Highlight: extra[i].EndsWith(Lang.Pick("onderbenut", "under-used"), StringComparison.Ordinal))).ToList();
        // A hidden count hides its rate too: with the inhabitants shown, the rate would give the count away.
        static List<string> Hide(string count, string[] extra) =>
            count is MonitorTable.Hidden or MonitorTable.Protected ? [count, extra[0], count, .. extra[2..]] : [count, .. extra];
        return new MonitorTable("bereik",
            Lang.Pick("Bereik naar verwachte behoefte per wijk: hulpvragen per 1 000 inwoners", "Reach against expected need per neighbourhood: requests per 1 000 inhabitants"),
            Lang.Pick("Wijk", "Neighbourhood"),
            [Lang.Pick("Hulpvragen", "Requests"), Lang.Pick("Inwoners", "Inhabitants"), Lang.Pick("Per 1 000 inwoners", "Per 1 000 inhabitants"),
                Lang.Pick("Verwacht per 1 000", "Expected per 1 000"), Lang.Pick("Signaal", "Signal")],
            rows);
    }

    private static Dictionary<int, int> Histogram(List<MonitorFact> facts) =>
        facts.GroupBy(f => f.Value).ToDictionary(g => g.Key, g => g.Sum(f => f.Count));

    private static MonitorTable OneColumn(string id, string caption, string rowHeader, List<string> codes, Func<string, string> name,
        List<MonitorFact> facts, string column)
    {
        var counts = new int[codes.Count, 1];
        var index = codes.Select((c, i) => (c, i)).GroupBy(x => x.c).ToDictionary(g => g.Key, g => g.First().i);
        foreach (var f in facts)
        {
            if (index.TryGetValue(f.Detail, out var i))
            {
                counts[i, 0] += f.Count;
            }
        }
        // Rows that are empty and not a known category are left out (e.g. "not given" when everything is given).
        var keep = Enumerable.Range(0, codes.Count).Where(i => counts[i, 0] > 0 || codes[i] != "").ToList();
        var kept = new int[keep.Count, 1];
        for (var k = 0; k < keep.Count; k++)
        {
            kept[k, 0] = counts[keep[k], 0];
        }
        return MonitorTable.FromCounts(id, caption, rowHeader, keep.Select(i => name(codes[i])).ToList(), [column], kept);
    }

    public static string ModeName(string mode) => mode switch
    {
        nameof(ContactMode.Phone) => Lang.Pick("Telefoon", "Phone"),
        nameof(ContactMode.Video) => Lang.Pick("Beeldbellen", "Video call"),
        nameof(ContactMode.HomeVisit) => Lang.Pick("Huisbezoek", "Home visit"),
        nameof(ContactMode.OnSite) => Lang.Pick("Op locatie", "On site"),
        nameof(ContactMode.Walk) => Lang.Pick("Wandeling", "Walk"),
        nameof(ContactMode.Message) => Lang.Pick("Bericht", "Message"),
        _ => mode,
    };
}
