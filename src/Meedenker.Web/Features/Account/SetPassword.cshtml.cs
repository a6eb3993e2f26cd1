using Meedenker.Domain;
using Meedenker.Web.Features.Shared;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Meedenker.Web.Features.Account;

/// <summary>An invited staff member chooses a password with the link from the invitation mail.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.Login)]
public sealed class SetPasswordModel(UserManager<StaffUser> users) : FormPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var invalidLink = Lang.Pick("Deze link werkt niet meer. Vraag de beheerder om een nieuwe uitnodiging.", "This link no longer works. Ask the administrator for a new invitation.");
        var user = UserId is null ? null : await users.FindByIdAsync(UserId);
        if (user is null || user.IsDisabled || string.IsNullOrEmpty(Token))
        {
            ModelState.AddModelError(string.Empty, invalidLink);
            return Page();
        }
        if (string.IsNullOrEmpty(Password) || Password.Length < 12)
        {
            ModelState.AddModelError(nameof(Password), Lang.Pick("Kies een wachtwoord van minstens 12 tekens.", "Choose a password of at least 12 characters."));
            return Page();
        }
        if (Password.Length > 256)
        {
            ModelState.AddModelError(nameof(Password), Lang.Pick("Dit wachtwoord is te lang (meer dan 256 tekens).", "This password is too long (over 256 characters)."));
            return Page();
        }
        var result = await users.ResetPasswordAsync(user, Token, Password);
        if (!result.Succeeded)
        {
            var tokenProblem = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken));
            ModelState.AddModelError(tokenProblem ? string.Empty : nameof(Password), tokenProblem ? invalidLink
                : Lang.Pick("Dit wachtwoord is niet sterk genoeg. Kies een langer wachtwoord met meer verschillende tekens.", "This password is not strong enough. Choose a longer password with more different characters."));
            return Page();
        }
        Done = true;
        return Page();
    }
}
