using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Meedenker.Web.Infrastructure;

/// <summary>
/// The staff session's idle timeout. A session ends <c>Security:SessionIdleMinutes</c> after the cookie was last
/// renewed. The cookie is renewed when the security stamp is checked against the database, which is at the first
/// request after <see cref="SecurityStampValidatorOptions.ValidationInterval"/> (one minute), by the sliding
/// expiration, and by "Blijf ingelogd". So the session ends at most a minute earlier than
/// <c>Security:SessionIdleMinutes</c> after the last request, a disabled account loses its sessions within a
/// minute also while it is active, and an ordinary request neither re-encrypts the cookie nor builds the
/// sign-in services. Every request also checks the server-side session (<see cref="StaffSessions"/>): one indexed
/// read; the session row's idle end is moved on only when the cookie is renewed. The page's warning script (<c>wwwroot/js/session-timeout.js</c>) counts down from the
/// cookie's real end (<see cref="SecondsLeft"/>). When an expired session is sent to the sign-in page, the page
/// says why.
/// </summary>
public static class SessionTimeout
{
    public const string CookieName = "meedenker.auth";
    public const string ExpiredQuery = "sessie";
    public const string ExpiredValue = "verlopen";
    public const string KeepAlivePath = "/account/sessie-verlengen";
    private const string EndsAtKey = "meedenker.session-ends-at";

    public static async Task ValidateAndRenewAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.HttpContext.RequestServices;
        var stamp = services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (stamp.TimeProvider ?? context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        var issued = context.Properties.IssuedUtc;
        // The server-side session (StaffSessions): ended on any instance means refused here, at once.
        StaffSessions.State? session = null;
        if (services.GetRequiredService<IOptions<StaffSessionOptions>>().Value.CheckEveryRequest)
        {
            session = await StaffSessions.CheckAsync(context, now);
            if (session is null)
            {
                return;
            }
        }
        // Identity's security-stamp check (it may reject a disabled user, and renews the cookie when the stamp is
        // still good). It only looks at the database once the interval has passed; before that, skip it, and with
        // it the scoped sign-in services it needs.
        if (issued is null || now - issued.Value > stamp.ValidationInterval)
        {
            await SecurityStampValidator.ValidatePrincipalAsync(context);
            if (context.Principal is null)
            {
                return;
            }
        }
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(KeepAlivePath, StringComparison.OrdinalIgnoreCase))
        {
            context.ShouldRenew = true;
        }
        // The cookie handler itself renews a sliding session past half its time.
        var expires = context.Properties.ExpiresUtc;
        var slides = context.Options.SlidingExpiration && issued is not null && expires is not null && now - issued.Value > expires.Value - now;
        var renews = context.ShouldRenew || slides || expires is null;
        var endsAt = renews ? now + context.Options.ExpireTimeSpan : expires!.Value;
        if (session is not null)
        {
            if (renews)
            {
                await StaffSessions.TouchAsync(context.HttpContext, session, now, endsAt);
            }
            if (session.AbsoluteExpiresAt < endsAt)
            {
                endsAt = session.AbsoluteExpiresAt;
            }
        }
        context.HttpContext.Items[EndsAtKey] = endsAt;
    }

    /// <summary>Seconds until this request's session ends, for the warning script; the whole idle time if unknown.</summary>
    public static int SecondsLeft(HttpContext context, TimeSpan idle, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(time);
        var left = context.Items[EndsAtKey] is DateTimeOffset endsAt ? endsAt - time.GetUtcNow() : idle;
        return (int)Math.Ceiling(Math.Clamp(left.TotalSeconds, 0, idle.TotalSeconds));
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
