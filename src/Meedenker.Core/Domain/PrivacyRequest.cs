namespace Meedenker.Domain;

public enum PrivacyRequestKind
{
    /// <summary>Something recorded is wrong or incomplete (GDPR art. 16).</summary>
    Correction = 1,
    /// <summary>Remove my data (GDPR art. 17).</summary>
    Erasure = 2,
}

public enum PrivacyRequestOutcome
{
    Done = 1,
    Refused = 2,
}

/// <summary>
/// A resident's request to correct or erase what is recorded about them. It becomes a task for the coordinators
/// of the organisation that holds the file, due within one month (the GDPR limit, art. 12(3)).
/// </summary>
public sealed class PrivacyRequest
{
    public const int MaxText = 2000;
    public const int MaxResponse = 2000;

    public Guid Id { get; set; }
    public Guid ResidentId { get; set; }
    public Guid HelpRequestId { get; set; }
    public Guid OrganizationId { get; set; }
    public PrivacyRequestKind Kind { get; set; }
    /// <summary>What the resident wrote; cleared when the data is erased.</summary>
    public string? Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateOnly DueOn { get; set; }
    public DateTimeOffset? HandledAt { get; set; }
    public Guid? HandledById { get; set; }
    public PrivacyRequestOutcome? Outcome { get; set; }
    /// <summary>The answer for the resident (what was corrected, or why the request was refused).</summary>
    public string? Response { get; set; }

    public bool IsOpen => HandledAt is null;

    public bool IsOverdue(DateOnly today) => IsOpen && today > DueOn;

    public static PrivacyRequest Submit(Guid residentId, Guid helpRequestId, Guid organizationId, PrivacyRequestKind kind, string? text, DateTimeOffset now)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("Kies wat je wilt: iets laten verbeteren of je gegevens laten wissen.", "Choose what you want: a correction or erasure of your data.");
        }
        if (kind == PrivacyRequestKind.Correction && string.IsNullOrWhiteSpace(text))
        {
            throw new DomainException("Schrijf op wat er niet klopt en wat het moet zijn.", "Write down what is wrong and what it should be.");
        }
        if (text is { Length: > MaxText })
        {
            throw new DomainException($"Je tekst is te lang (hoogstens {MaxText} tekens).", $"Your text is too long (at most {MaxText} characters).");
        }
        return new PrivacyRequest
        {
            Id = Guid.NewGuid(),
            ResidentId = residentId,
            HelpRequestId = helpRequestId,
            OrganizationId = organizationId,
            Kind = kind,
            Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
            CreatedAt = now,
            DueOn = DateOnly.FromDateTime(now.UtcDateTime).AddMonths(1),
        };
    }

    /// <summary>Marks the request handled with an answer for the resident; a refusal needs a reason.</summary>
    public void Handle(PrivacyRequestOutcome outcome, string? response, Guid handledBy, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw new DomainException("Dit verzoek is al afgehandeld.", "This request has already been handled.");
        }
        if (!Enum.IsDefined(outcome))
        {
            throw new DomainException("Kies of het verzoek is uitgevoerd of geweigerd.", "Choose whether the request was carried out or refused.");
        }
        if (outcome == PrivacyRequestOutcome.Refused && string.IsNullOrWhiteSpace(response))
        {
            throw new DomainException("Schrijf op waarom het verzoek wordt geweigerd; de inwoner krijgt die uitleg.", "Write down why the request is refused; the resident gets this explanation.");
        }
        if (response is { Length: > MaxResponse })
        {
            throw new DomainException($"Het antwoord is te lang (hoogstens {MaxResponse} tekens).", $"The answer is too long (at most {MaxResponse} characters).");
        }
        Outcome = outcome;
        Response = string.IsNullOrWhiteSpace(response) ? null : response.Trim();
        HandledAt = now;
        HandledById = handledBy;
    }

    /// <summary>Part of erasure: the resident's own words go; the fact of the request and its dates stay.</summary>
    public void EraseText()
    {
        Text = null;
        Response = Outcome == PrivacyRequestOutcome.Done ? null : Response;
    }
}
