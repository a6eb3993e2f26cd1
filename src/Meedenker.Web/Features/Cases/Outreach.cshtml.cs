using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Features.Shared;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Cases;

/// <summary>
/// The outreach list (bellijst) for a shock such as a lockdown: known residents — open cases and cases closed in
/// the last 12 months — ordered by vulnerability (lives alone, small or no network, low self-reliance, long since
/// the last contact), to call proactively. Calls are recorded as contacts. Coordinators see their organisation's
/// residents, a meedenker their own; every resident shown is an access-log entry.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class OutreachModel(AppDbContext db, AccessCheck access, TimeProvider time) : FormPageModel
{
    public const int PageSize = 25;

    public sealed record Row(Guid CaseId, string ReferenceCode, string? FirstName, string? Phone, bool Open, int Score, IReadOnlyList<string> Reasons, DateTimeOffset? LastContact);

    private sealed record Candidate(Guid CaseId, string ReferenceCode, Guid ResidentId, bool Open, bool? LivesAlone, int People, int? LowestScore, DateTimeOffset LastContact);

    [BindProperty(SupportsGet = true, Name = "pagina")]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public int? Minutes { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [TempData]
    public string? Message { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCallAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!(await access.ForCaseAsync(id, AccessAction.Change, "outreach-call", "outreach", d => d.MayRun, cancellationToken)).Allowed)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        var @case = await db.Cases.SingleAsync(c => c.Id == id, cancellationToken);
        try
        {
            db.Contacts.Add(@case.RecordOutreachCall(Minutes ?? 0, InputText.Clean(Note, multiline: true), StaffClaims.UserIdOf(User) ?? Guid.Empty, time.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            Message = Lang.Pick("Het gesprek is vastgelegd als contact.", "The call is recorded as a contact.");
        }
        catch (DomainException e)
        {
            Message = Lang.Pick(e.Dutch, e.English);
        }
        catch (DbUpdateConcurrencyException)
        {
            Message = Lang.Pick("De casus is net gewijzigd. Probeer het nog eens.", "The case has just been changed. Please try again.");
        }
        return RedirectToPage(new { pagina = PageNumber });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var userId = StaffClaims.UserIdOf(User);
        var organizationId = StaffClaims.OrganizationOf(User);
        var since = time.GetUtcNow().AddYears(-1);
        var cases = db.Cases.AsNoTracking().Where(c => c.Status == CaseStatus.Open || (c.Status == CaseStatus.Closed && c.ClosedAt >= since));
        cases = User.IsInRole(StaffRoles.Coordinator) ? cases.Where(c => c.OrganizationId == organizationId) : cases.Where(c => c.SupporterId == userId);
        var candidates = await cases
            .Join(db.HelpRequests, c => c.HelpRequestId, h => h.Id, (c, h) => new Candidate(
                c.Id, h.ReferenceCode, c.ResidentId, c.Status == CaseStatus.Open, c.LivesAlone,
                db.NetworkMembers.Count(m => m.CaseId == c.Id && m.RemovedAt == null && m.Kind == NetworkMemberKind.Person),
                db.SelfRelianceScores.Where(s => s.CaseId == c.Id).Min(s => (int?)s.Score) ?? c.SelfRelianceClose ?? c.SelfRelianceStart,
                db.Contacts.Where(k => k.CaseId == c.Id).Max(k => (DateTimeOffset?)k.At) ?? c.OpenedAt))
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var ranked = candidates.Select(c => (c, Rank(c, now))).OrderByDescending(x => x.Item2.Score).ThenBy(x => x.c.LastContact).ToList();
        Total = ranked.Count;
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        var page = ranked.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        // Showing a name and phone number is a read of the resident's data: each row goes through the access check.
        var allowed = new List<(Candidate Case, int Score, IReadOnlyList<string> Reasons)>();
        foreach (var (c, (score, reasons)) in page)
        {
            if ((await access.ForCaseAsync(c.CaseId, AccessAction.View, "outreach-list", "outreach", d => d.MayRun, cancellationToken)).Allowed)
            {
                allowed.Add((c, score, reasons));
            }
        }
        var residentIds = allowed.Select(a => a.Case.ResidentId).ToList();
        var residents = await db.Residents.AsNoTracking().Where(r => residentIds.Contains(r.Id))
            .Select(r => new { r.Id, r.FirstName, r.Phone }).ToDictionaryAsync(r => r.Id, cancellationToken);
        Rows = allowed.Select(a => new Row(a.Case.CaseId, a.Case.ReferenceCode, residents[a.Case.ResidentId].FirstName, residents[a.Case.ResidentId].Phone,
            a.Case.Open, a.Score, a.Reasons, a.Case.LastContact)).ToList();
    }

    private static (int Score, IReadOnlyList<string> Reasons) Rank(Candidate c, DateTimeOffset now)
    {
        var score = 0;
        var reasons = new List<string>();
        if (c.LivesAlone == true)
        {
            score += 3;
            reasons.Add(Lang.Pick("woont alleen", "lives alone"));
        }
        if (c.People == 0)
        {
            score += 3;
            reasons.Add(Lang.Pick("geen netwerk vastgelegd", "no network recorded"));
        }
        else if (c.People <= 2)
        {
            score += 1;
            reasons.Add(Lang.Pick("klein netwerk", "small network"));
        }
        if (c.LowestScore is <= 2)
        {
            score += 3;
            reasons.Add(Lang.Pick($"lage zelfredzaamheid ({c.LowestScore})", $"low self-reliance ({c.LowestScore})"));
        }
        else if (c.LowestScore == 3)
        {
            score += 1;
            reasons.Add(Lang.Pick("zelfredzaamheid 3", "self-reliance 3"));
        }
        var days = (int)(now - c.LastContact).TotalDays;
        if (days > 90)
        {
            score += 2;
            reasons.Add(Lang.Pick($"{days} dagen geen contact", $"{days} days without contact"));
        }
        else if (days > 30)
        {
            score += 1;
            reasons.Add(Lang.Pick($"{days} dagen geen contact", $"{days} days without contact"));
        }
        if (c.Open)
        {
            score += 1;
        }
        return (score, reasons);
    }
}
