using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Meedenker.Web.Features.Account;

[AllowAnonymous]
public sealed class AccessDeniedModel(IOptions<DemoSettings> demo) : PageModel
{
    public IActionResult OnGet(string? returnUrl)
    {
        // Staff who have not set up two-factor yet are sent to do that first.
        if (User.Identity?.IsAuthenticated == true && !StaffClaims.SecondFactorSatisfied(User, demo.Value.Enabled))
        {
            return RedirectToPage("/Account/EnableAuthenticator", new { ReturnUrl = returnUrl });
        }
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
