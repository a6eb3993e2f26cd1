namespace Meedenker.Domain;

public enum CaseStatus
{
    Open = 1,
    Closed = 2,
}

/// <summary>The support given on one or more help requests (casus, traject).</summary>
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
}
