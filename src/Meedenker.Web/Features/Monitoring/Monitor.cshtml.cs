using System.Globalization;
using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Monitoring;

/// <summary>The analyst's scope: one municipality, or the whole region.</summary>
public sealed record MonitorScope(Guid? MunicipalityId, string Name);

/// <summary>
/// The municipality's view of client support: output, process, outcome, findability, reach against need and
/// coverage gaps, as anonymous counts with small counts suppressed, and a warning when intake suddenly drops.
/// An analyst of a municipality sees that municipality; an analyst of a regional organisation sees the region.
/// </summary>
[Authorize(Policy = Policies.Staff, Roles = StaffRoles.MunicipalityAnalyst)]
public sealed class MonitorModel(AppDbContext db, MonitorData data, ReferenceData referenceData, TimeProvider time) : PageModel
{
    public const int DefaultWeeks = 26;
    public const int MaximumDays = 3 * 366;
    public const string OutreachList = "/werk/bellijst";

    [BindProperty(SupportsGet = true, Name = "van")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "tot")]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "gemeente")]
    public string? Municipality { get; set; }

    [BindProperty(SupportsGet = true, Name = "wijk")]
    public string? Neighbourhood { get; set; }

    [BindProperty(SupportsGet = true, Name = "doelgroep")]
    public string? TargetGroup { get; set; }

    [BindProperty(SupportsGet = true, Name = "leefgebied")]
    public string? LifeDomain { get; set; }

    [BindProperty(SupportsGet = true, Name = "kanaal")]
    public string? Channel { get; set; }

    [BindProperty(SupportsGet = true, Name = "wet")]
    public string? Law { get; set; }

    public static readonly (string Code, RequestChannel Channel)[] Channels =
        [("zelf", RequestChannel.Self), ("naaste", RequestChannel.Relative), ("verwijzer", RequestChannel.Referrer)];

    public MonitorScope Scope { get; private set; } = new(null, "");
    /// <summary>True when the analyst may choose any municipality (a regional analyst).</summary>
    public bool Regional { get; private set; }
    public DateOnly PeriodFrom { get; private set; }
    /// <summary>The Monday of the last week shown.</summary>
    public DateOnly PeriodTo { get; private set; }
    public List<string> Problems { get; } = [];
    /// <summary>The Monday of the current week, which is not over yet and is never shown.</summary>
    public DateOnly CurrentWeek { get; private set; }
    /// <summary>Why the end asked for was moved back to the last whole week, or null.</summary>
    public string? Clipped { get; private set; }
    public MonitorReport Report { get; private set; } = null!;
    public MonitorData.Facts Facts { get; private set; } = null!;
    public ReferenceSnapshot Reference { get; private set; } = null!;
    public WeekCheck? RecentDrop { get; private set; }

    /// <summary>What the "drop" signal in the weekly table compares with, or why there is no comparison yet.</summary>
    public string SignalNote { get; private set; } = "";
    /// <summary>A drop in the whole region, shown to a municipality too: its own numbers may be too small to tell.</summary>
    public DateOnly? RegionDrop { get; private set; }
    public IReadOnlyList<MonitorAlert> Alerts { get; private set; } = [];
    public IReadOnlyList<(string TargetGroup, string LifeDomain, bool Empty)> Gaps { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : StatusCode(StatusCodes.Status403Forbidden);

    /// <summary>All tables of the view as CSV (Dutch Excel: semicolons), suppressed exactly as on the page.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        return File(MonitorExport.Csv(Report.All), "text/csv; charset=utf-8", FileName("csv"));
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        return File(MonitorExport.Xlsx(Report.All), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName("xlsx"));
    }

    /// <summary>The current view's query string for an export (or another page of the same view).</summary>
    public string ExportQuery(string handler)
    {
        var parts = new List<string> { $"handler={handler}", $"van={PeriodFrom:yyyy-MM-dd}", $"tot={PeriodTo.AddDays(6):yyyy-MM-dd}" };
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
        Add("gemeente", Municipality);
        Add("wijk", Neighbourhood);
        Add("doelgroep", TargetGroup);
        Add("leefgebied", LifeDomain);
        Add("kanaal", Channel);
        Add("wet", Law);
        return "?" + string.Join("&", parts);
    }

    private string FileName(string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"meedenker-monitor-{PeriodFrom:yyyy-MM-dd}-{PeriodTo.AddDays(6):yyyy-MM-dd}.{extension}");

    private static string Day(DateOnly d) => d.ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    public static DateOnly Monday(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Reference = await referenceData.GetAsync(cancellationToken);
        var own = await OwnScopeAsync(cancellationToken);
        Regional = own.MunicipalityId is null;
        Scope = own;
        var filter = new MonitorFilter(own.MunicipalityId);
        var ok = true;

        if (!string.IsNullOrEmpty(Municipality))
        {
            var asked = Reference.Municipalities.FirstOrDefault(m => m.Code == Municipality);
            if (!Regional && asked?.Id != own.MunicipalityId)
            {
                // Each municipality sees its own figures only.
                return false;
            }
            if (asked is null)
            {
                ok = Problem("Deze gemeente kennen we niet.", "We do not know this municipality.");
            }
            else
            {
                Scope = new MonitorScope(asked.Id, asked.Name);
                filter = filter with { MunicipalityId = asked.Id };
            }
        }
        if (!string.IsNullOrEmpty(Neighbourhood))
        {
            var area = Reference.Neighbourhoods.FirstOrDefault(n => n.Code == Neighbourhood);
            if (area is not null && !Regional && area.MunicipalityId != own.MunicipalityId)
            {
                return false;
            }
            if (area is null || (filter.MunicipalityId is { } m && area.MunicipalityId != m))
            {
                ok = Problem("Deze wijk kennen we niet in deze gemeente.", "We do not know this neighbourhood in this municipality.");
            }
            else
            {
                filter = filter with { NeighbourhoodId = area.Id };
            }
        }
        if (!string.IsNullOrEmpty(TargetGroup))
        {
            if (Reference.HasTerm(TaxonomyKind.TargetGroup, TargetGroup))
            {
                filter = filter with { TargetGroup = TargetGroup };
            }
            else
            {
                ok = Problem("Deze doelgroep kennen we niet.", "We do not know this target group.");
            }
        }
        if (!string.IsNullOrEmpty(LifeDomain))
        {
            if (Reference.HasTerm(TaxonomyKind.LifeDomain, LifeDomain))
            {
                filter = filter with { LifeDomain = LifeDomain };
            }
            else
            {
                ok = Problem("Dit leefgebied kennen we niet.", "We do not know this life domain.");
            }
        }
        if (!string.IsNullOrEmpty(Channel))
        {
            var channel = Channels.FirstOrDefault(c => c.Code == Channel);
            if (channel.Code is not null)
            {
                filter = filter with { Channel = channel.Channel };
            }
            else
            {
                ok = Problem("Dit kanaal kennen we niet; kies inwoner zelf, naaste of verwijzer.", "We do not know this channel; choose resident, relative or referrer.");
            }
        }
        if (!string.IsNullOrEmpty(Law))
        {
            if (Reference.HasTerm(TaxonomyKind.Law, Law))
            {
                filter = filter with { Law = Law };
            }
            else
            {
                ok = Problem("Deze wet kennen we niet.", "We do not know this law.");
            }
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        CurrentWeek = Monday(today);
        var lastFullWeek = CurrentWeek.AddDays(-7);
        (PeriodFrom, PeriodTo) = (lastFullWeek.AddDays(-7 * (DefaultWeeks - 1)), lastFullWeek);
        var from = Parse(From);
        var to = Parse(To);
        if ((From is { Length: > 0 } && from is null) || (To is { Length: > 0 } && to is null))
        {
            ok = Problem("Vul datums in zoals 2026-01-31.", "Enter dates like 2026-01-31.");
        }
        else if (from is not null || to is not null)
        {
            // Up to the Sunday of this week is a date we can answer: with the last whole week.
            var endOfThisWeek = CurrentWeek.AddDays(6);
            var wantedFrom = from ?? (to ?? today).AddDays(-7 * DefaultWeeks);
            var wantedTo = to ?? today;
            if (wantedTo < wantedFrom || wantedTo > endOfThisWeek || wantedTo.DayNumber - wantedFrom.DayNumber > MaximumDays || wantedFrom.Year < 2000)
            {
                ok = Problem("Deze periode kan niet: het begin ligt na het eind, het eind in de toekomst, of de periode is langer dan 3 jaar.",
                    "This period is not possible: the start is after the end, the end is in the future, or it is longer than 3 years.");
            }
            else
            {
                (PeriodFrom, PeriodTo) = (Monday(wantedFrom), Monday(wantedTo));
                if (PeriodTo >= CurrentWeek)
                {
                    // This week is not over yet: show up to the last whole week, and say so.
                    PeriodTo = lastFullWeek;
                    var startMoved = PeriodFrom > lastFullWeek;
                    if (startMoved)
                    {
                        PeriodFrom = lastFullWeek;
                    }
                    // Without an end asked for, the standing note about the current week says enough.
                    Clipped = to is not null
                        ? Lang.Pick(
                            $"Je vroeg om cijfers tot en met {Day(wantedTo)}. Die week is nog niet voorbij. Daarom zie je de weken tot en met zondag {Day(lastFullWeek.AddDays(6))}, de laatste hele week."
                                + (startMoved ? " Ook het begin viel in deze week: je ziet alleen de laatste hele week." : ""),
                            $"You asked for figures up to {Day(wantedTo)}. That week is not over yet. So you see the weeks up to Sunday {Day(lastFullWeek.AddDays(6))}, the last whole week."
                                + (startMoved ? " The start was in this week too: you see only the last whole week." : ""))
                        : startMoved
                            ? Lang.Pick($"Het begin dat je koos valt in de week van nu, die nog niet voorbij is. Je ziet de laatste hele week, tot en met zondag {Day(lastFullWeek.AddDays(6))}.",
                                $"The start you chose is in the current week, which is not over yet. You see the last whole week, up to Sunday {Day(lastFullWeek.AddDays(6))}.")
                            : null;
                }
            }
        }
        if (!ok)
        {
            // Any bad input: the default view, with the message.
            (PeriodFrom, PeriodTo) = (lastFullWeek.AddDays(-7 * (DefaultWeeks - 1)), lastFullWeek);
            Scope = own;
            filter = new MonitorFilter(own.MunicipalityId);
            Municipality = Neighbourhood = TargetGroup = LifeDomain = Channel = Law = null;
            From = To = null;
            Problems.Add(Lang.Pick($"Je ziet nu de laatste {DefaultWeeks} weken.", $"You now see the last {DefaultWeeks} weeks."));
        }

        // The detector needs history before the period: two years and a little for the same weeks of earlier years.
        var history = PeriodFrom.AddDays(-7 * DropDetector.HistoryWeeks);
        Facts = await data.LoadAsync(filter, history, PeriodFrom, PeriodTo, cancellationToken);
        var need = await NeedAsync(cancellationToken);
        Report = MonitorReport.Build(Facts.Rows, new MonitorReport.Context(Reference, Scope.MunicipalityId, PeriodFrom, PeriodTo, history, need));
        RecentDrop = Report.Checks.FirstOrDefault(c => c.IsDrop);
        SignalNote = DescribeComparison(Report.Checks);
        if (Scope.MunicipalityId is not null)
        {
            var region = await data.RegionWeeklyAsync(history, PeriodTo, cancellationToken);
            var weeks = new List<DateOnly>();
            for (var w = history; w <= PeriodTo; w = w.AddDays(7))
            {
                weeks.Add(w);
            }
            var checks = DropDetector.Check(weeks.Select(w => region.GetValueOrDefault(w.DayNumber)).ToList());
            var drop = checks.FirstOrDefault(c => c.IsDrop && weeks[c.Week] >= PeriodFrom);
            RegionDrop = drop is null ? null : weeks[drop.Week];
        }
        var municipalityCode = Reference.Municipalities.FirstOrDefault(m => m.Id == Scope.MunicipalityId)?.Code;
        Alerts = await db.MonitorAlerts.AsNoTracking()
            .Where(a => a.WeekStart >= PeriodFrom && a.WeekStart <= PeriodTo)
            .Where(a => a.ScopeKind != ShockAlertJob.MunicipalityScope || municipalityCode == null || a.ScopeCode == municipalityCode)
            .OrderBy(a => a.WeekStart).ThenBy(a => a.ScopeKind).ToListAsync(cancellationToken);
        Gaps = await CoverageGapsAsync(cancellationToken);
        return true;
    }

    /// <summary>Says in words what the weeks shown were compared with, or why they could not be.</summary>
    public static string DescribeComparison(IReadOnlyList<WeekCheck> shown)
    {
        ArgumentNullException.ThrowIfNull(shown);
        if (shown.Any(c => c.Basis == DropBasis.SameWeeksEarlierYears))
        {
            return Lang.Pick(
                "Signaal: elke week is vergeleken met de weken ervoor en met dezelfde weken van vorige jaren. Een dip die elk jaar terugkomt, zoals in de zomervakantie of met kerst, telt dus niet als daling.",
                "Signal: each week is compared with the weeks before it and with the same weeks of earlier years. A dip that comes back every year, such as in the summer holiday or at Christmas, does not count as a drop.");
        }
        if (shown.Any(c => c.Basis == DropBasis.RecentWeeks))
        {
            return Lang.Pick(
                "Signaal: er is nog geen jaar aan hulpvragen, dus elke week is alleen vergeleken met de weken ervoor, nog niet met dezelfde weken van vorig jaar. Een vakantie kan daardoor lager lijken dan hij is.",
                "Signal: there is less than a year of requests, so each week is only compared with the weeks before it, not yet with the same weeks of last year. A holiday may therefore look lower than it is.");
        }
        if (shown.Count > 0 && shown.All(c => c.Expected == 0))
        {
            return Lang.Pick(
                $"Nog geen signaal mogelijk: daarvoor zijn eerst {DropDetector.MinimumRecent} weken met hulpvragen nodig. Na een jaar telt ook het seizoen mee.",
                $"No signal possible yet: that first takes {DropDetector.MinimumRecent} weeks with requests. After a year the season counts too.");
        }
        return Lang.Pick(
            $"Geen signaal: er komen te weinig hulpvragen per week binnen (minder dan {DropDetector.MinimumExpected} verwacht) om een daling van toeval te onderscheiden. Kies een grotere groep, bijvoorbeeld de hele gemeente.",
            $"No signal: too few requests come in per week (fewer than {DropDetector.MinimumExpected} expected) to tell a drop from chance. Choose a larger group, for example the whole municipality.");
    }

    private bool Problem(string dutch, string english)
    {
        Problems.Add(Lang.Pick(dutch, english));
        return false;
    }

    private async Task<Dictionary<Guid, MonitorReport.NeighbourhoodNeed>> NeedAsync(CancellationToken cancellationToken)
    {
        var figures = await db.NeighbourhoodReferences.AsNoTracking().ToListAsync(cancellationToken);
        return figures.ToDictionary(f => f.NeighbourhoodId, f => new MonitorReport.NeighbourhoodNeed(
            f.Inhabitants, MonitorStatistics.NeedWeight(f.Age0To17, f.Age18To64, f.Age65To74, f.Age75Plus, f.LowIncomeShare, f.LivingAloneShare)));
    }

    private async Task<IReadOnlyList<(string, string, bool)>> CoverageGapsAsync(CancellationToken cancellationToken)
    {
        var matrix = await Directory.CoverageMatrix.ComputeAsync(db, Reference, Scope.MunicipalityId, cancellationToken);
        var gaps = new List<(string, string, bool)>();
        for (var g = 0; g < matrix.TargetGroups.Count; g++)
        {
            for (var d = 0; d < matrix.LifeDomains.Count; d++)
            {
                var cell = matrix.Cells[g, d];
                if (cell.IsEmpty || cell.IsThin)
                {
                    gaps.Add((matrix.TargetGroups[g].Name, matrix.LifeDomains[d].Name, cell.IsEmpty));
                }
            }
        }
        return gaps;
    }

    private async Task<MonitorScope> OwnScopeAsync(CancellationToken cancellationToken)
    {
        var organizationId = StaffClaims.OrganizationOf(User);
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId)
            .Select(o => new { o.Kind, o.MunicipalityId }).SingleAsync(cancellationToken);
        if (organization.Kind == OrganizationKind.Municipality)
        {
            var name = Reference.Municipalities.Single(m => m.Id == organization.MunicipalityId).Name;
            return new MonitorScope(organization.MunicipalityId, name);
        }
        return new MonitorScope(null, Lang.Pick("de hele regio", "the whole region"));
    }

    private static DateOnly? Parse(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
