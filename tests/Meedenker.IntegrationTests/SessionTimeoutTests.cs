using System.Net;
using System.Text.Json;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.IntegrationTests;

public sealed class SessionTimeoutTests(FakeClockFactory app) : IClassFixture<FakeClockFactory>
{
    [Fact]
    public async Task An_idle_session_ends_after_20_minutes_and_the_sign_in_page_says_why()
    {
        var organization = await app.CreateOrganizationAsync();
        var staff = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var client = await app.SignInAsync(staff);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/werk")).StatusCode);

        // Activity keeps the session going: 19 minutes idle twice is 38 minutes in all. (The security-stamp re-check
        // runs on the way, every minute; it must keep the proof of two-factor.)
        app.Clock.Advance(TimeSpan.FromMinutes(19));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/werk")).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(19));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/werk")).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(21));
        var ended = await client.GetAsync("/werk");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        var login = ended.Headers.Location!.OriginalString;
        Assert.Contains("/account/inloggen", login, StringComparison.Ordinal);
        Assert.Contains("sessie=verlopen", login, StringComparison.Ordinal);
        var page = await client.GetStringAsync(login);
        Assert.Contains("Je bent automatisch uitgelogd, omdat je 20 minuten niets hebt gedaan.", page, StringComparison.Ordinal);

        // Someone who never signed in is just asked to sign in.
        var stranger = await app.CreateBrowserlikeClient().GetAsync("/werk");
        Assert.DoesNotContain("sessie=verlopen", stranger.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stay_signed_in_renews_the_session_and_tells_the_script_how_long()
    {
        var organization = await app.CreateOrganizationAsync();
        var staff = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, twoFactor: true);
        var client = await app.SignInAsync(staff);
        var work = await client.GetStringAsync("/werk");
        Assert.Contains("id=\"md-session-warning\"", work, StringComparison.Ordinal);
        Assert.Contains("data-idle-seconds=\"1200\"", work, StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromMinutes(18));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/sessie-verlengen")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = HttpClientFormExtensions.AntiforgeryToken(work) }),
        };
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        var kept = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        using var json = JsonDocument.Parse(await kept.Content.ReadAsStringAsync());
        Assert.Equal(1200, json.RootElement.GetProperty("expiresInSeconds").GetInt32());

        app.Clock.Advance(TimeSpan.FromMinutes(18));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/werk")).StatusCode);

        // After the end, the script's post gets 401 rather than a sign-in page.
        app.Clock.Advance(TimeSpan.FromMinutes(25));
        using var late = new HttpRequestMessage(HttpMethod.Post, "/account/sessie-verlengen") { Content = new FormUrlEncodedContent([]) };
        late.Headers.Add("X-Requested-With", "XMLHttpRequest");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(late)).StatusCode);
    }

    [Fact]
    public async Task A_disabled_account_loses_its_session_within_a_minute_also_while_it_keeps_clicking()
    {
        var organization = await app.CreateOrganizationAsync();
        var staff = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, twoFactor: true);
        var client = await app.SignInAsync(staff);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/werk")).StatusCode);

        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == staff.User.Id);
            user.Disable(app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });

        // A request every 40 seconds: the first is still inside the stamp's check interval, the second is not.
        app.Clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/werk")).StatusCode);
        app.Clock.Advance(TimeSpan.FromSeconds(40));
        var ended = await client.GetAsync("/werk");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Contains("/account/inloggen", ended.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_counts_down_from_the_cookies_real_end()
    {
        var organization = await app.CreateOrganizationAsync();
        var staff = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, twoFactor: true);
        var client = await app.SignInAsync(staff);
        Assert.Contains("data-idle-seconds=\"1200\"", await client.GetStringAsync("/werk"), StringComparison.Ordinal);

        // Within the minute the cookie is not renewed: the page says how long is really left.
        app.Clock.Advance(TimeSpan.FromSeconds(45));
        Assert.Contains("data-idle-seconds=\"1155\"", await client.GetStringAsync("/werk"), StringComparison.Ordinal);

        // After the minute the stamp is checked and the cookie renewed: the whole idle time again.
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Contains("data-idle-seconds=\"1200\"", await client.GetStringAsync("/werk"), StringComparison.Ordinal);
    }
}
