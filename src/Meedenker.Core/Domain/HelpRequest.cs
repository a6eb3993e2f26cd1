namespace Meedenker.Domain;

/// <summary>How a help request came in.</summary>
public enum RequestChannel
{
    Self = 1,
    Relative = 2,
    Referrer = 3,
}

/// <summary>Where a request stands, in the words the resident and the referrer see.</summary>
public enum HelpRequestStatus
{
    Received = 1,
    Matched = 2,
    InContact = 3,
    Closed = 4,
    Withdrawn = 5,
    Declined = 6,
}

/// <summary>How the resident wants to be contacted; more than one may be chosen.</summary>
[Flags]
#pragma warning disable CA1711 // "Preferences" is the domain word, not a flags suffix.
public enum ContactPreferences
#pragma warning restore CA1711
{
    None = 0,
    Phone = 1,
    Email = 2,
    Letter = 4,
    HomeVisit = 8,
    CallBack = 16,
}

[Flags]
public enum ContactTimes
{
    None = 0,
    Morning = 1,
    Afternoon = 2,
    Evening = 4,
}

/// <summary>A question for help as it comes in (hulpvraag). The reference code is shown to the resident.</summary>
public sealed class HelpRequest
{
    public Guid Id { get; set; }
    public required string ReferenceCode { get; set; }
    /// <summary>SHA-256 of the status link's secret token; the token itself is never stored.</summary>
    public string? StatusTokenHash { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public Guid ResidentId { get; set; }
    public Guid MunicipalityId { get; set; }
    public Guid? NeighbourhoodId { get; set; }
    public string? Postcode { get; set; }
    public RequestChannel Channel { get; set; }
    /// <summary>Taxonomy code of the referrer kind or "how did you hear of us".</summary>
    public string? SourceCode { get; set; }
    /// <summary>The first life domain chosen; all of them are in <see cref="LifeDomains"/>.</summary>
    public string? LifeDomainCode { get; set; }
    public List<HelpRequestLifeDomain> LifeDomains { get; set; } = [];
    public string? TargetGroupCode { get; set; }
    public string? Question { get; set; }
    public HelpRequestStatus Status { get; set; }

    public ContactPreferences ContactPreferences { get; set; }
    public ContactTimes ContactTimes { get; set; }
    public string? ContactTimeNote { get; set; }
    public string? LanguageCode { get; set; }
    public bool NeedsInterpreter { get; set; }
    public bool EasyLanguage { get; set; }
    public string? AccessibilityNeeds { get; set; }
    /// <summary>A relative or carer who asked on the resident's behalf, with the resident's agreement.</summary>
    public string? RelativeName { get; set; }

    public bool PossibleDuplicate { get; set; }
    /// <summary>Triage: needs a quick answer.</summary>
    public bool Urgent { get; set; }
    /// <summary>Triage: a safety risk to the resident or others; routes the request to a formal meedenker.</summary>
    public bool SafetyConcern { get; set; }
    public DateTimeOffset? TriagedAt { get; set; }
    public Guid? PossibleDuplicateOfId { get; set; }

    public Guid? MatchedOrganizationId { get; set; }
    public Guid? MatchedSupporterId { get; set; }
    public DateTimeOffset? MatchedAt { get; set; }
    public DateTimeOffset? FirstContactAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public DateTimeOffset? DeclinedAt { get; set; }
    public string? DeclineReason { get; set; }
    public DateTimeOffset? HelpAgainRequestedAt { get; set; }

    public List<HelpRequestStatusChange> StatusChanges { get; set; } = [];

    /// <summary>The intake queues the request was placed in (always loaded with the request).</summary>
    public List<IntakeAssignment> IntakeAssignments { get; set; } = [];
    /// <summary>When the free text and contact details were removed; null while they are kept.</summary>
    public DateTimeOffset? AnonymisedAt { get; set; }

    public bool IsOpen => Status is HelpRequestStatus.Received or HelpRequestStatus.Matched or HelpRequestStatus.InContact;

    /// <summary>When the request stopped, for retention: withdrawn, declined or closed; null while it is open.</summary>
    public DateTimeOffset? EndedAt => IsOpen ? null : WithdrawnAt ?? DeclinedAt ?? ClosedAt;

    /// <summary>
    /// Removes what the resident wrote and everything that identifies someone: the question, notes, the
    /// relative's name, the full postcode (the 4 digits stay, as anonymous area), the decline reason and the
    /// status link. Keeps dates, status, channel, municipality, life domains and target group for the
    /// monitoring. Status changes keep their dates; their free-text reasons go. Load <see cref="StatusChanges"/>
    /// first. Idempotent.
    /// </summary>
    public void Anonymise(DateTimeOffset now)
    {
        Question = null;
        ContactTimeNote = null;
        AccessibilityNeeds = null;
        RelativeName = null;
        DeclineReason = null;
        StatusTokenHash = null;
        Postcode = Postcode is { Length: >= 4 } ? Postcode[..4] : null;
        foreach (var change in StatusChanges)
        {
            change.Reason = change.Status == HelpRequestStatus.Declined ? null : change.Reason;
        }
        AnonymisedAt ??= now;
    }

    /// <summary>The resident says they no longer need help.</summary>
    public void Withdraw(DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw new DomainException("Deze vraag is al afgesloten.", "This request is already closed.");
        }
        WithdrawnAt = now;
        ChangeStatus(HelpRequestStatus.Withdrawn, now, "withdrawn-by-resident");
    }

    /// <summary>The resident asks for help again after closing or withdrawing; the case workspace reopens it.</summary>
    public void RequestHelpAgain(DateTimeOffset now)
    {
        if (IsOpen)
        {
            throw new DomainException("Je vraag loopt nog. Je meedenker neemt contact met je op.", "Your request is still open. Your meedenker will contact you.");
        }
        HelpAgainRequestedAt = now;
        ChangeStatus(HelpRequestStatus.Received, now, "help-again");
    }

    /// <summary>The coordinator's triage: urgency and safety flags (a safety concern needs a formal meedenker).</summary>
    public void Triage(bool urgent, bool safetyConcern, DateTimeOffset now)
    {
        if (Status != HelpRequestStatus.Received)
        {
            throw new DomainException("Alleen een nieuwe vraag kun je nog beoordelen.", "Only a new request can still be triaged.");
        }
        Urgent = urgent;
        SafetyConcern = safetyConcern;
        TriagedAt = now;
    }

    public void Match(Guid organizationId, Guid? supporterId, DateTimeOffset now)
    {
        if (Status != HelpRequestStatus.Received)
        {
            throw new DomainException("Alleen een nieuwe vraag kan worden toegewezen.", "Only a new request can be assigned.");
        }
        MatchedOrganizationId = organizationId;
        MatchedSupporterId = supporterId;
        MatchedAt = now;
        ChangeStatus(HelpRequestStatus.Matched, now, null);
    }

    public void RecordFirstContact(DateTimeOffset now)
    {
        if (Status != HelpRequestStatus.Matched)
        {
            throw new DomainException("Eerst moet er een meedenker zijn.", "A meedenker must be assigned first.");
        }
        FirstContactAt = now;
        ChangeStatus(HelpRequestStatus.InContact, now, null);
    }

    public void Close(DateTimeOffset now, string? reason)
    {
        if (!IsOpen)
        {
            throw new DomainException("Deze vraag is al afgesloten.", "This request is already closed.");
        }
        ClosedAt = now;
        ChangeStatus(HelpRequestStatus.Closed, now, reason);
    }

    public void Decline(string reason, DateTimeOffset now)
    {
        if (Status != HelpRequestStatus.Received)
        {
            throw new DomainException("Alleen een nieuwe vraag kan worden afgewezen.", "Only a new request can be declined.");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Geef een reden op.", "Give a reason.");
        }
        DeclinedAt = now;
        DeclineReason = reason.Trim();
        ChangeStatus(HelpRequestStatus.Declined, now, DeclineReason);
    }

    private void ChangeStatus(HelpRequestStatus status, DateTimeOffset now, string? reason)
    {
        Status = status;
        foreach (var assignment in IntakeAssignments)
        {
            assignment.Waiting = status == HelpRequestStatus.Received;
        }
        StatusChanges.Add(new HelpRequestStatusChange { Id = Guid.NewGuid(), HelpRequestId = Id, Status = status, At = now, Reason = reason });
    }
}

public sealed class HelpRequestLifeDomain
{
    public Guid HelpRequestId { get; set; }
    public required string Code { get; set; }
}

/// <summary>The history of a request's status, shown to the referrer with its timestamps.</summary>
public sealed class HelpRequestStatusChange
{
    public Guid Id { get; set; }
    public Guid HelpRequestId { get; set; }
    public HelpRequestStatus Status { get; set; }
    public DateTimeOffset At { get; set; }
    public string? Reason { get; set; }
}
