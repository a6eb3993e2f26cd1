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

/// <summary>
/// The taxonomies as HSDS sees them: each kind has a fixed UUID (derived from its code, so it is the same in
/// every installation), a name and a description.
/// </summary>
public static class Taxonomies
{
    public sealed record Info(TaxonomyKind Kind, Guid Id, string Code, string NameNl, string NameEn);

    public static readonly IReadOnlyList<Info> All =
    [
        Make(TaxonomyKind.LifeDomain, "leefgebied", "Leefgebieden", "Life domains"),
        Make(TaxonomyKind.TargetGroup, "doelgroep", "Doelgroepen", "Target groups"),
        Make(TaxonomyKind.Law, "wet", "Wetten", "Laws"),
        Make(TaxonomyKind.SupporterRole, "rol", "Rollen van een meedenker", "Roles of a supporter"),
        Make(TaxonomyKind.ContactMode, "contactvorm", "Contactvormen", "Contact modes"),
        Make(TaxonomyKind.Channel, "kanaal", "Kanalen", "Channels"),
        Make(TaxonomyKind.Language, "taal", "Talen", "Languages"),
    ];

    public static Info Of(TaxonomyKind kind) => All.First(t => t.Kind == kind);

    public static Info? Find(Guid id) => All.FirstOrDefault(t => t.Id == id);

    private static Info Make(TaxonomyKind kind, string code, string nl, string en) =>
        new(kind, NameBasedId("meedenker-taxonomy:" + code), code, nl, en);

    /// <summary>A stable version-5-style UUID from a name, so ids never depend on insertion order.</summary>
    public static Guid NameBasedId(string name)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
