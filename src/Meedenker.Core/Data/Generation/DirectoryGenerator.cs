using Meedenker.Domain;

namespace Meedenker.Data.Generation;

/// <summary>
/// The social map of the generated region: services, locations, opening hours and phones for each client
/// support organisation, and a supporter profile for each supporter. It draws from its own random sequence,
/// so adding it left the generated history unchanged.
/// </summary>
internal sealed class DirectoryGenerator(Random random, IReadOnlyList<TaxonomyTerm> terms, IReadOnlyList<Municipality> municipalities, DateTimeOffset now)
{
    /// <summary>One kind of service with the terms it carries; the name gets the organisation's place.</summary>
    private sealed record Template(string Name, string Description, string[] LifeDomains, string[] TargetGroups, bool Free, string[] Kinds);

    private static readonly Template[] Templates =
    [
        new("Meedenker: gratis cliëntondersteuning", "Een meedenker luistert, helpt je vraag helder te krijgen en zoekt samen met jou de hulp die past. Gratis en onafhankelijk van de gemeente.",
            ["wonen", "zorg-gezondheid", "financien-inkomen", "werk-dagbesteding", "welbevinden"], ["ouderen", "ggz", "lage-ses", "ouders-gezin", "mantelzorgers"], true, ["A"]),
        new("Ervaringsdeskundige naast je", "Iemand die het zelf heeft meegemaakt, denkt met je mee na een opname of in een moeilijke periode. Ook bij gesprekken met instanties.",
            ["welbevinden", "sociale-relaties", "zorg-gezondheid"], ["ggz", "nah"], true, ["A"]),
        new("Mantelzorgmakelaar", "Hulp voor mantelzorgers bij regelwerk: aanvragen, indicaties, pgb en de overstap naar een verpleeghuis.",
            ["zorg-gezondheid", "wonen", "financien-inkomen"], ["mantelzorgers", "ouderen"], true, ["A"]),
        new("Spreekuur sociaal team", "Loop binnen met je vraag over zorg, welzijn, jeugd of inkomen. Het sociaal team kijkt met je wat er nodig is.",
            ["zorg-gezondheid", "opvoeden-opgroeien", "financien-inkomen", "wonen"], ["ouders-gezin", "jongeren", "ouderen", "lichamelijke-beperking"], true, ["B"]),
        new("Casemanagement dementie", "Begeleiding voor mensen met dementie en hun naasten, van de diagnose tot de verhuizing naar een verpleeghuis.",
            ["zorg-gezondheid", "sociale-relaties", "welbevinden"], ["ouderen", "mantelzorgers"], true, ["B"]),
        new("Jeugd en gezin: opvoedvragen", "Vragen over opvoeden en opgroeien, ook als je kind bijna 18 wordt. Samen zoeken we passende hulp of een passende school.",
            ["opvoeden-opgroeien", "onderwijs-leren"], ["ouders-gezin", "jongeren", "lvb"], true, ["B"]),
        new("Algemeen maatschappelijk werk", "Hulp bij geldzorgen, relatieproblemen, huiselijk geweld en stress. Je krijgt een vaste contactpersoon.",
            ["financien-inkomen", "sociale-relaties", "veiligheid", "welbevinden"], ["lage-ses", "ouders-gezin", "niet-westers"], true, ["B"]),
        new("Hulp bij formulieren", "Vrijwilligers helpen je met brieven, formulieren en toeslagen. Neem je post mee.",
            ["financien-inkomen"], ["niet-westers", "lage-ses", "ouderen"], true, ["C"]),
        new("Thuisadministratie", "Een vrijwilliger komt bij je thuis en helpt je overzicht te krijgen in je papieren, rekeningen en geldzorgen.",
            ["financien-inkomen"], ["lage-ses", "ouderen", "lvb"], true, ["C"]),
        new("Inloop en koffie", "Gezellig binnenlopen, mensen ontmoeten en samen iets ondernemen. Iedereen is welkom.",
            ["sociale-relaties", "welbevinden"], ["ouderen", "niet-westers", "ggz"], true, ["C"]),
        new("Taalcafé", "Oefen Nederlands praten en krijg hulp bij het lezen van brieven.",
            ["onderwijs-leren", "sociale-relaties"], ["niet-westers"], true, ["C"]),
        new("Hulp bij schulden", "Heb je schulden, een huurachterstand of dreigt afsluiting van gas, stroom of water? Bel ons meteen. Samen maken we een plan en praten we met wie geld van je krijgt.",
            ["financien-inkomen", "wonen"], ["lage-ses", "ouders-gezin"], true, ["B"]),
        new("Voedselbank: uitgiftepunt", "Even geen geld voor eten? Je krijgt hier elke week een pakket met boodschappen. Een hulpverlener of meedenker meldt je aan.",
            ["financien-inkomen"], ["lage-ses", "ouders-gezin"], true, ["C"]),
        new("Wijkverpleegkundige aan huis", "De wijkverpleegkundige kijkt met je wat je nodig hebt om thuis te blijven wonen: zorg, hulpmiddelen en een woningaanpassing.",
            ["zorg-gezondheid", "wonen"], ["ouderen", "lichamelijke-beperking", "nah"], true, ["B"]),
        new("Onderwijsloket passend onderwijs", "Vind je geen school die past bij je kind? Het onderwijsloket zoekt met je mee naar een passende school of extra hulp op school.",
            ["onderwijs-leren", "opvoeden-opgroeien"], ["ouders-gezin", "jongeren", "lvb"], true, ["B"]),
        new("Hulp van een buurtgenoot", "Een vrijwilliger uit je buurt helpt je met een klusje, boodschappen of vervoer naar de dokter. Ook als je niemand hebt die kan helpen.",
            ["sociale-relaties", "welbevinden"], ["ouderen", "lichamelijke-beperking"], true, ["C"]),
        new("Vrijwilligerswerk vinden", "Zoek je iets zinvols om te doen? We zoeken samen vrijwilligerswerk dat bij je past, dichtbij huis.",
            ["werk-dagbesteding", "sociale-relaties"], ["ggz", "niet-westers", "lage-ses"], true, ["C"]),
        new("Cursus omgaan met geld", "In vier bijeenkomsten leer je een budget maken en rekeningen op tijd betalen. Kleine eigen bijdrage.",
            ["financien-inkomen", "onderwijs-leren"], ["lage-ses", "jongeren"], false, ["C", "B"]),
    ];

    /// <summary>
    /// The services each organisation of the demo region gives, by the organisation's name (a social team by its
    /// prefix): a dementia case manager offers dementia case management, not a special-education partnership.
    /// Organisations not listed (other generated regions) get services that fit their kind.
    /// </summary>
    private static readonly Dictionary<string, string[]> ServicesOf = new(StringComparer.Ordinal)
    {
        ["Stichting Meedenkers Oosterschelde"] = ["Meedenker: gratis cliëntondersteuning"],
        ["Ervaringskracht Zeeland"] = ["Ervaringsdeskundige naast je"],
        ["Mantelzorgmakelaars De Schakel"] = ["Mantelzorgmakelaar"],
        ["Zorgpunt Bevelanden Wijkverpleging"] = ["Wijkverpleegkundige aan huis"],
        ["Casemanagement Dementie De Kreek"] = ["Casemanagement dementie"],
        ["Jeugdgezondheid Schelderegio"] = ["Jeugd en gezin: opvoedvragen"],
        ["Samenwerkingsverband Passend Onderwijs Oosterschelde"] = ["Onderwijsloket passend onderwijs"],
        ["Maatschappelijk Werk Kustlicht"] = ["Algemeen maatschappelijk werk", "Hulp bij schulden"],
        ["Sociaal Team "] = ["Spreekuur sociaal team", "Hulp bij schulden"],
        ["Formulierenbrigade Goes"] = ["Hulp bij formulieren"],
        ["Thuisadministratie Tholen"] = ["Thuisadministratie"],
        ["Seniorenvereniging Kapelle-Biezelinge"] = ["Inloop en koffie", "Hulp van een buurtgenoot"],
        ["Inloophuis De Haven"] = ["Inloop en koffie"],
        ["Diaconie Reimerswaal"] = ["Voedselbank: uitgiftepunt", "Inloop en koffie"],
        ["Ouderenbond Borsele"] = ["Hulp bij formulieren", "Hulp van een buurtgenoot"],
        ["Buurtkamer Kamperland"] = ["Inloop en koffie"],
        ["Taalcafé De Brug"] = ["Taalcafé"],
        ["Geldmaatjes Schouwen"] = ["Thuisadministratie", "Cursus omgaan met geld"],
        ["Buurthulp Yerseke"] = ["Hulp van een buurtgenoot", "Voedselbank: uitgiftepunt"],
        ["Inloop Het Anker"] = ["Inloop en koffie"],
        ["Vrijwilligerspunt Noord-Beveland"] = ["Vrijwilligerswerk vinden", "Hulp van een buurtgenoot"],
    };

    private static string[]? ServiceNamesFor(string organization) =>
        ServicesOf.TryGetValue(organization, out var names) ? names
        : organization.StartsWith("Sociaal Team ", StringComparison.Ordinal) ? ServicesOf["Sociaal Team "] : null;

    private static readonly string[] Streets = ["Stationsstraat", "Markt", "Kerkstraat", "Dorpsplein", "Havenweg", "Molenstraat", "Zuidsingel", "Noordweg", "Wilhelminalaan", "Oranjestraat"];
    private static readonly string[] Accessibility =
    [
        "Ingang zonder drempel. Invalidentoilet aanwezig.",
        "Gebouw met lift. Ringleiding in de spreekkamer.",
        "Eén trede bij de ingang; er is een oprijplaat. Vraag bij de balie.",
        "Gelijkvloers. Parkeerplaats voor mensen met een beperking voor de deur.",
    ];

    private readonly Dictionary<(TaxonomyKind, string), TaxonomyTerm> _terms = terms.ToDictionary(t => (t.Taxonomy, t.Code));

    public List<Service> Services { get; } = [];
    public List<ServiceTerm> ServiceTerms { get; } = [];
    public List<ServiceArea> Areas { get; } = [];
    public List<Location> Locations { get; } = [];
    public List<ServiceAtLocation> ServiceAtLocations { get; } = [];
    public List<Schedule> Schedules { get; } = [];
    public List<Phone> Phones { get; } = [];
    public List<SupporterProfile> Profiles { get; } = [];
    public List<SupporterTerm> ProfileTerms { get; } = [];
    public List<SupporterExpertise> ProfileExpertise { get; } = [];
    public List<SupporterMunicipality> ProfileMunicipalities { get; } = [];

    /// <summary>Two or three services per client support organisation, at one location in its municipality.</summary>
    public void AddServices(IEnumerable<Organization> organizations)
    {
        foreach (var organization in organizations.Where(o => o.GivesClientSupport))
        {
            var kind = organization.Kind switch { OrganizationKind.SupportA => "A", OrganizationKind.SupportB => "B", _ => "C" };
            var named = ServiceNamesFor(organization.Name);
            var fitting = named is not null ? Templates.Where(t => named.Contains(t.Name)).ToList() : Templates.Where(t => t.Kinds.Contains(kind)).ToList();
            var count = named is not null ? fitting.Count : Math.Min(fitting.Count, 2 + random.Next(2));
            var municipality = municipalities.First(m => m.Id == organization.MunicipalityId);
            var location = AddLocation(organization, municipality);
            // Regional organisations (type A and the regional B's in Goes) serve the whole region.
            var regional = organization.Kind == OrganizationKind.SupportA || (organization.Kind == OrganizationKind.SupportB && !organization.Name.StartsWith("Sociaal Team", StringComparison.Ordinal));
            var served = regional ? municipalities : [municipality];
            foreach (var template in fitting.OrderBy(_ => random.Next()).Take(count))
            {
                AddService(organization, template, template.Name, location, served);
            }
        }
    }

    /// <summary>
    /// A nationwide directory for benchmarks: <paramref name="serviceCount"/> services over organisations of ten
    /// services each, spread over all municipalities given.
    /// </summary>
    public List<Organization> AddNationwide(int serviceCount, Guid[] municipalityIds)
    {
        var organizations = new List<Organization>();
        var byId = municipalities.ToDictionary(m => m.Id);
        var organizationCount = Math.Max(1, serviceCount / 10);
        for (var o = 0; o < organizationCount; o++)
        {
            var municipality = byId[municipalityIds[o % municipalityIds.Length]];
            var roll = random.NextDouble();
            var kind = roll < 0.2 ? OrganizationKind.SupportA : roll < 0.6 ? OrganizationKind.SupportB : OrganizationKind.SupportC;
            var organization = new Organization
            {
                Id = RegionGenerator.NextGuid(random),
                Name = $"{(kind == OrganizationKind.SupportC ? "Steunpunt" : "Welzijn")} {municipality.Name} {o + 1}",
                Kind = kind,
                MunicipalityId = municipality.Id,
                Email = $"info@org{o + 1}.voorbeeld.test",
                Website = $"https://org{o + 1}.voorbeeld.test",
                Description = "Organisatie in het netwerk van meedenkers.",
                CreatedAt = now.AddYears(-2),
            };
            organizations.Add(organization);
            var location = AddLocation(organization, municipality);
            var letter = kind switch { OrganizationKind.SupportA => "A", OrganizationKind.SupportB => "B", _ => "C" };
            var fitting = Templates.Where(t => t.Kinds.Contains(letter)).ToArray();
            for (var s = 0; s < 10 && Services.Count < serviceCount; s++)
            {
                var template = fitting[random.Next(fitting.Length)];
                AddService(organization, template, $"{template.Name} {municipality.Name}", location, [municipality]);
            }
        }
        return organizations;
    }

    private Location AddLocation(Organization organization, Municipality municipality)
    {
        var location = new Location
        {
            Id = RegionGenerator.NextGuid(random),
            OrganizationId = organization.Id,
            Name = organization.Name,
            Address = $"{Streets[random.Next(Streets.Length)]} {random.Next(1, 120)}",
            PostalCode = $"4{random.Next(100, 999)} {(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}",
            City = municipality.Name,
            MunicipalityId = municipality.Id,
            Accessibility = Accessibility[random.Next(Accessibility.Length)],
            Transportation = "Bushalte op loopafstand. Gratis parkeren.",
        };
        Locations.Add(location);
        for (var day = DayOfWeek.Monday; day <= DayOfWeek.Friday; day++)
        {
            Schedules.Add(new Schedule { Id = RegionGenerator.NextGuid(random), LocationId = location.Id, Day = day, OpensAt = new TimeOnly(9, 0), ClosesAt = new TimeOnly(17, 0) });
        }
        Phones.Add(new Phone { Id = RegionGenerator.NextGuid(random), LocationId = location.Id, Number = $"0113-{random.Next(100, 999)} {random.Next(100, 999)}" });
        return location;
    }

    private void AddService(Organization organization, Template template, string name, Location location, IReadOnlyList<Municipality> served)
    {
        var service = new Service
        {
            Id = RegionGenerator.NextGuid(random),
            OrganizationId = organization.Id,
            Name = name,
            Description = template.Description,
            IsFree = template.Free,
            FeesDescription = template.Free ? "Gratis" : "Eigen bijdrage van € 10 voor de hele cursus.",
            ApplicationProcess = "Bel of mail ons. Je kunt ook zonder afspraak langskomen tijdens het spreekuur. Iemand anders mag je ook aanmelden, zoals je huisarts.",
            Email = organization.Email,
            Url = organization.Website,
            LastModified = now.AddDays(-random.Next(1, 400)),
        };
        var names = new List<string>();
        void Term(TaxonomyKind kind, string code)
        {
            if (_terms.TryGetValue((kind, code), out var term))
            {
                ServiceTerms.Add(new ServiceTerm { Id = RegionGenerator.NextGuid(random), ServiceId = service.Id, TaxonomyTermId = term.Id });
                names.Add(term.NameNl);
                names.Add(term.NameEn);
            }
        }
        foreach (var code in template.LifeDomains)
        {
            Term(TaxonomyKind.LifeDomain, code);
        }
        foreach (var code in template.TargetGroups)
        {
            Term(TaxonomyKind.TargetGroup, code);
        }
        Term(TaxonomyKind.Language, "nl");
        if (random.NextDouble() < 0.4)
        {
            Term(TaxonomyKind.Language, random.NextDouble() < 0.5 ? "en" : random.NextDouble() < 0.5 ? "ar" : "tr");
        }
        Term(TaxonomyKind.ContactMode, "telefoon");
        Term(TaxonomyKind.ContactMode, random.NextDouble() < 0.5 ? "huisbezoek" : "op-locatie");
        service.RefreshSearchText(organization.Name, names);
        Services.Add(service);
        foreach (var municipality in served)
        {
            Areas.Add(new ServiceArea { Id = RegionGenerator.NextGuid(random), ServiceId = service.Id, MunicipalityId = municipality.Id });
        }
        ServiceAtLocations.Add(new ServiceAtLocation { Id = RegionGenerator.NextGuid(random), ServiceId = service.Id, LocationId = location.Id });
        if (random.NextDouble() < 0.3)
        {
            // Some services keep an evening or Saturday hour, for residents who work.
            var saturday = random.NextDouble() < 0.5;
            Schedules.Add(new Schedule
            {
                Id = RegionGenerator.NextGuid(random),
                ServiceId = service.Id,
                Day = saturday ? DayOfWeek.Saturday : DayOfWeek.Thursday,
                OpensAt = saturday ? new TimeOnly(10, 0) : new TimeOnly(19, 0),
                ClosesAt = saturday ? new TimeOnly(12, 0) : new TimeOnly(21, 0),
                Description = saturday ? "Zaterdagspreekuur" : "Avondspreekuur",
            });
        }
    }

    /// <summary>A profile for each supporter: roles by kind, a few expertise cells, languages and municipalities.</summary>
    public void AddProfiles(IEnumerable<StaffUser> supporters, IReadOnlyList<Organization> organizations)
    {
        var lifeDomains = terms.Where(t => t.Taxonomy == TaxonomyKind.LifeDomain).ToArray();
        var targetGroups = terms.Where(t => t.Taxonomy == TaxonomyKind.TargetGroup).ToArray();
        var roles = terms.Where(t => t.Taxonomy == TaxonomyKind.SupporterRole).ToArray();
        var languages = terms.Where(t => t.Taxonomy == TaxonomyKind.Language).ToArray();
        var organizationById = organizations.ToDictionary(o => o.Id);
        foreach (var user in supporters.Where(u => u.SupporterKind is not null))
        {
            var kind = user.SupporterKind!.Value;
            var profile = new SupporterProfile
            {
                Id = RegionGenerator.NextGuid(random),
                UserId = user.Id,
                OrganizationId = user.OrganizationId,
                Kind = kind,
                AvailableEvenings = kind != SupporterKind.Professional ? random.NextDouble() < 0.6 : random.NextDouble() < 0.15,
                AvailableWeekends = kind != SupporterKind.Professional ? random.NextDouble() < 0.4 : random.NextDouble() < 0.05,
                Training = kind switch
                {
                    SupporterKind.Professional => "Hbo Social Work; basistraining cliëntondersteuning.",
                    SupporterKind.PeerExpert => "Training ervaringsdeskundigheid.",
                    _ => "Basistraining vrijwillige meedenker.",
                },
            };
            profile.SetCapacity(kind == SupporterKind.Professional ? 20 + random.Next(15) : 2 + random.Next(4));
            Profiles.Add(profile);
            // Professionals take every role; informal supporters mostly signpost and clarify.
            foreach (var role in roles.Where(r => kind == SupporterKind.Professional || r.Code != "belangenbehartiger" || random.NextDouble() < 0.3))
            {
                ProfileTerms.Add(new SupporterTerm { ProfileId = profile.Id, TaxonomyTermId = role.Id });
            }
            ProfileTerms.Add(new SupporterTerm { ProfileId = profile.Id, TaxonomyTermId = languages[0].Id });
            if (random.NextDouble() < 0.3)
            {
                ProfileTerms.Add(new SupporterTerm { ProfileId = profile.Id, TaxonomyTermId = languages[1 + random.Next(languages.Length - 1)].Id });
            }
            var cells = new HashSet<(Guid, Guid)>();
            for (var i = 0; i < 3 + random.Next(4); i++)
            {
                // Supply is thin for young people, non-Western residents and low income, as the research found.
                var group = targetGroups[random.Next(targetGroups.Length)];
                if (group.Code is "jongeren" or "niet-westers" or "lage-ses" && random.NextDouble() < 0.7)
                {
                    group = targetGroups.First(t => t.Code == "ouderen");
                }
                cells.Add((group.Id, lifeDomains[random.Next(lifeDomains.Length)].Id));
            }
            foreach (var (group, domain) in cells)
            {
                ProfileExpertise.Add(new SupporterExpertise { ProfileId = profile.Id, TargetGroupTermId = group, LifeDomainTermId = domain });
            }
            var home = organizationById[user.OrganizationId].MunicipalityId;
            var areas = organizationById[user.OrganizationId].Kind == OrganizationKind.SupportA
                ? municipalities.Where(_ => random.NextDouble() < 0.5).Select(m => m.Id).Append(home).Distinct()
                : [home];
            foreach (var municipalityId in areas)
            {
                ProfileMunicipalities.Add(new SupporterMunicipality { ProfileId = profile.Id, MunicipalityId = municipalityId });
            }
        }
    }

    public async Task InsertAsync(AppDbContext db, IProgress<BulkLoadStep>? progress, CancellationToken cancellationToken)
    {
        await BulkInserter.InsertAsync(db, Locations, progress, cancellationToken);
        await BulkInserter.InsertAsync(db, Services, progress, cancellationToken);
        await SearchIndex.InsertAsync(db, Services, progress, cancellationToken);
        await BulkInserter.InsertAsync(db, ServiceTerms, progress, cancellationToken);
        await BulkInserter.InsertAsync(db, Areas, progress, cancellationToken);
        await BulkInserter.InsertAsync(db, ServiceAtLocations, progress, cancellationToken);
        await BulkInserter.InsertAsync(db, Schedules, progress, cancellationToken);
        await BulkInserter.InsertAsync(db, Phones, progress, cancellationToken);
        await BulkInserter.InsertAsync(db, Profiles, progress, cancellationToken);
        await BulkInserter.InsertAsync(db, ProfileTerms, progress, cancellationToken);
        await BulkInserter.InsertAsync(db, ProfileExpertise, progress, cancellationToken);
        await BulkInserter.InsertAsync(db, ProfileMunicipalities, progress, cancellationToken);
    }
}
