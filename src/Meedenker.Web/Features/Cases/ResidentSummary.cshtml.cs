using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Cases;

/// <summary>A resident's summary for their supporter or coordinator; every view goes through the access check.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ResidentSummaryModel(AppDbContext db, AccessCheck access) : PageModel
{
    public sealed record RequestRow(string ReferenceCode, DateTimeOffset ReceivedAt, string? Question);

    public string Name { get; private set; } = "";
    public string Municipality { get; private set; } = "";
    public int? BirthYear { get; private set; }
    public IReadOnlyList<RequestRow> Requests { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var decision = await access.ForResidentAsync(id, AccessAction.View, "resident-summary", "case-work", cancellationToken);
        if (!decision.Allowed)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        var resident = await db.Residents.Where(r => r.Id == id)
            .Select(r => new { r.FirstName, r.LastName, r.BirthYear, Municipality = db.Municipalities.Where(m => m.Id == r.MunicipalityId).Select(m => m.Name).Single() })
            .SingleOrDefaultAsync(cancellationToken);
        if (resident is null)
        {
            return NotFound();
        }
        Name = $"{resident.FirstName} {resident.LastName}".Trim();
        Municipality = resident.Municipality;
        BirthYear = resident.BirthYear;
        Requests = await db.HelpRequests.Where(h => h.ResidentId == id)
            .OrderByDescending(h => h.ReceivedAt)
            .Select(h => new RequestRow(h.ReferenceCode, h.ReceivedAt, h.Question))
            .ToListAsync(cancellationToken);
        return Page();
    }
}
