using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meedenker.Web.Features.Verwijzen;

/// <summary>The status of one referral for a referrer without an account, reached with the secret link.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.PublicForms)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ReferrerStatusModel(AppDbContext db, TimeProvider time, IOptions<IntakeSettings> settings) : PageModel
{
    public ReferralStatusRow? Row { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public int TargetWorkingDays => settings.Value.FirstContactTargetWorkingDays;

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        if (SecretToken.IsWellFormed(token))
        {
            var hash = SecretToken.Hash(token);
            Row = await ReferralStatusRow.Query(db, db.Referrals.Where(r => r.ReferrerTokenHash == hash)).SingleOrDefaultAsync(cancellationToken);
        }
        if (Row is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }
}
