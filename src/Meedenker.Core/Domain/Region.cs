namespace Meedenker.Domain;

/// <summary>A municipality (gemeente); the CBS code (e.g. GM0664) is its stable key.</summary>
public sealed class Municipality
{
    public Guid Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int Population { get; set; }
    public List<Neighbourhood> Neighbourhoods { get; set; } = [];
}

/// <summary>A neighbourhood (wijk) of a municipality, with its public population figure.</summary>
public sealed class Neighbourhood
{
    public Guid Id { get; set; }
    public Guid MunicipalityId { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int Population { get; set; }
}
