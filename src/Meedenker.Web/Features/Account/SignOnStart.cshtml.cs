using Meedenker.Data;
using Meedenker.Web.Features.Shared;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Meedenker.Web.Features.Account;

/// <summary>"Inloggen via je organisatie": one click sends the staff member to their organisation's IdP.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.Login)]
public sealed class SignOnStartModel(AppDbContext db, IdentityProviderCache providers) : FormPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        if (await providers.RefreshAsync(db, organizationId, cancellationToken) is null)
        {
            return Redirect("/account/inloggen?sso=" + SignOnRefusal.NotOffered);
        }
        var continueUrl = SingleSignOn.ContinuePath(organizationId);
        var returnUrl = SafeReturnUrl(ReturnUrl, "");
        var properties = new AuthenticationProperties
        {
            RedirectUri = returnUrl.Length == 0 ? continueUrl : continueUrl + "?ReturnUrl=" + Uri.EscapeDataString(returnUrl),
        };
        properties.Items[SingleSignOn.OrganizationItem] = organizationId.ToString();
        return Challenge(properties, SingleSignOn.SchemeName(organizationId));
    }
}
