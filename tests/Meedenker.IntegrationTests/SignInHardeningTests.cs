using System.Net;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Meedenker.IntegrationTests;

public sealed class SignInHardeningTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    private const string Neutral = "Inloggen is niet gelukt. Het e-mailadres of wachtwoord klopt niet, of er is te vaak een fout wachtwoord ingevuld.";

    [Fact]
    public async Task Setting_a_password_refuses_short_common_and_repetitive_ones_with_a_clear_message()
    {
        var organization = await app.CreateOrganizationAsync();
        var staff = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id);
        var link = await app.PasswordLinkAsync(staff);
        var client = app.CreateBrowserlikeClient();

        var cases = new Dictionary<string, string>
        {
            ["kort-wachtw"] = "Kies een wachtwoord van minstens 12 tekens.",
            ["1q2w3e4r5t6y"] = "Dit wachtwoord komt voor in lijsten van gelekte of veelgebruikte wachtwoorden.",
            ["iloveyou2026!"] = "Dit wachtwoord komt voor in lijsten van gelekte of veelgebruikte wachtwoorden.",
            ["abababababab"] = "Dit wachtwoord is een herhaling of een reeks",
        };
        foreach (var (password, message) in cases)
        {
            var refused = await client.PostFormAsync(link, new() { ["Password"] = password });
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(message, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var stillOld = await app.CreateBrowserlikeClient().PostFormAsync("/account/inloggen", new() { ["Email"] = staff.Email, ["Password"] = MeedenkerFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, stillOld.StatusCode);

        // A long passphrase without capitals, digits or symbols is fine: no composition rules.
        var passphrase = "de zeeuwse wind waait altijd van de verkeerde kant";
        var set = await client.PostFormAsync(link, new() { ["Password"] = passphrase });
        Assert.Contains("Je wachtwoord is ingesteld", await set.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var login = await app.CreateBrowserlikeClient().PostFormAsync("/account/inloggen", new() { ["Email"] = staff.Email, ["Password"] = passphrase });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_with_the_same_message_an_unknown_address_gets()
    {
        var organization = await app.CreateOrganizationAsync();
        var staff = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id);
        var client = app.CreateBrowserlikeClient();

        var unknown = await client.PostFormAsync("/account/inloggen", new() { ["Email"] = "niemand-" + staff.Email, ["Password"] = "wat-dan-ook-123" });
        var unknownHtml = await unknown.Content.ReadAsStringAsync();
        Assert.Contains(Neutral, unknownHtml, StringComparison.Ordinal);

        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostFormAsync("/account/inloggen", new() { ["Email"] = staff.Email, ["Password"] = $"fout-wachtwoord-{i}" });
            Assert.Contains(Neutral, await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.NotNull(app.WithDb(db => db.Users.Single(u => u.Id == staff.User.Id).LockoutEnd));

        // Locked: even the right password is refused, with the very same words.
        var locked = await client.PostFormAsync("/account/inloggen", new() { ["Email"] = staff.Email, ["Password"] = MeedenkerFactory.Password });
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains(Neutral, await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("geblokkeerd", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_recovery_codes_count_towards_lockout()
    {
        var organization = await app.CreateOrganizationAsync();
        var staff = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var codes = await app.RecoveryCodesAsync(staff);
        var client = app.CreateBrowserlikeClient();
        await client.PostFormAsync("/account/inloggen", new() { ["Email"] = staff.Email, ["Password"] = MeedenkerFactory.Password });

        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = await client.PostFormAsync("/account/inloggen/herstelcode", new() { ["RecoveryCode"] = $"FOUT{i}-CODE" });
        }
        Assert.Contains("Je account is tijdelijk geblokkeerd na te veel foute codes", await last!.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var right = await client.PostFormAsync("/account/inloggen/herstelcode", new() { ["RecoveryCode"] = codes[0] });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("Je account is tijdelijk geblokkeerd", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/werk")).StatusCode);
    }
}

/// <summary>An app with a low sign-in limit, to prove the per-client rate limit on every sign-in step.</summary>
public sealed class StrictSignInLimitFactory : MeedenkerFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder!.UseSetting("RateLimits:LoginPerMinute", "3");
    }
}

public sealed class SignInRateLimitTests(StrictSignInLimitFactory app) : IClassFixture<StrictSignInLimitFactory>
{
    [Theory]
    [InlineData("/account/inloggen")]
    [InlineData("/account/inloggen/code")]
    [InlineData("/account/inloggen/herstelcode")]
    [InlineData("/account/wachtwoord-instellen")]
    public async Task Sign_in_steps_answer_429_after_the_limit(string path)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            // A 429 can only come from the rate limiter on this page: without it the post is refused as 400 (no antiforgery token).
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Code"] = "123456" });
            using var client = app.CreateBrowserlikeClient();
            statuses.Add((await client.PostAsync(path, form)).StatusCode);
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }
}
