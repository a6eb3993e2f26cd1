using System.Net;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.IntegrationTests;

/// <summary>Editing the social map: who may edit which service, validation, and a second editor in between.</summary>
public sealed class DirectoryEditingTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    private static Dictionary<string, string> Form(string name, string version, string lifeDomain = "financien-inkomen", string municipality = "GM0664") => new()
    {
        ["Input.Name"] = name,
        ["Input.Description"] = "Samen de post doornemen.",
        ["Input.Status"] = "Active",
        ["Input.IsFree"] = "false",
        ["Input.Email"] = "info@voorbeeld.nl",
        ["Input.Url"] = "https://voorbeeld.nl",
        ["Input.LifeDomains"] = lifeDomain,
        ["Input.Municipalities"] = municipality,
        ["Input.Phones[0].Number"] = "0113-222 333",
        ["Input.Phones[0].Description"] = "spreekuur",
        ["Input.Hours[0].Day"] = "Monday",
        ["Input.Hours[0].Opens"] = "09:00",
        ["Input.Hours[0].Closes"] = "12:00",
        ["Input.Hours[1].Day"] = "Tuesday",
        ["Input.Hours[1].Opens"] = "19:00",
        ["Input.Hours[1].Closes"] = "21:30",
        ["Input.Version"] = version,
    };

    private async Task<string> VersionAsync(Guid serviceId) =>
        await app.WithDbAsync(async db => (await db.Services.SingleAsync(s => s.Id == serviceId)).LastModified.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task A_coordinator_edits_an_own_service_and_the_social_map_shows_it_at_once()
    {
        var organization = await app.CreateOrganizationAsync();
        var service = await app.CreateServiceAsync("Oude naam", "Iets", organizationId: organization.Id);
        var client = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true));
        var name = "Post " + MeedenkerFactory.Unique("");

        var response = await client.PostFormAsync($"/werk/sociale-kaart/dienst/{service.Id}", Form(name, await VersionAsync(service.Id)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await app.WithDbAsync(db => db.Services.Include(s => s.Phones).Include(s => s.Schedules).Include(s => s.Terms).SingleAsync(s => s.Id == service.Id));
        Assert.Equal(name, saved.Name);
        Assert.False(saved.IsFree);
        Assert.Equal("0113-222 333", Assert.Single(saved.Phones).Number);
        Assert.Equal(2, saved.Schedules.Count);
        Assert.Contains(saved.Schedules, h => h.Day == DayOfWeek.Tuesday && h.ClosesAt == new TimeOnly(21, 30));
        Assert.Single(saved.Terms);
        var list = await client.GetStringAsync("/werk/sociale-kaart");
        Assert.Contains(name, list, StringComparison.Ordinal);
        Assert.Contains(name, await app.CreateClient().GetStringAsync("/sociale-kaart?q=" + Uri.EscapeDataString(name)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coordinator_cannot_see_or_change_another_organisations_service()
    {
        var other = await app.CreateServiceAsync("Van een ander", "Iets", organizationId: (await app.CreateOrganizationAsync()).Id);
        var own = await app.CreateOrganizationAsync();
        var client = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Coordinator, own.Id, twoFactor: true));
        var version = await VersionAsync(other.Id);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/werk/sociale-kaart/dienst/{other.Id}")).StatusCode);
        // Post with a token from a page the coordinator may open.
        var fields = Form("Gekaapt", version);
        var response = await client.PostFormAsync($"/werk/sociale-kaart/dienst/{other.Id}", fields, pageUrl: "/werk/sociale-kaart/dienst");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/werk/sociale-kaart/dienst?organisatie={other.OrganizationId}")).StatusCode);

        var unchanged = await app.WithDbAsync(db => db.Services.SingleAsync(s => s.Id == other.Id));
        Assert.Equal("Van een ander", unchanged.Name);
        Assert.Equal(version, unchanged.LastModified.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain("Van een ander", await client.GetStringAsync("/werk/sociale-kaart"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_edits_any_service_and_adds_one_to_any_organisation()
    {
        var organization = await app.CreateOrganizationAsync(OrganizationKind.SupportB);
        var service = await app.CreateServiceAsync("Andermans dienst", "Iets", organizationId: organization.Id);
        var client = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Admin, (await app.CreateOrganizationAsync()).Id, twoFactor: true));

        var edited = await client.PostFormAsync($"/werk/sociale-kaart/dienst/{service.Id}", Form("Door beheer gewijzigd", await VersionAsync(service.Id)));
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);

        var name = "Nieuw " + MeedenkerFactory.Unique("");
        var created = await client.PostFormAsync($"/werk/sociale-kaart/dienst?organisatie={organization.Id}", Form(name, ""));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Services.AnyAsync(s => s.Name == name && s.OrganizationId == organization.Id)));
        Assert.Equal("Door beheer gewijzigd", await app.WithDbAsync(db => db.Services.Where(s => s.Id == service.Id).Select(s => s.Name).SingleAsync()));
    }

    [Fact]
    public async Task Bad_input_gets_a_message_per_field_and_changes_nothing()
    {
        var organization = await app.CreateOrganizationAsync();
        var service = await app.CreateServiceAsync("Blijft zo", "Iets", organizationId: organization.Id);
        var client = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true));
        var fields = Form("", await VersionAsync(service.Id), lifeDomain: "bestaat-niet", municipality: "GM9999");
        fields["Input.Email"] = "geen-adres";
        fields["Input.Hours[1].Closes"] = "18:00x";
        fields["Input.Phones[1].Number"] = "bel maar";

        var response = await client.PostFormAsync($"/werk/sociale-kaart/dienst/{service.Id}", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        foreach (var message in new[] { "Geef de dienst een naam", "geldig e-mailadres", "Kies alleen uit de lijst", "Kies ten minste één gemeente", "Openingstijden op dinsdag", "Telefoonnummer 2" })
        {
            Assert.Contains(message, html, StringComparison.Ordinal);
        }
        Assert.Equal("Blijft zo", await app.WithDbAsync(db => db.Services.Where(s => s.Id == service.Id).Select(s => s.Name).SingleAsync()));
    }

    [Fact]
    public async Task A_save_over_someone_elses_newer_change_is_refused()
    {
        var organization = await app.CreateOrganizationAsync();
        var service = await app.CreateServiceAsync("Eerste versie", "Iets", organizationId: organization.Id);
        var client = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true));
        var stale = await VersionAsync(service.Id);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/werk/sociale-kaart/dienst/{service.Id}", Form("Tweede versie", stale))).StatusCode);

        var response = await client.PostFormAsync($"/werk/sociale-kaart/dienst/{service.Id}", Form("Derde versie", stale));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Iemand anders heeft deze dienst net ook gewijzigd", System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("Tweede versie", await app.WithDbAsync(db => db.Services.Where(s => s.Id == service.Id).Select(s => s.Name).SingleAsync()));
    }

    private static Dictionary<string, string> ProfileForm(string capacity) => new()
    {
        ["Input.Kind"] = "PeerExpert2",
        ["Input.Roles"] = "vraagverheldering",
        ["Input.Languages"] = "nl",
        ["Input.Municipalities"] = "GM0664",
        ["Input.Expertise"] = "ouderen|financien-inkomen",
        ["Input.Capacity"] = capacity,
        ["Input.Evenings"] = "true",
        ["Input.Training"] = "Training schuldhulp 2025",
    };

    [Fact]
    public async Task A_coordinator_edits_the_own_organisations_supporter_profiles_only()
    {
        var organization = await app.CreateOrganizationAsync();
        var supporter = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id);
        var profile = await app.CreateSupporterProfileAsync(supporter);
        var otherSupporter = await app.CreateStaffAsync(StaffRoles.Supporter, (await app.CreateOrganizationAsync()).Id);
        var otherProfile = await app.CreateSupporterProfileAsync(otherSupporter, capacity: 4);
        var client = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true));
        var terms = await app.WithDbAsync(db => db.TaxonomyTerms.Where(t => t.Code == "vraagverheldering" || t.Code == "ouderen" || t.Code == "financien-inkomen").CountAsync());
        Assert.Equal(3, terms);

        var bad = await client.PostFormAsync($"/werk/meedenkers/{profile.Id}", ProfileForm("500"));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("De capaciteit is 0 tot en met 100", System.Net.WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var saved = await client.PostFormAsync($"/werk/meedenkers/{profile.Id}", ProfileForm("7"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await app.WithDbAsync(db => db.SupporterProfiles.Include(p => p.Terms).Include(p => p.Expertise).SingleAsync(p => p.Id == profile.Id));
        Assert.Equal(7, after.Capacity);
        Assert.Equal(SupporterKind.PeerExpert, after.Kind);
        Assert.True(after.AvailableEvenings);
        Assert.Single(after.Expertise);
        Assert.Equal(2, after.Terms.Count);
        Assert.Equal(2, await app.WithDbAsync(db => db.Users.Where(u => u.Id == supporter.User.Id).Select(u => u.PeerExpertLevel).SingleAsync()));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/werk/meedenkers/{otherProfile.Id}")).StatusCode);
        var refused = await client.PostFormAsync($"/werk/meedenkers/{otherProfile.Id}", ProfileForm("9"), pageUrl: $"/werk/meedenkers/{profile.Id}");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(4, await app.WithDbAsync(db => db.SupporterProfiles.Where(p => p.Id == otherProfile.Id).Select(p => p.Capacity).SingleAsync()));
        Assert.DoesNotContain(otherProfile.Id.ToString(), await client.GetStringAsync("/werk/meedenkers"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admins_new_synonym_group_works_in_search_at_once_and_only_admins_edit_groups()
    {
        var word = MeedenkerFactory.Unique("fietsmaatje");
        var other = MeedenkerFactory.Unique("tweewieler");
        await app.CreateServiceAsync($"Dienst met {word}", "Samen fietsen");
        var api = app.CreateClient();
        Assert.Contains("\"total_items\":0", await api.GetStringAsync($"/api/hsds/services?search={other}"), StringComparison.Ordinal);
        var coordinator = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Coordinator, (await app.CreateOrganizationAsync()).Id, twoFactor: true));
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.GetAsync("/beheer/zoekwoorden")).StatusCode);
        var admin = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Admin, (await app.CreateOrganizationAsync()).Id, twoFactor: true));

        var tooShort = await admin.PostFormAsync("/beheer/zoekwoorden?handler=Save", new() { ["Words"] = other }, "/beheer/zoekwoorden");
        Assert.Contains("ten minste twee woorden", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var added = await admin.PostFormAsync("/beheer/zoekwoorden?handler=Save", new() { ["Words"] = $"{other}, {word}" }, "/beheer/zoekwoorden");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        Assert.Contains($"Dienst met {word}", await api.GetStringAsync($"/api/hsds/services?search={other}"), StringComparison.Ordinal);
        Assert.Contains($"Dienst met {word}", await api.GetStringAsync($"/sociale-kaart?q={other}"), StringComparison.Ordinal);

        var id = await app.WithDbAsync(db => db.SearchSynonymGroups.Where(g => g.Words.Contains(other)).Select(g => g.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/beheer/zoekwoorden?handler=Delete&id={id}", [], "/beheer/zoekwoorden")).StatusCode);
        Assert.Contains("\"total_items\":0", await api.GetStringAsync($"/api/hsds/services?search={other}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coordinator_edits_the_accessibility_of_an_own_location_but_not_of_another_organisation()
    {
        var organization = await app.CreateOrganizationAsync();
        var own = await app.CreateServiceAsync("Met locatie", "Iets", organizationId: organization.Id);
        var other = await app.CreateServiceAsync("Andere locatie", "Iets", organizationId: (await app.CreateOrganizationAsync()).Id);
        var ownLocation = await app.WithDbAsync(db => db.ServiceAtLocations.Where(l => l.ServiceId == own.Id).Select(l => l.LocationId).SingleAsync());
        var otherLocation = await app.WithDbAsync(db => db.ServiceAtLocations.Where(l => l.ServiceId == other.Id).Select(l => l.LocationId).SingleAsync());
        var client = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true));
        Dictionary<string, string> Fields(string postalCode) => new()
        {
            ["Input.Name"] = "Wijkcentrum",
            ["Input.Address"] = "Markt 2",
            ["Input.PostalCode"] = postalCode,
            ["Input.City"] = "Goes",
            ["Input.Municipality"] = "GM0664",
            ["Input.Accessibility"] = "Rolstoeltoegankelijk, invalidentoilet",
        };

        var bad = await client.PostFormAsync($"/werk/sociale-kaart/locatie/{ownLocation}", Fields("12345"));
        Assert.Contains("postcode", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/werk/sociale-kaart/locatie/{ownLocation}", Fields("4461ab"))).StatusCode);
        var saved = await app.WithDbAsync(db => db.Locations.SingleAsync(l => l.Id == ownLocation));
        Assert.Equal("Rolstoeltoegankelijk, invalidentoilet", saved.Accessibility);
        Assert.Equal("4461 AB", saved.PostalCode);
        Assert.Contains("Rolstoeltoegankelijk", await app.CreateClient().GetStringAsync($"/sociale-kaart/{own.Id}"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/werk/sociale-kaart/locatie/{otherLocation}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync($"/werk/sociale-kaart/locatie/{otherLocation}", Fields("4461 AB"), $"/werk/sociale-kaart/locatie/{ownLocation}")).StatusCode);
        Assert.Equal("Ingang zonder drempel.", await app.WithDbAsync(db => db.Locations.Where(l => l.Id == otherLocation).Select(l => l.Accessibility).SingleAsync()));
    }
}
