namespace Meedenker.Data.Generation;

/// <summary>
/// The Oosterschelde demo region: the seven municipalities with their CBS codes, approximate public
/// population figures (CBS, rounded) and their villages and districts as neighbourhoods. The
/// neighbourhood codes and the split of inhabitants over them are made up for the demo.
/// </summary>
public static class RegionData
{
    public sealed record MunicipalitySeed(string Code, string Name, int Population, string[] Neighbourhoods);

    public static readonly IReadOnlyList<MunicipalitySeed> Oosterschelde =
    [
        new("GM0654", "Borsele", 23_200, ["Heinkenszand", "'s-Heerenhoek", "Borssele", "Nieuwdorp", "Ovezande", "Kwadendamme", "Lewedorp", "Baarland", "'s-Gravenpolder", "Hoedekenskerke"]),
        new("GM0664", "Goes", 39_000, ["Goes-Centrum", "Goes-Oost", "Goes-West", "Goes-Zuid", "Goes-Noord", "Kloetinge", "Wolphaartsdijk", "'s-Heer Arendskerke", "Wilhelminadorp", "Kattendijke"]),
        new("GM1676", "Schouwen-Duiveland", 34_500, ["Zierikzee", "Brouwershaven", "Bruinisse", "Renesse", "Burgh-Haamstede", "Nieuwerkerk", "Ouwerkerk", "Scharendijke", "Kerkwerve"]),
        new("GM0678", "Kapelle", 13_100, ["Kapelle", "Wemeldinge", "Biezelinge", "Schore"]),
        new("GM1695", "Noord-Beveland", 7_700, ["Kortgene", "Kamperland", "Wissenkerke", "Colijnsplaat", "Geersdijk"]),
        new("GM0703", "Reimerswaal", 23_500, ["Yerseke", "Kruiningen", "Rilland", "Krabbendijke", "Waarde", "Hansweert"]),
        new("GM0716", "Tholen", 27_000, ["Tholen-stad", "Sint-Maartensdijk", "Stavenisse", "Oud-Vossemeer", "Poortvliet", "Sint-Annaland", "Scherpenisse", "Sint-Philipsland"]),
    ];

    public sealed record TermSeed(string Code, string Nl, string En);

    public static readonly IReadOnlyList<TermSeed> LifeDomains =
    [
        new("wonen", "Wonen", "Housing"),
        new("zorg-gezondheid", "Zorg en gezondheid", "Care and health"),
        new("financien-inkomen", "Financiën en inkomen", "Finances and income"),
        new("werk-dagbesteding", "Werk en dagbesteding", "Work and day activities"),
        new("onderwijs-leren", "Onderwijs en leren", "Education and learning"),
        new("opvoeden-opgroeien", "Opvoeden en opgroeien", "Parenting and growing up"),
        new("sociale-relaties", "Sociale relaties en meedoen", "Social relations and taking part"),
        new("veiligheid", "Veiligheid", "Safety"),
        new("welbevinden", "Welbevinden", "Well-being"),
    ];

    public static readonly IReadOnlyList<TermSeed> TargetGroups =
    [
        new("jongeren", "Jongeren (ook rond 18 jaar)", "Young people (including turning 18)"),
        new("ouderen", "Ouderen (ook dementie)", "Older people (including dementia)"),
        new("ouders-gezin", "Ouders en gezin", "Parents and families"),
        new("nah", "Niet-aangeboren hersenletsel (NAH)", "Acquired brain injury"),
        new("ggz", "Psychische kwetsbaarheid (GGZ)", "Mental health vulnerability"),
        new("lichamelijke-beperking", "Lichamelijke beperking", "Physical disability"),
        new("lvb", "Verstandelijke beperking (LVB)", "Intellectual disability"),
        new("lage-ses", "Laag inkomen", "Low income"),
        new("mantelzorgers", "Mantelzorgers", "Carers"),
        new("niet-westers", "Niet-westerse achtergrond", "Non-Western background"),
    ];

    public static readonly IReadOnlyList<TermSeed> Laws =
    [
        new("wmo", "Wmo", "Social Support Act (Wmo)"),
        new("wlz", "Wlz", "Long-term Care Act (Wlz)"),
        new("jeugdwet", "Jeugdwet", "Youth Act"),
        new("zvw", "Zvw", "Health Insurance Act (Zvw)"),
        new("participatiewet", "Participatiewet", "Participation Act"),
        new("wzd", "Wet zorg en dwang", "Care and Compulsion Act (Wzd)"),
    ];

    /// <summary>Laws added after the first ones: debt relief and benefits, the questions of many residents.</summary>
    public static readonly IReadOnlyList<TermSeed> LaterLaws =
    [
        new("wgs", "Wet gemeentelijke schuldhulpverlening (Wgs)", "Municipal Debt Relief Act (Wgs)"),
        new("awir", "Toeslagen (Awir)", "Benefits and allowances (Awir)"),
    ];

    public static readonly IReadOnlyList<TermSeed> SupporterRoles =
    [
        new("vraagverheldering", "Vraagverheldering", "Question clarification"),
        new("wegwijzer", "Wegwijzer", "Signposting"),
        new("belangenbehartiger", "Belangenbehartiger", "Advocate"),
    ];

    public static readonly IReadOnlyList<TermSeed> ContactModes =
    [
        new("telefoon", "Telefoon", "Phone"),
        new("beeldbellen", "Beeldbellen", "Video call"),
        new("huisbezoek", "Huisbezoek", "Home visit"),
        new("op-locatie", "Op locatie", "On site"),
        new("wandelafspraak", "Wandelafspraak", "Walk"),
        new("bericht", "E-mail of chat", "E-mail or chat"),
    ];

    /// <summary>How a resident heard of client support, or which kind of referrer sent them.</summary>
    public static readonly IReadOnlyList<TermSeed> Channels =
    [
        new("huisarts", "Huisarts of POH", "GP or practice nurse"),
        new("sociaal-team", "Sociaal team", "District team"),
        new("wijkverpleging", "Wijkverpleging", "District nursing"),
        new("school", "School of jeugdgezondheidszorg", "School or youth health care"),
        new("bibliotheek", "Bibliotheek", "Library"),
        new("woningcorporatie", "Woningcorporatie", "Housing association"),
        new("kerk-vereniging", "Kerk of vereniging", "Church or association"),
        new("vriend-familie", "Vriend of familie", "Friend or family"),
        new("social-media", "Social media", "Social media"),
        new("folder", "Folder of krant", "Flyer or newspaper"),
        new("website", "Website", "Website"),
    ];

    public static readonly IReadOnlyList<TermSeed> Languages =
    [
        new("nl", "Nederlands", "Dutch"),
        new("en", "Engels", "English"),
        new("ar", "Arabisch", "Arabic"),
        new("tr", "Turks", "Turkish"),
        new("pl", "Pools", "Polish"),
        new("ti", "Tigrinya", "Tigrinya"),
        new("uk", "Oekraïens", "Ukrainian"),
        new("ngt", "Nederlandse Gebarentaal", "Sign language (NGT)"),
    ];

    /// <summary>Default synonym groups for searching the social map; an administrator can change them.</summary>
    public static readonly IReadOnlyList<string> SynonymGroups =
    [
        "schulden schuld geldzorgen geldproblemen rekeningen betalingsachterstand schuldhulp",
        "eenzaam eenzaamheid alleen ontmoeten",
        "formulieren formulier brieven brief post papieren administratie toeslagen",
        "dementie vergeetachtig geheugen alzheimer",
        "mantelzorg mantelzorger mantelzorgers",
        "werk baan dagbesteding",
        "huis woning wonen huur",
    ];
}
