using System.Net;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.IntegrationTests;

public sealed class WegwijzerTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    [Fact]
    public async Task Self_check_gives_tips_services_and_a_link_that_carries_the_domains_and_stores_nothing()
    {
        var service = await app.CreateServiceAsync(MeedenkerFactory.Unique("Geldhulp "), "Hulp bij rekeningen en schulden.", terms: [("leefgebied", "financien-inkomen")]);
        var before = app.WithDb(db => db.HelpRequests.Count());

        var html = await app.CreateClient().GetStringAsync("/zelfcheck?klaar=1&a=financien-inkomen%3Arekeningen&a=wonen%3Ageschikt&a=onzin%3Axx");

        Assert.Contains("Schrijf op wie geld van je krijgt", html, StringComparison.Ordinal);
        Assert.Contains($"/sociale-kaart/{service.Id}", html, StringComparison.Ordinal);
        Assert.Contains("/hulp-vragen?leefgebied=financien-inkomen%2Cwonen", html, StringComparison.Ordinal);
        Assert.DoesNotContain("leefgebied=onzin", html, StringComparison.Ordinal);
        Assert.DoesNotContain("%2Conzin", html, StringComparison.Ordinal);
        Assert.DoesNotContain("spoed=1", html, StringComparison.Ordinal);
        Assert.Equal(before, app.WithDb(db => db.HelpRequests.Count()));

        var form = await app.CreateClient().GetStringAsync("/hulp-vragen?leefgebied=financien-inkomen%2Cwonen");
        Assert.Matches("id=\"LifeDomain-wonen\"[^>]*checked", form);
    }

    [Fact]
    public async Task Fear_of_eviction_gets_debt_and_rent_help_not_dementia_care_and_says_it_cannot_wait()
    {
        // Both are tagged "Wonen": advice by domain listed the dementia service for a resident afraid of eviction.
        var debtHelp = await app.CreateServiceAsync(MeedenkerFactory.Unique("Schuldhulp "), "Hulp bij schulden en huurachterstand.", terms: [("leefgebied", "wonen")]);
        var dementia = await app.CreateServiceAsync(MeedenkerFactory.Unique("Dementiezorg "), "Casemanagement voor mensen met dementie.", terms: [("leefgebied", "wonen")]);

        var html = await app.CreateClient().GetStringAsync("/zelfcheck?klaar=1&a=wonen%3Auitzetting&gemeente=GM0664");

        Assert.Contains($"/sociale-kaart/{debtHelp.Id}", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"/sociale-kaart/{dementia.Id}", html, StringComparison.Ordinal);
        Assert.Contains("Dit kan niet wachten", html, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:112\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:08002000\"", html, StringComparison.Ordinal);
        Assert.Contains("/hulp-vragen?leefgebied=wonen&amp;gemeente=GM0664&amp;spoed=1", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_about_benefits_gets_benefits_advice_not_the_tip_about_sorting_letters()
    {
        var html = await app.CreateClient().GetStringAsync("/zelfcheck?klaar=1&a=financien-inkomen%3Atoeslag");

        Assert.Contains("toeslagen.nl", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Zet al je brieven in één map", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Dit kan niet wachten", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Self_check_services_follow_the_residents_municipality_and_each_service_shows_once()
    {
        var word = "voedselbank";
        var borsele = await app.CreateServiceAsync(MeedenkerFactory.Unique("Voedselbank Borsele "), "Een pakket met boodschappen, elke week.", municipalityCode: "GM0654");
        var goes = await app.CreateServiceAsync(MeedenkerFactory.Unique("Voedselbank Goes "), "Een pakket met boodschappen, elke week.", municipalityCode: "GM0664");

        var html = await app.CreateClient().GetStringAsync($"/zelfcheck?klaar=1&a=financien-inkomen%3Aeten&a=financien-inkomen%3Arekeningen&gemeente=GM0654");

        Assert.Contains($"/sociale-kaart/{borsele.Id}", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"/sociale-kaart/{goes.Id}", html, StringComparison.Ordinal);
        Assert.Equal(1, html.Split($"/sociale-kaart/{borsele.Id}").Length - 1);
        Assert.Contains("Voor wie woont in Borsele", html, StringComparison.Ordinal);
        Assert.Contains(word, html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Urgent_answer_shows_the_desk_of_the_residents_municipality_with_a_phone_link()
    {
        var desk = await app.CreateOrganizationAsync();
        await app.WithDbAsync(async db =>
        {
            var kapelle = await db.Municipalities.SingleAsync(m => m.Code == "GM0678");
            var organization = await db.Organizations.SingleAsync(o => o.Id == desk.Id);
            organization.Phone = "0113-555 123";
            db.IntakeRoutes.Add(new IntakeRoute { Id = Guid.NewGuid(), MunicipalityId = kapelle.Id, OrganizationId = desk.Id });
            return await db.SaveChangesAsync();
        });

        var html = await app.CreateClient().GetStringAsync("/zelfcheck?klaar=1&a=veiligheid%3Aonveilig&gemeente=GM0678");

        Assert.Contains("Bel vandaag nog de meedenkers:", html, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:0113555123\"", html, StringComparison.Ordinal);
        Assert.Contains(desk.Name, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_that_follows_an_urgent_answer_is_marked_urgent_in_the_queue()
    {
        var ask = await app.CreateClient().GetStringAsync("/hulp-vragen?leefgebied=wonen&gemeente=GM0664&spoed=1");
        Assert.Matches("id=\"Input_Urgent\"[^>]*checked", ask);
        Assert.Matches("<option value=\"GM0664\" selected", ask);

        var form = MeedenkerFactory.ValidHelpRequestForm("GM0664");
        form["Input.Urgent"] = "true";
        form["Input.FirstName"] = MeedenkerFactory.Unique("Spoed");
        var response = await app.CreateBrowserlikeClient().PostFormAsync("/hulp-vragen", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.True(app.WithDb(db => db.HelpRequests.Where(h => db.Residents.Any(r => r.Id == h.ResidentId && r.FirstName == form["Input.FirstName"])).Select(h => h.Urgent).Single()));
        var plain = await app.CreateClient().GetStringAsync("/hulp-vragen?spoed=nee&gemeente=XX0000");
        Assert.DoesNotMatch("id=\"Input_Urgent\"[^>]*checked", plain);
    }

    [Fact]
    public async Task Self_check_without_answers_still_offers_a_meedenker()
    {
        var html = await app.CreateClient().GetStringAsync("/zelfcheck?klaar=1");
        Assert.Contains("Je hebt niets aangevinkt.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Red_flag_page_leads_to_the_referral_form()
    {
        var response = await app.CreateClient().GetAsync("/rode-vlaggen");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Brieven blijven ongeopend liggen", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/verwijzen\"", html, StringComparison.Ordinal);
    }
}
