using Meedenker.Web.Infrastructure;

namespace Meedenker.Web.Features.Admin;

/// <summary>
/// Plain words for the codes the access log stores (what was looked at, why it was allowed or refused), so the
/// audit page reads in the user's language. The log and its CSV keep the codes; an unknown code is shown as it is.
/// </summary>
public static class AccessLogWords
{
    public static string ResourceName(string resource) => resource switch
    {
        "access-log" => Lang.Pick("toegangslog", "access log"),
        "case-close" => Lang.Pick("casus afsluiten", "closing the case"),
        "case-consents" => Lang.Pick("toestemmingen van de casus", "the case's consents"),
        "case-contacts" => Lang.Pick("contacten van de casus", "the case's contacts"),
        "case-file" => Lang.Pick("casusdossier", "case file"),
        "case-for-resident" => Lang.Pick("casus voor de inwoner", "case for the resident"),
        "case-handover" => Lang.Pick("overdracht", "handover"),
        "case-handover-decision" => Lang.Pick("besluit over een overdracht", "handover decision"),
        "case-kompas" => Lang.Pick("kompas", "compass"),
        "case-network" => Lang.Pick("netwerk van de inwoner", "the resident's network"),
        "case-part" => Lang.Pick("deel van de casus", "part of the case"),
        "case-plan" => Lang.Pick("plan", "plan"),
        "case-questions" => Lang.Pick("vragen van de casus", "the case's questions"),
        "case-roles" => Lang.Pick("rollen in de casus", "roles in the case"),
        "case-self-reliance" => Lang.Pick("zelfredzaamheid", "self-reliance"),
        "case-summary-for-resident" => Lang.Pick("samenvatting voor de inwoner", "summary for the resident"),
        "help-request" => Lang.Pick("hulpvraag", "help request"),
        "outreach-call" => Lang.Pick("belronde: gesprek", "outreach: call"),
        "outreach-list" => Lang.Pick("belronde: lijst", "outreach: list"),
        "own-view-code" => Lang.Pick("code voor de eigen gegevens", "code for the own view"),
        "own-privacy-request" => Lang.Pick("eigen verzoek over gegevens", "own request about data"),
        "own-record" => Lang.Pick("eigen gegevens", "own data"),
        "privacy-request" => Lang.Pick("verzoek over gegevens", "request about data"),
        "resident-summary" => Lang.Pick("overzicht van de inwoner", "resident summary"),
        _ => resource,
    };

    public static string PurposeName(string purpose) => purpose switch
    {
        "case-work" => Lang.Pick("werk aan de casus", "case work"),
        "intake-triage" => Lang.Pick("intake: beoordelen", "intake: triage"),
        "intake-assign" => Lang.Pick("intake: toewijzen", "intake: assigning"),
        "intake-decline" => Lang.Pick("intake: afwijzen", "intake: declining"),
        "outreach" => Lang.Pick("belronde", "outreach"),
        "own-record" => Lang.Pick("inwoner ziet eigen gegevens", "resident sees own data"),
        "audit" => Lang.Pick("controle", "audit"),
        "retention" => Lang.Pick("bewaartermijn voorbij", "retention period passed"),
        "erasure-request" => Lang.Pick("verzoek om te wissen", "erasure request"),
        "privacy-request" => Lang.Pick("verzoek over gegevens", "request about data"),
        "reference-code-search" => Lang.Pick("zocht op referentiecode", "searched by reference code"),
        _ => purpose,
    };

    public static string ReasonName(string reason) => reason switch
    {
        "assigned-supporter" => Lang.Pick("de eigen meedenker", "the assigned supporter"),
        "case-work" => Lang.Pick("werk aan de casus", "case work"),
        "coordinator-intake-queue" => Lang.Pick("coördinator, intake-wachtrij", "coordinator, intake queue"),
        "coordinator-of-organization" => Lang.Pick("coördinator van de organisatie", "coordinator of the organisation"),
        "coordinator-of-partner" => Lang.Pick("coördinator van de partner", "coordinator of the partner"),
        "handover-receiver" => Lang.Pick("ontvangt de overdracht", "receives the handover"),
        "no-case-in-organization" => Lang.Pick("geen casus in deze organisatie", "no case in this organisation"),
        "no-proof-of-identity" => Lang.Pick("geen bewijs wie het is", "no proof of identity"),
        "no-such-case" => Lang.Pick("casus bestaat niet", "no such case"),
        "no-such-request" => Lang.Pick("hulpvraag bestaat niet", "no such request"),
        "not-assigned" => Lang.Pick("niet toegewezen", "not assigned"),
        "not-signed-in" => Lang.Pick("niet ingelogd", "not signed in"),
        "own-record" => Lang.Pick("eigen gegevens", "own data"),
        "partial-handover-participant" => Lang.Pick("doet mee voor een deel", "takes part for a part"),
        "refused-by-policy" => Lang.Pick("niet toegestaan door de regels", "refused by policy"),
        "resident-with-link-and-code" => Lang.Pick("inwoner met link en code", "resident with link and code"),
        "responsible-informal-after-handover" => Lang.Pick("verantwoordelijke vrijwilliger na overdracht", "responsible volunteer after handover"),
        "role-has-no-access" => Lang.Pick("deze rol heeft geen toegang", "this role has no access"),
        _ when reason.StartsWith("relation-may-not:", StringComparison.Ordinal) =>
            Lang.Pick("deze relatie tot de casus mag dit niet", "this relation to the case may not do this") + " (" + reason["relation-may-not:".Length..] + ")",
        _ => reason,
    };
}
