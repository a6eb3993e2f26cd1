using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Features.Directory;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Wegwijzer;

/// <summary>
/// A short self-check that ends in advice per answer: what to try yourself, services from the social map that fit
/// that answer (in the resident's municipality when they chose one), and asking a meedenker with the chosen domains
/// carried along. Answers that cannot wait (eviction, a cut-off of gas, electricity or water, no money for food,
/// unsafe at home) come first and say so plainly, with the desk's number and the emergency numbers, and the request
/// that follows is marked urgent. It is a GET form: nothing is stored.
/// </summary>
[AllowAnonymous]
public sealed class SelfCheckModel(AppDbContext db, ReferenceData referenceData) : PageModel
{
    /// <summary>
    /// One statement to tick, with the advice for that answer: a tip, the words that find fitting services on the
    /// social map (tried in order, each on its own), and whether it cannot wait.
    /// </summary>
    public sealed record Question(string Code, string Dutch, string English, string TipDutch, string TipEnglish, string[] ServiceWords, bool Urgent = false);

    public sealed record Domain(string Code, string Dutch, string English, IReadOnlyList<Question> Questions);

    public sealed record Place(string Code, string Name);

    public sealed record ServiceLink(Guid Id, string Name, string Organization);

    public sealed record Advice(Domain Domain, Question Question, IReadOnlyList<ServiceLink> Services, string MapLink);

    public const int ServicesPerAnswer = 3;

    public static readonly IReadOnlyList<Domain> Domains =
    [
        new("financien-inkomen", "Geld en inkomen", "Money and income",
            [new("post", "Ik heb brieven die ik niet open of niet begrijp.", "I have letters I do not open or do not understand.",
                "Zet al je brieven in één map, ook de brieven die nog dicht zijn. Neem de map mee als iemand je helpt.",
                "Put all your letters in one folder, also the ones that are still closed. Take the folder with you when someone helps you.",
                ["brieven", "formulieren", "papieren"]),
             new("rekeningen", "Ik kan mijn rekeningen niet (meer) betalen.", "I cannot pay my bills (any more).",
                "Wacht niet tot het meer wordt. Schrijf op wie geld van je krijgt en hoeveel. Hulp bij schulden van de gemeente is gratis.",
                "Do not wait until it grows. Write down who you owe money to and how much. Debt help from the municipality is free.",
                ["schulden", "rekeningen", "geldzorgen"]),
             new("toeslag", "Ik weet niet of ik recht heb op toeslagen of hulp.", "I do not know whether I am entitled to benefits or help.",
                "Op toeslagen.nl kun je een proefberekening maken voor zorgtoeslag en huurtoeslag. Lukt dat niet, laat dan iemand met je meekijken.",
                "At toeslagen.nl you can do a test calculation for health-care and rent benefit. If that does not work, let someone look at it with you.",
                ["toeslagen", "formulieren"]),
             new("afsluiting", "Mijn gas, stroom of water wordt afgesloten.", "My gas, electricity or water is being cut off.",
                "Bel vandaag je energie- of waterbedrijf. Vraag om een betalingsregeling en zeg dat je hulp zoekt voor je schulden.",
                "Call your energy or water company today. Ask for a payment plan and say that you are looking for help with your debts.",
                ["afsluiting", "schulden"], Urgent: true),
             new("eten", "Ik heb geen geld voor eten.", "I have no money for food.",
                "Je hoeft dit niet alleen op te lossen. Bel vandaag: een meedenker weet waar je snel eten kunt krijgen, zoals bij de voedselbank.",
                "You do not have to solve this alone. Call today: a meedenker knows where you can get food quickly, for example at the food bank.",
                ["voedselbank", "geldzorgen"], Urgent: true)]),
        new("wonen", "Wonen", "Housing",
            [new("geschikt", "Mijn huis past niet meer bij wat ik kan.", "My home no longer suits what I can do.",
                "Schrijf op wat in huis niet meer lukt, zoals de trap of de douche. Soms helpt de gemeente met een aanpassing (Wmo).",
                "Write down what no longer works at home, such as the stairs or the shower. Sometimes the municipality helps with an adaptation (Wmo).",
                ["woningaanpassing", "wmo", "sociaal team"]),
             new("uitzetting", "Ik ben bang dat ik mijn huis uit moet.", "I am afraid I have to leave my home.",
                "Wacht niet. Heb je een brief van de verhuurder, de deurwaarder of de rechter? Leg die klaar en bel vandaag. Vaak kan er nog een regeling komen.",
                "Do not wait. Do you have a letter from the landlord, the bailiff or the court? Keep it ready and call today. Often an arrangement is still possible.",
                ["huurachterstand", "uitzetting", "schulden"], Urgent: true)]),
        new("zorg-gezondheid", "Zorg en gezondheid", "Care and health",
            [new("hulp-thuis", "Ik heb hulp thuis nodig maar weet niet hoe ik die aanvraag.", "I need help at home but do not know how to apply.",
                "Vraag je huisarts wat er kan. Voor hulp thuis meld je je bij de gemeente (Wmo). Een meedenker kan mee naar dat gesprek.",
                "Ask your GP what is possible. For help at home you contact the municipality (Wmo). A meedenker can come with you to that conversation.",
                ["wmo", "sociaal team", "indicaties"]),
             new("mantelzorg", "Ik zorg voor iemand en het wordt me te veel.", "I care for someone and it is getting too much.",
                "Je mag ook hulp vragen voor jezelf. Een mantelzorgmakelaar kan regelwerk van je overnemen.",
                "You may ask for help for yourself too. A carer's broker can take paperwork off your hands.",
                ["mantelzorgers", "mantelzorg"])]),
        new("sociale-relaties", "Contact met anderen", "Contact with others",
            [new("alleen", "Ik voel me vaak alleen.", "I often feel alone.",
                "Kijk in de sociale kaart naar een inloop of activiteit bij jou in de buurt. Je mag gewoon binnenlopen.",
                "Look in the social map for a walk-in or activity near you. You can just walk in.",
                ["inloop", "ontmoeten"]),
             new("niemand", "Ik heb niemand die me kan helpen.", "I have nobody who can help me.",
                "Een vrijwilliger of iemand die het zelf heeft meegemaakt, kan naast je staan. Een meedenker zoekt dat samen met jou.",
                "A volunteer or someone who went through it themselves can stand beside you. A meedenker looks for that with you.",
                ["vrijwilliger", "meegemaakt"])]),
        new("veiligheid", "Veilig thuis", "Safe at home",
            [new("onveilig", "Ik voel me niet veilig thuis.", "I do not feel safe at home.",
                "Ben je nu in gevaar? Bel 112. Wil je praten of advies? Bel Veilig Thuis op 0800-2000. Dat is gratis, dag en nacht, en je mag anoniem bellen.",
                "Are you in danger now? Call 112. Do you want to talk or get advice? Call Veilig Thuis on 0800-2000. It is free, day and night, and you can stay anonymous.",
                ["huiselijk geweld", "veilig thuis"], Urgent: true)]),
        new("werk-dagbesteding", "Werk en dagbesteding", "Work and day activities",
            [new("werk", "Ik zoek werk of iets zinvols om te doen.", "I am looking for work or something meaningful to do.",
                "Vraag bij de bibliotheek of het taalcafé naar vrijwilligerswerk.", "Ask the library or language café about volunteering.",
                ["vrijwilligerswerk", "werk", "ondernemen"])]),
        new("opvoeden-opgroeien", "Kinderen en jongeren", "Children and young people",
            [new("18", "Mijn kind wordt 18 en er verandert veel.", "My child turns 18 and a lot changes.",
                "Maak een lijstje van wat er bij 18 jaar verandert: zorgverzekering, toeslagen, zorg.", "Make a list of what changes at 18: health insurance, benefits, care.",
                ["18", "jongeren"]),
             new("school", "Ik vind geen school of zorg die past bij mijn kind.", "I cannot find a school or care that suits my child.",
                "Vraag op school naar de intern begeleider. Die kent de hulp in de buurt.", "Ask the school for its special-needs coordinator, who knows the help nearby.",
                ["school", "opvoeden"])]),
    ];

    /// <summary>The ticked questions, as domain:question codes in the query string (a GET form).</summary>
    [BindProperty(SupportsGet = true, Name = "a")]
    public List<string> Answers { get; set; } = [];

    /// <summary>The resident's municipality (its code), optional: services and the desk follow it.</summary>
    [BindProperty(SupportsGet = true, Name = "gemeente")]
    public string? Municipality { get; set; }

    public IReadOnlyList<Place> Municipalities { get; private set; } = [];
    public string? MunicipalityName { get; private set; }
    public IReadOnlyList<Advice> Results { get; private set; } = [];
    public bool Checked { get; private set; }
    public bool Urgent => Results.Any(r => r.Question.Urgent);
    public Desk.Contact? DeskContact { get; private set; }
    public string AskLink { get; private set; } = "/hulp-vragen";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var reference = await referenceData.GetAsync(cancellationToken);
        Municipalities = reference.Municipalities.Select(m => new Place(m.Code, m.Name)).ToList();
        var place = reference.Municipalities.FirstOrDefault(m => string.Equals(m.Code, Municipality, StringComparison.OrdinalIgnoreCase));
        // An unknown municipality is ignored: the advice is then for the whole region.
        Municipality = place?.Code;
        MunicipalityName = place?.Name;
        Checked = Request.Query.ContainsKey("klaar");
        if (!Checked)
        {
            return;
        }
        var answers = (Answers ?? []).Where(a => a is { Length: < 100 }).ToHashSet(StringComparer.Ordinal);
        var ticked = Domains.SelectMany(d => d.Questions.Where(q => answers.Contains($"{d.Code}:{q.Code}")).Select(q => (Domain: d, Question: q))).ToList();
        var shown = new HashSet<Guid>();
        var results = new List<Advice>();
        // What cannot wait comes first.
        foreach (var (domain, question) in ticked.OrderByDescending(t => t.Question.Urgent))
        {
            var services = await ServicesForAsync(question, shown, cancellationToken);
            var map = "/sociale-kaart?" + string.Join('&', new[] { ("leefgebied", reference.HasTerm(TaxonomyKind.LifeDomain, domain.Code) ? domain.Code : null), ("gemeente", Municipality) }
                .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
            results.Add(new Advice(domain, question, services, map.TrimEnd('?')));
        }
        Results = results;
        if (Urgent || results.Count > 0)
        {
            DeskContact = await Desk.ForAsync(db, place?.Id, cancellationToken);
        }
        var codes = results.Select(r => r.Domain.Code).Distinct().Where(c => reference.HasTerm(TaxonomyKind.LifeDomain, c)).ToList();
        var query = new List<string>();
        if (codes.Count > 0)
        {
            query.Add("leefgebied=" + Uri.EscapeDataString(string.Join(',', codes)));
        }
        if (Municipality is not null)
        {
            query.Add("gemeente=" + Uri.EscapeDataString(Municipality));
        }
        if (Urgent)
        {
            query.Add("spoed=1");
        }
        AskLink = query.Count == 0 ? "/hulp-vragen" : "/hulp-vragen?" + string.Join('&', query);
    }

    /// <summary>
    /// Services that fit this answer: found by the answer's own words on the social map (each word on its own, in
    /// order), in the resident's municipality when known, never a service already shown for another answer.
    /// </summary>
    private async Task<IReadOnlyList<ServiceLink>> ServicesForAsync(Question question, HashSet<Guid> shown, CancellationToken cancellationToken)
    {
        var found = new List<ServiceLink>();
        foreach (var word in question.ServiceWords)
        {
            if (found.Count >= ServicesPerAnswer)
            {
                break;
            }
            var services = db.Services.AsNoTracking().Where(s => s.Status == ServiceStatus.Active);
            if (Municipality is not null)
            {
                services = ServiceSearch.WhereMunicipality(services, Municipality);
            }
            services = await ServiceSearch.WhereTextAsync(db, services, word, cancellationToken);
            var skip = shown.ToArray();
            var rows = await services.Where(s => !skip.Contains(s.Id)).OrderBy(s => s.Name).ThenBy(s => s.Id).Take(ServicesPerAnswer - found.Count)
                .Select(s => new ServiceLink(s.Id, s.Name, s.Organization!.Name)).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                shown.Add(row.Id);
                found.Add(row);
            }
        }
        return found;
    }

    public bool IsTicked(string domain, string question) => Answers?.Contains($"{domain}:{question}") == true;
}
