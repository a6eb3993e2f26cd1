using Meedenker.Data;
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
public sealed class SetPasswordModel(UserManager<StaffUser> users, AppDbContext db, TimeProvider time) : FormPageModel
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
        if (PasswordRules.Check(Password, user.Email) is { } problem)
        {
            ModelState.AddModelError(nameof(Password), problem.Description);
            return Page();
        }
        var result = await users.ResetPasswordAsync(user, Token, Password!);
        if (!result.Succeeded)
        {
            var tokenProblem = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken));
            ModelState.AddModelError(tokenProblem ? string.Empty : nameof(Password), tokenProblem ? invalidLink : result.Errors.First().Description);
            return Page();
        }
        // Whoever knew the old password is signed out everywhere, at once.
        await StaffSessions.EndAllAsync(db, user.Id, SessionEndReason.PasswordChanged, time.GetUtcNow(), HttpContext.RequestAborted);
        Done = true;
        return Page();
    }
}
