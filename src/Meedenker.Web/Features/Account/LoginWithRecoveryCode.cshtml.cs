using Meedenker.Domain;
using Meedenker.Web.Features.Shared;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Meedenker.Web.Features.Account;

[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.Login)]
public sealed class LoginWithRecoveryCodeModel(SignInManager<StaffUser> signIn, UserManager<StaffUser> users) : FormPageModel
{
    [BindProperty]
    public string? RecoveryCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }
        var code = (RecoveryCode ?? "").Replace(" ", "", StringComparison.Ordinal).Trim();
        if (code.Length is 0 or > 50)
        {
            ModelState.AddModelError(nameof(RecoveryCode), Lang.Pick("Vul een herstelcode in.", "Enter a recovery code."));
            return Page();
        }
        // Identity does not count wrong recovery codes towards lockout; we do, like wrong passwords and app codes.
        if (await users.IsLockedOutAsync(user))
        {
            ModelState.AddModelError(nameof(RecoveryCode), LockedOut);
            return Page();
        }
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl(ReturnUrl, "/werk"));
        }
        await users.AccessFailedAsync(user);
        ModelState.AddModelError(nameof(RecoveryCode), await users.IsLockedOutAsync(user) ? LockedOut
            : Lang.Pick("Deze herstelcode klopt niet of is al gebruikt.", "This recovery code is not correct or was used already."));
        return Page();
    }

    private static string LockedOut => Lang.Pick("Je account is tijdelijk geblokkeerd na te veel foute codes. Probeer het over 15 minuten opnieuw.",
        "Your account is locked for a while after too many wrong codes. Please try again in 15 minutes.");
}
