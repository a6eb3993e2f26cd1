using System.Net;
using System.Text.RegularExpressions;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Meedenker.Web.Features.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meedenker.IntegrationTests;

/// <summary>
/// Security issue 16, finding 1: a session lives in the database, so signing out, a new password, disabling an
/// account, a role change and "Overal uitloggen" end it on every instance at the next request.
/// </summary>
public sealed partial class StaffSessionTests(FakeClockFactory app) : IClassFixture<FakeClockFactory>
{
    private static readonly Uri Site = new("https://localhost");

    private sealed class Instance(TestDatabase database) : MeedenkerFactory(demo: false, environment: "Testing", database);

    /// <summary>The "Beëindig" form of a session: its id is in the form's address.</summary>
    [GeneratedRegex("action=\"/account/sessies\\?[^\"]*id=([0-9a-f-]{36})")]
    private static partial Regex EndForm();

    /// <summary>Only the sign-in cookie, copied from a browser, in a fresh cookie jar: what an attacker would hold.</summary>
    private static CookieContainer Copy(CookieContainer from)
    {
        var auth = from.GetCookies(Site)["meedenker.auth"] ?? throw new InvalidOperationException("No sign-in cookie.");
        var copy = new CookieContainer();
        copy.Add(new Cookie(auth.Name, auth.Value, "/", Site.Host) { Secure = true, HttpOnly = true });
        return copy;
    }

    private static bool Refused(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/inloggen", StringComparison.Ordinal);

    [Fact]
    public async Task After_sign_out_a_copied_cookie_is_refused_on_both_instances_at_once()
    {
        using var database = new TestDatabase();
        using var first = new Instance(database);
        _ = first.Services;
        using var second = new Instance(database);
        _ = second.Services;
        var organization = await first.CreateOrganizationAsync();
        var coordinator = await first.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var browser = new CookieContainer();
        var client = await first.SignInAsync(coordinator, browser);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/werk")).StatusCode);

        // The copied cookie works on both instances while the session runs.
        var stolen = Copy(browser);
        using var onFirst = first.CreateBrowserlikeClient(Copy(stolen));
        using var onSecond = second.CreateBrowserlikeClient(Copy(stolen));
        Assert.Equal(HttpStatusCode.OK, (await onFirst.GetAsync("/werk")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/werk")).StatusCode);

        var signedOut = await client.PostFormAsync("/account/uitloggen", [], pageUrl: "/werk");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        using var laterOnFirst = first.CreateBrowserlikeClient(Copy(stolen));
        using var laterOnSecond = second.CreateBrowserlikeClient(Copy(stolen));
        Assert.True(Refused(await laterOnSecond.GetAsync("/werk")), "The second instance still accepts the cookie after sign-out.");
        Assert.True(Refused(await laterOnFirst.GetAsync("/werk")), "The first instance still accepts the cookie after sign-out.");
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_open_sessions_at_once()
    {
        var organization = await app.CreateOrganizationAsync();
        var supporter = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, twoFactor: true);
        var admin = await app.CreateStaffAsync(StaffRoles.Admin, organization.Id, twoFactor: true);
        var laptop = await app.SignInAsync(supporter);
        var phone = await app.SignInAsync(supporter);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/werk")).StatusCode);

        var adminClient = await app.SignInAsync(admin);
        var disabled = await adminClient.PostFormAsync($"/beheer/gebruikers?handler=Disable&id={supporter.User.Id}", [], pageUrl: "/beheer/gebruikers");
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);

        // No time passes: the next request of each device is refused.
        Assert.True(Refused(await laptop.GetAsync("/werk")), "The laptop's session still works after the account was disabled.");
        Assert.True(Refused(await phone.GetAsync("/werk")), "The phone's session still works after the account was disabled.");
    }

    [Fact]
    public async Task A_new_password_ends_every_session_of_the_account()
    {
        var organization = await app.CreateOrganizationAsync();
        var supporter = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, twoFactor: true);
        var client = await app.SignInAsync(supporter);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/werk")).StatusCode);

        var link = await app.PasswordLinkAsync(supporter);
        var reset = await app.CreateBrowserlikeClient().PostFormAsync(link, new() { ["Password"] = "Een-heel-nieuw-wachtwoord-2026" });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Contains("wachtwoord", await reset.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        Assert.True(Refused(await client.GetAsync("/werk")), "The session still works after a new password was set.");
    }

    [Fact]
    public async Task A_role_change_ends_every_session_of_the_account()
    {
        var organization = await app.CreateOrganizationAsync();
        var coordinator = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var admin = await app.CreateStaffAsync(StaffRoles.Admin, organization.Id, twoFactor: true);
        var client = await app.SignInAsync(coordinator);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/werk/wachtrij")).StatusCode);

        var adminClient = await app.SignInAsync(admin);
        var changed = await adminClient.PostFormAsync($"/beheer/gebruikers?handler=Role&id={coordinator.User.Id}", new() { ["Role"] = StaffRoles.Supporter }, pageUrl: "/beheer/gebruikers");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        // Else the old cookie would still say "coordinator" for up to a minute.
        Assert.True(Refused(await client.GetAsync("/werk/wachtrij")), "The session still works with the old role.");
    }

    [Fact]
    public async Task Staff_see_their_sessions_and_end_another_one_or_all_of_them()
    {
        var organization = await app.CreateOrganizationAsync();
        var supporter = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, twoFactor: true);
        var laptop = await app.SignInAsync(supporter);
        var phone = await app.SignInAsync(supporter);

        var work = await laptop.GetStringAsync("/werk");
        Assert.Contains("href=\"/account/sessies\"", work, StringComparison.Ordinal);
        var page = await laptop.GetStringAsync("/account/sessies");
        Assert.Contains("Mijn sessies", page, StringComparison.Ordinal);
        Assert.Contains("Deze sessie", page, StringComparison.Ordinal);
        // The other device can be ended from here; this one is ended by signing out.
        var others = EndForm().Matches(page).Select(m => m.Groups[1].Value).ToList();
        Assert.Single(others);

        var ended = await laptop.PostFormAsync($"/account/sessies?handler=End&id={others[0]}", [], pageUrl: "/account/sessies");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.True(Refused(await phone.GetAsync("/werk")), "The ended session still works.");
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/werk")).StatusCode);
        Assert.Empty(EndForm().Matches(await laptop.GetStringAsync("/account/sessies")));

        // "Overal uitloggen" ends this session too.
        var tablet = await app.SignInAsync(supporter);
        var everywhere = await laptop.PostFormAsync("/account/sessies?handler=EndAll", [], pageUrl: "/account/sessies");
        Assert.Equal(HttpStatusCode.Redirect, everywhere.StatusCode);
        Assert.True(Refused(await laptop.GetAsync("/werk")), "This session still works after signing out everywhere.");
        Assert.True(Refused(await tablet.GetAsync("/werk")), "Another session still works after signing out everywhere.");
    }

    [Fact]
    public async Task Another_account_cannot_end_my_session()
    {
        var organization = await app.CreateOrganizationAsync();
        var mine = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, twoFactor: true);
        var theirs = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, twoFactor: true);
        var myLaptop = await app.SignInAsync(mine);
        var myPhone = await app.SignInAsync(mine);
        var myOther = EndForm().Match(await myLaptop.GetStringAsync("/account/sessies")).Groups[1].Value;
        Assert.NotEmpty(myOther);

        var attacker = await app.SignInAsync(theirs);
        var tried = await attacker.PostFormAsync($"/account/sessies?handler=End&id={myOther}", [], pageUrl: "/account/sessies");
        Assert.Equal(HttpStatusCode.NotFound, tried.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await myPhone.GetAsync("/werk")).StatusCode);
    }

    [Fact]
    public async Task A_session_ends_twelve_hours_after_sign_in_however_active()
    {
        var organization = await app.CreateOrganizationAsync();
        var supporter = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, twoFactor: true);
        var client = await app.SignInAsync(supporter);
        for (var minutes = 10; minutes < 12 * 60; minutes += 10)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(10));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/werk")).StatusCode);
        }
        // Ten minutes before the end the page counts down to it, not to a full idle time.
        var work = await client.GetStringAsync("/werk");
        Assert.Contains("data-idle-seconds=\"600\"", work, StringComparison.Ordinal);
        // "Blijf ingelogd" cannot go past the absolute end, and tells the script so.
        using var keep = new HttpRequestMessage(HttpMethod.Post, "/account/sessie-verlengen")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = HttpClientFormExtensions.AntiforgeryToken(work) }),
        };
        keep.Headers.Add("X-Requested-With", "XMLHttpRequest");
        using var json = System.Text.Json.JsonDocument.Parse(await (await client.SendAsync(keep)).Content.ReadAsStringAsync());
        Assert.Equal(600, json.RootElement.GetProperty("expiresInSeconds").GetInt32());
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.True(Refused(await client.GetAsync("/werk")), "The session outlived its absolute end.");
    }

    [Fact]
    public async Task Ended_and_expired_sessions_are_deleted_a_month_later_by_the_retention_job()
    {
        var organization = await app.CreateOrganizationAsync();
        var supporter = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, twoFactor: true);
        var signedOut = await app.SignInAsync(supporter);
        await signedOut.PostFormAsync("/account/uitloggen", [], pageUrl: "/werk");
        await app.SignInAsync(supporter);
        int Count() => app.WithDb(db => db.StaffSessions.Count(x => x.UserId == supporter.User.Id));
        Assert.Equal(2, Count());

        async Task RetainAsync()
        {
            using var scope = app.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(app.Clock.GetUtcNow(), dryRun: false, CancellationToken.None);
        }
        // The signed-out and the idle session are kept for a month after they ended (the idle one after 20 minutes).
        app.Clock.Advance(TimeSpan.FromDays(StaffSession.KeepDays) - TimeSpan.FromHours(1));
        await RetainAsync();
        Assert.Equal(2, Count());
        app.Clock.Advance(TimeSpan.FromHours(2));
        var inUse = await app.SignInAsync(supporter);
        await RetainAsync();
        Assert.Equal(1, Count());
        Assert.Equal(HttpStatusCode.OK, (await inUse.GetAsync("/werk")).StatusCode);
    }
}
