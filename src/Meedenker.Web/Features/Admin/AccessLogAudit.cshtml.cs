using System.Globalization;
using System.Text;
using CsvHelper;
using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Admin;

/// <summary>
/// The audit of the access log for the functional administrator: who read or changed whose data, filtered by
/// resident, user, organisation and period, with a CSV export. Reading and exporting the log are logged too.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class AccessLogAuditModel(AppDbContext db, AccessCheck access) : PageModel
{
    public const int PageSize = 50;
    private const int MaxExportRows = 100_000;

    public sealed record Row(long Id, DateTimeOffset At, string UserName, string Role, string? Organization, Guid? ResidentId, Guid? CaseId,
        AccessAction Action, string Resource, string Purpose, AccessOutcome Outcome, string? Reason);

    public sealed record OrganizationOption(Guid Id, string Name);

    /// <summary>A resident's id, or the reference code of one of their help requests.</summary>
    [BindProperty(SupportsGet = true, Name = "inwoner")]
    public string? Resident { get; set; }

    /// <summary>A staff member's e-mail address (the user name in the log).</summary>
    [BindProperty(SupportsGet = true, Name = "gebruiker")]
    public string? UserName { get; set; }

    [BindProperty(SupportsGet = true, Name = "organisatie")]
    public Guid? OrganizationId { get; set; }

    [BindProperty(SupportsGet = true, Name = "van")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "tot")]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "pagina")]
    public int? RequestedPage { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<OrganizationOption> Organizations { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int TotalPages { get; private set; } = 1;
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Organizations = await db.Organizations.OrderBy(o => o.Name).Select(o => new OrganizationOption(o.Id, o.Name)).ToListAsync(cancellationToken);
        var (query, residentId) = await FilterAsync(cancellationToken);
        if (query is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Total = await query.CountAsync(cancellationToken);
        TotalPages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(RequestedPage ?? 1, 1, TotalPages);
        Rows = await Project(query).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        await access.RecordAsync(residentId, AccessAction.View, "access-log", "audit", Describe(), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var (query, residentId) = await FilterAsync(cancellationToken);
        if (query is null)
        {
            Organizations = await db.Organizations.OrderBy(o => o.Name).Select(o => new OrganizationOption(o.Id, o.Name)).ToListAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var rows = await Project(query).Take(MaxExportRows).ToListAsync(cancellationToken);
        // The export is itself an access: log it before the file leaves.
        await access.RecordAsync(residentId, AccessAction.Export, "access-log", "audit", Describe(), cancellationToken);
        return File(Csv(rows), "text/csv; charset=utf-8", "toegangslog.csv");
    }

    /// <summary>Query-string parameters of the current filter, for the paging and export links.</summary>
    public Dictionary<string, string> RouteValues(int? page = null)
    {
        var values = new Dictionary<string, string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                values[key] = value;
            }
        }
        Add("inwoner", Resident?.Trim());
        Add("gebruiker", UserName?.Trim());
        Add("organisatie", OrganizationId?.ToString());
        Add("van", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("tot", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("pagina", page?.ToString(CultureInfo.InvariantCulture));
        return values;
    }

    private async Task<(IQueryable<AccessLogEntry>? Query, Guid? ResidentId)> FilterAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var (key, entry) in ModelState)
        {
            if (entry.Errors.Count > 0)
            {
                problems.Add(key switch
                {
                    "van" or "tot" => Lang.Pick("Vul een datum in als 2026-01-31.", "Enter a date like 2026-01-31."),
                    "organisatie" => Lang.Pick("Kies een organisatie uit de lijst.", "Choose an organisation from the list."),
                    _ => Lang.Pick("Een filter klopt niet.", "A filter is not valid."),
                });
            }
        }
        var query = db.AccessLog.AsNoTracking();
        Guid? residentId = null;
        var resident = Resident?.Trim();
        if (!string.IsNullOrEmpty(resident))
        {
            if (Guid.TryParse(resident, out var id))
            {
                residentId = id;
            }
            else if (resident.Length <= 20)
            {
                var code = resident.ToUpperInvariant();
                residentId = await db.HelpRequests.Where(h => h.ReferenceCode == code).Select(h => (Guid?)h.ResidentId).SingleOrDefaultAsync(cancellationToken);
            }
            if (residentId is null)
            {
                problems.Add(Lang.Pick("Vul het nummer van een inwoner in of de code van een hulpvraag (zoals MD-…). Deze kennen we niet.",
                    "Enter a resident's id or a help request's code (like MD-…). We do not know this one."));
            }
            query = query.Where(a => a.ResidentId == residentId);
        }
        var userName = UserName?.Trim();
        if (!string.IsNullOrEmpty(userName))
        {
            if (userName.Length > 256)
            {
                problems.Add(Lang.Pick("Dit e-mailadres is te lang.", "This e-mail address is too long."));
            }
            var lower = userName.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL lower(); both providers compare the lowered text.
            query = query.Where(a => a.UserName.ToLower() == lower);
#pragma warning restore CA1304, CA1311, CA1862
        }
        if (OrganizationId is { } organizationId)
        {
            query = query.Where(a => a.OrganizationId == organizationId);
        }
        if (From is { } from && To is { } to && to < from)
        {
            problems.Add(Lang.Pick("De einddatum ligt voor de begindatum.", "The end date is before the start date."));
        }
        if (From is { } start)
        {
            var since = LocalMidnight(start);
            query = query.Where(a => a.At >= since);
        }
        if (To is { } end)
        {
            var until = LocalMidnight(end.AddDays(1));
            query = query.Where(a => a.At < until);
        }
        Problems = problems;
        return (problems.Count == 0 ? query : null, residentId);
    }

    private static DateTimeOffset LocalMidnight(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, TimeZoneInfo.Local.GetUtcOffset(local));
    }

    private IQueryable<Row> Project(IQueryable<AccessLogEntry> query) =>
        query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Select(a => new Row(a.Id, a.At, a.UserName, a.Role, db.Organizations.Where(o => o.Id == a.OrganizationId).Select(o => o.Name).FirstOrDefault(),
                a.ResidentId, a.CaseId, a.Action, a.Resource, a.Purpose, a.Outcome, a.Reason));

    /// <summary>What the admin asked for, kept in the log entry of the audit itself (ids and dates, never content).</summary>
    private string Describe()
    {
        var parts = RouteValues().Where(kv => kv.Key != "pagina").Select(kv => $"{kv.Key}={kv.Value}");
        var text = "admin-audit " + string.Join(' ', parts);
        return text.Length > 500 ? text[..500] : text.TrimEnd();
    }

    private static byte[] Csv(IEnumerable<Row> rows)
    {
        using var stream = new MemoryStream();
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        // Semicolons, as Dutch spreadsheet programs expect.
        using (var csv = CsvWriter.Create(writer, new CsvWriterOptions { Separator = ';', ShouldQuote = SpreadsheetText.QuoteListSeparators }, true))
        {
            csv.WriteHeader([
                Lang.Pick("tijdstip", "time"), Lang.Pick("gebruiker", "user"), Lang.Pick("rol", "role"), Lang.Pick("organisatie", "organisation"),
                Lang.Pick("inwoner", "resident"), Lang.Pick("casus", "case"), Lang.Pick("handeling", "action"), Lang.Pick("onderdeel", "resource"),
                Lang.Pick("doel", "purpose"), Lang.Pick("uitkomst", "outcome"), Lang.Pick("reden", "reason"), "id",
            ]);
            foreach (var r in rows)
            {
                // User names, organisation names and reasons are typed text: a spreadsheet must not run them (decision 0081).
                csv.WriteRecord(new[]
                {
                    r.At.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture), r.UserName, r.Role, r.Organization ?? "",
                    r.ResidentId?.ToString() ?? "", r.CaseId?.ToString() ?? "", r.Action.ToString(), r.Resource, r.Purpose, r.Outcome.ToString(), r.Reason ?? "",
                    r.Id.ToString(CultureInfo.InvariantCulture),
                }.Select(SpreadsheetText.Cell).ToArray());
            }
        }
        writer.Flush();
        return stream.ToArray();
    }
}
