namespace Meedenker.Domain;

/// <summary>
/// What an organisation is in the network. A, B and C follow the domain brief: A has client support as its
/// core task, B has aspects of it, C gives informal support. Referring organisations and municipalities
/// hold staff accounts too, but never case content.
/// </summary>
public enum OrganizationKind
{
    SupportA = 1,
    SupportB = 2,
    SupportC = 3,
    Referrer = 4,
    Municipality = 5,
}

public sealed class Organization
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public OrganizationKind Kind { get; set; }
    /// <summary>The municipality where it is based; for a municipality organisation, the one it is.</summary>
    public Guid MunicipalityId { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Website { get; set; }
    /// <summary>What the organisation does, in plain words for residents (shown on the social map).</summary>
    public string? Description { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public bool GivesClientSupport => Kind is OrganizationKind.SupportA or OrganizationKind.SupportB or OrganizationKind.SupportC;
}
