using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Meedenker.Web.Features.Privacy;

/// <summary>The public privacy statement, generated from the configuration (sections Privacy and Retention).</summary>
[AllowAnonymous]
public sealed class PrivacyStatementModel(IOptions<PrivacySettings> privacy, IOptions<RetentionSettings> retention) : PageModel
{
    public PrivacySettings Privacy => privacy.Value;
    public IReadOnlyList<(string Kind, string Term)> Terms => RetentionTerms(retention.Value);

    /// <summary>The retention terms in plain words, the same on the statement and the register.</summary>
    public static IReadOnlyList<(string Kind, string Term)> RetentionTerms(RetentionSettings terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return
        [
            (Lang.Pick("Je dossier: je vraag, contactmomenten, notities en je contactgegevens", "Your file: your question, contacts, notes and your contact details"),
                Lang.Pick($"{terms.CaseContentMonthsAfterClosing} maanden nadat de hulp is afgesloten. Daarna halen we je naam, contactgegevens en alle tekst weg.",
                    $"{terms.CaseContentMonthsAfterClosing} months after the support has ended. Then we remove your name, contact details and all text.")),
            (Lang.Pick("Een vraag waar geen hulp uit voortkwam (ingetrokken of afgewezen)", "A request that did not lead to support (withdrawn or declined)"),
                Lang.Pick($"{terms.UnmatchedRequestMonths} maanden daarna.", $"{terms.UnmatchedRequestMonths} months after that.")),
            (Lang.Pick("Het toegangslog (wie keek wanneer en waarom)", "The access log (who looked, when and why)"),
                Lang.Pick($"{terms.AccessLogYears} jaar. Er staat geen inhoud van je dossier in.", $"{terms.AccessLogYears} years. It holds no content of your file.")),
            (Lang.Pick("Anonieme aantallen voor de gemeente", "Anonymous counts for the municipality"),
                Lang.Pick("Zonder einddatum: ze zeggen niets over jou als persoon.", "Without an end date: they say nothing about you as a person.")),
        ];
    }
}
