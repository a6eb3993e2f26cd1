namespace Meedenker.Domain;

/// <summary>The parts of a case a resident can agree to share.</summary>
[Flags]
public enum SharedParts
{
    None = 0,
    /// <summary>The question(s) in the resident's words.</summary>
    Question = 1,
    /// <summary>Phone, e-mail and address.</summary>
    ContactDetails = 2,
    Network = 4,
    Plan = 8,
    ContactsAndNotes = 16,
    SelfReliance = 32,
    All = Question | ContactDetails | Network | Plan | ContactsAndNotes | SelfReliance,
}

public enum ConsentGivenHow
{
    Verbal = 1,
    Written = 2,
    ResidentPresent = 3,
}

/// <summary>
/// The resident's recorded agreement to share parts of their case with another meedenker (or every meedenker
/// of an organisation), optionally only for some life domains. Changing it withdraws the old one and records
/// a new one, so the history stays; a withdrawn consent counts no more from the next read.
/// </summary>
public sealed class CaseConsent
{
    public const int MaxGivenBy = 100;
    /// <summary><see cref="WithdrawnBy"/> when the resident withdrew it themselves (in their own view).</summary>
    public const string ByResident = "resident";

    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    /// <summary>The meedenker it is given to; null means every meedenker of <see cref="GranteeOrganizationId"/>.</summary>
    public Guid? GranteeSupporterId { get; set; }
    public Guid GranteeOrganizationId { get; set; }
    public SharedParts Parts { get; set; }
    /// <summary>Life domains it covers; empty means all.</summary>
    public List<string> LifeDomainCodes { get; set; } = [];
    /// <summary>Who gave it: the resident, or a representative by name.</summary>
    public required string GivenBy { get; set; }
    public ConsentGivenHow How { get; set; }
    public DateTimeOffset GivenAt { get; set; }
    public Guid? RecordedById { get; set; }
    public Guid? HandoverId { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    /// <summary>"resident" when the resident withdrew it themselves, otherwise the staff member's id.</summary>
    public string? WithdrawnBy { get; set; }

    public bool IsActive => WithdrawnAt is null;

    public static CaseConsent Give(Guid caseId, Guid? granteeSupporterId, Guid granteeOrganizationId, SharedParts parts, IEnumerable<string> lifeDomains,
        string givenBy, ConsentGivenHow how, Guid? recordedBy, DateTimeOffset now, Guid? handoverId = null)
    {
        ArgumentNullException.ThrowIfNull(lifeDomains);
        if (parts == SharedParts.None || (parts & ~SharedParts.All) != 0)
        {
            throw new DomainException("Kies minstens één deel waarvoor de inwoner toestemming geeft.", "Choose at least one part the resident agrees to share.");
        }
        if (string.IsNullOrWhiteSpace(givenBy) || givenBy.Length > MaxGivenBy)
        {
            throw new DomainException("Vul in wie de toestemming gaf (de inwoner of een vertegenwoordiger).", "Enter who gave consent (the resident or a representative).");
        }
        if (!Enum.IsDefined(how))
        {
            throw new DomainException("Kies hoe de toestemming is gegeven.", "Choose how consent was given.");
        }
        return new CaseConsent
        {
            Id = Guid.NewGuid(),
            CaseId = caseId,
            GranteeSupporterId = granteeSupporterId,
            GranteeOrganizationId = granteeOrganizationId,
            Parts = parts,
            LifeDomainCodes = lifeDomains.Distinct().ToList(),
            GivenBy = givenBy.Trim(),
            How = how,
            GivenAt = now,
            RecordedById = recordedBy,
            HandoverId = handoverId,
        };
    }

    public void Withdraw(string by, DateTimeOffset now)
    {
        if (WithdrawnAt is not null)
        {
            throw new DomainException("Deze toestemming is al ingetrokken.", "This consent has already been withdrawn.");
        }
        WithdrawnAt = now;
        WithdrawnBy = by;
    }

    /// <summary>Erasure: a representative's name goes; the scope and dates stay as the record of what was shared.</summary>
    public void EraseGivenBy() => GivenBy = "";

    public bool Covers(SharedParts part, string? lifeDomain) =>
        IsActive && (Parts & part) == part && (LifeDomainCodes.Count == 0 || lifeDomain is null || LifeDomainCodes.Contains(lifeDomain));
}

/// <summary>
/// What one viewer may see of a case. The responsible meedenker and the coordinators of the case's organisation
/// see it all; an informal meedenker who took the whole case over sees what was recorded before only where the
/// resident agreed; everyone else (a partial receiver, a receiver deciding on a handover, their coordinator)
/// sees only the parts and life domains the resident agreed to share with them.
/// </summary>
public sealed class CaseVisibility
{
    private readonly IReadOnlyList<CaseConsent> _consents;

    private CaseVisibility(bool full, DateTimeOffset? ownSince, IReadOnlyList<CaseConsent> consents, IReadOnlyList<string> scopeLifeDomains)
    {
        IsFull = full;
        OwnSince = ownSince;
        _consents = consents;
        ScopeLifeDomains = scopeLifeDomains;
    }

    public bool IsFull { get; }
    /// <summary>From this moment on the viewer sees everything (they are responsible since then).</summary>
    public DateTimeOffset? OwnSince { get; }
    /// <summary>For a partial receiver: the life domains they work on.</summary>
    public IReadOnlyList<string> ScopeLifeDomains { get; }

    public static CaseVisibility Full { get; } = new(true, null, [], []);

    public static CaseVisibility Limited(IEnumerable<CaseConsent> consentsForViewer, DateTimeOffset? ownSince = null, IEnumerable<string>? scope = null) =>
        new(false, ownSince, consentsForViewer.Where(c => c.IsActive).ToList(), scope?.ToList() ?? []);

    /// <summary>Whether the viewer may see an item of this part, in this life domain (null: the case as a whole), recorded at this moment.</summary>
    public bool Sees(SharedParts part, string? lifeDomain = null, DateTimeOffset? recordedAt = null) =>
        IsFull
        || (OwnSince is not null && recordedAt is not null && recordedAt >= OwnSince)
        || _consents.Any(c => c.Covers(part, lifeDomain));

    /// <summary>Whether any of the part is visible at all (for showing the section or the "not shared" note).</summary>
    public bool SeesAny(SharedParts part) => IsFull || OwnSince is not null || _consents.Any(c => (c.Parts & part) == part);
}
