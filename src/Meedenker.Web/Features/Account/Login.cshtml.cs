using Meedenker.Data.Generation;
using Meedenker.Domain;
using Meedenker.Web.Features.Shared;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Meedenker.Web.Features.Account;

[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.Login)]
public sealed class LoginModel(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, IOptions<DemoSettings> demo) : FormPageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IReadOnlyList<DemoAccounts.Account> DemoAccounts { get; private set; } = [];

    public void OnGet() => ShowDemoAccounts();

    public async Task<IActionResult> OnPostAsync()
    {
        ShowDemoAccounts();
        var email = Email?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            ModelState.AddModelError(nameof(Email), Lang.Pick("Vul je e-mailadres in.", "Enter your e-mail address."));
        }
        else if (email.Length > 254)
        {
            ModelState.AddModelError(nameof(Email), Lang.Pick("Dit e-mailadres is te lang.", "This e-mail address is too long."));
        }
        if (string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(nameof(Password), Lang.Pick("Vul je wachtwoord in.", "Enter your password."));
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(email!);
        // One message for every failure, so the form does not tell which accounts exist.
        var failed = Lang.Pick("Het e-mailadres of wachtwoord klopt niet.", "The e-mail address or password is not correct.");
        if (user is null || user.IsDisabled || (user.IsDemo && !demo.Value.Enabled))
        {
            ModelState.AddModelError(nameof(Email), failed);
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(user, Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl });
        }
        if (result.IsLockedOut)
        {
            ModelState.AddModelError(nameof(Email), Lang.Pick("Je account is tijdelijk geblokkeerd na te veel pogingen. Probeer het over 15 minuten opnieuw.",
                "Your account is locked for a while after too many attempts. Please try again in 15 minutes."));
            return Page();
        }
        if (!result.Succeeded)
        {
            ModelState.AddModelError(nameof(Email), failed);
            return Page();
        }
        if (!demo.Value.Enabled && !user.TwoFactorEnabled)
        {
            return RedirectToPage("/Account/EnableAuthenticator", new { ReturnUrl });
        }
        return LocalRedirect(SafeReturnUrl(ReturnUrl, "/werk"));
    }

    private void ShowDemoAccounts() => DemoAccounts = demo.Value.Enabled ? Data.Generation.DemoAccounts.All : [];
}
