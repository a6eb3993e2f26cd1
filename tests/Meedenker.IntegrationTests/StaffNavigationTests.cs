using System.Net;
using System.Text.RegularExpressions;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;

namespace Meedenker.IntegrationTests;

/// <summary>The staff menu by role (issue 15, item 8): every entry opens for that role, and lists page with ?pagina=N.</summary>
public sealed partial class StaffNavigationTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    [GeneratedRegex("<nav class=\"md-staff-nav\"[^>]*>(.*?)</nav>", RegexOptions.Singleline)]
    private static partial Regex StaffNav();

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();

    [Theory]
    [InlineData(StaffRoles.Coordinator, "/werk/wachtrij", "/beheer/gebruikers")]
    [InlineData(StaffRoles.Supporter, "/werk/mijn-casussen", "/werk/wachtrij")]
    [InlineData(StaffRoles.MunicipalityAnalyst, "/monitor", "/werk/mijn-casussen")]
    [InlineData(StaffRoles.Referrer, "/verwijzer", "/monitor")]
    [InlineData(StaffRoles.Admin, "/beheer/toegangslog", "/werk/wachtrij")]
    public async Task Each_role_gets_a_staff_menu_whose_every_entry_it_may_open(string role, string expected, string absent)
    {
        var organization = await app.CreateOrganizationAsync(role == StaffRoles.MunicipalityAnalyst ? OrganizationKind.Municipality : OrganizationKind.SupportA);
        var staff = await app.CreateStaffAsync(role, organization.Id, role == StaffRoles.Supporter ? SupporterKind.Professional : null, twoFactor: true);
        var client = await app.SignInAsync(staff);
        var menu = StaffNav().Match(await client.GetStringAsync("/werk"));
        Assert.True(menu.Success, "no staff menu");
        var links = Href().Matches(menu.Groups[1].Value).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(expected, links);
        Assert.DoesNotContain(absent, links);
        foreach (var link in links)
        {
            Assert.True((await client.GetAsync(link)).StatusCode == HttpStatusCode.OK, $"{role} cannot open {link}");
        }
    }

    [Fact]
    public async Task The_admin_start_page_links_every_admin_page()
    {
        var organization = await app.CreateOrganizationAsync();
        var admin = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Admin, organization.Id, twoFactor: true));
        var start = await admin.GetStringAsync("/werk");
        foreach (var page in new[] { "/beheer/gebruikers", "/beheer/gebruikers/uitnodigen", "/beheer/api-sleutels", "/beheer/aanmeldroutes", "/beheer/toegangslog",
            "/beheer/bewaartermijnen", "/beheer/referentiecijfers", "/beheer/zoekwoorden", "/beheer/sociale-kaart/import" })
        {
            Assert.Contains($"href=\"{page}\"", start, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(page)).StatusCode);
        }
    }

    [Fact]
    public async Task The_user_list_pages_through_every_user_with_previous_and_next_and_the_counts_add_up()
    {
        var organization = await app.CreateOrganizationAsync();
        var admin = await app.CreateStaffAsync(StaffRoles.Admin, organization.Id, twoFactor: true);
        while (app.WithDb(db => db.Users.Count()) <= 50)
        {
            await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, SupporterKind.Volunteer);
        }
        var total = app.WithDb(db => db.Users.Count());
        var pages = (total + 49) / 50;
        var client = await app.SignInAsync(admin);
        var seen = 0;
        for (var n = 1; n <= pages; n++)
        {
            var html = await client.GetStringAsync($"/beheer/gebruikers?pagina={n}");
            Assert.Contains($"pagina {n} van {pages}", html, StringComparison.Ordinal);
            Assert.Equal(n > 1, html.Contains($"href=\"?pagina={n - 1}\" rel=\"prev\"", StringComparison.Ordinal));
            Assert.Equal(n < pages, html.Contains($"href=\"?pagina={n + 1}\" rel=\"next\"", StringComparison.Ordinal));
            seen += Regex.Count(html, "<th class=\"utrecht-table__header-cell\" scope=\"row\">");
        }
        Assert.Equal(total, seen);
    }

    [Fact]
    public async Task A_coordinator_finds_a_case_by_reference_code_but_not_another_organisations_and_a_wrong_code_gets_a_message()
    {
        var organization = await app.CreateOrganizationAsync();
        var other = await app.CreateOrganizationAsync();
        var coordinator = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var own = await app.CreateCaseAsync(organization.Id, null);
        var foreign = await app.CreateCaseAsync(other.Id, null);
        var client = await app.SignInAsync(coordinator);

        // Found: typed the way a caller reads it out (lower case, spaces), it lands on the case, and the access log says why.
        var found = await client.GetAsync($"/werk/zoeken?code={Uri.EscapeDataString(own.ReferenceCode.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal))}");
        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
        Assert.Equal($"/werk/casussen/{own.CaseId}", found.Headers.Location?.OriginalString);
        Assert.True(app.WithDb(db => db.AccessLog.Any(a => a.CaseId == own.CaseId && a.UserId == coordinator.User.Id && a.Purpose == "reference-code-search" && a.Outcome == AccessOutcome.Allowed)));

        // Another organisation's case reads exactly like an unknown code; the attempt is logged as denied.
        var refused = await client.GetStringAsync($"/werk/zoeken?code={foreign.ReferenceCode}");
        Assert.Contains($"Geen hulpvraag gevonden met code {foreign.ReferenceCode} die jij mag openen.", refused, StringComparison.Ordinal);
        Assert.DoesNotContain($"/werk/casussen/{foreign.CaseId}", refused, StringComparison.Ordinal);
        Assert.True(app.WithDb(db => db.AccessLog.Any(a => a.CaseId == foreign.CaseId && a.UserId == coordinator.User.Id && a.Purpose == "reference-code-search" && a.Outcome == AccessOutcome.Denied)));

        var unknown = await client.GetStringAsync("/werk/zoeken?code=MD-2222-2222");
        Assert.Contains("Geen hulpvraag gevonden met code MD-2222-2222 die jij mag openen.", unknown, StringComparison.Ordinal);
        var malformed = await client.GetStringAsync("/werk/zoeken?code=hallo");
        Assert.Contains("Dit is geen referentiecode.", malformed, StringComparison.Ordinal);
        Assert.Contains("Er is niets veranderd.", malformed, StringComparison.Ordinal);
    }
}
