using System.Security.Cryptography;
using System.Text;

namespace Meedenker.Domain;

/// <summary>
/// What one idempotency key (an API's <c>Idempotency-Key</c> header, a form's submission id) already created. The
/// key only deduplicates: the secret of the status link is always made by the server, and a retry gets it back
/// from here (encrypted with the app's data-protection keys) for <see cref="ReplayHours"/> hours. A key used again
/// with a different body is refused. Keys are stored as a hash, scoped per caller, so one caller's key never
/// finds another caller's request.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>How long a retry gets the first answer back; after that the record is deleted and the key forgotten.</summary>
    public const int ReplayHours = 24;

    public Guid Id { get; set; }
    /// <summary>SHA-256 of scope and key (<see cref="HashKey"/>).</summary>
    public required string KeyHash { get; set; }
    /// <summary>SHA-256 of the request as understood (<see cref="HashBody"/>).</summary>
    public required string BodyHash { get; set; }
    public Guid HelpRequestId { get; set; }
    /// <summary>The link secret the first answer carried, encrypted; null when that answer carried none.</summary>
    public string? ProtectedSecret { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public bool IsExpired(DateTimeOffset now) => now - CreatedAt >= TimeSpan.FromHours(ReplayHours);

    /// <summary>The key's hash within its scope (e.g. <c>api:help-request</c>, <c>api:referral:{organisation}</c>).</summary>
    public static string HashKey(string scope, string key) => Sha256($"{scope}\n{key}");

    /// <summary>The hash of a canonical text of the request (e.g. its parsed input serialised again).</summary>
    public static string HashBody(string canonicalBody) => Sha256(canonicalBody);

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
