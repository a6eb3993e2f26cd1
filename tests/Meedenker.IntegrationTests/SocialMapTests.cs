using System.Net;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;

namespace Meedenker.IntegrationTests;

public sealed class SocialMapTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    private static string Link(Service service) => $"/sociale-kaart/{service.Id}";

    [Fact]
    public async Task Searching_for_schulden_finds_a_service_that_only_says_geldzorgen()
    {
        var word = MeedenkerFactory.Unique("x");
        var service = await app.CreateServiceAsync($"Hulp bij geldzorgen {word}", "Wij helpen met geldzorgen en post.");
        var other = await app.CreateServiceAsync($"Wandelclub {word}", "Samen wandelen.");

        var html = await app.CreateClient().GetStringAsync($"/sociale-kaart?q=schulden+{word}");

        Assert.Contains(Link(service), html, StringComparison.Ordinal);
        Assert.DoesNotContain(Link(other), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_ignores_case_and_accents_and_needs_every_word()
    {
        var word = MeedenkerFactory.Unique("y");
        var service = await app.CreateServiceAsync($"Café voor ouderen {word}", "Koffie en ontmoeting.");

        Assert.Contains(Link(service), await app.CreateClient().GetStringAsync($"/sociale-kaart?q=CAFE+{word}"), StringComparison.Ordinal);
        Assert.DoesNotContain(Link(service), await app.CreateClient().GetStringAsync($"/sociale-kaart?q=fietsen+{word}"), StringComparison.Ordinal);
    }

    /// <summary>A single unknown word once shared the cache key of "no words" and listed every service.</summary>
    [Fact]
    public async Task A_single_unknown_word_finds_nothing_and_says_so()
    {
        await app.CreateServiceAsync($"Fietsenmaker {MeedenkerFactory.Unique("f")}", "Wij maken fietsen.");
        var client = app.CreateClient();
        Assert.Contains("/sociale-kaart/", await client.GetStringAsync("/sociale-kaart"), StringComparison.Ordinal);
        var unknown = MeedenkerFactory.Unique("onbekend");

        var html = await client.GetStringAsync($"/sociale-kaart?q={unknown}");

        Assert.DoesNotContain("/sociale-kaart/", html, StringComparison.Ordinal);
        Assert.Contains($"We vonden niets voor ‘{unknown}’", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gemeente", "GM0716")]
    [InlineData("leefgebied", "wonen")]
    [InlineData("doelgroep", "jongeren")]
    [InlineData("taal", "ar")]
    [InlineData("kosten", "betaald")]
    public async Task Each_filter_keeps_only_the_services_that_match_it(string filter, string value)
    {
        var word = MeedenkerFactory.Unique("f");
        var matching = filter switch
        {
            "gemeente" => await app.CreateServiceAsync($"Dienst {word}", "Test", municipalityCode: value),
            "kosten" => await app.CreateServiceAsync($"Dienst {word}", "Test", free: false),
            _ => await app.CreateServiceAsync($"Dienst {word}", "Test", terms: [(filter, value)]),
        };
        var other = await app.CreateServiceAsync($"Dienst {word} ander", "Test", municipalityCode: "GM0654", terms: [("leefgebied", "veiligheid"), ("doelgroep", "ouderen"), ("taal", "nl")]);

        var html = await app.CreateClient().GetStringAsync($"/sociale-kaart?q={word}&{filter}={value}");

        Assert.Contains(Link(matching), html, StringComparison.Ordinal);
        Assert.DoesNotContain(Link(other), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_are_paged_ten_at_a_time_and_a_page_beyond_the_end_shows_the_last_page()
    {
        var word = MeedenkerFactory.Unique("p");
        for (var i = 0; i < 12; i++)
        {
            await app.CreateServiceAsync($"Dienst {word} {i:00}", "Test");
        }
        var client = app.CreateClient();

        var first = await client.GetStringAsync($"/sociale-kaart?q={word}");
        var second = await client.GetStringAsync($"/sociale-kaart?q={word}&pagina=2");
        var beyond = await client.GetStringAsync($"/sociale-kaart?q={word}&pagina=99");

        Assert.Contains("12 gevonden. Pagina 1 van 2.", first, StringComparison.Ordinal);
        Assert.Contains($"Dienst {word} 09", first, StringComparison.Ordinal);
        Assert.DoesNotContain($"Dienst {word} 10", first, StringComparison.Ordinal);
        Assert.Contains($"Dienst {word} 11", second, StringComparison.Ordinal);
        Assert.Contains("Pagina 2 van 2.", beyond, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("q", "")]
    [InlineData("q", "%00%01")]
    [InlineData("q", "%F0%9F%98%80%F0%9F%98%80")]
    [InlineData("q", "%ED%A0%80")]
    [InlineData("q", "a%25_%5C%27%22--")]
    [InlineData("pagina", "abc")]
    [InlineData("pagina", "-5")]
    [InlineData("pagina", "99999999999999999999")]
    [InlineData("gemeente", "GM<script>")]
    [InlineData("kosten", "soms")]
    public async Task Odd_input_never_gives_an_error_page(string name, string value)
    {
        var response = await app.CreateClient().GetAsync($"/sociale-kaart?{name}={value}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_long_search_text_is_cut_with_a_message()
    {
        var response = await app.CreateClient().GetAsync("/sociale-kaart?q=" + new string('a', 5000));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Je zoekwoorden zijn te lang", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_filter_value_gets_a_message_in_the_users_language()
    {
        var html = await app.CreateClient().GetStringAsync("/sociale-kaart?gemeente=GM0000&ui-culture=en&culture=en");
        Assert.Contains("Choose a municipality from the list.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detail_page_shows_opening_hours_accessibility_and_how_to_get_there()
    {
        var service = await app.CreateServiceAsync(MeedenkerFactory.Unique("Inloop "), "Loop binnen.", terms: [("leefgebied", "wonen")]);

        var html = await app.CreateClient().GetStringAsync(Link(service));

        Assert.Contains(service.Name, html, StringComparison.Ordinal);
        Assert.Contains("maandag", html, StringComparison.Ordinal);
        Assert.Contains("09:00 – 12:30", html, StringComparison.Ordinal);
        Assert.Contains("Ingang zonder drempel.", html, StringComparison.Ordinal);
        Assert.Contains("Bus 20, halte Markt.", html, StringComparison.Ordinal);
        Assert.Contains("Wonen", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inactive_or_unknown_service_is_not_found()
    {
        var closed = await app.CreateServiceAsync(MeedenkerFactory.Unique("Gesloten "), "Dicht.", status: ServiceStatus.Defunct);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(Link(closed))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/sociale-kaart/{Guid.NewGuid()}")).StatusCode);
        Assert.DoesNotContain(Link(closed), await app.CreateClient().GetStringAsync($"/sociale-kaart?q={Uri.EscapeDataString(closed.Name)}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_chosen_filters_stay_chosen_and_only_those()
    {
        var client = app.CreateClient();
        var municipality = app.WithDb(db => db.Municipalities.OrderBy(m => m.Code).Select(m => m.Code).Skip(1).First());
        var html = await client.GetStringAsync($"/sociale-kaart?gemeente={municipality}&leefgebied=financien-inkomen");
        Assert.Contains($"<option value=\"{municipality}\" selected>", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"financien-inkomen\" selected>", html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split(" selected>").Length - 1);

        // The next search without them has nothing chosen; every municipality is still offered.
        var plain = await client.GetStringAsync("/sociale-kaart");
        Assert.DoesNotContain(" selected>", plain, StringComparison.Ordinal);
        var count = app.WithDb(db => db.Municipalities.Count());
        Assert.Equal(count, plain[plain.IndexOf("id=\"Municipality\"", StringComparison.Ordinal)..plain.IndexOf("</select>", StringComparison.Ordinal)].Split("<option value=\"GM").Length - 1);
    }
}
