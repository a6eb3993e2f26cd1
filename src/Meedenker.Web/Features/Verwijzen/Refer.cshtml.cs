using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Features.Hulpvraag;
using Meedenker.Web.Features.Shared;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meedenker.Web.Features.Verwijzen;

/// <summary>
/// Refer a resident, with their consent. Referrers with an account are known from their sign-in; places
/// without one fill in who they are and get a link to follow the status.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.PublicForms)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ReferModel(AppDbContext db, ReferenceData referenceData, Intake intake, TimeProvider time, IOptions<DemoSettings> demo) : FormPageModel
{
    [BindProperty]
    public ReferralInput Input { get; set; } = new() { LanguageCode = "nl", ConsentGivenBy = "resident" };

    [BindProperty]
    public string? Token { get; set; }

    [BindProperty]
    public string? Website { get; set; }

    public ReferenceSnapshot Reference { get; private set; } = null!;
    public KnownReferrer? Referrer { get; private set; }
    public IntakeReceipt? Receipt { get; private set; }
    public string? StatusUrl { get; private set; }
    public string Today => time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Token = SecretToken.New();
        Input.ConsentDate = Today;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        ModelState.Clear();
        if (!SecretToken.IsWellFormed(Token))
        {
            Token = SecretToken.New();
        }
        if (!string.IsNullOrEmpty(Website))
        {
            ModelState.AddModelError(string.Empty, Lang.Pick("De verwijzing kon niet worden verstuurd.", "The referral could not be sent."));
            return Page();
        }
        var (referral, problems) = ReferralRules.Validate(Input, Referrer, Reference, time.GetUtcNow(), Token);
        if (referral is null)
        {
            foreach (var problem in problems)
            {
                ModelState.AddModelError($"Input.{problem.Field}", problem.Message);
            }
            return Page();
        }
        Receipt = await intake.SubmitAsync(referral.Request, Token!, referral.CreateReferral, cancellationToken);
        StatusUrl = Referrer is null ? $"{Request.Scheme}://{Request.Host}/verwijzing/{Token}" : null;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Reference = await referenceData.GetAsync(cancellationToken);
        Referrer = await CurrentReferrerAsync(cancellationToken);
    }

    /// <summary>A signed-in referrer (with two-factor, or in demo mode) refers on behalf of their organisation.</summary>
    private async Task<KnownReferrer?> CurrentReferrerAsync(CancellationToken cancellationToken)
    {
        if (!User.IsInRole(StaffRoles.Referrer) || !(demo.Value.Enabled || StaffClaims.HasMultiFactor(User)))
        {
            return null;
        }
        var userId = StaffClaims.UserIdOf(User);
        return await db.Users.Where(u => u.Id == userId)
            .Select(u => new KnownReferrer(u.OrganizationId, u.Id, u.DisplayName, u.Organization!.Name, u.Email, null))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
