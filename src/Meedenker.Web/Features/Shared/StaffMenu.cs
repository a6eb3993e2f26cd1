using Meedenker.Domain;
using Meedenker.Web.Infrastructure;

namespace Meedenker.Web.Features.Shared;

/// <summary>
/// The staff menu by role: only pages the role may open (the authorization policies on those pages decide; a test
/// opens every entry as that role). Shown in the header to signed-in staff and listed on the staff start page.
/// </summary>
public static class StaffMenu
{
    public sealed record Entry(string Href, string Dutch, string English)
    {
        public string Text => Lang.Pick(Dutch, English);
    }

    public static IReadOnlyList<Entry> For(string role) => role switch
    {
        StaffRoles.Coordinator =>
        [
            new("/werk", "Open casussen", "Open cases"),
            new("/werk/wachtrij", "Wachtrij", "Queue"),
            new("/werk/mijn-casussen", "Mijn casussen", "My cases"),
            new("/werk/meedenkers", "Meedenkers", "Supporters"),
            new("/werk/dekking", "Dekking", "Coverage"),
            new("/werk/sociale-kaart", "Sociale kaart bijhouden", "Maintain the social map"),
            new("/werk/bellijst", "Bellijst", "Outreach list"),
            new("/werk/privacyverzoeken", "Privacyverzoeken", "Privacy requests"),
            new("/werk/zoeken", "Zoeken op code", "Search by code"),
        ],
        StaffRoles.Supporter =>
        [
            new("/werk", "Start", "Start"),
            new("/werk/mijn-casussen", "Mijn casussen", "My cases"),
            new("/werk/bellijst", "Bellijst", "Outreach list"),
        ],
        StaffRoles.MunicipalityAnalyst =>
        [
            new("/werk", "Start", "Start"),
            new("/monitor", "Monitor", "Monitor"),
            new("/werk/dekking", "Dekking", "Coverage"),
        ],
        StaffRoles.Referrer =>
        [
            new("/werk", "Start", "Start"),
            new("/verwijzer", "Mijn verwijzingen", "My referrals"),
        ],
        StaffRoles.Admin =>
        [
            new("/werk", "Start", "Start"),
            .. AdminPages,
            new("/werk/dekking", "Dekking", "Coverage"),
            new("/werk/sociale-kaart", "Sociale kaart bijhouden", "Maintain the social map"),
            new("/werk/meedenkers", "Meedenkers", "Supporters"),
        ],
        _ => [],
    };

    /// <summary>Every admin page, for the admin start page.</summary>
    public static IReadOnlyList<Entry> AdminPages { get; } =
    [
        new("/beheer/gebruikers", "Gebruikers", "Users"),
        new("/beheer/gebruikers/uitnodigen", "Medewerker uitnodigen", "Invite a staff member"),
        new("/beheer/api-sleutels", "API-sleutels", "API keys"),
        new("/beheer/aanmeldroutes", "Aanmeldroutes", "Intake routes"),
        new("/beheer/toegangslog", "Toegangslog", "Access log"),
        new("/beheer/bewaartermijnen", "Bewaartermijnen", "Retention"),
        new("/beheer/referentiecijfers", "Referentiecijfers", "Reference figures"),
        new("/beheer/zoekwoorden", "Zoekwoorden", "Search words"),
        new("/beheer/sociale-kaart/import", "Sociale kaart inlezen", "Import the social map"),
    ];
}
