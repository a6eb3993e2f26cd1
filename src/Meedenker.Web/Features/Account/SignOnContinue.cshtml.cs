using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Features.Shared;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Account;

/// <summary>
/// Back from the organisation's IdP: finds or makes the staff member's account in that organisation, takes the
/// role from the IdP's claims, and signs in: at once when the IdP did multi-factor, otherwise through our TOTP.
/// An account never lands in another organisation than the one whose IdP signed it in.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.Login)]
public sealed class SignOnContinueModel(AppDbContext db, UserManager<StaffUser> users, SignInManager<StaffUser> signIn, TimeProvider time,
    ILogger<SignOnContinueModel> log) : FormPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        // The external sign-in is only for this page: whatever happens, it ends here.
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || external.Principal is not { } principal)
        {
            return Refuse(SignOnRefusal.Failed);
        }
        var signedInBy = principal.FindFirstValue(SingleSignOn.OrganizationClaim);
        string? startedFor = null;
        external.Properties?.Items.TryGetValue(SingleSignOn.OrganizationItem, out startedFor);
        if (signedInBy != organizationId.ToString() || startedFor != organizationId.ToString())
        {
            log.LogWarning("Sign-in through an identity provider refused: signed in by organisation {SignedInBy}, started for {StartedFor}, arrived at {Organization}",
                signedInBy, startedFor, organizationId);
            return Refuse(SignOnRefusal.Failed);
        }
        var settings = await db.IdentityProviders.AsNoTracking().SingleOrDefaultAsync(p => p.OrganizationId == organizationId, cancellationToken);
        var issuer = principal.FindFirstValue(SingleSignOn.IssuerClaim);
        var subject = principal.FindFirstValue(SingleSignOn.SubjectClaim);
        if (settings is not { IsEnabled: true } || !SingleSignOn.SameIssuer(issuer, settings.Issuer) || string.IsNullOrEmpty(subject))
        {
            log.LogWarning("Sign-in through an identity provider refused: issuer {Issuer} is not the one of organisation {Organization}", issuer, organizationId);
            return Refuse(SignOnRefusal.Failed);
        }

        var role = settings.RoleFor(principal.FindAll(settings.RoleClaim).Select(c => c.Value));
        if (role is null)
        {
            return Refuse(SignOnRefusal.NoRole);
        }
        var loginProvider = SingleSignOn.LoginProvider(organizationId);
        var providerKey = SingleSignOn.ProviderKey(issuer!, subject);
        var user = await users.FindByLoginAsync(loginProvider, providerKey);
        if (user is null)
        {
            var email = principal.FindFirstValue(settings.EmailClaim)?.Trim();
            if (string.IsNullOrEmpty(email) || email.Length > 254 || !new EmailAddressAttribute().IsValid(email))
            {
                return Refuse(SignOnRefusal.NoEmail);
            }
            user = await users.FindByEmailAsync(email);
            if (user is not null && user.OrganizationId != organizationId)
            {
                log.LogWarning("Sign-in through the identity provider of organisation {Organization} refused: the e-mail address belongs to an account of another organisation", organizationId);
                return Refuse(SignOnRefusal.OtherOrganization);
            }
            if (user is null)
            {
                var name = principal.FindFirstValue("name")?.Trim();
                user = new StaffUser
                {
                    UserName = email,
                    Email = email,
                    EmailConfirmed = true,
                    DisplayName = string.IsNullOrEmpty(name) || name.Length > 200 || InputText.IsFormula(name) ? email : name,
                    OrganizationId = organizationId,
                    CreatedAt = time.GetUtcNow(),
                };
                if (!(await users.CreateAsync(user)).Succeeded)
                {
                    return Refuse(SignOnRefusal.Failed);
                }
            }
            if (!(await users.AddLoginAsync(user, new UserLoginInfo(loginProvider, providerKey, settings.Issuer))).Succeeded)
            {
                return Refuse(SignOnRefusal.Failed);
            }
        }
        if (user.OrganizationId != organizationId)
        {
            return Refuse(SignOnRefusal.OtherOrganization);
        }
        if (user.IsDisabled || user.IsDemo)
        {
            return Refuse(SignOnRefusal.Disabled);
        }
        await KeepRoleAsync(user, role);

        var returnUrl = SafeReturnUrl(ReturnUrl, "/werk");
        if (settings.SaysMultiFactor(principal.FindAll(StaffClaims.AuthenticationMethod).Select(c => c.Value), principal.FindFirstValue("acr")))
        {
            if (await users.IsLockedOutAsync(user))
            {
                return Refuse(SignOnRefusal.Failed);
            }
            await signIn.SignInWithClaimsAsync(user, isPersistent: false,
                [new Claim(StaffClaims.AuthenticationMethod, StaffClaims.MultiFactor), new Claim(ClaimTypes.AuthenticationMethod, loginProvider)]);
            return LocalRedirect(returnUrl);
        }
        // One factor at the IdP: our own TOTP follows, as after a password.
        var result = await signIn.ExternalLoginSignInAsync(loginProvider, providerKey, isPersistent: false, bypassTwoFactor: false);
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl = returnUrl });
        }
        if (result.Succeeded)
        {
            return RedirectToPage("/Account/EnableAuthenticator", new { ReturnUrl = returnUrl });
        }
        return Refuse(SignOnRefusal.Failed);
    }

    /// <summary>The IdP decides the role: a changed group there changes it here, and ends the old sessions.</summary>
    private async Task KeepRoleAsync(StaffUser user, string role)
    {
        var current = await users.GetRolesAsync(user);
        if (current.Count == 1 && current[0] == role)
        {
            return;
        }
        if (current.Count > 0)
        {
            await users.RemoveFromRolesAsync(user, current);
        }
        await users.AddToRoleAsync(user, role);
        if (role == StaffRoles.Supporter && user.SupporterKind is null)
        {
            user.SetSupporterKind(SupporterKind.Professional, null);
        }
        else if (role != StaffRoles.Supporter && user.SupporterKind is not null)
        {
            user.SetSupporterKind(null, null);
        }
        await users.UpdateSecurityStampAsync(user);
    }

    private RedirectResult Refuse(string reason) => Redirect("/account/inloggen?sso=" + reason);
}
