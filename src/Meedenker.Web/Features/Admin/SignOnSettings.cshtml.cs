using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Features.Shared;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Admin;

/// <summary>
/// An admin sets up sign-in through their own organisation's OpenID Connect IdP: issuer, client, and how the
/// IdP's groups or roles map to Meedenker's roles. Only for the admin's own organisation.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class SignOnSettingsModel(AppDbContext db, IdentityProviderCache providers, TimeProvider time) : FormPageModel
{
    public sealed class InputModel
    {
        public bool Enabled { get; set; }
        public string? Issuer { get; set; }
        public string? ClientId { get; set; }
        public string? ClientSecret { get; set; }
        public bool RemoveSecret { get; set; }
        public string? RoleClaim { get; set; }
        public string? EmailClaim { get; set; }
        public string? RoleMapping { get; set; }
        public string? MultiFactorAcrValues { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string OrganizationName { get; private set; } = "";
    public Guid OrganizationId { get; private set; }
    public bool HasSecret { get; private set; }
    public string RedirectUri => $"{Request.Scheme}://{Request.Host}{SingleSignOn.CallbackPath(OrganizationId)}";
    public string StartUri => $"{Request.Scheme}://{Request.Host}{SingleSignOn.StartPath(OrganizationId)}";

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is not { } settings)
        {
            return Forbid();
        }
        Input = new InputModel
        {
            Enabled = settings.IsEnabled,
            Issuer = settings.Issuer,
            ClientId = settings.ClientId,
            RoleClaim = settings.RoleClaim,
            EmailClaim = settings.EmailClaim,
            RoleMapping = settings.RoleMappingText,
            MultiFactorAcrValues = settings.MultiFactorAcrValues,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is not { } settings)
        {
            return Forbid();
        }
        foreach (var key in ModelState.Keys.ToList())
        {
            ModelState.Remove(key);
        }
        var secret = Input.ClientSecret?.Trim();
        if (secret?.Length > 500)
        {
            ModelState.AddModelError("Input.ClientSecret", Lang.Pick("Het client-geheim is te lang (hoogstens 500 tekens).", "The client secret is too long (at most 500 characters)."));
            return Page();
        }
        if (IdentityProviderSettings.IssuerProblem(Input.Issuer?.Trim() ?? "") is { } issuerProblem)
        {
            ModelState.AddModelError("Input.Issuer", Lang.Pick(issuerProblem.Dutch, issuerProblem.English));
        }
        try
        {
            IdentityProviderSettings.ParseMappings(Input.RoleMapping ?? "");
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("Input.RoleMapping", Lang.Pick(e.Dutch, e.English));
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            settings.Configure(Input.Enabled, Input.Issuer, Input.ClientId, string.IsNullOrEmpty(secret) ? null : providers.Protect(secret), Input.RemoveSecret,
                Input.RoleClaim, Input.EmailClaim, Input.RoleMapping, Input.MultiFactorAcrValues, StaffClaims.UserIdOf(User) ?? Guid.Empty, time.GetUtcNow());
        }
        catch (DomainException e)
        {
            var field = e.English.Contains("issuer", StringComparison.OrdinalIgnoreCase) ? "Input.Issuer"
                : e.English.Contains("client id", StringComparison.OrdinalIgnoreCase) ? "Input.ClientId"
                : e.English.Contains("acr", StringComparison.Ordinal) ? "Input.MultiFactorAcrValues"
                : e.English.Contains("claim name", StringComparison.Ordinal) ? "Input.RoleClaim"
                : "Input.RoleMapping";
            if (!HasError(field))
            {
                ModelState.AddModelError(field, Lang.Pick(e.Dutch, e.English));
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            ModelState.AddModelError(string.Empty, Lang.Pick("Iemand anders heeft deze instellingen net ook opgeslagen. Laad de pagina opnieuw; er is niets veranderd.",
                "Someone else just saved these settings too. Reload the page; nothing was changed."));
            return Page();
        }
        Message = settings.IsEnabled
            ? Lang.Pick("Opgeslagen. Medewerkers kunnen nu inloggen via je organisatie.", "Saved. Staff can now sign in through your organisation.")
            : Lang.Pick("Opgeslagen. Inloggen via je organisatie staat uit.", "Saved. Sign-in through your organisation is off.");
        return RedirectToPage();
    }

    /// <summary>The admin's own organisation and its settings (new, unsaved ones when there are none yet).</summary>
    private async Task<IdentityProviderSettings?> LoadAsync(CancellationToken cancellationToken)
    {
        if (StaffClaims.OrganizationOf(User) is not { } organizationId)
        {
            return null;
        }
        OrganizationId = organizationId;
        OrganizationName = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
        var settings = await db.IdentityProviders.SingleOrDefaultAsync(p => p.OrganizationId == organizationId, cancellationToken);
        if (settings is null)
        {
            settings = IdentityProviderSettings.For(organizationId);
            db.IdentityProviders.Add(settings);
        }
        HasSecret = settings.ProtectedClientSecret is not null;
        return settings;
    }
}
