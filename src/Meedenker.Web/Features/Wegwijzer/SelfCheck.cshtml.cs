using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Wegwijzer;

/// <summary>
/// A short self-check per life domain that ends in advice: what to try yourself, services from the social
/// map, or asking a meedenker with the chosen domains carried along. It is a GET form: nothing is stored.
/// </summary>
[AllowAnonymous]
public sealed class SelfCheckModel(AppDbContext db, ReferenceData referenceData) : PageModel
{
    public sealed record Question(string Code, string Dutch, string English);

    public sealed record Domain(string Code, string Dutch, string English, IReadOnlyList<Question> Questions, string TipDutch, string TipEnglish);

    public sealed record ServiceLink(Guid Id, string Name, string Organization);

    public sealed record Advice(Domain Domain, int Count, IReadOnlyList<ServiceLink> Services);

    public static readonly IReadOnlyList<Domain> Domains =
    [
        new("financien-inkomen", "Geld en inkomen", "Money and income",
            [new("post", "Ik heb brieven die ik niet open of niet begrijp.", "I have letters I do not open or do not understand."),
             new("rekeningen", "Ik kan mijn rekeningen niet (meer) betalen.", "I cannot pay my bills (any more)."),
             new("toeslag", "Ik weet niet of ik recht heb op toeslagen of hulp.", "I do not know whether I am entitled to benefits or help.")],
            "Zet je brieven bij elkaar in één map. Dan ziet iemand die helpt snel wat er speelt.", "Put your letters together in one folder. Then whoever helps sees quickly what is going on."),
        new("wonen", "Wonen", "Housing",
            [new("geschikt", "Mijn huis past niet meer bij wat ik kan.", "My home no longer suits what I can do."),
             new("uitzetting", "Ik ben bang dat ik mijn huis uit moet.", "I am afraid I have to leave my home.")],
            "Schrijf op wat in huis niet meer lukt, zoals de trap of de douche.", "Write down what no longer works at home, such as the stairs or the shower."),
        new("zorg-gezondheid", "Zorg en gezondheid", "Care and health",
            [new("hulp-thuis", "Ik heb hulp thuis nodig maar weet niet hoe ik die aanvraag.", "I need help at home but do not know how to apply."),
             new("mantelzorg", "Ik zorg voor iemand en het wordt me te veel.", "I care for someone and it is getting too much.")],
            "Vraag je huisarts of de praktijkondersteuner wat er mogelijk is.", "Ask your GP or practice nurse what is possible."),
        new("sociale-relaties", "Contact met anderen", "Contact with others",
            [new("alleen", "Ik voel me vaak alleen.", "I often feel alone."),
             new("niemand", "Ik heb niemand die me kan helpen.", "I have nobody who can help me.")],
            "Kijk in de sociale kaart naar een inloop of activiteit bij jou in de buurt.", "Look in the social map for a walk-in or activity near you."),
        new("werk-dagbesteding", "Werk en dagbesteding", "Work and day activities",
            [new("werk", "Ik zoek werk of iets zinvols om te doen.", "I am looking for work or something meaningful to do.")],
            "Vraag bij de bibliotheek of het taalcafé naar vrijwilligerswerk.", "Ask the library or language café about volunteering."),
        new("opvoeden-opgroeien", "Kinderen en jongeren", "Children and young people",
            [new("18", "Mijn kind wordt 18 en er verandert veel.", "My child turns 18 and a lot changes."),
             new("school", "Ik vind geen school of zorg die past bij mijn kind.", "I cannot find a school or care that suits my child.")],
            "Maak een lijstje van wat er bij 18 jaar verandert: zorgverzekering, toeslagen, zorg.", "Make a list of what changes at 18: health insurance, benefits, care."),
    ];

    /// <summary>The ticked questions, as domain:question codes in the query string (a GET form).</summary>
    [BindProperty(SupportsGet = true, Name = "a")]
    public List<string> Answers { get; set; } = [];

    public IReadOnlyList<Advice> Results { get; private set; } = [];
    public bool Checked { get; private set; }
    public string AskLink { get; private set; } = "/hulp-vragen";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var answers = (Answers ?? []).Where(a => a is { Length: < 100 }).ToHashSet(StringComparer.Ordinal);
        Checked = Request.Query.ContainsKey("klaar");
        if (!Checked)
        {
            return;
        }
        var reference = await referenceData.GetAsync(cancellationToken);
        var results = new List<Advice>();
        foreach (var domain in Domains)
        {
            var count = domain.Questions.Count(q => answers.Contains($"{domain.Code}:{q.Code}"));
            if (count == 0)
            {
                continue;
            }
            var termId = await db.TaxonomyTerms.Where(t => t.Taxonomy == TaxonomyKind.LifeDomain && t.Code == domain.Code).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken);
            var services = termId is null ? [] : await db.Services.AsNoTracking()
                .Where(s => s.Status == ServiceStatus.Active && s.Terms.Any(t => t.TaxonomyTermId == termId))
                .OrderBy(s => s.Name).Take(3)
                .Select(s => new ServiceLink(s.Id, s.Name, s.Organization!.Name))
                .ToListAsync(cancellationToken);
            results.Add(new Advice(domain, count, services));
        }
        Results = results;
        var codes = results.Select(r => r.Domain.Code).Where(c => reference.HasTerm(TaxonomyKind.LifeDomain, c)).ToList();
        AskLink = codes.Count == 0 ? "/hulp-vragen" : "/hulp-vragen?leefgebied=" + Uri.EscapeDataString(string.Join(',', codes));
    }

    public bool IsTicked(string domain, string question) => Answers?.Contains($"{domain}:{question}") == true;
}
