using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Features.Verwijzen;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meedenker.Web.Features.Cases;

/// <summary>
/// The coordinator's intake queue: new requests and referrals routed to their organisation, with their
/// flags. It shows no names and no question text; those are behind the access check on the request page.
/// </summary>
[Authorize(Policy = Policies.Staff, Roles = StaffRoles.Coordinator)]
public sealed class QueueModel(AppDbContext db, ReferenceData referenceData, TimeProvider time, IOptions<IntakeSettings> settings) : PageModel
{
    public const int PageSize = 25;

    /// <param name="OfferedTo">The supporter it is offered to and who has not answered yet; null when not offered.</param>
    public sealed record Row(Guid Id, string ReferenceCode, DateTimeOffset ReceivedAt, string Municipality, RequestChannel Channel,
        IReadOnlyList<string> LifeDomains, bool PossibleDuplicate, bool NeedsInterpreter, string? LanguageCode, bool EasyLanguage, bool Urgent = false, bool SafetyConcern = false,
        string? OfferedTo = null);

    [BindProperty(SupportsGet = true, Name = "gemeente")]
    public string? Municipality { get; set; }

    [BindProperty(SupportsGet = true, Name = "leefgebied")]
    public string? LifeDomain { get; set; }

    [BindProperty(SupportsGet = true, Name = "signaal")]
    public string? Flag { get; set; }

    [BindProperty(SupportsGet = true, Name = "volgorde")]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "pagina")]
    public int? PageNumber { get; set; }

    [TempData]
    public string? Message { get; set; }

    public ReferenceSnapshot Reference { get; private set; } = null!;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int TotalPages { get; private set; } = 1;
    public DateTimeOffset Now { get; private set; }
    public int TargetWorkingDays => settings.Value.FirstContactTargetWorkingDays;
    public List<string> Problems { get; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        Reference = await referenceData.GetAsync(cancellationToken);
        var organizationId = StaffClaims.OrganizationOf(User);
        var queue = db.HelpRequests.AsNoTracking()
            .Where(h => h.Status == HelpRequestStatus.Received && db.IntakeAssignments.Any(a => a.HelpRequestId == h.Id && a.OrganizationId == organizationId));

        // Unknown filter values are named and ignored: the default view is shown, never an error page.
        if (!string.IsNullOrEmpty(Municipality))
        {
            var place = Reference.Municipalities.FirstOrDefault(m => m.Code == Municipality);
            if (place is null)
            {
                Problems.Add(Lang.Pick("Onbekende gemeente in het filter; die is genegeerd.", "Unknown municipality in the filter; it was ignored."));
                Municipality = null;
            }
            else
            {
                queue = queue.Where(h => h.MunicipalityId == place.Id);
            }
        }
        if (!string.IsNullOrEmpty(LifeDomain))
        {
            if (!Reference.HasTerm(TaxonomyKind.LifeDomain, LifeDomain))
            {
                Problems.Add(Lang.Pick("Onbekend leefgebied in het filter; dat is genegeerd.", "Unknown life domain in the filter; it was ignored."));
                LifeDomain = null;
            }
            else
            {
                queue = queue.Where(h => h.LifeDomains.Any(d => d.Code == LifeDomain));
            }
        }
        switch (Flag)
        {
            case null or "":
                break;
            case "dubbel":
                queue = queue.Where(h => h.PossibleDuplicate);
                break;
            case "taal":
                queue = queue.Where(h => h.NeedsInterpreter || h.EasyLanguage || (h.LanguageCode != null && h.LanguageCode != "nl"));
                break;
            case "spoed":
                queue = queue.Where(h => h.Urgent);
                break;
            case "veiligheid":
                queue = queue.Where(h => h.SafetyConcern);
                break;
            case "verwijzing":
                queue = queue.Where(h => h.Channel == RequestChannel.Referrer);
                break;
            default:
                Problems.Add(Lang.Pick("Onbekend signaal in het filter; dat is genegeerd.", "Unknown flag in the filter; it was ignored."));
                Flag = null;
                break;
        }
        // The total and how many are urgent or unsafe, in one statement. Unfiltered, the total is the organisation's
        // waiting intake assignments (one small index); filtered, it is counted on the requests themselves.
        var unfiltered = string.IsNullOrEmpty(Municipality) && string.IsNullOrEmpty(LifeDomain) && string.IsNullOrEmpty(Flag);
        var organization = db.Organizations.AsNoTracking().Where(o => o.Id == organizationId);
        var counts = await (unfiltered
                ? organization.Select(o => new Counts(db.IntakeAssignments.Count(a => a.OrganizationId == organizationId && a.Waiting), queue.Count(h => h.SafetyConcern || h.Urgent)))
                : organization.Select(o => new Counts(queue.Count(), queue.Count(h => h.SafetyConcern || h.Urgent))))
            .FirstOrDefaultAsync(cancellationToken);
        Total = counts?.Total ?? 0;
        var flagged = counts?.Flagged ?? 0;
        TotalPages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber ?? 1, 1, TotalPages);
        var skip = (PageNumber.Value - 1) * PageSize;
        var rows = new List<QueueRow>(PageSize);
        if (Sort == "nieuwste")
        {
            rows.AddRange(await Page(queue.OrderByDescending(h => h.ReceivedAt).ThenByDescending(h => h.Id), skip, PageSize, cancellationToken));
        }
        else
        {
            // Urgent and unsafe situations first, then by age. Read as two ordered ranges (flagged, then the rest)
            // so each walks the queue index in order and stops after one page, instead of sorting the whole queue.
            if (skip < flagged)
            {
                rows.AddRange(await Page(queue.Where(h => h.SafetyConcern || h.Urgent).OrderBy(h => h.ReceivedAt).ThenBy(h => h.Id), skip, PageSize, cancellationToken));
            }
            if (rows.Count < PageSize && skip + rows.Count < Total)
            {
                rows.AddRange(await Page(queue.Where(h => !h.SafetyConcern && !h.Urgent).OrderBy(h => h.ReceivedAt).ThenBy(h => h.Id),
                    Math.Max(0, skip - flagged), PageSize - rows.Count, cancellationToken));
            }
        }
        // An offered request stays in the queue until the supporter answers: say to whom (one statement for the page).
        var ids = rows.Select(r => r.Id).ToList();
        var offered = ids.Count == 0 ? [] : await db.Cases.AsNoTracking()
            .Where(c => ids.Contains(c.HelpRequestId) && c.Status == CaseStatus.Offered)
            .Join(db.Users, c => c.SupporterId, u => u.Id, (c, u) => new { c.HelpRequestId, u.DisplayName })
            .ToListAsync(cancellationToken);
        Rows = rows.Select(r => new Row(r.Id, r.ReferenceCode, r.ReceivedAt,
            Reference.Municipalities.FirstOrDefault(m => m.Id == r.MunicipalityId)?.Name ?? "",
            r.Channel, r.Domains.Select(d => Reference.TermName(TaxonomyKind.LifeDomain, d)).ToList(),
            r.PossibleDuplicate, r.NeedsInterpreter, r.LanguageCode, r.EasyLanguage, r.Urgent, r.SafetyConcern,
            offered.FirstOrDefault(o => o.HelpRequestId == r.Id)?.DisplayName)).ToList();
    }

    private sealed record Counts(int Total, int Flagged);

    private sealed record QueueRow(Guid Id, string ReferenceCode, DateTimeOffset ReceivedAt, Guid MunicipalityId, RequestChannel Channel, List<string> Domains,
        bool PossibleDuplicate, bool NeedsInterpreter, string? LanguageCode, bool EasyLanguage, bool Urgent, bool SafetyConcern);

    private static Task<List<QueueRow>> Page(IQueryable<HelpRequest> ordered, int skip, int take, CancellationToken cancellationToken) =>
        ordered.Skip(skip).Take(take)
            .Select(h => new QueueRow(h.Id, h.ReferenceCode, h.ReceivedAt, h.MunicipalityId, h.Channel, h.LifeDomains.Select(d => d.Code).ToList(),
                h.PossibleDuplicate, h.NeedsInterpreter, h.LanguageCode, h.EasyLanguage, h.Urgent, h.SafetyConcern))
            .ToListAsync(cancellationToken);

    public string PageLink(int page) =>
        $"?gemeente={Uri.EscapeDataString(Municipality ?? "")}&leefgebied={Uri.EscapeDataString(LifeDomain ?? "")}&signaal={Uri.EscapeDataString(Flag ?? "")}&volgorde={Uri.EscapeDataString(Sort ?? "")}&pagina={page}";
}
