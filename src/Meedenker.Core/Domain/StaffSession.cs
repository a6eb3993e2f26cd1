using System.Net;
using System.Net.Sockets;

namespace Meedenker.Domain;

/// <summary>Why a staff session ended. Stored as text; never rename one.</summary>
public enum SessionEndReason
{
    SignedOut = 1,
    EndedByUser = 2,
    SignedOutEverywhere = 3,
    PasswordChanged = 4,
    AccountDisabled = 5,
    RoleChanged = 6,
    /// <summary>The same browser signed in again (e.g. after setting up two-factor): the old session gives way.</summary>
    Replaced = 7,
}

/// <summary>
/// One signed-in browser of a staff member, kept in the database so that every instance sees at once when it
/// ends (docs/decisions/0100-server-side-sessions.md). The sign-in cookie carries a random 256-bit secret; only its
/// SHA-256 hash is stored here. A session is live until it is ended, until <see cref="ExpiresAt"/> (idle time,
/// moved on when the cookie is renewed) or until <see cref="AbsoluteExpiresAt"/> (however active it is).
/// </summary>
public sealed class StaffSession
{
    /// <summary>Ended and expired sessions are deleted this long after their end by the retention job.</summary>
    public const int KeepDays = 30;

    public Guid Id { get; set; }
    /// <summary>SHA-256 of the secret in the cookie (<see cref="SecretToken.Hash"/>).</summary>
    public required string TokenHash { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset AbsoluteExpiresAt { get; set; }
    /// <summary>Browser and system, e.g. "Firefox op Windows"; enough to recognise a device, no more.</summary>
    public string? Device { get; set; }
    /// <summary>The network, not the address: IPv4 to /24, IPv6 to /48.</summary>
    public string? Network { get; set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public SessionEndReason? EndReason { get; private set; }

    /// <summary>A new session and the secret for its cookie.</summary>
    public static (StaffSession Session, string Secret) Start(Guid userId, DateTimeOffset now, TimeSpan idle, TimeSpan absolute, string? userAgent, IPAddress? address)
    {
        var secret = SecretToken.New();
        var session = new StaffSession
        {
            Id = Guid.NewGuid(),
            TokenHash = SecretToken.Hash(secret),
            UserId = userId,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + idle,
            AbsoluteExpiresAt = now + absolute,
            Device = DeviceOf(userAgent),
            Network = NetworkOf(address),
        };
        return (session, secret);
    }

    public bool IsLive(DateTimeOffset now) => IsLive(EndedAt, ExpiresAt, AbsoluteExpiresAt, now);

    public static bool IsLive(DateTimeOffset? endedAt, DateTimeOffset expiresAt, DateTimeOffset absoluteExpiresAt, DateTimeOffset now) =>
        endedAt is null && now < expiresAt && now < absoluteExpiresAt;

    public void End(DateTimeOffset now, SessionEndReason reason)
    {
        if (EndedAt is not null)
        {
            return;
        }
        EndedAt = now;
        EndReason = reason;
    }

    /// <summary>A short name for the browser and system in a User-Agent header; null when nothing is recognised.</summary>
    public static string? DeviceOf(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return null;
        }
        string? Has(params (string Marker, string Name)[] options) =>
            options.FirstOrDefault(o => userAgent.Contains(o.Marker, StringComparison.OrdinalIgnoreCase)).Name;
        var browser = Has(("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Chromium/", "Chromium"), ("Safari/", "Safari"));
        var system = Has(("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Windows", "Windows"), ("Mac OS X", "macOS"), ("CrOS", "ChromeOS"), ("Linux", "Linux"));
        return (browser, system) switch
        {
            (null, null) => userAgent.Length > 40 ? userAgent[..40] : userAgent,
            (_, null) => browser,
            (null, _) => system,
            _ => $"{browser} · {system}",
        };
    }

    /// <summary>The network of an address, so a staff member can recognise "office" or "home" without us storing the address.</summary>
    public static string? NetworkOf(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            bytes[3] = 0;
            return $"{new IPAddress(bytes)}/24";
        }
        for (var i = 6; i < bytes.Length; i++)
        {
            bytes[i] = 0;
        }
        return $"{new IPAddress(bytes)}/48";
    }
}
