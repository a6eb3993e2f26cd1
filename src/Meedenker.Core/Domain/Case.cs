namespace Meedenker.Domain;

public enum CaseStatus
{
    Open = 1,
    Closed = 2,
    /// <summary>Offered to a supporter by the coordinator; not yet accepted.</summary>
    Offered = 3,
    /// <summary>The supporter said no; the request is back in the queue.</summary>
    OfferDeclined = 4,
}

public enum SelfRelianceMoment
{
    Start = 1,
    During = 2,
    Close = 3,
}

/// <summary>
/// The support given on one or more help requests (casus, traject). It starts as an offer to a supporter,
/// becomes open when they accept, and holds the contacts and self-reliance scores.
/// </summary>
public sealed class Case
{
    public Guid Id { get; set; }
    public Guid HelpRequestId { get; set; }
    public Guid ResidentId { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid? SupporterId { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? FirstContactAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public CaseStatus Status { get; set; }
    /// <summary>Self-reliance (zelfredzaamheid) 1–5 at start and close, for outcome monitoring.</summary>
    public int? SelfRelianceStart { get; set; }
    public int? SelfRelianceClose { get; set; }
    public DateTimeOffset? OfferedAt { get; set; }
    public DateTimeOffset? OfferDeclinedAt { get; set; }
    public string? OfferDeclineReason { get; set; }
    /// <summary>Changes on every save, so a second person's save of an older copy is refused, not silently applied.</summary>
    public Guid Version { get; set; }
    public CloseReason? CloseReason { get; set; }
    /// <summary>When the case's content (notes, free text) was erased; the facts stay for the monitoring.</summary>
    public DateTimeOffset? ContentErasedAt { get; set; }

    public const int MaxNote = 2000;

    /// <summary>
    /// Erases the case's content: every contact note and the free-text reason of a declined offer. Keeps what
    /// the monitoring counts: dates, contact modes and durations, self-reliance scores, close reason. Pass all
    /// contacts of this case. Idempotent.
    /// </summary>
    public void EraseContent(IEnumerable<Contact> contacts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        foreach (var contact in contacts)
        {
            if (contact.CaseId != Id)
            {
                throw new DomainException("Dit contact hoort bij een andere casus.", "This contact belongs to another case.");
            }
            contact.Note = null;
        }
        OfferDeclineReason = null;
        ContentErasedAt ??= now;
        Version = Guid.NewGuid();
    }
    public static readonly TimeSpan DefaultFollowUp = TimeSpan.FromDays(91);

    /// <summary>
    /// Closes the case with a reason and plans a waakvlamcontact: a light check-in later, so the door stays
    /// open. The request closes too (the referrer sees "closed").
    /// </summary>
    public FollowUp Close(HelpRequest request, CloseReason reason, int? finalScore, DateOnly followUpOn, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Status != CaseStatus.Open)
        {
            throw new DomainException("Alleen een open casus kan worden afgesloten.", "Only an open case can be closed.");
        }
        if (finalScore is not null and (< 1 or > 5))
        {
            throw new DomainException("De score is 1 tot en met 5.", "The score is 1 to 5.");
        }
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (followUpOn <= today || followUpOn > today.AddYears(1))
        {
            throw new DomainException("Plan het waakvlamcontact na vandaag en binnen een jaar.", "Plan the follow-up check-in after today and within a year.");
        }
        Status = CaseStatus.Closed;
        ClosedAt = now;
        CloseReason = reason;
        SelfRelianceClose = finalScore ?? SelfRelianceClose;
        Version = Guid.NewGuid();
        request.Close(now, reason.ToString());
        return new FollowUp { Id = Guid.NewGuid(), CaseId = Id, SupporterId = SupporterId, DueOn = followUpOn };
    }

    /// <summary>The coordinator offers a new request to a supporter of their organisation.</summary>
    public static Case Offer(HelpRequest request, Guid organizationId, Guid supporterId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Status != HelpRequestStatus.Received)
        {
            throw new DomainException("Deze vraag is niet meer nieuw en kan niet worden toegewezen.", "This request is no longer new and cannot be assigned.");
        }
        return new Case
        {
            Id = Guid.NewGuid(),
            HelpRequestId = request.Id,
            ResidentId = request.ResidentId,
            OrganizationId = organizationId,
            SupporterId = supporterId,
            OfferedAt = now,
            OpenedAt = now,
            Status = CaseStatus.Offered,
            Version = Guid.NewGuid(),
        };
    }

    /// <summary>The supporter accepts: the case opens and the first-contact clock runs (the referrer sees "accepted").</summary>
    public void Accept(HelpRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Status != CaseStatus.Offered)
        {
            throw new DomainException("Dit aanbod staat niet meer open.", "This offer is no longer open.");
        }
        request.Match(OrganizationId, SupporterId, now);
        Status = CaseStatus.Open;
        OpenedAt = now;
        Version = Guid.NewGuid();
    }

    /// <summary>The supporter declines, with a reason for the coordinator; the request goes back to the queue.</summary>
    public void DeclineOffer(string reason, DateTimeOffset now)
    {
        if (Status != CaseStatus.Offered)
        {
            throw new DomainException("Dit aanbod staat niet meer open.", "This offer is no longer open.");
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            throw new DomainException("Geef een reden van hoogstens 500 tekens.", "Give a reason of at most 500 characters.");
        }
        Status = CaseStatus.OfferDeclined;
        OfferDeclinedAt = now;
        OfferDeclineReason = reason.Trim();
        Version = Guid.NewGuid();
    }

    /// <summary>Records a contact; the first one also tells the request (and so the referrer) that contact was made.</summary>
    public Contact RecordContact(HelpRequest request, DateTimeOffset at, ContactMode mode, int minutes, string? note, Guid recordedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Status != CaseStatus.Open)
        {
            throw new DomainException("Contacten leg je vast in een open casus.", "Contacts are recorded in an open case.");
        }
        if (at > now.AddMinutes(5))
        {
            throw new DomainException("Een contact kan niet in de toekomst liggen.", "A contact cannot be in the future.");
        }
        if (at < OpenedAt.AddDays(-1))
        {
            throw new DomainException("Dit contact ligt voor het begin van de casus.", "This contact is before the start of the case.");
        }
        if (minutes is < 1 or > 600)
        {
            throw new DomainException("De duur is 1 tot 600 minuten.", "The duration is 1 to 600 minutes.");
        }
        if (note is { Length: > MaxNote })
        {
            throw new DomainException($"De notitie is te lang (hoogstens {MaxNote} tekens).", $"The note is too long (at most {MaxNote} characters).");
        }
        if (FirstContactAt is null)
        {
            FirstContactAt = at;
            request.RecordFirstContact(at);
        }
        Version = Guid.NewGuid();
        return new Contact { Id = Guid.NewGuid(), CaseId = Id, At = at, Mode = mode, DurationMinutes = minutes, Note = note, RecordedById = recordedBy };
    }

    public SelfRelianceScore RecordSelfReliance(string lifeDomainCode, SelfRelianceMoment moment, int score, Guid recordedBy, DateTimeOffset now)
    {
        if (Status != CaseStatus.Open)
        {
            throw new DomainException("Scores leg je vast in een open casus.", "Scores are recorded in an open case.");
        }
        if (score is < 1 or > 5)
        {
            throw new DomainException("De score is 1 tot en met 5.", "The score is 1 to 5.");
        }
        if (moment == SelfRelianceMoment.Start)
        {
            SelfRelianceStart ??= score;
        }
        Version = Guid.NewGuid();
        return new SelfRelianceScore { Id = Guid.NewGuid(), CaseId = Id, LifeDomainCode = lifeDomainCode, Moment = moment, Score = score, At = now, RecordedById = recordedBy };
    }
}

public enum CloseReason
{
    QuestionAnswered = 1,
    ReferredToLongTermSupport = 2,
    ResidentStopped = 3,
    Moved = 4,
    Unreachable = 5,
}

/// <summary>
/// A waakvlamcontact: a planned light check-in after closing. On its date the follow-up job turns it into a
/// task for the supporter (and a reminder mail); the supporter marks it done.
/// </summary>
public sealed class FollowUp
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid? SupporterId { get; set; }
    public DateOnly DueOn { get; set; }
    public DateTimeOffset? TaskCreatedAt { get; set; }
    public DateTimeOffset? DoneAt { get; set; }

    /// <summary>Makes the task when it is due; false when it is not due yet or was made already.</summary>
    public bool MakeTaskIfDue(DateTimeOffset now)
    {
        if (TaskCreatedAt is not null || DueOn > DateOnly.FromDateTime(now.UtcDateTime))
        {
            return false;
        }
        TaskCreatedAt = now;
        return true;
    }

    public void MarkDone(DateTimeOffset now)
    {
        if (TaskCreatedAt is null)
        {
            throw new DomainException("Dit waakvlamcontact is nog niet aan de beurt.", "This follow-up is not due yet.");
        }
        DoneAt ??= now;
    }
}

/// <summary>Self-reliance (zelfredzaamheid) on the 5-level scale for one life domain at one moment.</summary>
public sealed class SelfRelianceScore
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public required string LifeDomainCode { get; set; }
    public SelfRelianceMoment Moment { get; set; }
    public int Score { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? RecordedById { get; set; }
}

public enum ContactMode
{
    Phone = 1,
    Video = 2,
    HomeVisit = 3,
    OnSite = 4,
    Walk = 5,
    Message = 6,
}

/// <summary>One contact with or about the resident (contactmoment).</summary>
public sealed class Contact
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public DateTimeOffset At { get; set; }
    public ContactMode Mode { get; set; }
    public int DurationMinutes { get; set; }
    public string? Note { get; set; }
    public Guid? RecordedById { get; set; }
}
