namespace Meedenker.Domain;

/// <summary>
/// What a supporter (meedenker) brings to the network: roles, expertise cells (target group × life domain),
/// languages, municipalities, how many open cases they can take, when they are available. For staff only:
/// individual volunteers are never shown to the public.
/// </summary>
public sealed class SupporterProfile
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public Guid OrganizationId { get; set; }
    public SupporterKind Kind { get; set; }
    /// <summary>Open cases this supporter can hold at the same time.</summary>
    public int Capacity { get; private set; }
    public bool AvailableEvenings { get; set; }
    public bool AvailableWeekends { get; set; }
    /// <summary>Training and "bagage" in the supporter's own words.</summary>
    public string? Training { get; set; }
    public List<SupporterTerm> Terms { get; set; } = [];
    public List<SupporterExpertise> Expertise { get; set; } = [];
    public List<SupporterMunicipality> Municipalities { get; set; } = [];

    public void SetCapacity(int capacity)
    {
        if (capacity is < 0 or > 100)
        {
            throw new DomainException("De capaciteit is 0 tot en met 100 open trajecten.", "Capacity is 0 to 100 open cases.");
        }
        Capacity = capacity;
    }
}

/// <summary>A role (clarifier, signposter, advocate), language or contact mode of a supporter.</summary>
public sealed class SupporterTerm
{
    public Guid ProfileId { get; set; }
    public Guid TaxonomyTermId { get; set; }
}

/// <summary>One cell of expertise: a target group in a life domain.</summary>
public sealed class SupporterExpertise
{
    public Guid ProfileId { get; set; }
    public Guid TargetGroupTermId { get; set; }
    public Guid LifeDomainTermId { get; set; }
}

public sealed class SupporterMunicipality
{
    public Guid ProfileId { get; set; }
    public Guid MunicipalityId { get; set; }
}
