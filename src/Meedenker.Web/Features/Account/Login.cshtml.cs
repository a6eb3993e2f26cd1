using Meedenker.Data;
using Meedenker.Data.Generation;
using Meedenker.Domain;
using Meedenker.Web.Features.Shared;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meedenker.Web.Features.Account;

[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.Login)]
public sealed class LoginModel(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, AppDbContext db, IOptions<DemoSettings> demo, IOptions<SecuritySettings> security) : FormPageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>"verlopen" when an idle session ended and sent the user here.</summary>
    [BindProperty(SupportsGet = true, Name = SessionTimeout.ExpiredQuery)]
    public string? Session { get; set; }

    public bool SessionExpired => Session == SessionTimeout.ExpiredValue;

    public double IdleMinutes => security.Value.SessionIdle.TotalMinutes;

    public IReadOnlyList<DemoAccounts.Account> DemoAccounts { get; private set; } = [];

    /// <summary>Why a sign-in through the organisation was refused (<see cref="SignOnRefusal"/>).</summary>
    [BindProperty(SupportsGet = true, Name = "sso")]
    public string? SignOnResult { get; set; }

    public string? SignOnMessage => SignOnRefusal.Message(SignOnResult);

    public sealed record SignOnOrganization(Guid Id, string Name);

    /// <summary>The organisations whose staff sign in through their own IdP, one button each.</summary>
    public IReadOnlyList<SignOnOrganization> SignOnOrganizations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ShowDemoAccounts();
        await LoadSignOnOrganizationsAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ShowDemoAccounts();
        await LoadSignOnOrganizationsAsync(cancellationToken);
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
        // One message for every failure, a locked account included, so the form does not tell which accounts
        // exist; an unknown address costs the same password hashing as a known one.
        var failed = Lang.Pick(
            "Inloggen is niet gelukt. Het e-mailadres of wachtwoord klopt niet, of er is te vaak een fout wachtwoord ingevuld. Probeer het dan over 15 minuten opnieuw.",
            "Signing in did not work. The e-mail address or password is not correct, or a wrong password was entered too often. In that case, try again in 15 minutes.");
        if (user is null || user.IsDisabled || (user.IsDemo && !demo.Value.Enabled))
        {
            users.PasswordHasher.VerifyHashedPassword(user ?? TimingDummy, TimingDummyHash, Password!);
            ModelState.AddModelError(nameof(Email), failed);
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(user, Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl });
        }
        if (!result.Succeeded)
        {
            ModelState.AddModelError(nameof(Email), failed);
            return Page();
        }
        // Only the demo accounts skip two-factor, and only in demo mode; every real account sets it up first.
        if (!user.TwoFactorEnabled && !(demo.Value.Enabled && user.IsDemo))
        {
            return RedirectToPage("/Account/EnableAuthenticator", new { ReturnUrl });
        }
        return LocalRedirect(SafeReturnUrl(ReturnUrl, "/werk"));
    }

    private static readonly StaffUser TimingDummy = new() { DisplayName = "", UserName = "timing@meedenker.invalid" };
    private static readonly string TimingDummyHash = new PasswordHasher<StaffUser>().HashPassword(TimingDummy, Guid.NewGuid().ToString());

    private async Task LoadSignOnOrganizationsAsync(CancellationToken cancellationToken) =>
        SignOnOrganizations = await db.Organizations.Where(o => db.IdentityProviders.Any(p => p.OrganizationId == o.Id && p.IsEnabled))
            .OrderBy(o => o.Name).Select(o => new SignOnOrganization(o.Id, o.Name)).ToListAsync(cancellationToken);

    private void ShowDemoAccounts() => DemoAccounts = demo.Value.Enabled ? Data.Generation.DemoAccounts.All : [];
}
