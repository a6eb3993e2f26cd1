using System.Globalization;
using System.Security.Cryptography;
using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.OwnRecord;

/// <summary>
/// After the one-time code: a short-lived, encrypted cookie that says which help request (status link) the
/// visitor proved. It is scoped to the status pages, HTTP-only and SameSite=Strict; nothing is kept on the server.
/// </summary>
/// <summary>A visitor proved with link and code: which help request, and whose record it is.</summary>
public sealed record OwnProof(Guid HelpRequestId, Guid ResidentId);

public sealed class OwnViewSession(IDataProtectionProvider protection, TimeProvider time, AppDbContext db, AccessCheck access)
{
    public const string CookieName = "md-eigen";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(20);

    private IDataProtector Protector => protection.CreateProtector("Meedenker.OwnView.v1");

    public void Start(HttpContext context, Guid helpRequestId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var until = time.GetUtcNow() + Lifetime;
        var value = Protector.Protect($"{helpRequestId:N}|{until.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}");
        // A session cookie: the protected value carries its own end, checked on every request against our clock.
        // A browser-side expiry would be judged by the visitor's clock instead (and by a test's HttpClient against
        // the wall clock, which drops the cookie when the test clock runs behind).
        context.Response.Cookies.Append(CookieName, value, Options(context));
    }

    /// <summary>The help request this visitor proved with a code, while the proof is fresh; otherwise null.</summary>
    public Guid? Proven(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }
        try
        {
            var parts = Protector.Unprotect(value).Split('|');
            return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var id)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var until)
                && DateTimeOffset.FromUnixTimeSeconds(until) > time.GetUtcNow()
                ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The help request behind a status link, while it still holds personal data; null for a wrong or guessed link.</summary>
    public async Task<Guid?> RequestIdAsync(string? token, CancellationToken cancellationToken) =>
        SecretToken.IsWellFormed(token)
            ? await db.HelpRequests.Where(h => h.StatusTokenHash == SecretToken.Hash(token!) && h.AnonymisedAt == null).Select(h => (Guid?)h.Id).SingleOrDefaultAsync(cancellationToken)
            : null;

    /// <summary>
    /// The resident, when this visitor proved this status link with a code; the check goes through the access
    /// check and is logged (only when there is a proof to check).
    /// </summary>
    public async Task<OwnProof?> ResidentAsync(HttpContext context, string? token, AccessAction action, string resource, CancellationToken cancellationToken)
    {
        var proven = Proven(context);
        if (proven is null)
        {
            return null;
        }
        var requestId = await RequestIdAsync(token, cancellationToken);
        var residentId = requestId is null ? null : await access.ForOwnRecordAsync(requestId.Value, proven, action, resource, cancellationToken);
        return residentId is null ? null : new OwnProof(requestId!.Value, residentId.Value);
    }

    /// <summary>The code gate of a help request's own view, created on first use (saved with the caller's next save).</summary>
    public async Task<OwnViewAccess> GateAsync(Guid helpRequestId, CancellationToken cancellationToken)
    {
        var gate = await db.OwnViewAccesses.SingleOrDefaultAsync(a => a.HelpRequestId == helpRequestId, cancellationToken);
        if (gate is null)
        {
            gate = new OwnViewAccess { HelpRequestId = helpRequestId };
            db.OwnViewAccesses.Add(gate);
        }
        return gate;
    }

    public void End(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(CookieName, Options(context));
    }

    private static CookieOptions Options(HttpContext context) => new()
    {
        Path = "/status",
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        IsEssential = true,
    };
}
