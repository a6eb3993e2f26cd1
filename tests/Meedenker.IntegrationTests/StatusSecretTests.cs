using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;

namespace Meedenker.IntegrationTests;

/// <summary>
/// Pen-test finding 2: the client could choose the status link's secret (the Idempotency-Key header, the form's
/// hidden field). The secret is always made by the server; an idempotency key only deduplicates.
/// </summary>
public sealed partial class StatusSecretTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    private static readonly string ChosenA = new('A', 43);

    [GeneratedRegex("/status/([A-Za-z0-9_-]{43})")]
    private static partial Regex StatusLink();

    [GeneratedRegex("/verwijzing/([A-Za-z0-9_-]{43})")]
    private static partial Regex ReferrerLink();

    [GeneratedRegex("name=\"Input.ConsentDate\"[^>]*value=\"([0-9-]{10})\"")]
    private static partial Regex ConsentDate();

    [GeneratedRegex("name=\"SubmissionId\" value=\"([^\"]+)\"")]
    private static partial Regex SubmissionId();

    [GeneratedRegex("MD-[2-9A-Z]{4}-[2-9A-Z]{4}")]
    private static partial Regex Code();

    private static object HelpRequest(string question) => new
    {
        askedBy = "self",
        municipalityCode = "GM0664",
        lifeDomains = new[] { "wonen" },
        question,
        firstName = "Sem",
        contactPreferences = new[] { "email" },
        email = "sem@example.test",
    };

    private static object Referral(string question, string consentDate) => new
    {
        firstName = "Ahmed",
        phone = "0612345678",
        municipalityCode = "GM0678",
        question,
        consentConfirmed = true,
        consentGivenBy = "resident",
        consentMethod = "verbal",
        consentDate,
        referrerName = "Praktijkondersteuner",
        referrerKind = "huisarts",
    };

    private static HttpRequestMessage Post(string url, object body, string idempotencyKey, string? apiKey = null, string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }
        if (language is not null)
        {
            request.Headers.Add("Accept-Language", language);
        }
        return request;
    }

    private static string TokenOf(string statusUrl) => StatusLink().Match(statusUrl).Groups[1].Value;

    [Fact]
    public async Task The_api_makes_the_status_secret_itself_whatever_idempotency_key_the_client_sends()
    {
        var client = app.CreateClient();
        var key = SecretToken.New();

        var chosen = await client.SendAsync(Post("/api/help-requests", HelpRequest("Gekozen sleutel " + Guid.NewGuid()), ChosenA));
        var random = await client.SendAsync(Post("/api/help-requests", HelpRequest("Willekeurige sleutel " + Guid.NewGuid()), key));

        Assert.Equal(HttpStatusCode.Created, chosen.StatusCode);
        Assert.Equal(HttpStatusCode.Created, random.StatusCode);
        var chosenToken = TokenOf((await chosen.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("statusUrl").GetString()!);
        var randomToken = TokenOf((await random.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("statusUrl").GetString()!);
        Assert.NotEqual(ChosenA, chosenToken);
        Assert.NotEqual(key, randomToken);
        Assert.True(SecretToken.IsWellFormed(chosenToken));
        Assert.Equal(32, Convert.FromBase64String(chosenToken.Replace('-', '+').Replace('_', '/') + "=").Length);
        // The key opens nothing; the server's secret opens the status page.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/status/{ChosenA}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/status/{key}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/status/{chosenToken}")).StatusCode);
        Assert.False(app.WithDb(db => db.HelpRequests.Any(h => h.StatusTokenHash == SecretToken.Hash(ChosenA) || h.StatusTokenHash == SecretToken.Hash(key))));
    }

    [Fact]
    public async Task A_retry_with_the_same_key_and_body_answers_with_the_same_request_and_link()
    {
        var client = app.CreateClient();
        var key = SecretToken.New();
        var body = HelpRequest("Opnieuw verstuurd " + Guid.NewGuid());
        var before = app.WithDb(db => db.HelpRequests.Count());

        var first = await client.SendAsync(Post("/api/help-requests", body, key));
        var retry = await client.SendAsync(Post("/api/help-requests", body, key));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var created = await first.Content.ReadFromJsonAsync<JsonElement>();
        var again = await retry.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(created.GetProperty("referenceCode").GetString(), again.GetProperty("referenceCode").GetString());
        Assert.Equal(created.GetProperty("statusUrl").GetString(), again.GetProperty("statusUrl").GetString());
        Assert.Equal(before + 1, app.WithDb(db => db.HelpRequests.Count()));
    }

    [Fact]
    public async Task A_repeated_key_with_a_different_body_gets_a_clear_422_and_not_the_first_request()
    {
        var client = app.CreateClient();
        var key = SecretToken.New();
        var first = await client.SendAsync(Post("/api/help-requests", HelpRequest("Eerste vraag " + Guid.NewGuid()), key));
        var firstCode = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("referenceCode").GetString()!;
        var before = app.WithDb(db => db.HelpRequests.Count());

        var other = await client.SendAsync(Post("/api/help-requests", HelpRequest("Een heel andere vraag"), key));
        var english = await client.SendAsync(Post("/api/help-requests", HelpRequest("Another question"), key, language: "en"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        var text = await other.Content.ReadAsStringAsync();
        Assert.DoesNotContain(firstCode, text, StringComparison.Ordinal);
        Assert.DoesNotContain("/status/", text, StringComparison.Ordinal);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Contains("Idempotency-Key", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("andere inhoud", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, english.StatusCode);
        Assert.Contains("different body", (await english.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, app.WithDb(db => db.HelpRequests.Count()));
    }

    [Fact]
    public async Task The_ask_for_help_form_makes_the_status_secret_itself_whatever_hidden_value_is_posted()
    {
        var chosen = new string('B', 43);
        var form = MeedenkerFactory.ValidHelpRequestForm();
        form["Input.Question"] = "Gekozen geheim " + Guid.NewGuid();
        form["Token"] = chosen;
        form["SubmissionId"] = chosen;

        var response = await app.CreateBrowserlikeClient().PostFormAsync("/hulp-vragen", form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("Je vraag is ontvangen", html, StringComparison.Ordinal);
        var token = StatusLink().Match(html).Groups[1].Value;
        Assert.True(SecretToken.IsWellFormed(token));
        Assert.NotEqual(chosen, token);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/status/{chosen}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/status/{token}")).StatusCode);
    }

    [Fact]
    public async Task The_same_form_sent_again_with_other_answers_asks_first_and_stores_nothing()
    {
        var client = app.CreateBrowserlikeClient();
        var page = await client.GetStringAsync("/hulp-vragen");
        var form = MeedenkerFactory.ValidHelpRequestForm();
        form["Input.Question"] = "Eerste versie " + Guid.NewGuid();
        form["SubmissionId"] = SubmissionId().Match(page).Groups[1].Value;
        var first = await (await client.PostFormAsync("/hulp-vragen", new(form))).Content.ReadAsStringAsync();
        Assert.Contains("Je vraag is ontvangen", first, StringComparison.Ordinal);
        var before = app.WithDb(db => db.HelpRequests.Count());

        form["Input.Question"] = "Tweede versie " + Guid.NewGuid();
        var again = await (await client.PostFormAsync("/hulp-vragen", new(form))).Content.ReadAsStringAsync();

        Assert.Contains("Je hebt dit formulier net al verstuurd, met andere antwoorden.", again, StringComparison.Ordinal);
        Assert.DoesNotContain(Code().Match(first).Value, again, StringComparison.Ordinal);
        Assert.DoesNotContain("/status/", again, StringComparison.Ordinal);
        Assert.Contains("Tweede versie", again, StringComparison.Ordinal);
        Assert.Equal(before, app.WithDb(db => db.HelpRequests.Count()));

        // Sent once more from that page (it carries a new submission id), it is a request of its own.
        form["SubmissionId"] = SubmissionId().Match(again).Groups[1].Value;
        var second = await (await client.PostFormAsync("/hulp-vragen", new(form))).Content.ReadAsStringAsync();
        Assert.Contains("Je vraag is ontvangen", second, StringComparison.Ordinal);
        Assert.Equal(before + 1, app.WithDb(db => db.HelpRequests.Count()));
    }

    [Fact]
    public async Task The_referral_form_and_api_make_the_referrers_secret_themselves()
    {
        var chosen = new string('C', 43);
        var form = new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Ahmed",
            ["Input.Phone"] = "0612345678",
            ["Input.MunicipalityCode"] = "GM0678",
            ["Input.Question"] = "Gekozen verwijzersgeheim " + Guid.NewGuid(),
            ["Input.ConsentConfirmed"] = "true",
            ["Input.ConsentGivenBy"] = "resident",
            ["Input.ConsentMethod"] = "resident-present",
            ["Input.ConsentDate"] = await TodayAsync(),
            ["Input.ReferrerName"] = "Dokter Kreeft",
            ["Input.ReferrerOrganization"] = "Praktijk Kreeft",
            ["Input.ReferrerEmail"] = "kreeft@praktijk.test",
            ["Input.ReferrerKind"] = "huisarts",
            ["Token"] = chosen,
            ["SubmissionId"] = chosen,
        };
        var html = await (await app.CreateBrowserlikeClient().PostFormAsync("/verwijzen", form)).Content.ReadAsStringAsync();
        Assert.Contains("Verwijzing ontvangen", html, StringComparison.Ordinal);
        var token = ReferrerLink().Match(html).Groups[1].Value;
        Assert.True(SecretToken.IsWellFormed(token));
        Assert.NotEqual(chosen, token);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/verwijzing/{chosen}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/verwijzing/{token}")).StatusCode);

        // Through the API the idempotency key is no referrer link either.
        var practice = await app.CreateOrganizationAsync(OrganizationKind.Referrer);
        var apiKey = await app.CreateApiKeyAsync(practice.Id);
        var idempotencyKey = SecretToken.New();
        var created = await app.CreateClient().SendAsync(Post("/api/referrals", Referral("Via het HIS " + Guid.NewGuid(), await TodayAsync()), idempotencyKey, apiKey));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/verwijzing/{idempotencyKey}")).StatusCode);
    }

    [Fact]
    public async Task The_same_idempotency_key_from_another_organisation_is_its_own_referral()
    {
        var practice = await app.CreateOrganizationAsync(OrganizationKind.Referrer);
        var otherPractice = await app.CreateOrganizationAsync(OrganizationKind.Referrer);
        var key = await app.CreateApiKeyAsync(practice.Id);
        var otherKey = await app.CreateApiKeyAsync(otherPractice.Id);
        var idempotencyKey = SecretToken.New();
        var body = Referral("Dezelfde sleutel " + Guid.NewGuid(), await TodayAsync());

        var mine = await app.CreateClient().SendAsync(Post("/api/referrals", body, idempotencyKey, key));
        var theirs = await app.CreateClient().SendAsync(Post("/api/referrals", body, idempotencyKey, otherKey));

        Assert.Equal(HttpStatusCode.Created, mine.StatusCode);
        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        var mineCode = (await mine.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("referenceCode").GetString();
        var theirCode = (await theirs.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("referenceCode").GetString();
        Assert.Matches(Code(), theirCode!);
        Assert.NotEqual(mineCode, theirCode);
    }

    /// <summary>The server's today, as the referral form fills it in (consent must be recent by the app's clock).</summary>
    private async Task<string> TodayAsync()
    {
        var page = await app.CreateClient().GetStringAsync("/verwijzen");
        var date = ConsentDate().Match(page).Groups[1].Value;
        Assert.Equal(10, date.Length);
        return date;
    }
}
