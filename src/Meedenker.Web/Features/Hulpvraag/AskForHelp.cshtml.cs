using Meedenker.Domain;
using Meedenker.Web.Features.Shared;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Meedenker.Web.Features.Hulpvraag;

/// <summary>Ask for help without an account: the request is stored before the reference code is shown.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.PublicForms)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class AskForHelpModel(ReferenceData referenceData, Intake intake, ResidentConfirmation confirmation) : FormPageModel
{
    [BindProperty]
    public HelpRequestInput Input { get; set; } = new() { AskedBy = "self", LanguageCode = "nl" };

    /// <summary>
    /// Made when the form is shown, so the same form posted twice finds one request. It only deduplicates: the
    /// status link's secret is made by the server when the request is stored.
    /// </summary>
    [BindProperty]
    public string? SubmissionId { get; set; }

    /// <summary>Left empty by people; filled by robots that fill every field.</summary>
    [BindProperty]
    public string? Website { get; set; }

    public const string FormScope = "form:help-request";

    public ReferenceSnapshot Reference { get; private set; } = null!;
    public IntakeReceipt? Receipt { get; private set; }
    public string? StatusUrl { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "leefgebied")] string? lifeDomains, [FromQuery(Name = "gemeente")] string? municipality,
        [FromQuery(Name = "spoed")] string? urgent, CancellationToken cancellationToken)
    {
        Reference = await referenceData.GetAsync(cancellationToken);
        SubmissionId = SecretToken.New();
        // Carried from the self-check: the resident's municipality and whether an answer could not wait. Unknown
        // values are ignored; the resident can change both on the form.
        Input.MunicipalityCode = Reference.Municipalities.FirstOrDefault(m => string.Equals(m.Code, municipality, StringComparison.OrdinalIgnoreCase))?.Code;
        Input.Urgent = urgent == "1";
        if (!string.IsNullOrWhiteSpace(lifeDomains))
        {
            Input.LifeDomains = lifeDomains.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(code => Reference.HasTerm(TaxonomyKind.LifeDomain, code)).Distinct().Take(20).ToList();
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Reference = await referenceData.GetAsync(cancellationToken);
        // Our own messages replace the framework's binding messages (e.g. for a tampered checkbox value).
        ModelState.Clear();
        if (!SecretToken.IsWellFormed(SubmissionId))
        {
            SubmissionId = SecretToken.New();
        }
        if (!string.IsNullOrEmpty(Website))
        {
            ModelState.AddModelError(string.Empty, Lang.Pick("Je vraag kon niet worden verstuurd. Bel ons als dit blijft gebeuren.",
                "Your request could not be sent. Please call us if this keeps happening."));
            return Page();
        }
        var (request, problems) = HelpRequestRules.Validate(Input, Reference);
        if (request is null)
        {
            foreach (var problem in problems)
            {
                ModelState.AddModelError($"Input.{problem.Field}", problem.Message);
            }
            return Page();
        }
        Receipt = await intake.SubmitAsync(request, IdempotencyKey.For(FormScope, SubmissionId!, Input), cancellationToken);
        if (Receipt is null)
        {
            // The same form was sent before with other answers: ask before storing a second request.
            SubmissionId = SecretToken.New();
            ModelState.AddModelError(string.Empty, Lang.Pick("Je hebt dit formulier net al verstuurd, met andere antwoorden. Wil je ook deze vraag sturen? Klik dan nog een keer op Vraag versturen.",
                "You just sent this form, with other answers. Do you want to send this request too? Then click Send request once more."));
            return Page();
        }
        StatusUrl = $"{Request.Scheme}://{Request.Host}/status/{Receipt.LinkSecret}";
        if (Receipt.IsNew && request.SendConfirmation && request.Email is not null)
        {
            await confirmation.SendAsync(request.Email, request.FirstName, Receipt.ReferenceCode, StatusUrl, referred: false, cancellationToken);
        }
        return Page();
    }

    public bool Has(List<string> values, string code) => values.Contains(code);
}
