using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Cases;

/// <summary>
/// A caller gives their reference code on the phone: the coordinator types it and lands on the case or the request,
/// through the one access check (logged as a search by reference code). A code this coordinator may not open reads
/// exactly like an unknown one, so the search does not tell whether another organisation has the request.
/// Admins never open residents' files (decision 0004), so the search is for coordinators.
/// </summary>
[Authorize(Policy = Policies.Staff, Roles = StaffRoles.Coordinator)]
public sealed class FindByCodeModel(AppDbContext db, AccessCheck access) : PageModel
{
    public const string Purpose = "reference-code-search";

    public string? Code { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "code")] string? code, CancellationToken cancellationToken)
    {
        Code = code?.Trim();
        if (code is null)
        {
            return Page();
        }
        var normalized = ReferenceCode.Normalize(code);
        if (normalized is null)
        {
            Message = Lang.Pick("Dit is geen referentiecode. Een code ziet eruit als MD-AB12-CD34. Er is niets veranderd.",
                "This is not a reference code. A code looks like MD-AB12-CD34. Nothing has changed.");
            return Page();
        }
        Code = normalized;
        var request = await db.HelpRequests.AsNoTracking().Where(h => h.ReferenceCode == normalized)
            .Select(h => new { h.Id, CaseId = db.Cases.Where(c => c.HelpRequestId == h.Id).Select(c => (Guid?)c.Id).FirstOrDefault() })
            .SingleOrDefaultAsync(cancellationToken);
        if (request is not null)
        {
            if (request.CaseId is { } caseId)
            {
                if ((await access.ForCaseAsync(caseId, AccessAction.View, "case-file", Purpose, cancellationToken)).Allowed)
                {
                    return Redirect($"/werk/casussen/{caseId}");
                }
            }
            else if ((await access.ForHelpRequestAsync(request.Id, AccessAction.View, "help-request", Purpose, cancellationToken)).Decision.Allowed)
            {
                return Redirect($"/werk/aanmeldingen/{request.Id}");
            }
        }
        Message = Lang.Pick($"Geen hulpvraag gevonden met code {normalized} die jij mag openen. Kijk of de code goed is overgenomen.",
            $"No help request found with code {normalized} that you may open. Check that the code was taken down correctly.");
        return Page();
    }
}
