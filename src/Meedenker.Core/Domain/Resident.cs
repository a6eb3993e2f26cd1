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
}
