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
public sealed class LoginWith2faModel(SignInManager<StaffUser> signIn) : FormPageModel
{
    [BindProperty]
    public string? Code { get; set; }

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
        var code = new string((Code ?? "").Where(char.IsDigit).ToArray());
        if (code.Length != 6)
        {
            ModelState.AddModelError(nameof(Code), Lang.Pick("Vul de zes cijfers uit je app in.", "Enter the six digits from your app."));
            return Page();
        }
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl(ReturnUrl, "/werk"));
        }
        ModelState.AddModelError(nameof(Code), result.IsLockedOut
            ? Lang.Pick("Je account is tijdelijk geblokkeerd. Probeer het over 15 minuten opnieuw.", "Your account is locked for a while. Please try again in 15 minutes.")
            : Lang.Pick("Deze code klopt niet. Kijk of de tijd op je telefoon goed staat.", "This code is not correct. Check that the time on your phone is right."));
        return Page();
    }
}
