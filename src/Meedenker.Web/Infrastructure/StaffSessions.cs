using System.Security.Claims;
using Meedenker.Data;
using Meedenker.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meedenker.Web.Infrastructure;

/// <summary>
/// Only the benchmark's baseline turns the per-request check off (bench/Meedenker.Bench/SessionBench.cs); it is
/// deliberately not read from configuration.
/// </summary>
public sealed class StaffSessionOptions
{
    public bool CheckEveryRequest { get; set; } = true;
}

/// <summary>
/// Server-side staff sessions (docs/decisions/0100-server-side-sessions.md). Signing in makes a
/// <see cref="StaffSession"/> row and puts its secret in the cookie (claim <see cref="StaffClaims.SessionId"/>);
/// every request looks the row up by the secret's hash, so a session ended on one instance is refused on every
/// instance at the next request. The row's idle end moves on only when the cookie itself is renewed (at most once a
/// minute, <see cref="SessionTimeout"/>), so an ordinary request is one indexed read and no write.
/// </summary>
public static class StaffSessions
{
    public sealed record State(Guid Id, Guid UserId, DateTimeOffset ExpiresAt, DateTimeOffset AbsoluteExpiresAt, DateTimeOffset? EndedAt);

    private static readonly Func<AppDbContext, string, CancellationToken, Task<State?>> FindByHash = EF.CompileAsyncQuery(
        (AppDbContext db, string hash, CancellationToken _) => db.StaffSessions
            .Where(s => s.TokenHash == hash)
            .Select(s => new State(s.Id, s.UserId, s.ExpiresAt, s.AbsoluteExpiresAt, s.EndedAt))
            .FirstOrDefault());

    public static string? SecretOf(ClaimsPrincipal? user)
    {
        var secret = user?.FindFirstValue(StaffClaims.SessionId);
        return SecretToken.IsWellFormed(secret) ? secret : null;
    }

    /// <summary>The hash of this request's session secret, to mark "this session" in a list; null when signed out.</summary>
    public static string? CurrentHash(ClaimsPrincipal? user) => SecretOf(user) is { } secret ? SecretToken.Hash(secret) : null;

    /// <summary>Cookie event: every sign-in starts a new session; the browser's previous one, if any, gives way.</summary>
    public static async Task OnSigningInAsync(CookieSigningInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Principal?.Identity is not ClaimsIdentity identity || StaffClaims.UserIdOf(context.Principal) is not { } userId)
        {
            return;
        }
        var http = context.HttpContext;
        var settings = http.RequestServices.GetRequiredService<IOptions<SecuritySettings>>().Value;
        var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        // A fresh scope: the page's own context may hold changes that are not ours to save.
        using var scope = http.RequestServices.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (CurrentHash(http.User) is { } previous)
        {
            await EndAsync(db, s => s.TokenHash == previous, SessionEndReason.Replaced, now, http.RequestAborted);
        }
        var (session, secret) = StaffSession.Start(userId, now, settings.SessionIdle, settings.SessionAbsolute,
            http.Request.Headers.UserAgent.ToString(), http.Connection.RemoteIpAddress);
        db.StaffSessions.Add(session);
        await db.SaveChangesAsync(http.RequestAborted);
        foreach (var old in identity.FindAll(StaffClaims.SessionId).ToList())
        {
            identity.RemoveClaim(old);
        }
        identity.AddClaim(new Claim(StaffClaims.SessionId, secret));
    }

    /// <summary>Cookie event: signing out ends this browser's session in the database, so a copy of the cookie is dead too.</summary>
    public static async Task OnSigningOutAsync(CookieSigningOutContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (CurrentHash(context.HttpContext.User) is not { } hash)
        {
            return;
        }
        var db = context.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
        var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        await EndAsync(db, s => s.TokenHash == hash, SessionEndReason.SignedOut, now, CancellationToken.None);
    }

    /// <summary>
    /// The per-request check: the cookie's session must exist, belong to the cookie's user and be live. Otherwise the
    /// principal is rejected and the cookie deleted. Returns the session when it is live.
    /// </summary>
    public static async Task<State?> CheckAsync(CookieValidatePrincipalContext context, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.HttpContext.RequestServices;
        var secret = SecretOf(context.Principal);
        if (secret is not null)
        {
            var state = await FindByHash(services.GetRequiredService<AppDbContext>(), SecretToken.Hash(secret), context.HttpContext.RequestAborted);
            if (state is not null && state.UserId == StaffClaims.UserIdOf(context.Principal!) && StaffSession.IsLive(state.EndedAt, state.ExpiresAt, state.AbsoluteExpiresAt, now))
            {
                return state;
            }
        }
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
        return null;
    }

    /// <summary>The cookie is renewed: the session's idle end moves on with it (never past its absolute end).</summary>
    public static Task TouchAsync(HttpContext http, State session, DateTimeOffset now, DateTimeOffset endsAt)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(session);
        var db = http.RequestServices.GetRequiredService<AppDbContext>();
        var expires = endsAt < session.AbsoluteExpiresAt ? endsAt : session.AbsoluteExpiresAt;
        return db.StaffSessions.Where(s => s.Id == session.Id && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now).SetProperty(s => s.ExpiresAt, expires), http.RequestAborted);
    }

    /// <summary>Ends every open session of a user: a new password, a disabled account, a new role, "Overal uitloggen".</summary>
    public static Task<int> EndAllAsync(AppDbContext db, Guid userId, SessionEndReason reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        EndAsync(db, s => s.UserId == userId, reason, now, cancellationToken);

    /// <summary>Ends one session of a user; 0 when it is not theirs or already ended.</summary>
    public static Task<int> EndOneAsync(AppDbContext db, Guid userId, Guid sessionId, DateTimeOffset now, CancellationToken cancellationToken) =>
        EndAsync(db, s => s.UserId == userId && s.Id == sessionId, SessionEndReason.EndedByUser, now, cancellationToken);

    private static Task<int> EndAsync(AppDbContext db, System.Linq.Expressions.Expression<Func<StaffSession, bool>> which, SessionEndReason reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        SessionEndReason? why = reason;
        DateTimeOffset? at = now;
        return db.StaffSessions.Where(which).Where(s => s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, at).SetProperty(s => s.EndReason, why), cancellationToken);
    }
}
