using Meedenker.Web.Infrastructure;

namespace Meedenker.Web.Features.Privacy;

/// <summary>One text in Dutch and English, as configuration holds it.</summary>
public sealed class BilingualText
{
    public string Nl { get; set; } = "";
    public string En { get; set; } = "";

    public override string ToString() => Lang.Pick(Nl, string.IsNullOrWhiteSpace(En) ? Nl : En);
}

/// <summary>A purpose of processing with its legal basis (AVG art. 6, and art. 9 for special categories).</summary>
public sealed class ProcessingPurpose
{
    public BilingualText Purpose { get; set; } = new();
    public BilingualText LegalBasis { get; set; } = new();
}

/// <summary>A controller (verwerkingsverantwoordelijke): an organisation that gives client support on the platform.</summary>
public sealed class ProcessingController
{
    public string Name { get; set; } = "";
    public string? Address { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    /// <summary>The data-protection officer (functionaris gegevensbescherming) and how to reach them.</summary>
    public string? DataProtectionOfficer { get; set; }
    /// <summary>Purposes of this organisation; empty means the shared ones.</summary>
    public List<ProcessingPurpose> Purposes { get; set; } = [];
    /// <summary>Recipients of this organisation; empty means the shared ones.</summary>
    public List<BilingualText> Recipients { get; set; } = [];
}

/// <summary>
/// The privacy statement (<c>/privacy</c>) and processing register (<c>/privacy/register</c>, AVG art. 30),
/// generated from configuration section <c>Privacy</c>. Retention terms come from section <c>Retention</c>.
/// </summary>
public sealed class PrivacySettings
{
    public List<ProcessingController> Controllers { get; set; } = [];
    public List<ProcessingPurpose> Purposes { get; set; } = [];
    public List<BilingualText> SubjectCategories { get; set; } = [];
    public List<BilingualText> DataCategories { get; set; } = [];
    public List<BilingualText> Recipients { get; set; } = [];
    public List<BilingualText> Processors { get; set; } = [];
    /// <summary>Where residents can complain: the Dutch supervisory authority by default.</summary>
    public BilingualText Complaints { get; set; } = new()
    {
        Nl = "Ben je het niet eens met hoe we met je gegevens omgaan? Zeg het tegen je meedenker of de organisatie. Je mag ook een klacht indienen bij de Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).",
        En = "Do you disagree with how we handle your data? Tell your meedenker or the organisation. You may also complain to the Dutch Data Protection Authority (autoriteitpersoonsgegevens.nl).",
    };
}
