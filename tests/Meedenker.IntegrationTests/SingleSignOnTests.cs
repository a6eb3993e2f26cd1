using System.Net;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meedenker.IntegrationTests;

/// <summary>Two real OpenID Connect servers, one per organisation, for the whole test class.</summary>
public sealed class TwoIdentityProviders : IAsyncLifetime
{
    public TestIdentityProvider A { get; private set; } = null!;
    public TestIdentityProvider B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        A = await TestIdentityProvider.StartAsync();
        B = await TestIdentityProvider.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
    }
}

/// <summary>
/// Staff sign in through their organisation's own IdP (a real OpenIddict server over HTTP): one click, the role
/// from the IdP's claims, our TOTP only when the IdP did not do multi-factor, and never into another organisation.
/// </summary>
public sealed class SingleSignOnTests(MeedenkerFactory app, TwoIdentityProviders idps) : IClassFixture<MeedenkerFactory>, IClassFixture<TwoIdentityProviders>
{
    private const string Mapping = "meedenker-coordinatoren = Coordinator\nmeedenker-medewerkers = Meedenker\nmeedenker-beheer = Beheerder";

    private static IdpUser Person(string[] roles, string[] amr, bool disabled = false, string? acr = null, string? email = null)
    {
        var subject = Guid.NewGuid().ToString("N");
        return new IdpUser(subject, email ?? $"{subject[..10]}@sso.meedenker.test", "Sanne de Vries", roles, amr, acr, disabled);
    }

    private Task<StaffUser?> UserByEmailAsync(string email) =>
        app.WithDbAsync(db => db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email));

    private async Task<IList<string>> RolesAsync(StaffUser user)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().GetRolesAsync(user);
    }

    [Fact]
    public async Task One_click_with_multi_factor_at_the_IdP_lands_in_the_organisation_with_the_mapped_role()
    {
        var organization = await app.CreateOrganizationAsync();
        await app.UseIdentityProviderAsync(organization.Id, idps.A, Mapping);
        var loginPage = await app.CreateBrowserlikeClient().GetStringAsync("/account/inloggen");
        Assert.Contains($"href=\"/account/sso/{organization.Id}\"", loginPage, StringComparison.Ordinal);
        Assert.Contains("Inloggen via " + organization.Name, loginPage, StringComparison.Ordinal);

        var person = Person(["meedenker-coordinatoren"], ["pwd", "mfa"]);
        using var browser = await app.SignInThroughOrganisationAsync(organization.Id, idps.A, person);

        Assert.Equal("/werk", browser.LandedPath);
        using var queue = await browser.GoAsync("/werk/wachtrij", follow: false);
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        var user = await UserByEmailAsync(person.Email);
        Assert.NotNull(user);
        Assert.Equal(organization.Id, user.OrganizationId);
        Assert.Equal([StaffRoles.Coordinator], await RolesAsync(user));
        var logins = await app.WithDbAsync(db => db.UserLogins.Where(l => l.UserId == user.Id).ToListAsync());
        Assert.Equal(SingleSignOn.LoginProvider(organization.Id), Assert.Single(logins).LoginProvider);
    }

    [Fact]
    public async Task Without_multi_factor_at_the_IdP_our_own_TOTP_is_asked_first_set_up_then_every_time()
    {
        var organization = await app.CreateOrganizationAsync();
        await app.UseIdentityProviderAsync(organization.Id, idps.A, Mapping);
        var person = Person(["meedenker-medewerkers"], ["pwd"]);

        using (var first = await app.SignInThroughOrganisationAsync(organization.Id, idps.A, person))
        {
            Assert.Equal("/account/tweestapsverificatie", first.LandedPath);
            using var work = await first.GoAsync("/werk", follow: false);
            Assert.NotEqual(HttpStatusCode.OK, work.StatusCode);
            var user = await UserByEmailAsync(person.Email);
            Assert.Equal([StaffRoles.Supporter], await RolesAsync(user!));
            var key = await app.WithDbAsync(async db =>
            {
                using var scope = app.Services.CreateScope();
                var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
                return await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(user!.Id.ToString()))!);
            });
            using var enrolled = await first.PostFormAsync("/account/tweestapsverificatie", new() { ["Code"] = Totp.CodeNow(key!) });
            Assert.Contains("herstelcode", (await enrolled.Content.ReadAsStringAsync()).ToLowerInvariant(), StringComparison.Ordinal);
        }

        using var second = await app.SignInThroughOrganisationAsync(organization.Id, idps.A, person);
        Assert.Equal("/account/inloggen/code", second.LandedPath);
        var key2 = await app.WithDbAsync(async db =>
        {
            using var scope = app.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            return await users.GetAuthenticatorKeyAsync((await users.FindByEmailAsync(person.Email))!);
        });
        using var coded = await second.PostFormAsync("/account/inloggen/code", new() { ["Code"] = Totp.CodeNow(key2!) });
        Assert.Equal("/werk", second.LandedPath);
        Assert.Equal(HttpStatusCode.OK, coded.StatusCode);
    }

    [Fact]
    public async Task An_acr_value_the_admin_named_counts_as_multi_factor()
    {
        var organization = await app.CreateOrganizationAsync();
        await app.UseIdentityProviderAsync(organization.Id, idps.A, Mapping, acrValues: "http://eidas.europa.eu/LoA/substantial");
        using var browser = await app.SignInThroughOrganisationAsync(organization.Id, idps.A,
            Person(["meedenker-medewerkers"], [], acr: "http://eidas.europa.eu/LoA/substantial"));
        Assert.Equal("/werk", browser.LandedPath);
    }

    [Fact]
    public async Task A_user_of_organisation_As_IdP_never_lands_in_organisation_B()
    {
        var organizationA = await app.CreateOrganizationAsync();
        var organizationB = await app.CreateOrganizationAsync();
        await app.UseIdentityProviderAsync(organizationA.Id, idps.A, Mapping);
        await app.UseIdentityProviderAsync(organizationB.Id, idps.B, Mapping);
        var person = Person(["meedenker-coordinatoren"], ["mfa"]);
        idps.A.AddUser(person);

        // 1. The IdP's answer for A, taken to B's callback (or state swapped): B's handler cannot read A's state.
        using (var browser = new SignOnBrowser(app))
        {
            (await browser.GoAsync(idps.A.LoginUrl(person.Subject))).Dispose();
            using var toIdp = await browser.GoAsync(SingleSignOn.StartPath(organizationA.Id), follow: false);
            using var fromIdp = await browser.GoAsync(SignOnBrowser.RedirectOf(toIdp).ToString(), follow: false);
            var callback = SignOnBrowser.RedirectOf(fromIdp);
            Assert.Equal(SingleSignOn.CallbackPath(organizationA.Id), callback.AbsolutePath);
            using var tampered = await browser.GoAsync(SingleSignOn.CallbackPath(organizationB.Id) + callback.Query);
            Assert.Equal("/account/inloggen", browser.LandedPath);
            Assert.Contains("Inloggen via je organisatie is niet gelukt", await tampered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Null(await UserByEmailAsync(person.Email));

        // 2. A's valid sign-in, but the last step asked for B: refused, nothing made in B.
        using (var browser = new SignOnBrowser(app))
        {
            (await browser.GoAsync(idps.A.LoginUrl(person.Subject))).Dispose();
            using var toIdp = await browser.GoAsync(SingleSignOn.StartPath(organizationA.Id), follow: false);
            using var fromIdp = await browser.GoAsync(SignOnBrowser.RedirectOf(toIdp).ToString(), follow: false);
            using var backAtApp = await browser.GoAsync(SignOnBrowser.RedirectOf(fromIdp).ToString(), follow: false);
            Assert.Equal(SingleSignOn.ContinuePath(organizationA.Id), SignOnBrowser.RedirectOf(backAtApp).AbsolutePath);
            using var swapped = await browser.GoAsync(SingleSignOn.ContinuePath(organizationB.Id));
            Assert.Equal("/account/inloggen", browser.LandedPath);
            using var work = await browser.GoAsync("/werk", follow: false);
            Assert.NotEqual(HttpStatusCode.OK, work.StatusCode);
        }
        Assert.Null(await UserByEmailAsync(person.Email));

        // 3. B's button, with only an account at A's IdP: B's IdP does not know the person.
        using (var browser = new SignOnBrowser(app))
        {
            (await browser.GoAsync(idps.A.LoginUrl(person.Subject))).Dispose();
            using var atB = await browser.GoAsync(SingleSignOn.StartPath(organizationB.Id));
            Assert.Equal(HttpStatusCode.Unauthorized, atB.StatusCode);
            Assert.StartsWith(idps.B.Issuer, browser.Location!.ToString(), StringComparison.Ordinal);
        }

        // 4. The same e-mail address already has an account in B: A's IdP cannot take it over.
        var inB = await app.CreateStaffAsync(StaffRoles.Coordinator, organizationB.Id, twoFactor: true);
        using (var browser = await app.SignInThroughOrganisationAsync(organizationA.Id, idps.A, Person(["meedenker-coordinatoren"], ["mfa"], email: inB.Email)))
        {
            Assert.Equal("/account/inloggen", browser.LandedPath);
            using var page = await browser.GoAsync("/account/inloggen?sso=" + SignOnRefusal.OtherOrganization);
            Assert.Contains("bij een andere organisatie", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var stillInB = await UserByEmailAsync(inB.Email);
        Assert.Equal(organizationB.Id, stillInB!.OrganizationId);
        Assert.Empty(await app.WithDbAsync(db => db.UserLogins.Where(l => l.UserId == stillInB.Id).ToListAsync()));

        // 5. And A's own sign-in works, into A.
        using (var browser = await app.SignInThroughOrganisationAsync(organizationA.Id, idps.A, person))
        {
            Assert.Equal("/werk", browser.LandedPath);
        }
        Assert.Equal(organizationA.Id, (await UserByEmailAsync(person.Email))!.OrganizationId);
    }

    [Fact]
    public async Task An_account_disabled_in_Meedenker_cannot_sign_in_through_the_IdP()
    {
        var organization = await app.CreateOrganizationAsync();
        await app.UseIdentityProviderAsync(organization.Id, idps.A, Mapping);
        var person = Person(["meedenker-coordinatoren"], ["mfa"]);
        using (var first = await app.SignInThroughOrganisationAsync(organization.Id, idps.A, person))
        {
            Assert.Equal("/werk", first.LandedPath);
        }
        await app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Email == person.Email)).Disable(TestClock.Now);
            return await db.SaveChangesAsync();
        });

        using var browser = await app.SignInThroughOrganisationAsync(organization.Id, idps.A, person);
        Assert.Equal("/account/inloggen", browser.LandedPath);
        Assert.Equal("?sso=" + SignOnRefusal.Disabled, browser.Location!.Query);
        using var work = await browser.GoAsync("/werk", follow: false);
        Assert.NotEqual(HttpStatusCode.OK, work.StatusCode);
    }

    [Fact]
    public async Task An_account_disabled_at_the_IdP_cannot_sign_in()
    {
        var organization = await app.CreateOrganizationAsync();
        await app.UseIdentityProviderAsync(organization.Id, idps.A, Mapping);
        var person = Person(["meedenker-coordinatoren"], ["mfa"], disabled: true);
        using var browser = await app.SignInThroughOrganisationAsync(organization.Id, idps.A, person);
        Assert.Equal("/account/inloggen", browser.LandedPath);
        Assert.Equal("?sso=" + SignOnRefusal.RefusedByIdentityProvider, browser.Location!.Query);
        using var page = await browser.GoAsync(browser.Location.PathAndQuery);
        Assert.Contains("Je organisatie heeft het inloggen geweigerd", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await UserByEmailAsync(person.Email));
    }

    [Fact]
    public async Task Without_a_mapped_role_the_sign_in_is_refused_with_a_clear_message()
    {
        var organization = await app.CreateOrganizationAsync();
        await app.UseIdentityProviderAsync(organization.Id, idps.A, Mapping);
        var person = Person(["kantine-commissie"], ["mfa"]);
        using var browser = await app.SignInThroughOrganisationAsync(organization.Id, idps.A, person);
        Assert.Equal("/account/inloggen", browser.LandedPath);
        Assert.Equal("?sso=" + SignOnRefusal.NoRole, browser.Location!.Query);
        using var page = await browser.GoAsync(browser.Location.PathAndQuery);
        Assert.Contains("Je organisatie gaf je geen rol voor Meedenker", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await UserByEmailAsync(person.Email));
    }

    [Fact]
    public async Task A_changed_group_at_the_IdP_changes_the_role_at_the_next_sign_in()
    {
        var organization = await app.CreateOrganizationAsync();
        await app.UseIdentityProviderAsync(organization.Id, idps.A, Mapping);
        var person = Person(["meedenker-coordinatoren"], ["mfa"]);
        (await app.SignInThroughOrganisationAsync(organization.Id, idps.A, person)).Dispose();
        using var browser = await app.SignInThroughOrganisationAsync(organization.Id, idps.A, person with { Roles = ["meedenker-medewerkers"] });
        Assert.Equal("/werk", browser.LandedPath);
        var user = await UserByEmailAsync(person.Email);
        Assert.Equal([StaffRoles.Supporter], await RolesAsync(user!));
        Assert.Equal(SupporterKind.Professional, user!.SupporterKind);
        using var queue = await browser.GoAsync("/werk/wachtrij", follow: false);
        Assert.NotEqual(HttpStatusCode.OK, queue.StatusCode);
    }

    [Fact]
    public async Task An_organisation_without_an_IdP_offers_no_button_and_its_link_explains_why()
    {
        var organization = await app.CreateOrganizationAsync();
        var loginPage = await app.CreateBrowserlikeClient().GetStringAsync("/account/inloggen");
        Assert.DoesNotContain($"/account/sso/{organization.Id}", loginPage, StringComparison.Ordinal);
        using var browser = new SignOnBrowser(app);
        using var page = await browser.GoAsync(SingleSignOn.StartPath(organization.Id));
        Assert.Equal("/account/inloggen", browser.LandedPath);
        Assert.Contains("biedt inloggen via de organisatie (nog) niet aan", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_sets_up_their_own_organisation_with_clear_messages_and_the_secret_stored_encrypted()
    {
        var organization = await app.CreateOrganizationAsync();
        var admin = await app.CreateStaffAsync(StaffRoles.Admin, organization.Id, twoFactor: true);
        var client = await app.SignInAsync(admin);
        var form = new Dictionary<string, string>
        {
            ["Input.Enabled"] = "true",
            ["Input.Issuer"] = "http://login.gemeente.example/realms/medewerkers",
            ["Input.ClientId"] = "meedenker",
            ["Input.ClientSecret"] = "heel-geheim-1234",
            ["Input.RoleClaim"] = "groups",
            ["Input.EmailClaim"] = "email",
            ["Input.RoleMapping"] = "coordinatoren = Coordinator\nmedewerkers = Directeur",
        };
        using var refused = await client.PostFormAsync("/beheer/inloggen-via-organisatie", new(form));
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("De issuer moet met https:// beginnen", html, StringComparison.Ordinal);
        Assert.Contains("Regel 2 van de rollen klopt niet", html, StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync(db => db.IdentityProviders.SingleOrDefaultAsync(p => p.OrganizationId == organization.Id)));

        form["Input.Issuer"] = "https://login.gemeente.example/realms/medewerkers";
        form["Input.RoleMapping"] = "coordinatoren = Coordinator\nmedewerkers = meedenker";
        using var saved = await client.PostFormAsync("/beheer/inloggen-via-organisatie", new(form));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var settings = await app.WithDbAsync(db => db.IdentityProviders.AsNoTracking().SingleAsync(p => p.OrganizationId == organization.Id));
        Assert.True(settings.IsEnabled);
        Assert.Equal("groups", settings.RoleClaim);
        Assert.Equal("coordinatoren = Coordinator\nmedewerkers = Supporter", settings.RoleMappingText);
        Assert.NotNull(settings.ProtectedClientSecret);
        Assert.DoesNotContain("heel-geheim", settings.ProtectedClientSecret, StringComparison.Ordinal);
        Assert.Empty(await app.FindInDatabaseAsync("heel-geheim-1234"));

        var page = await client.GetStringAsync("/beheer/inloggen-via-organisatie");
        Assert.Contains($"https://localhost/account/sso/{organization.Id}/terug", page, StringComparison.Ordinal);
        Assert.DoesNotContain("heel-geheim", page, StringComparison.Ordinal);
        Assert.Contains("Er is een geheim opgeslagen", page, StringComparison.Ordinal);
    }
}
