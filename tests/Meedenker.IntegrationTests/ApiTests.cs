using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;

namespace Meedenker.IntegrationTests;

public sealed class ApiTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    private static object ValidHelpRequest(string question) => new
    {
        askedBy = "self",
        municipalityCode = "GM0664",
        lifeDomains = new[] { "wonen" },
        question,
        firstName = "Sem",
        contactPreferences = new[] { "email" },
        email = "sem@example.test",
    };

    private static HttpRequestMessage Post(string url, object body, string? key = null, string? idempotencyKey = null, string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        if (language is not null)
        {
            request.Headers.Add("Accept-Language", language);
        }
        return request;
    }

    [Fact]
    public async Task Help_request_api_stores_before_answering_and_a_retry_with_the_same_key_creates_nothing_new()
    {
        var client = app.CreateClient();
        var idempotencyKey = SecretToken.New();
        var before = app.WithDb(db => db.HelpRequests.Count());

        var question = "Via de app " + Guid.NewGuid();
        var first = await client.SendAsync(Post("/api/help-requests", ValidHelpRequest(question), idempotencyKey: idempotencyKey));
        var retry = await client.SendAsync(Post("/api/help-requests", ValidHelpRequest(question), idempotencyKey: idempotencyKey));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var created = await first.Content.ReadFromJsonAsync<JsonElement>();
        var again = await retry.Content.ReadFromJsonAsync<JsonElement>();
        var code = created.GetProperty("referenceCode").GetString()!;
        Assert.Equal(code, again.GetProperty("referenceCode").GetString());
        var statusUrl = new Uri(created.GetProperty("statusUrl").GetString()!);
        Assert.Equal(statusUrl.OriginalString, again.GetProperty("statusUrl").GetString());
        Assert.Equal(before + 1, app.WithDb(db => db.HelpRequests.Count()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(statusUrl.AbsolutePath)).StatusCode);
    }

    [Fact]
    public async Task Help_request_api_names_each_bad_field_in_the_callers_language_and_stores_nothing()
    {
        var before = app.WithDb(db => db.HelpRequests.Count());
        var body = new { askedBy = "self", municipalityCode = "XX", question = "", contactPreferences = new[] { "pigeon" } };

        var dutch = await app.CreateClient().SendAsync(Post("/api/help-requests", body));
        var english = await app.CreateClient().SendAsync(Post("/api/help-requests", body, language: "en-GB,en;q=0.9"));

        Assert.Equal(HttpStatusCode.BadRequest, dutch.StatusCode);
        Assert.Equal("application/problem+json", dutch.Content.Headers.ContentType?.MediaType);
        var errors = (await dutch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Kies je gemeente.", errors.GetProperty("municipalityCode")[0].GetString());
        Assert.True(errors.TryGetProperty("question", out _));
        Assert.True(errors.TryGetProperty("firstName", out _));
        Assert.True(errors.TryGetProperty("contactPreferences", out _));
        var englishErrors = (await english.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Choose your municipality.", englishErrors.GetProperty("municipalityCode")[0].GetString());
        Assert.Equal(before, app.WithDb(db => db.HelpRequests.Count()));
    }

    [Theory]
    [InlineData("{\"askedBy\": \"self\", \"question\": ")]
    [InlineData("{\"lifeDomains\": 5}")]
    [InlineData("{\"needsInterpreter\": \"misschien\"}")]
    [InlineData("[1,2,3]")]
    [InlineData("null")]
    [InlineData("{\"question\": \"\\ud800 kapot\", \"firstName\": 12}")]
    public async Task Malformed_json_gets_a_clear_400(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await app.CreateClient().PostAsync("/api/help-requests", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("body", out _));
    }

    [Fact]
    public async Task Bad_idempotency_key_is_refused()
    {
        var response = await app.CreateClient().SendAsync(Post("/api/help-requests", ValidHelpRequest("x"), idempotencyKey: "kort"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }

    private static object ValidReferral(string question) => new
    {
        firstName = "Ahmed",
        phone = "0612345678",
        municipalityCode = "GM0678",
        question,
        consentConfirmed = true,
        consentGivenBy = "resident",
        consentMethod = "verbal",
        consentDate = TestClock.Day(),
        referrerName = "Praktijkondersteuner GGZ",
        referrerKind = "huisarts",
    };

    [Fact]
    public async Task Referral_api_needs_a_valid_key_and_only_shows_the_own_organisations_referrals()
    {
        var practice = await app.CreateOrganizationAsync(OrganizationKind.Referrer);
        var otherPractice = await app.CreateOrganizationAsync(OrganizationKind.Referrer);
        var key = await app.CreateApiKeyAsync(practice.Id);
        var otherKey = await app.CreateApiKeyAsync(otherPractice.Id);
        var revokedKey = await app.CreateApiKeyAsync(practice.Id, revoked: true);
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Post("/api/referrals", ValidReferral("a")))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Post("/api/referrals", ValidReferral("a"), key: "mdk_fout"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Post("/api/referrals", ValidReferral("a"), key: revokedKey))).StatusCode);

        var created = await client.SendAsync(Post("/api/referrals", ValidReferral("Somber en alleen " + Guid.NewGuid()), key: key));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetString();

        var status = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/referrals/{id}") { Headers = { { "X-Api-Key", key } } });
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        var json = await status.Content.ReadAsStringAsync();
        Assert.Contains("\"status\":\"received\"", json, StringComparison.Ordinal);
        Assert.Contains("\"receivedAt\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Somber", json, StringComparison.Ordinal);

        var other = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/referrals/{id}") { Headers = { { "X-Api-Key", otherKey } } });
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        var unknown = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/referrals/{Guid.NewGuid()}") { Headers = { { "X-Api-Key", key } } });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Referral_api_refuses_a_referral_without_consent()
    {
        var practice = await app.CreateOrganizationAsync(OrganizationKind.Referrer);
        var key = await app.CreateApiKeyAsync(practice.Id);
        var before = app.WithDb(db => db.Referrals.Count());
        var body = new { firstName = "Ahmed", phone = "0612345678", municipalityCode = "GM0678", question = "Zonder toestemming", referrerKind = "huisarts" };

        var response = await app.CreateClient().SendAsync(Post("/api/referrals", body, key: key));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("consentConfirmed", out _));
        Assert.Equal(before, app.WithDb(db => db.Referrals.Count()));
    }
}
