using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meedenker.Web.Features.Verwijzen;

/// <summary>A referrer's overview: the referrals of their own organisation, status only.</summary>
[Authorize(Policy = Policies.Staff, Roles = StaffRoles.Referrer)]
public sealed class MyReferralsModel(AppDbContext db, TimeProvider time, IOptions<IntakeSettings> settings) : PageModel
{
    private const int Shown = 200;

    public IReadOnlyList<ReferralStatusRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Overdue { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public int TargetWorkingDays => settings.Value.FirstContactTargetWorkingDays;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        var organizationId = StaffClaims.OrganizationOf(User);
        var own = db.Referrals.Where(r => r.ReferrerOrganizationId == organizationId);
        Total = await own.CountAsync(cancellationToken);
        Rows = await ReferralStatusRow.Query(db, own.OrderByDescending(r => r.CreatedAt).Take(Shown)).ToListAsync(cancellationToken);
        Overdue = Rows.Count(r => r.IsOverdue(Now, TargetWorkingDays));
    }
}
