using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bogus;
using Meedenker.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Data.Generation;

/// <param name="Seed">Same seed and same reference date give the same region.</param>
/// <param name="Cases">Cases to generate over the history; 0 means the demo size (about 9 000).</param>
/// <param name="ContactsPerCase">Average contacts per case.</param>
/// <param name="Years">Length of the history.</param>
/// <param name="WithDemoAccounts">Adds the demo logins (one per role).</param>
/// <param name="ReferenceDataOnly">Only taxonomies, municipalities and roles: what a real installation starts with.</param>
/// <param name="NationwideServices">Besides the region, a nationwide social map of this many services (one
/// organisation per ten services) over <see cref="RegionGenerator.NationwideMunicipalities"/> municipalities; for benchmarks.</param>
public sealed record GeneratorOptions(
    int Seed = 20_261_125,
    int Cases = 0,
    double ContactsPerCase = 5,
    int Years = 3,
    bool WithDemoAccounts = true,
    bool ReferenceDataOnly = false,
    int NationwideServices = 0);

public sealed record GeneratorResult(
    int Municipalities,
    int Neighbourhoods,
    int Organizations,
    int StaffUsers,
    int HelpRequests,
    int Cases,
    int Contacts,
    TimeSpan Elapsed)
{
    public int Services { get; init; }
}

/// <summary>
/// Builds the Oosterschelde region with made-up organisations, staff and history. One generator serves the
/// demo (a few seconds) and benchmarks (a million cases in minutes, through bulk inserts). The history has
/// a drop of about 60 % in incoming requests for six weeks, starting about four months before today, so
/// that monitoring has a shock to find; the weekly counts come from <see cref="IntakePlan"/>.
/// </summary>
public sealed class RegionGenerator(AppDbContext db, TimeProvider time)
{
    /// <summary>Told after each table (and every <see cref="BulkInserter.ProgressEvery"/> rows within a big one).</summary>
    public IProgress<BulkLoadStep>? Progress { get; init; }

    public const int DemoWeeklyIntake = 58;
    private const int FlushEvery = 20_000;
    public const int NationwideMunicipalities = 342;

    private static readonly (string Code, int Weight)[] LifeDomainWeights =
        [("financien-inkomen", 25), ("zorg-gezondheid", 20), ("wonen", 15), ("sociale-relaties", 10), ("welbevinden", 10),
         ("werk-dagbesteding", 7), ("opvoeden-opgroeien", 5), ("onderwijs-leren", 4), ("veiligheid", 4)];
    private static readonly (string Code, int Weight)[] TargetGroupWeights =
        [("ouderen", 25), ("ggz", 15), ("lage-ses", 12), ("ouders-gezin", 10), ("mantelzorgers", 10), ("lichamelijke-beperking", 8),
         ("jongeren", 7), ("lvb", 6), ("nah", 4), ("niet-westers", 3)];
    /// <summary>How the demo's requests are spread over target groups, for tests that split the intake plan.</summary>
    internal static IReadOnlyList<(string Code, int Weight)> TargetGroupShares => TargetGroupWeights;
    private static readonly (string Code, int Weight)[] ReferrerSources =
        [("huisarts", 35), ("sociaal-team", 25), ("wijkverpleging", 15), ("school", 10), ("woningcorporatie", 10), ("bibliotheek", 5)];
    private static readonly (string Code, int Weight)[] SelfSources =
        [("vriend-familie", 30), ("website", 20), ("huisarts", 15), ("folder", 10), ("social-media", 10), ("bibliotheek", 8), ("kerk-vereniging", 7)];
    private static readonly (ContactMode Mode, int Weight)[] NormalModes =
        [(ContactMode.Phone, 40), (ContactMode.HomeVisit, 20), (ContactMode.OnSite, 15), (ContactMode.Message, 12), (ContactMode.Video, 8), (ContactMode.Walk, 5)];
    private static readonly (ContactMode Mode, int Weight)[] LockdownModes =
        [(ContactMode.Phone, 50), (ContactMode.Video, 20), (ContactMode.Walk, 12), (ContactMode.Message, 13), (ContactMode.HomeVisit, 5)];

    private static readonly Dictionary<string, string[]> Questions = new()
    {
        ["financien-inkomen"] = ["Ik krijg steeds meer rekeningen en weet niet waar ik moet beginnen.", "Mijn inkomen is ineens veel lager. Waar heb ik recht op?", "Ik snap de brief van de Belastingdienst niet."],
        ["zorg-gezondheid"] = ["Mijn moeder vergeet steeds meer. Welke hulp is er?", "Ik wil hulp thuis aanvragen maar weet niet hoe.", "Ik moet een keukentafelgesprek voeren en zie er tegenop."],
        ["wonen"] = ["Mijn huis is niet meer geschikt nu ik slecht ter been ben.", "Ik moet mijn huis uit en weet niet waar ik naartoe kan.", "Ik wil een traplift aanvragen."],
        ["sociale-relaties"] = ["Ik voel me alleen sinds mijn man is overleden.", "Ik wil graag meer mensen leren kennen in mijn dorp."],
        ["welbevinden"] = ["Ik slaap slecht en maak me veel zorgen.", "Alles wordt me te veel."],
        ["werk-dagbesteding"] = ["Ik zoek dagbesteding voor mijn zoon.", "Ik ben mijn werk kwijt en weet niet wat nu."],
        ["opvoeden-opgroeien"] = ["Mijn dochter wordt 18. Wat verandert er voor haar zorg?", "Ik wil hulp bij de opvoeding van mijn kinderen."],
        ["onderwijs-leren"] = ["Mijn kind kan niet naar een gewone school. Welke school past?", "Ik wil beter leren lezen en schrijven."],
        ["veiligheid"] = ["Ik voel me niet veilig in mijn buurt.", "Iemand in mijn omgeving bedreigt me."],
    };

    private static readonly string[] SupportANames = ["Stichting Meedenkers Oosterschelde", "Ervaringskracht Zeeland", "Mantelzorgmakelaars De Schakel"];
    private static readonly string[] SupportBRegional = ["Zorgpunt Bevelanden Wijkverpleging", "Casemanagement Dementie De Kreek", "Jeugdgezondheid Schelderegio", "Samenwerkingsverband Passend Onderwijs Oosterschelde", "Maatschappelijk Werk Kustlicht"];
    private static readonly (string Name, string Municipality)[] SupportC =
    [
        ("Formulierenbrigade Goes", "Goes"), ("Thuisadministratie Tholen", "Tholen"), ("Seniorenvereniging Kapelle-Biezelinge", "Kapelle"),
        ("Inloophuis De Haven", "Schouwen-Duiveland"), ("Diaconie Reimerswaal", "Reimerswaal"), ("Ouderenbond Borsele", "Borsele"),
        ("Buurtkamer Kamperland", "Noord-Beveland"), ("Taalcafé De Brug", "Goes"), ("Geldmaatjes Schouwen", "Schouwen-Duiveland"),
        ("Buurthulp Yerseke", "Reimerswaal"), ("Inloop Het Anker", "Tholen"), ("Vrijwilligerspunt Noord-Beveland", "Noord-Beveland"),
    ];
    private static readonly (string Name, string Municipality)[] Referrers =
    [
        ("Huisartsenpraktijk De Zeedijk", "Goes"), ("Huisartsenpraktijk Oesterdam", "Reimerswaal"), ("Woonstichting Zeeuwse Kust", "Goes"),
        ("Bibliotheek Oosterschelde", "Goes"), ("Basisschool De Vlinder", "Kapelle"), ("Wijkteam Politie Bevelanden", "Goes"),
    ];

    public async Task<GeneratorResult> GenerateAsync(GeneratorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stopwatch = Stopwatch.StartNew();
        // A big region's statements (the word index, the history) may run for minutes: no command timeout.
        var previousTimeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(0);
        try
        {
            return await GenerateInTransactionAsync(options, stopwatch, cancellationToken);
        }
        finally
        {
            db.Database.SetCommandTimeout(previousTimeout);
        }
    }

    private async Task<GeneratorResult> GenerateInTransactionAsync(GeneratorOptions options, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        var random = new Random(options.Seed);
        var faker = new Faker("nl") { Random = new Randomizer(options.Seed) };
        var now = time.GetUtcNow();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var previousDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        var terms = BuildTaxonomy(random, new Random(options.Seed + 5));
        var (municipalities, neighbourhoods) = BuildRegion(random);
        var roles = StaffRoles.All.Select(r => new IdentityRole<Guid>(r) { Id = NextGuid(random), NormalizedName = r.ToUpperInvariant(), ConcurrencyStamp = NextGuid(random).ToString() }).ToList();
        await BulkInserter.InsertAsync(db, terms, Progress, cancellationToken);
        await BulkInserter.InsertAsync(db, municipalities, Progress, cancellationToken);
        await BulkInserter.InsertAsync(db, neighbourhoods, Progress, cancellationToken);
        await BulkInserter.InsertAsync(db, BuildNeighbourhoodFigures(new Random(options.Seed + 3), neighbourhoods, now), Progress, cancellationToken);
        await BulkInserter.InsertAsync(db, roles, Progress, cancellationToken);
        await BulkInserter.InsertAsync(db, RegionData.SynonymGroups.Select(words => new SearchSynonymGroup { Id = NextGuid(random), Words = Search.Normalize(words) }).ToList(), Progress, cancellationToken);
        if (options.ReferenceDataOnly)
        {
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.AutoDetectChangesEnabled = previousDetect;
            return new GeneratorResult(municipalities.Count, neighbourhoods.Count, 0, 0, 0, 0, 0, stopwatch.Elapsed);
        }

        var organizations = BuildOrganizations(random, municipalities, now);
        var supporterCount = Math.Max(80, options.Cases / 400);
        var (staff, userRoles) = BuildStaff(random, faker, organizations, roles, supporterCount, options.WithDemoAccounts, now);

        await BulkInserter.InsertAsync(db, organizations, Progress, cancellationToken);
        await BulkInserter.InsertAsync(db, BuildIntakeRoutes(random, new Random(options.Seed + 4), municipalities, organizations), Progress, cancellationToken);
        await BulkInserter.InsertAsync(db, staff, Progress, cancellationToken);
        await BulkInserter.InsertAsync(db, userRoles, Progress, cancellationToken);

        var history = new HistoryWriter(db, random, faker, municipalities, neighbourhoods, organizations, staff, today, now, new Random(options.Seed + 6), Progress, cancellationToken);
        var weeks = options.Years * 52;
        var weeklyIntake = options.Cases > 0
            ? options.Cases / (weeks * 0.9 * ExpectedMeanFactor(weeks))
            : DemoWeeklyIntake;
        foreach (var week in IntakePlan.Weeks(now, options.Seed, weeklyIntake, options.Years))
        {
            var minutes = (int)Math.Max(1, (week.Until - week.Start).TotalMinutes);
            for (var i = 0; i < week.Count; i++)
            {
                history.AddRequest(week.Start.AddMinutes(random.Next(minutes)), week.Lockdown, options.ContactsPerCase);
            }
            if (history.Pending >= FlushEvery)
            {
                await history.FlushAsync();
            }
        }
        await history.FlushAsync();

        // Its own random sequence: the directory never shifts the history above.
        var directory = new DirectoryGenerator(new Random(options.Seed + 1), terms, municipalities, now);
        directory.AddServices(organizations);
        directory.AddProfiles(staff, organizations);
        var nationwideOrganizations = 0;
        var nationwideServices = 0;
        if (options.NationwideServices > 0)
        {
            var extra = Enumerable.Range(1, NationwideMunicipalities - municipalities.Count)
                .Select(n => new Municipality { Id = NextGuid(random), Code = $"GM9{n:000}", Name = $"Voorbeeldgemeente {n:000}", Population = 20_000 + random.Next(80_000) })
                .ToList();
            await BulkInserter.InsertAsync(db, extra, Progress, cancellationToken);
            var all = municipalities.Concat(extra).ToList();
            var nationwide = new DirectoryGenerator(new Random(options.Seed + 2), terms, all, now);
            var nationwideOrgs = nationwide.AddNationwide(options.NationwideServices, all.Select(m => m.Id).ToArray());
            await BulkInserter.InsertAsync(db, nationwideOrgs, Progress, cancellationToken);
            await nationwide.InsertAsync(db, Progress, cancellationToken);
            nationwideOrganizations = nationwideOrgs.Count;
            nationwideServices = nationwide.Services.Count;
        }
        await directory.InsertAsync(db, Progress, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = previousDetect;

        return new GeneratorResult(municipalities.Count, neighbourhoods.Count, organizations.Count + nationwideOrganizations, staff.Count,
            history.RequestCount, history.CaseCount, history.ContactCount, stopwatch.Elapsed)
        { Services = directory.Services.Count + nationwideServices };
    }

    /// <summary>The Monday on which the demo shock starts, for tests and monitoring checks.</summary>
    public static DateOnly ShockStart(DateTimeOffset now) => IntakePlan.ShockStart(now);

    private static double ExpectedMeanFactor(int weeks) => 1.0 - (IntakePlan.ShockLengthWeeks * (1 - IntakePlan.ShockFactor) / weeks) - 0.02;

    internal static Guid NextGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    internal static T Pick<T>(Random random, (T Value, int Weight)[] weighted)
    {
        var total = 0;
        foreach (var (_, w) in weighted)
        {
            total += w;
        }
        var roll = random.Next(total);
        foreach (var (value, w) in weighted)
        {
            if (roll < w)
            {
                return value;
            }
            roll -= w;
        }
        return weighted[^1].Value;
    }

    /// <summary>
    /// The default taxonomies. Terms added later (<see cref="RegionData.LaterLaws"/>) take their ids from their own
    /// sequence, so the ids of everything generated after the taxonomy stay as they were.
    /// </summary>
    private static List<TaxonomyTerm> BuildTaxonomy(Random random, Random laterRandom)
    {
        var terms = new List<TaxonomyTerm>();
        void Add(TaxonomyKind kind, IReadOnlyList<RegionData.TermSeed> seeds, Random ids, int firstSortOrder = 1)
        {
            for (var i = 0; i < seeds.Count; i++)
            {
                terms.Add(new TaxonomyTerm { Id = NextGuid(ids), Taxonomy = kind, Code = seeds[i].Code, NameNl = seeds[i].Nl, NameEn = seeds[i].En, SortOrder = firstSortOrder + i });
            }
        }
        Add(TaxonomyKind.LifeDomain, RegionData.LifeDomains, random);
        Add(TaxonomyKind.TargetGroup, RegionData.TargetGroups, random);
        Add(TaxonomyKind.Law, RegionData.Laws, random);
        Add(TaxonomyKind.SupporterRole, RegionData.SupporterRoles, random);
        Add(TaxonomyKind.ContactMode, RegionData.ContactModes, random);
        Add(TaxonomyKind.Channel, RegionData.Channels, random);
        Add(TaxonomyKind.Language, RegionData.Languages, random);
        Add(TaxonomyKind.Law, RegionData.LaterLaws, laterRandom, RegionData.Laws.Count + 1);
        return terms;
    }

    private static (List<Municipality>, List<Neighbourhood>) BuildRegion(Random random)
    {
        var municipalities = new List<Municipality>();
        var neighbourhoods = new List<Neighbourhood>();
        foreach (var seed in RegionData.Oosterschelde)
        {
            var municipality = new Municipality { Id = NextGuid(random), Code = seed.Code, Name = seed.Name, Population = seed.Population };
            municipalities.Add(municipality);
            // The first place is the main town: it gets the biggest share of inhabitants.
            var weights = seed.Neighbourhoods.Select((_, i) => i == 0 ? 3.0 : 0.6 + random.NextDouble()).ToArray();
            var total = weights.Sum();
            var assigned = 0;
            for (var i = 0; i < seed.Neighbourhoods.Length; i++)
            {
                var population = i == seed.Neighbourhoods.Length - 1
                    ? seed.Population - assigned
                    : (int)(seed.Population * weights[i] / total);
                assigned += population;
                var neighbourhood = new Neighbourhood
                {
                    Id = NextGuid(random),
                    MunicipalityId = municipality.Id,
                    Code = $"WK{seed.Code[2..]}{i + 1:00}",
                    Name = seed.Neighbourhoods[i],
                    Population = population,
                };
                neighbourhoods.Add(neighbourhood);
            }
        }
        return (municipalities, neighbourhoods);
    }

    /// <summary>
    /// Made-up but plausible reference figures per neighbourhood for the monitor: an age split around the
    /// Zeeland average (more older people than the national one), and more low income and living alone in
    /// the main towns (the first neighbourhood of each municipality) than in the villages.
    /// </summary>
    private static List<NeighbourhoodReference> BuildNeighbourhoodFigures(Random random, List<Neighbourhood> neighbourhoods, DateTimeOffset now)
    {
        var figures = new List<NeighbourhoodReference>();
        foreach (var n in neighbourhoods)
        {
            var town = n.Code.EndsWith("01", StringComparison.Ordinal);
            var young = 0.17 + random.NextDouble() * 0.05;
            var old = 0.10 + random.NextDouble() * 0.05;
            var oldest = 0.08 + random.NextDouble() * 0.05;
            var children = (int)(n.Population * young);
            var age65 = (int)(n.Population * old);
            var age75 = (int)(n.Population * oldest);
            figures.Add(new NeighbourhoodReference
            {
                NeighbourhoodId = n.Id,
                Age0To17 = children,
                Age18To64 = n.Population - children - age65 - age75,
                Age65To74 = age65,
                Age75Plus = age75,
                LowIncomeShare = Math.Round((town ? 0.12 : 0.06) + random.NextDouble() * 0.06, 3),
                LivingAloneShare = Math.Round((town ? 0.24 : 0.13) + random.NextDouble() * 0.08, 3),
                UploadedAt = now,
            });
        }
        return figures;
    }

    private static List<Organization> BuildOrganizations(Random random, List<Municipality> municipalities, DateTimeOffset now)
    {
        var byName = municipalities.ToDictionary(m => m.Name);
        var goes = byName["Goes"];
        var organizations = new List<Organization>();
        Organization Add(string name, OrganizationKind kind, Municipality municipality)
        {
            var slug = Slug(name);
            var organization = new Organization
            {
                Id = NextGuid(random),
                Name = name,
                Kind = kind,
                MunicipalityId = municipality.Id,
                Email = $"info@{slug}.voorbeeld.test",
                Phone = $"0113-{random.Next(100, 999)} {random.Next(100, 999)}",
                Website = $"https://{slug}.voorbeeld.test",
                Description = kind switch
                {
                    OrganizationKind.SupportA => "Onafhankelijke cliëntondersteuning is ons vak. Gratis voor iedereen in de regio.",
                    OrganizationKind.SupportB => "Wij helpen inwoners ook met de weg in zorg en welzijn, naast ons andere werk.",
                    OrganizationKind.SupportC => "Vrijwilligers helpen je praktisch en denken met je mee.",
                    _ => null,
                },
                CreatedAt = now.AddYears(-4),
            };
            organizations.Add(organization);
            return organization;
        }
        foreach (var name in SupportANames)
        {
            Add(name, OrganizationKind.SupportA, goes);
        }
        foreach (var name in SupportBRegional)
        {
            Add(name, OrganizationKind.SupportB, goes);
        }
        foreach (var municipality in municipalities)
        {
            Add($"Sociaal Team {municipality.Name}", OrganizationKind.SupportB, municipality);
        }
        foreach (var (name, municipality) in SupportC)
        {
            Add(name, OrganizationKind.SupportC, byName[municipality]);
        }
        foreach (var (name, municipality) in Referrers)
        {
            Add(name, OrganizationKind.Referrer, byName[municipality]);
        }
        foreach (var municipality in municipalities)
        {
            Add($"Gemeente {municipality.Name}", OrganizationKind.Municipality, municipality);
        }
        return organizations;
    }

    /// <summary>
    /// Every municipality's requests go to the regional A organisations and its own social team; the A organisations
    /// are also the region's fallback route, for any municipality without a route of its own (e.g. the nationwide
    /// ones of a benchmark map). The fallback's ids come from their own sequence, so the history does not shift.
    /// </summary>
    private static List<IntakeRoute> BuildIntakeRoutes(Random random, Random fallbackRandom, List<Municipality> municipalities, List<Organization> organizations)
    {
        var routes = new List<IntakeRoute>();
        foreach (var municipality in municipalities)
        {
            var targets = organizations.Where(o => o.Kind == OrganizationKind.SupportA
                || (o.Kind == OrganizationKind.SupportB && o.MunicipalityId == municipality.Id && o.Name.StartsWith("Sociaal Team", StringComparison.Ordinal)));
            routes.AddRange(targets.Select(o => new IntakeRoute { Id = NextGuid(random), MunicipalityId = municipality.Id, OrganizationId = o.Id }));
        }
        routes.AddRange(organizations.Where(o => o.Kind == OrganizationKind.SupportA)
            .Select(o => new IntakeRoute { Id = NextGuid(fallbackRandom), MunicipalityId = null, OrganizationId = o.Id }));
        return routes;
    }

    private static (List<StaffUser>, List<IdentityUserRole<Guid>>) BuildStaff(
        Random random, Faker faker, List<Organization> organizations, List<IdentityRole<Guid>> roles, int supporterCount, bool withDemoAccounts, DateTimeOffset now)
    {
        var roleId = roles.ToDictionary(r => r.Name!, r => r.Id);
        var staff = new List<StaffUser>();
        var userRoles = new List<IdentityUserRole<Guid>>();
        var emails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        StaffUser NewUser(string email, string displayName, Organization organization, string role, SupporterKind? kind, int? level)
        {
            var user = new StaffUser
            {
                Id = NextGuid(random),
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                LockoutEnabled = true,
                SecurityStamp = NextGuid(random).ToString("N").ToUpperInvariant(),
                ConcurrencyStamp = NextGuid(random).ToString(),
                DisplayName = displayName,
                OrganizationId = organization.Id,
                CreatedAt = now.AddYears(-3),
            };
            user.SetSupporterKind(kind, level);
            staff.Add(user);
            userRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleId[role] });
            return user;
        }

        if (withDemoAccounts)
        {
            // Hashing is deliberately slow; all demo accounts share one password, so hash it once.
            var hasher = new PasswordHasher<StaffUser>();
            string? hash = null;
            foreach (var account in DemoAccounts.All)
            {
                var organization = organizations.First(o => o.Name == account.Organization);
                var user = NewUser(account.Email, account.DisplayName, organization, account.Role, account.Kind, null);
                user.IsDemo = true;
                hash ??= hasher.HashPassword(user, DemoAccounts.Password);
                user.PasswordHash = hash;
                emails.Add(account.Email);
            }
        }

        var supportOrganizations = organizations.Where(o => o.GivesClientSupport).ToList();
        foreach (var organization in supportOrganizations.Where(o => o.Kind == OrganizationKind.SupportA))
        {
            var name = faker.Name.FullName();
            NewUser(UniqueEmail(emails, name, organization), name, organization, StaffRoles.Coordinator, null, null);
        }
        for (var i = 0; i < supporterCount; i++)
        {
            // Formal supporters mostly at A and B organisations, volunteers and peer experts at A and C.
            var roll = random.NextDouble();
            var kind = roll < 0.45 ? SupporterKind.Professional : roll < 0.8 ? SupporterKind.Volunteer : SupporterKind.PeerExpert;
            var candidates = supportOrganizations.Where(o => kind == SupporterKind.Professional
                ? o.Kind != OrganizationKind.SupportC
                : o.Kind != OrganizationKind.SupportB).ToList();
            var organization = candidates[random.Next(candidates.Count)];
            var name = faker.Name.FullName();
            NewUser(UniqueEmail(emails, name, organization), name, organization, StaffRoles.Supporter, kind,
                kind == SupporterKind.PeerExpert ? random.Next(1, 4) : null);
        }
        return (staff, userRoles);
    }

    private static string UniqueEmail(HashSet<string> taken, string name, Organization organization)
    {
        var local = Slug(name).Replace('-', '.');
        var domain = $"{Slug(organization.Name)}.voorbeeld.test";
        var email = $"{local}@{domain}";
        for (var n = 2; !taken.Add(email); n++)
        {
            email = $"{local}{n}@{domain}";
        }
        return email;
    }

    internal static string Slug(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }
        return builder.ToString().Trim('-');
    }

    /// <summary>Collects residents, requests, cases and contacts and writes them in bulk.</summary>
    private sealed class HistoryWriter
    {
        private readonly AppDbContext _db;
        private readonly Random _random;
        private readonly Faker _faker;
        private readonly DateTimeOffset _now;
        private readonly CancellationToken _cancellationToken;
        private readonly IProgress<BulkLoadStep>? _progress;
        private readonly double[] _municipalityShare;
        private readonly List<Municipality> _municipalities;
        private readonly Dictionary<Guid, List<Neighbourhood>> _neighbourhoods;
        private readonly List<Organization> _regional;
        private readonly Dictionary<Guid, List<Organization>> _local;
        private readonly Dictionary<Guid, List<StaffUser>> _supporters;
        /// <summary>Per supporter, the cases given to them that are still open today.</summary>
        private readonly Dictionary<Guid, int> _openCases = [];
        private readonly HashSet<string> _codes = new(StringComparer.Ordinal);
        private readonly List<Resident> _residents = [];
        private readonly List<HelpRequest> _requests = [];
        private readonly List<HelpRequestLifeDomain> _lifeDomains = [];
        private readonly List<IntakeAssignment> _assignments = [];
        private readonly List<Case> _cases = [];
        private readonly List<Contact> _contacts = [];
        private readonly CaseWorkWriter _work;

        public HistoryWriter(AppDbContext db, Random random, Faker faker, List<Municipality> municipalities, List<Neighbourhood> neighbourhoods,
            List<Organization> organizations, List<StaffUser> staff, DateTimeOffset today, DateTimeOffset now, Random workRandom, IProgress<BulkLoadStep>? progress, CancellationToken cancellationToken)
        {
            _db = db;
            _progress = progress;
            _random = random;
            _faker = faker;
            _now = now;
            _ = today;
            _cancellationToken = cancellationToken;
            _municipalities = municipalities;
            var total = municipalities.Sum(m => (double)m.Population);
            _municipalityShare = municipalities.Select(m => m.Population / total).ToArray();
            _neighbourhoods = neighbourhoods.GroupBy(n => n.MunicipalityId).ToDictionary(g => g.Key, g => g.ToList());
            _regional = organizations.Where(o => o.Kind == OrganizationKind.SupportA).ToList();
            _local = organizations.Where(o => o.Kind is OrganizationKind.SupportB or OrganizationKind.SupportC)
                .GroupBy(o => o.MunicipalityId).ToDictionary(g => g.Key, g => g.ToList());
            _supporters = staff.Where(s => s.SupporterKind is not null)
                .GroupBy(s => s.OrganizationId).ToDictionary(g => g.Key, g => g.ToList());
            _work = new CaseWorkWriter(workRandom, organizations.Where(o => o.Kind == OrganizationKind.Referrer).ToList(), now);
        }

        public int RequestCount { get; private set; }
        public int CaseCount { get; private set; }
        public int ContactCount { get; private set; }
        public int Pending => _requests.Count;

        public void AddRequest(DateTimeOffset receivedAt, bool lockdown, double contactsPerCase)
        {
            var municipality = PickMunicipality();
            var neighbourhoods = _neighbourhoods[municipality.Id];
            var neighbourhood = neighbourhoods[_random.Next(neighbourhoods.Count)];
            var firstName = _faker.Name.FirstName();
            var lastName = _faker.Name.LastName();
            var resident = new Resident
            {
                Id = NextGuid(_random),
                FirstName = firstName,
                LastName = lastName,
                Email = _random.NextDouble() < 0.6 ? $"{Slug(firstName)}.{Slug(lastName)}{_random.Next(10, 99)}@voorbeeld.test" : null,
                Phone = $"06-0{_random.Next(1_000_000, 9_999_999)}",
                BirthYear = _random.Next(1935, 2009),
                MunicipalityId = municipality.Id,
                NeighbourhoodId = neighbourhood.Id,
                CreatedAt = receivedAt,
            };
            _residents.Add(resident);

            var roll = _random.NextDouble();
            var channel = roll < 0.45 ? RequestChannel.Self : roll < 0.65 ? RequestChannel.Relative : RequestChannel.Referrer;
            var lifeDomain = Pick(_random, LifeDomainWeights);
            var questions = Questions[lifeDomain];
            string code;
            do
            {
                code = ReferenceCode.New(_random);
            }
            while (!_codes.Add(code));
            var request = new HelpRequest
            {
                Id = NextGuid(_random),
                ReferenceCode = code,
                ReceivedAt = receivedAt,
                ResidentId = resident.Id,
                MunicipalityId = municipality.Id,
                NeighbourhoodId = neighbourhood.Id,
                Channel = channel,
                SourceCode = Pick(_random, channel == RequestChannel.Referrer ? ReferrerSources : SelfSources),
                LifeDomainCode = lifeDomain,
                TargetGroupCode = Pick(_random, TargetGroupWeights),
                Question = questions[_random.Next(questions.Length)],
                Status = HelpRequestStatus.Received,
                ContactPreferences = _random.NextDouble() < 0.7 ? ContactPreferences.Phone : ContactPreferences.Email | ContactPreferences.Phone,
                LanguageCode = _random.NextDouble() < 0.93 ? "nl" : "en",
            };
            _requests.Add(request);
            if (channel == RequestChannel.Referrer)
            {
                _work.AddReferral(request);
            }
            _lifeDomains.Add(new HelpRequestLifeDomain { HelpRequestId = request.Id, Code = lifeDomain });
            RequestCount++;

            // One in ten never becomes a case (answered at once, or the resident withdrew); recent ones wait in the queue.
            var openedAt = receivedAt.AddHours(_random.Next(4, 24 * 8));
            if (_random.NextDouble() < 0.1 || openedAt > _now)
            {
                if (openedAt <= _now)
                {
                    request.Status = HelpRequestStatus.Withdrawn;
                    request.WithdrawnAt = openedAt;
                }
                _assignments.Add(new IntakeAssignment { HelpRequestId = request.Id, OrganizationId = _regional[0].Id, Waiting = request.Status == HelpRequestStatus.Received });
                return;
            }
            var organization = PickOrganization(municipality);
            var supporters = _supporters.GetValueOrDefault(organization.Id);
            var supporter = supporters is { Count: > 0 } ? supporters[_random.Next(supporters.Count)] : null;
            var drawnContact = openedAt.AddHours(_random.Next(2, 24 * 12));
            var closedAt = drawnContact.AddDays(_random.Next(3, 180));
            var firstContact = DuringWorkingHours(drawnContact, openedAt, _now);
            if (closedAt > _now && supporters is { Count: > 0 })
            {
                // Still open today: to the organisation's supporter with the most room (no random draw, so the
                // rest of the history stays the same), or to no one yet when all of them are full.
                supporter = LeastLoaded(supporters, supporter!);
            }
            var startScore = _random.Next(1, 4);
            var @case = new Case
            {
                Id = NextGuid(_random),
                HelpRequestId = request.Id,
                ResidentId = resident.Id,
                OrganizationId = organization.Id,
                SupporterId = supporter?.Id,
                OpenedAt = openedAt,
                FirstContactAt = firstContact <= _now ? firstContact : null,
                ClosedAt = closedAt <= _now ? closedAt : null,
                Status = closedAt <= _now ? CaseStatus.Closed : CaseStatus.Open,
                SelfRelianceStart = firstContact <= _now ? startScore : null,
                SelfRelianceClose = closedAt <= _now ? Math.Min(5, startScore + _random.Next(0, 3)) : null,
            };
            _cases.Add(@case);
            CaseCount++;
            _assignments.Add(new IntakeAssignment { HelpRequestId = request.Id, OrganizationId = organization.Id });
            request.MatchedOrganizationId = organization.Id;
            request.MatchedSupporterId = supporter?.Id;
            request.MatchedAt = openedAt;
            request.FirstContactAt = @case.FirstContactAt;
            request.ClosedAt = @case.ClosedAt;
            request.Status = @case.Status == CaseStatus.Closed ? HelpRequestStatus.Closed
                : @case.FirstContactAt is not null ? HelpRequestStatus.InContact
                : HelpRequestStatus.Matched;

            if (@case.FirstContactAt is null)
            {
                return;
            }
            _work.AddWork(@case, lifeDomain, firstContact);
            var end = @case.ClosedAt ?? _now;
            var span = Math.Max(1, (end - firstContact).TotalMinutes);
            var contacts = 1 + (int)(_random.NextDouble() * 2 * (contactsPerCase - 1));
            for (var i = 0; i < contacts; i++)
            {
                var at = i == 0 ? firstContact : DuringWorkingHours(firstContact.AddMinutes(_random.NextDouble() * span), firstContact, end);
                _contacts.Add(new Contact
                {
                    Id = NextGuid(_random),
                    CaseId = @case.Id,
                    At = at,
                    Mode = Pick(_random, lockdown ? LockdownModes : NormalModes),
                    DurationMinutes = 5 * _random.Next(2, 19),
                });
                ContactCount++;
            }
        }

        /// <summary>
        /// A drawn contact time moved into the working day (08:30–17:30, Dutch winter time) of the same date, in the
        /// same order, or of the next day when the case began later that day, so that no meedenker calls a resident
        /// at 01:30. The draw itself is kept when the move would put the contact before
        /// <paramref name="notBefore"/> or after <paramref name="notAfter"/> (or when the draw is after it already), so
        /// the rest of the history does not change.
        /// </summary>
        internal static DateTimeOffset DuringWorkingHours(DateTimeOffset drawn, DateTimeOffset notBefore, DateTimeOffset notAfter)
        {
            if (drawn > notAfter)
            {
                return drawn;
            }
            var local = drawn.ToOffset(TimeSpan.FromHours(1));
            var minuteOfDay = local.TimeOfDay.TotalMinutes;
            var moved = new DateTimeOffset(local.Date, local.Offset).AddMinutes(8 * 60 + 30 + Math.Floor(minuteOfDay * 9 / 24));
            if (moved < notBefore)
            {
                // Earlier in the working day than the case began: the same hour of the next working day.
                moved = moved.AddDays(1);
            }
            return moved < notBefore || moved > notAfter ? drawn : moved.ToUniversalTime();
        }

        public async Task FlushAsync()
        {
            await BulkInserter.InsertAsync(_db, _residents, _progress, _cancellationToken);
            await BulkInserter.InsertAsync(_db, _requests, _progress, _cancellationToken);
            await BulkInserter.InsertAsync(_db, _lifeDomains, _progress, _cancellationToken);
            await BulkInserter.InsertAsync(_db, _assignments, _progress, _cancellationToken);
            await BulkInserter.InsertAsync(_db, _cases, _progress, _cancellationToken);
            await BulkInserter.InsertAsync(_db, _contacts, _progress, _cancellationToken);
            await BulkInserter.InsertAsync(_db, _work.Referrals, _progress, _cancellationToken);
            await BulkInserter.InsertAsync(_db, _work.Questions, _progress, _cancellationToken);
            await BulkInserter.InsertAsync(_db, _work.Goals, _progress, _cancellationToken);
            await BulkInserter.InsertAsync(_db, _work.Actions, _progress, _cancellationToken);
            await BulkInserter.InsertAsync(_db, _work.Network, _progress, _cancellationToken);
            await BulkInserter.InsertAsync(_db, _work.Experiences, _progress, _cancellationToken);
            _work.Clear();
            _residents.Clear();
            _requests.Clear();
            _lifeDomains.Clear();
            _assignments.Clear();
            _cases.Clear();
            _contacts.Clear();
        }

        /// <summary>
        /// The lowest capacity a supporter profile gets (DirectoryGenerator: professionals 20–34, volunteers and
        /// peer experts 2–5), plus one for the informal ones: open cases per supporter stay within or just at
        /// their capacity, as in a region that does not overload its volunteers.
        /// </summary>
        public static int OpenCasesAtMost(SupporterKind kind) => kind == SupporterKind.Professional ? 20 : 3;

        private StaffUser? LeastLoaded(List<StaffUser> supporters, StaffUser drawn)
        {
            StaffUser? best = null;
            var bestShare = double.MaxValue;
            // Start at the drawn supporter, so ties spread over the team instead of always landing on the first.
            var start = supporters.IndexOf(drawn);
            for (var i = 0; i < supporters.Count; i++)
            {
                var candidate = supporters[(start + i) % supporters.Count];
                var most = OpenCasesAtMost(candidate.SupporterKind!.Value);
                var open = _openCases.GetValueOrDefault(candidate.Id);
                var share = (double)open / most;
                if (open < most && share < bestShare)
                {
                    best = candidate;
                    bestShare = share;
                }
            }
            if (best is not null)
            {
                _openCases[best.Id] = _openCases.GetValueOrDefault(best.Id) + 1;
            }
            return best;
        }

        private Municipality PickMunicipality()
        {
            var roll = _random.NextDouble();
            for (var i = 0; i < _municipalityShare.Length; i++)
            {
                if (roll < _municipalityShare[i])
                {
                    return _municipalities[i];
                }
                roll -= _municipalityShare[i];
            }
            return _municipalities[^1];
        }

        private Organization PickOrganization(Municipality municipality)
        {
            var local = _local.GetValueOrDefault(municipality.Id);
            if (local is { Count: > 0 } && _random.NextDouble() < 0.4)
            {
                return local[_random.Next(local.Count)];
            }
            return _regional[_random.Next(_regional.Count)];
        }
    }
}
