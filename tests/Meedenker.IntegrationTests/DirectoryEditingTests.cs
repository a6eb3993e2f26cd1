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
}
