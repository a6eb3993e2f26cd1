namespace Meedenker.Domain;

public enum ConsentGivenBy
{
    Resident = 1,
    Representative = 2,
}

public enum ConsentMethod
{
    Verbal = 1,
    Written = 2,
    ResidentPresent = 3,
}

/// <summary>
/// A referral (verwijzing) by a professional or a referral place. It wraps a help request and records the
/// resident's consent; the referrer later sees the request's status, never its content.
/// </summary>
public sealed class Referral
{
    public Guid Id { get; set; }
    public Guid HelpRequestId { get; set; }
    /// <summary>Set when the referrer has an account or an API key; null for the public referral form.</summary>
    public Guid? ReferrerOrganizationId { get; set; }
    public Guid? ReferrerUserId { get; set; }
    public required string ReferrerName { get; set; }
    public string? ReferrerOrganizationName { get; set; }
    public string? ReferrerEmail { get; set; }
    public string? ReferrerPhone { get; set; }
    /// <summary>Channel taxonomy code of the kind of referrer (huisarts, sociaal-team, …).</summary>
    public string? ReferrerKindCode { get; set; }

    /// <summary>
    /// The channel codes that name a kind of referrer. The rest of the channel list (friend or family, social
    /// media, flyer, website) only says how a resident heard of client support: nobody refers as "social media".
    /// </summary>
    public static readonly IReadOnlyList<string> ReferrerKinds =
        ["huisarts", "sociaal-team", "wijkverpleging", "school", "bibliotheek", "woningcorporatie", "kerk-vereniging"];

    public static bool IsReferrerKind(string? code) => code is not null && ReferrerKinds.Contains(code);
    /// <summary>SHA-256 of the referrer's status link token (public form only).</summary>
    public string? ReferrerTokenHash { get; set; }
    public ConsentGivenBy ConsentGivenBy { get; set; }
    public ConsentMethod ConsentMethod { get; set; }
    public DateTimeOffset ConsentGivenAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public bool NotifyReferrer { get; set; }

    /// <summary>
    /// Removes the referring person's name and contact details and the status link; keeps the organisation, the
    /// kind of referrer and the recorded consent (what, by whom, how, when) as proof. Idempotent.
    /// </summary>
    public void Anonymise()
    {
        ReferrerName = "";
        ReferrerEmail = null;
        ReferrerPhone = null;
        ReferrerTokenHash = null;
        NotifyReferrer = false;
    }

    public static void EnsureConsent(bool consentConfirmed, ConsentGivenBy? givenBy, ConsentMethod? method, DateTimeOffset? givenAt, DateTimeOffset now)
    {
        if (!consentConfirmed || givenBy is null || method is null || givenAt is null)
        {
            throw new DomainException("Verwijzen kan alleen met toestemming van de inwoner.", "A referral needs the resident's consent.");
        }
        if (givenAt > now.AddMinutes(5))
        {
            throw new DomainException("De datum van de toestemming ligt in de toekomst.", "The consent date is in the future.");
        }
    }
}

/// <summary>
/// Which organisations' coordinators get new requests from a municipality (admin-editable). A route without a
/// municipality is the region's fallback: it takes the requests of every municipality that has no route of its
/// own, so a request that got a reference code always reaches a queue (docs/decisions/0091-intake-fallback-route.md).
/// </summary>
public sealed class IntakeRoute
{
    public Guid Id { get; set; }
    /// <summary>Null for the region's fallback route.</summary>
    public Guid? MunicipalityId { get; set; }
    public Guid OrganizationId { get; set; }
}

/// <summary>A request placed in an organisation's intake queue.</summary>
public sealed class IntakeAssignment
{
    public Guid HelpRequestId { get; set; }
    public Guid OrganizationId { get; set; }

    /// <summary>
    /// Whether the request still waits in this queue (its status is Received). Kept by the request's own status
    /// changes, so the queue's size is one small index read instead of a look-up per waiting request.
    /// </summary>
    public bool Waiting { get; set; }
}

/// <summary>A per-organisation key for referrer systems; only its hash is stored, and it can be revoked.</summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public required string Name { get; set; }
    public required string KeyHash { get; set; }
    /// <summary>The first characters, so an admin can tell keys apart without seeing them.</summary>
    public required string Prefix { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsActive => RevokedAt is null;

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}
