namespace Meedenker.Domain;

/// <summary>How a help request came in.</summary>
public enum RequestChannel
{
    Self = 1,
    Relative = 2,
    Referrer = 3,
}

public enum HelpRequestStatus
{
    Received = 1,
    Matched = 2,
    InContact = 3,
    Closed = 4,
    Withdrawn = 5,
}

/// <summary>A question for help as it comes in (hulpvraag). The reference code is shown to the resident.</summary>
public sealed class HelpRequest
{
    public Guid Id { get; set; }
    public required string ReferenceCode { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public Guid ResidentId { get; set; }
    public Guid MunicipalityId { get; set; }
    public Guid? NeighbourhoodId { get; set; }
    public RequestChannel Channel { get; set; }
    /// <summary>Taxonomy code of the referrer kind or "how did you hear of us".</summary>
    public string? SourceCode { get; set; }
    public string? LifeDomainCode { get; set; }
    public string? TargetGroupCode { get; set; }
    public string? Question { get; set; }
    public HelpRequestStatus Status { get; set; }
}
