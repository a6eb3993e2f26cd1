using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Meedenker.Web.Infrastructure;

/// <summary>
/// The staff session's idle timeout. Every signed-in request renews the cookie, so a session ends exactly
/// <c>Security:SessionIdleMinutes</c> after the last request and the page's warning script
/// (<c>wwwroot/js/session-timeout.js</c>) can count from the moment the page loaded. When an expired session
/// is sent to the sign-in page, the page says why.
/// </summary>
public static class SessionTimeout
{
    public const string CookieName = "meedenker.auth";
    public const string ExpiredQuery = "sessie";
    public const string ExpiredValue = "verlopen";

    public static async Task RenewOnEveryRequestAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Identity's security-stamp check first: it may reject the principal (a disabled user).
        await SecurityStampValidator.ValidatePrincipalAsync(context);
        if (context.Principal is not null)
        {
            context.ShouldRenew = true;
        }
    }

    public static Task RedirectToLoginAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The warning script asks with fetch: it gets 401, not the sign-in page.
        if (string.Equals(context.Request.Headers.XRequestedWith, "XMLHttpRequest", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }
        var uri = context.RedirectUri;
        // A sign-in cookie that no longer works is a session that ran out (or was ended by an admin).
        if (context.Request.Cookies.ContainsKey(CookieName))
        {
            uri += (uri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + $"{ExpiredQuery}={ExpiredValue}";
        }
        context.Response.Redirect(uri);
        return Task.CompletedTask;
    }
}
