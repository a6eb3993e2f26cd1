namespace Meedenker.Domain;

/// <summary>The taxonomies of the field. They are data, so a region can adjust the terms.</summary>
public enum TaxonomyKind
{
    LifeDomain = 1,
    TargetGroup = 2,
    Law = 3,
    SupporterRole = 4,
    ContactMode = 5,
    Channel = 6,
    Language = 7,
}

public sealed class TaxonomyTerm
{
    public Guid Id { get; set; }
    public TaxonomyKind Taxonomy { get; set; }
    /// <summary>Stable code used in links and exports, e.g. "wonen".</summary>
    public required string Code { get; set; }
    public required string NameNl { get; set; }
    public required string NameEn { get; set; }
    public int SortOrder { get; set; }
}
