namespace Meedenker.Domain;

/// <summary>
/// The person the support is for. Personal fields are nullable so erasure can clear them while the
/// anonymous facts (municipality, neighbourhood, birth year) keep monitoring figures intact.
/// </summary>
public sealed class Resident
{
    public Guid Id { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    /// <summary>Only asked when the resident wants a letter or a home visit.</summary>
    public string? Address { get; set; }
    public int? BirthYear { get; set; }
    public Guid MunicipalityId { get; set; }
    public Guid? NeighbourhoodId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the personal fields were removed (retention or an erasure request); null while they are kept.</summary>
    public DateTimeOffset? AnonymisedAt { get; set; }

    public bool IsAnonymised => AnonymisedAt is not null;

    /// <summary>
    /// Removes everything that identifies the resident (name, e-mail, phone, address) and keeps the anonymous
    /// facts the monitoring counts on: municipality, neighbourhood, birth year, when they first came. Idempotent.
    /// </summary>
    public void Anonymise(DateTimeOffset now)
    {
        FirstName = null;
        LastName = null;
        Email = null;
        Phone = null;
        Address = null;
        AnonymisedAt ??= now;
    }
}
