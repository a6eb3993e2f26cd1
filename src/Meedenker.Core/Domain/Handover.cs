namespace Meedenker.Domain;

/// <summary>The three directions of scaling in the domain brief.</summary>
public enum HandoverDirection
{
    /// <summary>From the resident's own network to a meedenker.</summary>
    NetworkToSupporter = 1,
    /// <summary>Opschalen: from an informal to a formal meedenker.</summary>
    InformalToFormal = 2,
    /// <summary>Afschalen: from a formal to an informal meedenker.</summary>
    FormalToInformal = 3,
}

public enum HandoverStatus
{
    Proposed = 1,
    Accepted = 2,
    Declined = 3,
    Withdrawn = 4,
}

/// <summary>The criteria of the domain brief per direction, as data with stable codes.</summary>
public static class HandoverCriteria
{
    public sealed record Criterion(string Code, string Nl, string En);

    public static IReadOnlyList<Criterion> For(HandoverDirection direction) => direction switch
    {
        HandoverDirection.NetworkToSupporter => NetworkToSupporter,
        HandoverDirection.InformalToFormal => InformalToFormal,
        _ => FormalToInformal,
    };

    public static readonly IReadOnlyList<Criterion> NetworkToSupporter =
    [
        new("netwerk-ontbreekt", "Er is geen netwerk", "There is no network"),
        new("geen-antwoord", "Het netwerk heeft geen antwoorden of geen zicht op wat nodig is", "The network has no answers or no view of the needs"),
        new("handelingsverlegen", "Het netwerk weet het niet meer", "The network is at a loss"),
        new("weg-onbekend", "Het netwerk kent de weg in zorg en welzijn, kosten of regels niet", "The network does not know the way in care and welfare, costs or rules"),
        new("aanvraag", "Het netwerk kan geen aanvraag doen", "The network cannot submit an application"),
        new("geen-vertrouwen", "De inwoner vertrouwt het netwerk niet", "The resident does not trust the network"),
        new("overbelast", "Het netwerk is overbelast", "The network is overloaded"),
        new("netwerk-wil-niet", "Het netwerk zegt: dit (deel) kunnen of willen we niet", "The network says: we can't or won't do (this part of) it"),
    ];

    public static readonly IReadOnlyList<Criterion> InformalToFormal =
    [
        new("complex", "De situatie is ingewikkeld of er zijn meer vragen door elkaar", "The case is complicated or has several intertwined questions"),
        new("specialisatie", "Er is specialisatie in een doelgroep nodig", "Specialisation in a target group is needed"),
        new("meer-wetten", "Er is een integrale aanpak over meer wetten nodig", "An integral approach across several laws is needed"),
        new("noodzakelijke-zorg", "Van wenselijke naar noodzakelijke zorg", "From desirable to necessary care"),
        new("veiligheid", "Veiligheidsrisico voor de inwoner of anderen", "A safety risk to the resident or others"),
        new("bezwaar", "Klachten, geschillen, bezwaar of beroep", "Complaints, disputes, objections or appeals"),
        new("niet-geholpen", "De inwoner wordt ondanks hulp niet geholpen", "The resident is not helped despite help and care"),
        new("bagage", "De informele meedenker mist de bagage", "The informal supporter lacks the baggage"),
        new("kan-niet", "De informele meedenker zegt: dit (deel) kan of wil ik niet", "The informal supporter says: I can't or won't do (this part of) it"),
        new("advies", "De informele meedenker vraagt advies of extra hulp", "The informal supporter asks for advice or extra help"),
    ];

    public static readonly IReadOnlyList<Criterion> FormalToInformal =
    [
        new("lichter", "De situatie is lichter en duidelijker geworden", "The case has become lighter and clearer"),
        new("dagelijks", "Het gaat nu vooral om hulp bij dagelijkse dingen", "It is now mostly help with daily activities"),
        new("inwoner-vertrouwt", "De inwoner vertrouwt de informele meedenker en heeft de formele niet meer nodig", "The resident trusts the informal supporter and no longer needs the formal one"),
        new("kwaliteit", "De formele meedenker vertrouwt de informele (kwaliteit geborgd)", "The formal supporter trusts the informal one (quality assured)"),
        new("buiten-kantoortijd", "Hulp buiten kantoortijd is nodig", "Help outside office hours is needed"),
        new("niet-meer-nodig", "De formele meedenker is (voor delen) niet meer nodig", "The formal supporter is no longer needed (for parts)"),
    ];
}

/// <summary>
/// Op- of afschalen: part or all of a case passes to another meedenker with a warm handover. Until the
/// receiver accepts, the current meedenker stays responsible; the history stays on the case.
/// </summary>
public sealed class Handover
{
    public const int MaxReason = 1000;
    public const int MaxPassedOn = 2000;

    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public HandoverDirection Direction { get; set; }
    public List<string> CriteriaCodes { get; set; } = [];
    public string? Reason { get; set; }
    public bool Partial { get; set; }
    public List<string> ScopeLifeDomains { get; set; } = [];
    public List<Guid> ScopeActionIds { get; set; } = [];
    public Guid? FromSupporterId { get; set; }
    public Guid ToSupporterId { get; set; }
    public Guid ToOrganizationId { get; set; }
    /// <summary>The date of the warm handover conversation.</summary>
    public DateOnly PlannedOn { get; set; }
    public bool ResidentPresent { get; set; }
    /// <summary>What is passed on, as agreed with the resident.</summary>
    public string? PassedOn { get; set; }
    /// <summary>The parts the resident agreed to share with the receiver.</summary>
    public SharedParts ConsentedParts { get; set; }
    public HandoverStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid CreatedById { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionReason { get; set; }

    public bool IsOpen => Status == HandoverStatus.Proposed;

    /// <summary>Erasure: reasons and what was passed on go; direction, criteria, scope and dates stay.</summary>
    public void EraseText()
    {
        Reason = null;
        PassedOn = null;
        DecisionReason = null;
    }

    public void Decline(Guid receiverId, string? reason, DateTimeOffset now, CaseConsent? linkedConsent)
    {
        EnsureOpen();
        if (receiverId != ToSupporterId)
        {
            throw new DomainException("Alleen de ontvangende meedenker kan deze overdracht afwijzen.", "Only the receiving supporter can decline this handover.");
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            throw new DomainException("Geef een reden van hoogstens 500 tekens.", "Give a reason of at most 500 characters.");
        }
        Status = HandoverStatus.Declined;
        DecidedAt = now;
        DecisionReason = reason.Trim();
        EndConsent(linkedConsent, now);
    }

    /// <summary>The proposing side takes it back; what was shared for it is no longer shared.</summary>
    public void Withdraw(DateTimeOffset now, CaseConsent? linkedConsent)
    {
        EnsureOpen();
        Status = HandoverStatus.Withdrawn;
        DecidedAt = now;
        EndConsent(linkedConsent, now);
    }

    private void EndConsent(CaseConsent? consent, DateTimeOffset now)
    {
        if (consent is { IsActive: true } && consent.HandoverId == Id)
        {
            consent.Withdraw("handover-ended", now);
        }
    }

    internal void MarkAccepted(DateTimeOffset now)
    {
        EnsureOpen();
        Status = HandoverStatus.Accepted;
        DecidedAt = now;
    }

    private void EnsureOpen()
    {
        if (Status != HandoverStatus.Proposed)
        {
            throw new DomainException("Deze overdracht staat niet meer open (al geaccepteerd, afgewezen of ingetrokken).",
                "This handover is no longer open (already accepted, declined or withdrawn).");
        }
    }
}

/// <summary>
/// A meedenker who took over part of a case (a partial handover): they work on the life domains in scope and
/// see what the resident agreed to share with them, while the rest stays with the responsible meedenker.
/// </summary>
public sealed class CaseParticipant
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid SupporterId { get; set; }
    public Guid OrganizationId { get; set; }
    public List<string> LifeDomainCodes { get; set; } = [];
    public Guid HandoverId { get; set; }
    public DateTimeOffset Since { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}
