using System.Globalization;
using Meedenker.Web.Features.Shared;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Meedenker.Web.Features.Account;

/// <summary>
/// "Blijf ingelogd": this post renews the session (<see cref="SessionTimeout.ValidateAndRenewAsync"/>). The warning
/// script posts it with fetch and gets the new remaining time; without script the form returns to the page.
/// </summary>
// Any signed-in user, also one still enrolling their authenticator app.
[Authorize]
public sealed class KeepAliveModel(IOptions<SecuritySettings> security, TimeProvider time) : FormPageModel
{
    [BindProperty]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() => Page();

    public IActionResult OnPost()
    {
        if (string.Equals(Request.Headers.XRequestedWith, "XMLHttpRequest", StringComparison.Ordinal))
        {
            // The renewed end, which is earlier than the whole idle time near the session's absolute end.
            var seconds = SessionTimeout.SecondsLeft(HttpContext, security.Value.SessionIdle, time);
            return new JsonResult(new { expiresInSeconds = seconds, message = Lang.Pick("Je blijft ingelogd.", "You stay signed in.") })
            {
                StatusCode = StatusCodes.Status200OK,
                ContentType = "application/json; charset=utf-8",
            };
        }
        return LocalRedirect(SafeReturnUrl(ReturnUrl, "/werk"));
    }

    public static string Seconds(TimeSpan span) => ((int)span.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
