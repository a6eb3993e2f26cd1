using Meedenker.Domain;

namespace Meedenker.Data.Generation;

/// <summary>
/// The case work of the generated history, so the demo region looks like one a region recognises: referrals with
/// the referring organisation for requests that came through a referrer, and, for the cases a demo user is likely
/// to open (open today or closed in the last year), the questions per life domain and law, a plan with actions, the
/// network around the resident and, at closing, the resident's experience. It draws from its own random sequence,
/// so the rest of the history is the same as without it.
/// </summary>
internal sealed class CaseWorkWriter(Random random, IReadOnlyList<Organization> referrers, DateTimeOffset now)
{
    private sealed record DomainWork(string Question, string[] Laws, string Goal, string[] Actions);

    private static readonly Dictionary<string, DomainWork> Work = new(StringComparer.Ordinal)
    {
        ["wonen"] = new("Kan ik in mijn huis blijven wonen nu de trap niet meer gaat?", ["wmo"], "Veilig en prettig thuis blijven wonen",
            ["Aanvraag traplift bij de gemeente (Wmo) samen invullen", "Met de woningcorporatie praten over een gelijkvloerse woning"]),
        ["zorg-gezondheid"] = new("Welke zorg thuis past bij wat ik nodig heb, en wie betaalt die?", ["wmo", "zvw", "wlz"], "De zorg thuis goed geregeld",
            ["Keukentafelgesprek met de gemeente voorbereiden", "Huisarts vragen om een verwijzing voor wijkverpleging"]),
        ["financien-inkomen"] = new("Hoe krijg ik overzicht in mijn rekeningen en heb ik recht op toeslagen?", ["wgs", "awir", "participatiewet"], "Overzicht in geld en post",
            ["Samen alle brieven sorteren in één map", "Aanmelden bij hulp bij schulden van de gemeente", "Proefberekening toeslagen maken"]),
        ["werk-dagbesteding"] = new("Ik wil weer iets zinvols doen, maar weet niet wat er kan.", ["participatiewet"], "Een vaste bezigheid in de week",
            ["Kennismaken bij het vrijwilligerspunt", "Gesprek met de gemeente over een werkplek met begeleiding"]),
        ["onderwijs-leren"] = new("Waar kan ik beter Nederlands leren lezen en schrijven?", [], "Brieven zelf kunnen lezen",
            ["Inschrijven bij het taalcafé van de bibliotheek"]),
        ["opvoeden-opgroeien"] = new("Mijn zoon wordt 18: wat moeten we regelen voor zorg en geld?", ["jeugdwet", "wmo", "zvw"], "Alles geregeld voor de 18e verjaardag",
            ["Lijst maken van wat er bij 18 jaar verandert", "Zorgverzekering en zorgtoeslag op zijn naam aanvragen"]),
        ["sociale-relaties"] = new("Ik ben veel alleen sinds mijn vrouw is overleden.", [], "Weer mensen om me heen",
            ["Samen een keer naar de inloop gaan", "Vragen of een buurtgenoot wekelijks langs kan komen"]),
        ["veiligheid"] = new("Ik voel me thuis niet veilig en weet niet bij wie ik terecht kan.", ["wmo"], "Een veilige plek en een plan",
            ["Samen Veilig Thuis bellen voor advies", "Afspraak met het maatschappelijk werk maken"]),
        ["welbevinden"] = new("Ik zie het vaak niet meer zitten en weet niet waar ik moet beginnen.", ["zvw"], "Meer rust in mijn hoofd",
            ["Huisarts vragen naar de praktijkondersteuner GGZ", "Kennismaken met een ervaringsdeskundige"]),
    };

    private static readonly (string Name, string Relation, string What)[] NetworkPeople =
    [
        ("Ria", "dochter", "Doet de boodschappen op zaterdag"), ("Ahmed", "buurman", "Helpt met klusjes in huis"), ("Joke", "zus", "Belt elke avond even"),
        ("Karim", "zoon", "Gaat mee naar afspraken"), ("Els", "vriendin", "Komt wekelijks koffie drinken"), ("Piet", "neef", "Helpt met de computer"),
    ];

    private static readonly (string Name, string Relation, string What)[] NetworkOrganizations =
    [
        ("Huisartsenpraktijk", "huisarts", "Kent de gezondheid en verwijst"), ("Wijkverpleging", "zorg thuis", "Komt twee keer per week"),
        ("Woningcorporatie", "verhuurder", "Over aanpassingen en huur"), ("Sociaal team", "gemeente", "Voor de aanvraag bij de gemeente"),
    ];

    private static readonly string[] Comments =
    [
        "Fijn dat er iemand naast me stond bij het gesprek met de gemeente.", "Ik weet nu bij wie ik terecht kan.", "Het duurde lang voordat er contact was.",
        "Mijn meedenker luisterde echt.", "Ik red het nu weer zelf, met een beetje hulp van mijn dochter.",
    ];

    private static readonly string[] ReferrerNames = ["Dr. de Vries", "Marieke Jansen", "Tom Bakker", "Fatima El Idrissi", "Wim Koster", "Sandra Visser"];

    public List<Referral> Referrals { get; } = [];
    public List<CaseQuestion> Questions { get; } = [];
    public List<PlanGoal> Goals { get; } = [];
    public List<PlanAction> Actions { get; } = [];
    public List<NetworkMember> Network { get; } = [];
    public List<ResidentExperience> Experiences { get; } = [];

    public int Count => Referrals.Count + Questions.Count + Goals.Count + Actions.Count + Network.Count + Experiences.Count;

    public void Clear()
    {
        Referrals.Clear();
        Questions.Clear();
        Goals.Clear();
        Actions.Clear();
        Network.Clear();
        Experiences.Clear();
    }

    /// <summary>A request that came through a referrer: who referred, with the resident's consent.</summary>
    public void AddReferral(HelpRequest request)
    {
        if (referrers.Count == 0)
        {
            return;
        }
        var organization = referrers[random.Next(referrers.Count)];
        var name = ReferrerNames[random.Next(ReferrerNames.Length)];
        Referrals.Add(new Referral
        {
            Id = RegionGenerator.NextGuid(random),
            HelpRequestId = request.Id,
            ReferrerOrganizationId = organization.Id,
            ReferrerName = name,
            ReferrerOrganizationName = organization.Name,
            ReferrerEmail = organization.Email,
            ReferrerKindCode = KindOf(organization.Name),
            ConsentGivenBy = random.NextDouble() < 0.9 ? ConsentGivenBy.Resident : ConsentGivenBy.Representative,
            ConsentMethod = random.NextDouble() < 0.6 ? ConsentMethod.ResidentPresent : ConsentMethod.Verbal,
            ConsentGivenAt = request.ReceivedAt,
            CreatedAt = request.ReceivedAt,
            NotifyReferrer = random.NextDouble() < 0.5,
        });
    }

    private static string? KindOf(string organization) =>
        organization.StartsWith("Huisarts", StringComparison.Ordinal) ? "huisarts"
        : organization.StartsWith("Woon", StringComparison.Ordinal) ? "woningcorporatie"
        : organization.StartsWith("Bibliotheek", StringComparison.Ordinal) ? "bibliotheek"
        : organization.StartsWith("Basisschool", StringComparison.Ordinal) ? "school"
        : null;

    /// <summary>The work on a case that had a first contact, if a demo user is likely to open it.</summary>
    public void AddWork(Case @case, string lifeDomain, DateTimeOffset firstContact)
    {
        if (@case.ClosedAt is { } closed && closed < now.AddYears(-1))
        {
            return;
        }
        var work = Work.GetValueOrDefault(lifeDomain) ?? Work["welbevinden"];
        var at = firstContact.AddMinutes(30);
        // Most cases have their question written down; some not yet (shown as such).
        if (random.NextDouble() < 0.85)
        {
            var laws = work.Laws.Where(_ => random.NextDouble() < 0.6).ToList();
            Questions.Add(new CaseQuestion { Id = RegionGenerator.NextGuid(random), CaseId = @case.Id, LifeDomainCode = lifeDomain, LawCodes = laws, Text = work.Question, CreatedAt = at, RecordedById = @case.SupporterId });
        }
        if (random.NextDouble() < 0.7)
        {
            var goal = new PlanGoal { Id = RegionGenerator.NextGuid(random), CaseId = @case.Id, LifeDomainCode = lifeDomain, Text = work.Goal, CreatedAt = at, RecordedById = @case.SupporterId };
            Goals.Add(goal);
            for (var i = 0; i < work.Actions.Length; i++)
            {
                var owner = i == 0 ? PlanActionOwner.Supporter : random.NextDouble() < 0.6 ? PlanActionOwner.Resident : PlanActionOwner.NetworkMember;
                var done = @case.ClosedAt is not null || random.NextDouble() < 0.4;
                Actions.Add(new PlanAction
                {
                    Id = RegionGenerator.NextGuid(random),
                    CaseId = @case.Id,
                    GoalId = goal.Id,
                    Text = work.Actions[i],
                    Owner = owner,
                    OwnerName = owner == PlanActionOwner.NetworkMember ? NetworkPeople[random.Next(NetworkPeople.Length)].Name : null,
                    OwnerSupporterId = owner == PlanActionOwner.Supporter ? @case.SupporterId : null,
                    DueOn = DateOnly.FromDateTime(at.AddDays(14 * (i + 1)).UtcDateTime),
                    Status = done ? PlanActionStatus.Done : PlanActionStatus.Open,
                    CreatedAt = at,
                    ChangedAt = at,
                });
            }
        }
        // One in five has no network on record: shown as "geen netwerk vastgelegd".
        if (random.NextDouble() < 0.8)
        {
            var person = NetworkPeople[random.Next(NetworkPeople.Length)];
            Network.Add(new NetworkMember { Id = RegionGenerator.NextGuid(random), CaseId = @case.Id, Kind = NetworkMemberKind.Person, Name = person.Name, Relation = person.Relation, WhatTheyDo = person.What, CreatedAt = at, RecordedById = @case.SupporterId });
            if (random.NextDouble() < 0.5)
            {
                var organization = NetworkOrganizations[random.Next(NetworkOrganizations.Length)];
                Network.Add(new NetworkMember { Id = RegionGenerator.NextGuid(random), CaseId = @case.Id, Kind = NetworkMemberKind.Organization, Name = organization.Name, Relation = organization.Relation, WhatTheyDo = organization.What, CreatedAt = at, RecordedById = @case.SupporterId });
            }
        }
        if (@case.ClosedAt is { } closedAt && random.NextDouble() < 0.6)
        {
            Experiences.Add(new ResidentExperience
            {
                Id = RegionGenerator.NextGuid(random),
                CaseId = @case.Id,
                At = closedAt,
                Heard = random.Next(3, 6),
                Helped = random.Next(2, 6),
                Manages = random.Next(2, 6),
                Comment = random.NextDouble() < 0.5 ? Comments[random.Next(Comments.Length)] : null,
                ViaStatusLink = random.NextDouble() < 0.3,
            });
        }
    }
}
