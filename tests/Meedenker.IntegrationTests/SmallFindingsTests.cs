using System.Net;
using System.Net.Http.Json;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Meedenker.IntegrationTests;

/// <summary>The app with one public form per minute per client, to see a rejection.</summary>
public sealed class OneFormPerMinuteFactory : MeedenkerFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder!.UseSetting("RateLimits:PublicFormsPerMinute", "1");
    }
}

/// <summary>Security issue 16, finding 7: the smaller findings of the penetration test.</summary>
public sealed class SmallFindingsTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    internal static object HelpRequest(string question) => new
    {
        askedBy = "self",
        municipalityCode = "GM0664",
        lifeDomains = new[] { "wonen" },
        question,
        firstName = "Sem",
        contactPreferences = new[] { "email" },
        email = "sem@example.test",
    };

    [Fact]
    public async Task A_too_large_body_gets_413_and_stores_nothing()
    {
        var marker = "Te groot " + Guid.NewGuid();
        var question = marker + new string('x', 70 * 1024);
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/help-requests", HelpRequest(question));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("te groot", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(app.WithDb(db => db.HelpRequests.Any(h => h.Question != null && h.Question.StartsWith(marker))));
    }

    [Fact]
    public void Kestrel_sends_no_Server_header()
    {
        // TestServer has no Server header of its own; the option is what Kestrel uses in production.
        var kestrel = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        Assert.False(kestrel.AddServerHeader);
    }

    [Fact]
    public async Task The_auth_cookie_is_Secure_outside_Development_even_over_plain_http()
    {
        var organization = await app.CreateOrganizationAsync();
        var staff = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false, HandleCookies = true });

        using var login = await client.PostFormAsync("/account/inloggen", new() { ["Email"] = staff.Email, ["Password"] = MeedenkerFactory.Password });

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("meedenker.auth=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class RetryAfterTests(OneFormPerMinuteFactory app) : IClassFixture<OneFormPerMinuteFactory>
{
    [Fact]
    public async Task A_rejected_request_says_when_to_try_again()
    {
        using var client = app.CreateClient();
        HttpResponseMessage? rejected = null;
        // The limit is one a minute: of three posts at least one is rejected, even when the window turns over.
        for (var i = 0; i < 3 && rejected is null; i++)
        {
            var response = await client.PostAsJsonAsync("/api/help-requests", SmallFindingsTests.HelpRequest("Waar moet ik beginnen " + Guid.NewGuid()));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                rejected = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(rejected);
        using (rejected)
        {
            var seconds = Assert.Single(rejected.Headers.GetValues("Retry-After"));
            Assert.InRange(int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        }
    }
}
