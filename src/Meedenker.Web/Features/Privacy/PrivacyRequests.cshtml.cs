using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Privacy;

/// <summary>
/// The coordinators' tasks from residents' privacy requests (correct or erase), due within a month. Reading a
/// request's text goes through the access check; erasure runs <see cref="Anonymisation.EraseResidentAsync"/>.
/// </summary>
[Authorize(Policy = Policies.Staff, Roles = StaffRoles.Coordinator)]
public sealed class PrivacyRequestsModel(AppDbContext db, AccessCheck access, Anonymisation anonymisation, TimeProvider time) : PageModel
{
    public sealed record Row(Guid Id, Guid ResidentId, string ReferenceCode, PrivacyRequestKind Kind, string? Text, DateTimeOffset CreatedAt, DateOnly DueOn,
        DateTimeOffset? HandledAt, PrivacyRequestOutcome? Outcome, string? Response, bool Readable, bool HasOpenCase);

    public IReadOnlyList<Row> Open { get; private set; } = [];
    public IReadOnlyList<Row> Handled { get; private set; } = [];
    public DateOnly Today { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public bool MessageIsError { get; private set; }

    [BindProperty]
    public string? Answer { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostHandleAsync(Guid id, PrivacyRequestOutcome outcome, CancellationToken cancellationToken)
    {
        var organizationId = StaffClaims.OrganizationOf(User);
        var request = await db.PrivacyRequests.SingleOrDefaultAsync(p => p.Id == id && p.OrganizationId == organizationId, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }
        var (decision, residentId) = await access.ForHelpRequestAsync(request.HelpRequestId, AccessAction.Change, "privacy-request", "privacy-request", cancellationToken);
        if (!decision.Allowed || residentId is null)
        {
            return Forbid();
        }
        var now = time.GetUtcNow();
        try
        {
            if (outcome == PrivacyRequestOutcome.Done && request.Kind == PrivacyRequestKind.Erasure)
            {
                if (await db.Cases.AnyAsync(c => c.ResidentId == request.ResidentId && (c.Status == CaseStatus.Open || c.Status == CaseStatus.Offered), cancellationToken))
                {
                    throw new DomainException("Deze inwoner heeft nog een open casus. Sluit die eerst af (reden: de inwoner stopt); wis daarna.",
                        "This resident still has an open case. Close it first (reason: the resident stopped); then erase.");
                }
                request.Handle(outcome, Answer, StaffClaims.UserIdOf(User) ?? Guid.Empty, now);
                await db.SaveChangesAsync(cancellationToken);
                await anonymisation.EraseResidentAsync(request.ResidentId, now, cancellationToken);
                Message = Lang.Pick("De gegevens van de inwoner zijn gewist. De tellingen zonder naam blijven.", "The resident's data has been erased. The counts without names stay.");
            }
            else
            {
                request.Handle(outcome, Answer, StaffClaims.UserIdOf(User) ?? Guid.Empty, now);
                await db.SaveChangesAsync(cancellationToken);
                Message = Lang.Pick("Het verzoek is afgehandeld. De inwoner ziet je antwoord bij Mijn gegevens.", "The request has been handled. The resident sees your answer under My data.");
            }
            return RedirectToPage();
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            Message = Lang.Pick(e.Dutch, e.English);
            MessageIsError = true;
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var organizationId = StaffClaims.OrganizationOf(User);
        var rows = await db.PrivacyRequests.AsNoTracking().Where(p => p.OrganizationId == organizationId)
            .OrderBy(p => p.HandledAt != null).ThenBy(p => p.DueOn).ThenBy(p => p.CreatedAt)
            .Select(p => new
            {
                p.Id,
                p.ResidentId,
                p.HelpRequestId,
                ReferenceCode = db.HelpRequests.Where(h => h.Id == p.HelpRequestId).Select(h => h.ReferenceCode).FirstOrDefault() ?? "",
                p.Kind,
                p.Text,
                p.CreatedAt,
                p.DueOn,
                p.HandledAt,
                p.Outcome,
                p.Response,
                HasOpenCase = db.Cases.Any(c => c.ResidentId == p.ResidentId && (c.Status == CaseStatus.Open || c.Status == CaseStatus.Offered)),
            })
            .Take(200)
            .ToListAsync(cancellationToken);
        var result = new List<Row>();
        foreach (var p in rows)
        {
            // The resident's own words are their data: only open requests are read, each through the access check.
            var readable = p.HandledAt is null
                && (await access.ForHelpRequestAsync(p.HelpRequestId, AccessAction.View, "privacy-request", "privacy-request", cancellationToken)).Decision.Allowed;
            result.Add(new Row(p.Id, p.ResidentId, p.ReferenceCode, p.Kind, readable ? p.Text : null, p.CreatedAt, p.DueOn, p.HandledAt, p.Outcome,
                p.HandledAt is null ? null : p.Response, readable, p.HasOpenCase));
        }
        Open = result.Where(r => r.HandledAt is null).ToList();
        Handled = result.Where(r => r.HandledAt is not null).Take(50).ToList();
    }
}
