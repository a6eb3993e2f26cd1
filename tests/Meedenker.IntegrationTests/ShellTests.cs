using System.Net;
using Meedenker.IntegrationTests.Infrastructure;

namespace Meedenker.IntegrationTests;

public sealed class ShellTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    [Fact]
    public async Task Ready_health_check_reports_the_migrated_database()
    {
        var response = await app.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Home_page_is_Dutch_by_default_and_carries_the_security_headers()
    {
        var response = await app.CreateClient().GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"nl\"", html, StringComparison.Ordinal);
        Assert.Contains("Schakel een meedenker in", html, StringComparison.Ordinal);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Language_switch_is_a_plain_link_that_sets_English_and_returns_to_the_page()
    {
        var client = app.CreateBrowserlikeClient();
        var switched = await client.GetAsync("/taal/en?terug=%2Fcontact");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/contact", switched.Headers.Location?.OriginalString);

        var html = await client.GetStringAsync("/contact");
        Assert.Contains("<html lang=\"en\"", html, StringComparison.Ordinal);
        Assert.Contains("Get in touch", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_switch_never_redirects_to_another_site()
    {
        var response = await app.CreateBrowserlikeClient().GetAsync("/taal/en?terug=%2F%2Fevil.example%2F");
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowserlikeClient().GetAsync("/taal/xx")).StatusCode);
    }

    [Fact]
    public async Task Form_post_without_antiforgery_token_is_refused()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "a@b.test", ["Password"] = "whatever-long-enough" });
        var response = await app.CreateBrowserlikeClient().PostAsync("/account/inloggen", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_page_gets_the_friendly_404_in_Dutch()
    {
        var response = await app.CreateClient().GetAsync("/bestaat-niet");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Deze pagina bestaat niet", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_api_route_gets_problem_details()
    {
        var response = await app.CreateClient().GetAsync("/api/municipalities/GM9999");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("GM9999", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var unknownRoute = await app.CreateClient().GetAsync("/api/bestaat-niet");
        Assert.Equal(HttpStatusCode.NotFound, unknownRoute.StatusCode);
        Assert.Equal("application/problem+json", unknownRoute.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Region_api_lists_the_seven_Oosterschelde_municipalities()
    {
        var json = await app.CreateClient().GetStringAsync("/api/municipalities");
        foreach (var name in new[] { "Borsele", "Goes", "Schouwen-Duiveland", "Kapelle", "Noord-Beveland", "Reimerswaal", "Tholen" })
        {
            Assert.Contains($"\"name\":\"{name}\"", json, StringComparison.Ordinal);
        }
        var goes = await app.CreateClient().GetStringAsync("/api/municipalities/gm0664");
        Assert.Contains("\"code\":\"GM0664\"", goes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_api()
    {
        var json = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"/api/municipalities\"", json, StringComparison.Ordinal);
        Assert.Contains("Meedenker API", json, StringComparison.Ordinal);
        var docs = await app.CreateClient().GetAsync("/api/docs");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
    }
}
