using System.Globalization;
using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Monitoring;

/// <summary>
/// The municipality's view of intake: anonymous weekly figures with small counts suppressed and a warning
/// when intake suddenly drops. An analyst of a municipality sees that municipality; an analyst of a regional
/// organisation sees the region.
/// </summary>
[Authorize(Policy = Policies.Staff, Roles = StaffRoles.MunicipalityAnalyst)]
public sealed class MonitorModel(AppDbContext db, IntakeFigures figures, ReferenceData referenceData, TimeProvider time) : PageModel
{
    public const int DefaultWeeks = 26;
    public const int MaximumDays = 3 * 366;

    [BindProperty(SupportsGet = true, Name = "van")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "tot")]
    public string? To { get; set; }

    public MonitorScope Scope { get; private set; } = new(null, "");
    public DateOnly PeriodFrom { get; private set; }
    public DateOnly PeriodTo { get; private set; }
    public string? PeriodProblem { get; private set; }
    public IntakeFigures.Result Figures { get; private set; } = null!;
    public Suppression.Table Weekly { get; private set; } = null!;
    public ReferenceSnapshot Reference { get; private set; } = null!;
    public WeekCheck? RecentDrop { get; private set; }
    /// <summary>A drop in the whole region, shown to a municipality too: its own numbers may be too small to tell.</summary>
    public WeekCheck? RegionDrop { get; private set; }

    [BindProperty(SupportsGet = true, Name = "gemeente")]
    public string? Municipality { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : StatusCode(StatusCodes.Status403Forbidden);

    /// <summary>The weekly table as CSV (Dutch Excel: semicolons), suppressed exactly as on the page.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        return File(MonitorExport.Csv(ExportRows()), "text/csv; charset=utf-8", FileName("csv"));
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        return File(MonitorExport.Xlsx(ExportRows()), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName("xlsx"));
    }

    public string ExportQuery(string handler) =>
        $"?handler={handler}&van={PeriodFrom:yyyy-MM-dd}&tot={PeriodTo:yyyy-MM-dd}" + (string.IsNullOrEmpty(Municipality) ? "" : $"&gemeente={Uri.EscapeDataString(Municipality)}");

    private string FileName(string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"meedenker-hulpvragen-{PeriodFrom:yyyy-MM-dd}-{PeriodTo:yyyy-MM-dd}.{extension}");

    private List<MonitorExport.WeekRow> ExportRows()
    {
        var rows = new List<MonitorExport.WeekRow>();
        for (var i = 0; i < Figures.Weeks.Count; i++)
        {
            rows.Add(new MonitorExport.WeekRow(Figures.Weeks[i].Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), IntakeFigures.IsoWeek(Figures.Weeks[i].Start),
                Cell(Weekly.Cells[i, 0]), Cell(Weekly.Cells[i, 1]), Cell(Weekly.Cells[i, 2]), Cell(Weekly.RowTotals[i]), Figures.Checks[i].IsDrop));
        }
        rows.Add(new MonitorExport.WeekRow(Lang.Pick("totaal", "total"), null, Cell(Weekly.ColumnTotals[0]), Cell(Weekly.ColumnTotals[1]), Cell(Weekly.ColumnTotals[2]), Cell(Weekly.GrandTotal), false));
        return rows;
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Reference = await referenceData.GetAsync(cancellationToken);
        Scope = await ScopeAsync(cancellationToken);
        if (!string.IsNullOrEmpty(Municipality))
        {
            var asked = Reference.Municipalities.FirstOrDefault(m => m.Code == Municipality);
            if (Scope.MunicipalityId is not null && asked?.Id != Scope.MunicipalityId)
            {
                // Each municipality sees its own figures only.
                return false;
            }
            if (asked is not null)
            {
                Scope = new MonitorScope(asked.Id, asked.Name);
            }
        }
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        (PeriodFrom, PeriodTo) = (today.AddDays(-7 * DefaultWeeks), today);
        var from = Parse(From);
        var to = Parse(To);
        if ((From is { Length: > 0 } && from is null) || (To is { Length: > 0 } && to is null))
        {
            PeriodProblem = Lang.Pick("Vul datums in zoals 2026-01-31. Je ziet nu de laatste 26 weken.", "Enter dates like 2026-01-31. You now see the last 26 weeks.");
        }
        else if (from is not null || to is not null)
        {
            var wantedFrom = from ?? (to ?? today).AddDays(-7 * DefaultWeeks);
            var wantedTo = to ?? today;
            if (wantedTo < wantedFrom || wantedTo > today || wantedTo.DayNumber - wantedFrom.DayNumber > MaximumDays)
            {
                PeriodProblem = Lang.Pick("Deze periode kan niet: het begin ligt na het eind, het eind in de toekomst, of de periode is langer dan 3 jaar. Je ziet nu de laatste 26 weken.",
                    "This period is not possible: the start is after the end, the end is in the future, or it is longer than 3 years. You now see the last 26 weeks.");
            }
            else
            {
                (PeriodFrom, PeriodTo) = (wantedFrom, wantedTo);
            }
        }
        var domains = Reference.Of(TaxonomyKind.LifeDomain).Select(t => t.Code).ToList();
        Figures = await figures.LoadAsync(Scope, PeriodFrom, PeriodTo, domains, cancellationToken);
        var counts = new int[Figures.Weeks.Count, 3];
        for (var i = 0; i < Figures.Weeks.Count; i++)
        {
            counts[i, 0] = Figures.Weeks[i].Self;
            counts[i, 1] = Figures.Weeks[i].Relative;
            counts[i, 2] = Figures.Weeks[i].Referrer;
        }
        Weekly = Suppression.Apply(counts);
        RecentDrop = Figures.Checks.FirstOrDefault(c => c.IsDrop);
        if (Scope.MunicipalityId is not null)
        {
            var region = await figures.LoadAsync(new MonitorScope(null, ""), PeriodFrom, PeriodTo, domains, cancellationToken);
            RegionDrop = region.Checks.FirstOrDefault(c => c.IsDrop);
        }
        return true;
    }

    private async Task<MonitorScope> ScopeAsync(CancellationToken cancellationToken)
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

    public static string Cell(int? value) => value?.ToString(CultureInfo.CurrentCulture) ?? "< 5";
}
