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
public sealed class ReferModel(AppDbContext db, ReferenceData referenceData, Intake intake, ResidentConfirmation confirmation, TimeProvider time, IOptions<DemoSettings> demo) : FormPageModel
{
    [BindProperty]
    public ReferralInput Input { get; set; } = new() { LanguageCode = "nl", ConsentGivenBy = "resident" };

    /// <summary>Made when the form is shown; only deduplicates. The referrer's link secret is made by the server.</summary>
    [BindProperty]
    public string? SubmissionId { get; set; }

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
        SubmissionId = SecretToken.New();
        Input.ConsentDate = Today;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        ModelState.Clear();
        if (!SecretToken.IsWellFormed(SubmissionId))
        {
            SubmissionId = SecretToken.New();
        }
        if (!string.IsNullOrEmpty(Website))
        {
            ModelState.AddModelError(string.Empty, Lang.Pick("De verwijzing kon niet worden verstuurd.", "The referral could not be sent."));
            return Page();
        }
        var (referral, problems) = ReferralRules.Validate(Input, Referrer, Reference, time.GetUtcNow());
        if (referral is null)
        {
            foreach (var problem in problems)
            {
                ModelState.AddModelError($"Input.{problem.Field}", problem.Message);
            }
            return Page();
        }
        // A signed-in referrer's form is scoped to its organisation, the public form to itself.
        var scope = $"form:referral:{Referrer?.OrganizationId.ToString() ?? "public"}";
        Receipt = await intake.SubmitReferralAsync(referral, IdempotencyKey.For(scope, SubmissionId!, Input), cancellationToken);
        if (Receipt is null)
        {
            SubmissionId = SecretToken.New();
            ModelState.AddModelError(string.Empty, Lang.Pick("Je hebt dit formulier net al verstuurd, met andere antwoorden. Wil je ook deze verwijzing sturen? Klik dan nog een keer op Verwijzing versturen.",
                "You just sent this form, with other answers. Do you want to send this referral too? Then click Send referral once more."));
            return Page();
        }
        StatusUrl = Receipt.LinkSecret is { } secret ? $"{Request.Scheme}://{Request.Host}/verwijzing/{secret}" : null;
        if (Receipt.ResidentLinkSecret is { } residentSecret)
        {
            await confirmation.SendAsync(referral.Request.Email!, referral.Request.FirstName, Receipt.ReferenceCode,
                $"{Request.Scheme}://{Request.Host}/status/{residentSecret}", referred: true, cancellationToken);
        }
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
