using System.Security.Cryptography;
using System.Text;

namespace Meedenker.Domain;

/// <summary>How the resident got the one-time code for their own view.</summary>
public enum OwnViewCodeChannel
{
    Email = 1,
    Phone = 2,
    /// <summary>Handed over in person (or by phone) by the meedenker or coordinator.</summary>
    HandedOver = 3,
}

public enum OwnViewCodeResult
{
    Accepted = 1,
    /// <summary>Wrong, expired or no code: the resident gets one neutral message.</summary>
    Refused = 2,
    /// <summary>Too many wrong codes: the route is locked for a while (also shown with the neutral message).</summary>
    Locked = 3,
}

/// <summary>
/// The second step before a resident sees their own record: the status link alone is not enough, they also
/// enter a one-time code sent to the e-mail address or phone number on file, or handed over by their meedenker.
/// One row per help request (per status link). Only a hash of the code is stored; three wrong codes in a row
/// lock the route for <see cref="LockFor"/> and void the code.
/// </summary>
public sealed class OwnViewAccess
{
    public const int MaxFailures = 3;
    public const int CodeLength = 6;
    public static readonly TimeSpan LockFor = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan SentCodeValidFor = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan HandedOverCodeValidFor = TimeSpan.FromDays(7);
    /// <summary>A new code is sent at most this often, so the route cannot flood a resident's inbox.</summary>
    public static readonly TimeSpan ResendAfter = TimeSpan.FromMinutes(1);

    public Guid HelpRequestId { get; set; }
    public string? CodeHash { get; set; }
    public OwnViewCodeChannel? Channel { get; set; }
    public DateTimeOffset? IssuedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public int FailedAttempts { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsLocked(DateTimeOffset now) => LockedUntil is { } until && until > now;

    /// <summary>Whether a new code may be sent now (not locked, and not one sent within the last minute).</summary>
    public bool MaySend(DateTimeOffset now) =>
        !IsLocked(now) && (IssuedAt is not { } issued || Channel == OwnViewCodeChannel.HandedOver || now - issued >= ResendAfter);

    /// <summary>Issues a fresh code (the previous one stops working) and returns it; only its hash is kept.</summary>
    public string Issue(OwnViewCodeChannel channel, DateTimeOffset now)
    {
        if (!Enum.IsDefined(channel))
        {
            throw new DomainException("Kies hoe je de code wilt krijgen.", "Choose how you want to get the code.");
        }
        if (IsLocked(now))
        {
            throw new DomainException("Er is te vaak een verkeerde code gebruikt. Probeer het later opnieuw.", "A wrong code was used too often. Please try again later.");
        }
        var code = string.Concat(Enumerable.Range(0, CodeLength).Select(_ => (char)('0' + RandomNumberGenerator.GetInt32(10))));
        CodeHash = Hash(code);
        Channel = channel;
        IssuedAt = now;
        ExpiresAt = now + (channel == OwnViewCodeChannel.HandedOver ? HandedOverCodeValidFor : SentCodeValidFor);
        return code;
    }

    /// <summary>
    /// Checks a code. A right code within its time is used up (it works once); a wrong one counts, and the third
    /// wrong one in a row locks the route and voids the code.
    /// </summary>
    public OwnViewCodeResult Verify(string? code, DateTimeOffset now)
    {
        if (IsLocked(now))
        {
            return OwnViewCodeResult.Locked;
        }
        var normalised = new string((code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (CodeHash is not null && ExpiresAt > now && normalised.Length == CodeLength
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(normalised)), Encoding.ASCII.GetBytes(CodeHash)))
        {
            CodeHash = null;
            ExpiresAt = null;
            FailedAttempts = 0;
            LastUsedAt = now;
            return OwnViewCodeResult.Accepted;
        }
        FailedAttempts++;
        if (FailedAttempts >= MaxFailures)
        {
            FailedAttempts = 0;
            LockedUntil = now + LockFor;
            CodeHash = null;
            ExpiresAt = null;
            return OwnViewCodeResult.Locked;
        }
        return OwnViewCodeResult.Refused;
    }

    private static string Hash(string code) => SecretToken.Hash("own-view-code:" + code);
}
