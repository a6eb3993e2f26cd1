using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Cases;

/// <summary>The staff start page. Lists cases by reference code and dates only: no resident data is read here.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class StartModel(AppDbContext db) : PageModel
{
    public sealed record CaseRow(Guid CaseId, string ReferenceCode, DateTimeOffset OpenedAt, DateTimeOffset? FirstContactAt);

    public string DisplayName { get; private set; } = "";
    public string Role { get; private set; } = "";
    public string Organization { get; private set; } = "";
    public int OpenCaseCount { get; private set; }
    public int OpenPrivacyRequests { get; private set; }
    /// <summary>For an admin: requests that reached no intake queue (no route matched).</summary>
    public int UnroutedRequests { get; private set; }
    public IReadOnlyList<CaseRow> OpenCases { get; private set; } = [];

    public const int PageSize = 25;
    public int PageNumber { get; private set; } = 1;
    public int TotalPages { get; private set; } = 1;

    public async Task OnGetAsync([Microsoft.AspNetCore.Mvc.FromQuery(Name = "pagina")] int? page, CancellationToken cancellationToken)
    {
        DisplayName = User.FindFirst(StaffClaims.DisplayName)?.Value ?? User.Identity?.Name ?? "";
        Role = StaffClaims.RoleOf(User);
        var organizationId = StaffClaims.OrganizationOf(User);
        var userId = StaffClaims.UserIdOf(User);
        Organization = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken) ?? "";

        if (Role == StaffRoles.Admin)
        {
            UnroutedRequests = await Hulpvraag.Intake.Unrouted(db).CountAsync(cancellationToken);
        }
        if (Role == StaffRoles.Coordinator)
        {
            OpenPrivacyRequests = await db.PrivacyRequests.CountAsync(p => p.OrganizationId == organizationId && p.HandledAt == null, cancellationToken);
        }
        IQueryable<Case>? cases = Role switch
        {
            StaffRoles.Coordinator => db.Cases.Where(c => c.OrganizationId == organizationId && c.Status == CaseStatus.Open),
            StaffRoles.Supporter => db.Cases.Where(c => c.SupporterId == userId && c.Status == CaseStatus.Open),
            _ => null,
        };
        if (cases is null)
        {
            return;
        }
        OpenCaseCount = await cases.CountAsync(cancellationToken);
        TotalPages = Math.Max(1, (OpenCaseCount + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(page ?? 1, 1, TotalPages);
        OpenCases = await cases
            .OrderBy(c => c.OpenedAt).ThenBy(c => c.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Join(db.HelpRequests, c => c.HelpRequestId, h => h.Id, (c, h) => new CaseRow(c.Id, h.ReferenceCode, c.OpenedAt, c.FirstContactAt))
            .ToListAsync(cancellationToken);
    }
}
