namespace Meedenker.Domain;

public enum AccessAction
{
    View = 1,
    Create = 2,
    Change = 3,
    Export = 4,
    Delete = 5,
}

public enum AccessOutcome
{
    Allowed = 1,
    Denied = 2,
}

/// <summary>
/// One access to a resident's data, with the fields NEN 7513 asks for. Append-only: no code path updates or
/// deletes a row, and the databases refuse it with a trigger.
/// </summary>
public sealed class AccessLogEntry
{
    public long Id { get; private set; }
    public DateTimeOffset At { get; private init; }
    public Guid? UserId { get; private init; }
    public string UserName { get; private init; } = "";
    public string Role { get; private init; } = "";
    public Guid? OrganizationId { get; private init; }
    /// <summary>Whom the user acted for, when not for themselves (e.g. a coordinator for a supporter).</summary>
    public string? OnBehalfOf { get; private init; }
    public Guid? ResidentId { get; private init; }
    public Guid? CaseId { get; private init; }
    public AccessAction Action { get; private init; }
    /// <summary>What was accessed, e.g. "resident-summary".</summary>
    public string Resource { get; private init; } = "";
    public string Purpose { get; private init; } = "";
    public AccessOutcome Outcome { get; private init; }
    public string? Reason { get; private init; }
    public string? RequestId { get; private init; }

    private AccessLogEntry()
    {
    }

    public static AccessLogEntry Record(
        DateTimeOffset at,
        Guid? userId,
        string userName,
        string role,
        Guid? organizationId,
        Guid? residentId,
        Guid? caseId,
        AccessAction action,
        string resource,
        string purpose,
        AccessOutcome outcome,
        string? reason,
        string? requestId,
        string? onBehalfOf = null)
    {
        if (string.IsNullOrWhiteSpace(purpose))
        {
            throw new DomainException("Elke toegang heeft een doel.", "Every access has a purpose.");
        }
        return new AccessLogEntry
        {
            At = at,
            UserId = userId,
            UserName = userName,
            Role = role,
            OrganizationId = organizationId,
            ResidentId = residentId,
            CaseId = caseId,
            Action = action,
            Resource = resource,
            Purpose = purpose,
            Outcome = outcome,
            Reason = reason,
            RequestId = requestId,
            OnBehalfOf = onBehalfOf,
        };
    }
}
