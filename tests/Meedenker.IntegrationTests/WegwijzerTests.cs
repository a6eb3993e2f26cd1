using System.Net;
using Meedenker.IntegrationTests.Infrastructure;

namespace Meedenker.IntegrationTests;

public sealed class WegwijzerTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    [Fact]
    public async Task Self_check_gives_tips_services_and_a_link_that_carries_the_domains_and_stores_nothing()
    {
        var service = await app.CreateServiceAsync(MeedenkerFactory.Unique("Geldhulp "), "Hulp bij rekeningen.", terms: [("leefgebied", "financien-inkomen")]);
        var before = app.WithDb(db => db.HelpRequests.Count());

        var html = await app.CreateClient().GetStringAsync("/zelfcheck?klaar=1&a=financien-inkomen%3Apost&a=wonen%3Ageschikt&a=onzin%3Axx");

        Assert.Contains("Zet je brieven bij elkaar", html, StringComparison.Ordinal);
        Assert.Contains($"/sociale-kaart/{service.Id}", html, StringComparison.Ordinal);
        Assert.Contains("/hulp-vragen?leefgebied=financien-inkomen%2Cwonen", html, StringComparison.Ordinal);
        Assert.DoesNotContain("leefgebied=onzin", html, StringComparison.Ordinal);
        Assert.DoesNotContain("%2Conzin", html, StringComparison.Ordinal);
        Assert.Equal(before, app.WithDb(db => db.HelpRequests.Count()));

        var form = await app.CreateClient().GetStringAsync("/hulp-vragen?leefgebied=financien-inkomen%2Cwonen");
        Assert.Matches("id=\"LifeDomain-wonen\"[^>]*checked", form);
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
