using System.Net;
using System.Text.RegularExpressions;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;

namespace Meedenker.IntegrationTests;

public sealed partial class AdminTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    [GeneratedRegex(@"https://localhost/account/wachtwoord-instellen\?userId=[^\s]+")]
    private static partial Regex InvitationLink();

    [Fact]
    public async Task Admin_invites_a_staff_member_who_sets_a_password_and_can_be_disabled()
    {
        var organization = await app.CreateOrganizationAsync();
        var admin = await app.CreateStaffAsync(StaffRoles.Admin, organization.Id, twoFactor: true);
        var client = await app.SignInAsync(admin);
        var email = $"{MeedenkerFactory.Unique("nieuw")}@test.meedenker.test";

        var invite = await client.PostFormAsync("/beheer/gebruikers/uitnodigen", new()
        {
            ["Input.DisplayName"] = "Nina Nieuw",
            ["Input.Email"] = email,
            ["Input.OrganizationId"] = organization.Id.ToString(),
            ["Input.Role"] = StaffRoles.Supporter,
            ["Input.SupporterKind"] = "Volunteer",
        });
        Assert.Contains($"De uitnodiging is verstuurd naar {email}", await invite.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var mail = Directory.GetFiles(app.MailFolder, "*.eml").Select(File.ReadAllText).Single(m => m.Contains(email, StringComparison.Ordinal));
        var unfolded = mail.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal);
        var link = new Uri(InvitationLink().Match(unfolded).Value);
        var invited = app.CreateBrowserlikeClient();
        var set = await invited.PostFormAsync(link.PathAndQuery, new() { ["Password"] = "een lange zin als wachtwoord" });
        Assert.Contains("Je wachtwoord is ingesteld", await set.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var user = app.WithDb(db => db.Users.Single(u => u.Email == email));
        Assert.Equal(SupporterKind.Volunteer, user.SupporterKind);
        var login = await invited.PostFormAsync("/account/inloggen", new() { ["Email"] = email, ["Password"] = "een lange zin als wachtwoord" });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        await client.PostFormAsync($"/beheer/gebruikers?handler=Disable&id={user.Id}", [], "/beheer/gebruikers");
        Assert.True(app.WithDb(db => db.Users.Single(u => u.Email == email).IsDisabled));
        var refused = await app.CreateBrowserlikeClient().PostFormAsync("/account/inloggen", new() { ["Email"] = email, ["Password"] = "een lange zin als wachtwoord" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Inloggen is niet gelukt.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invitation_with_bad_input_shows_every_problem_and_creates_nobody()
    {
        var organization = await app.CreateOrganizationAsync();
        var admin = await app.CreateStaffAsync(StaffRoles.Admin, organization.Id, twoFactor: true);
        var client = await app.SignInAsync(admin);
        var before = app.WithDb(db => db.Users.Count());

        var response = await client.PostFormAsync("/beheer/gebruikers/uitnodigen", new()
        {
            ["Input.DisplayName"] = "<script>alert(1)</script>",
            ["Input.Email"] = "geen-adres",
            ["Input.OrganizationId"] = Guid.NewGuid().ToString(),
            ["Input.Role"] = "Koning",
            ["Input.SupporterKind"] = "Tovenaar",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Vul een geldig e-mailadres in", html, StringComparison.Ordinal);
        Assert.Contains("Kies een organisatie uit de lijst.", html, StringComparison.Ordinal);
        Assert.Contains("Kies een rol uit de lijst.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Equal(before, app.WithDb(db => db.Users.Count()));
    }

    [Fact]
    public async Task Only_admins_reach_the_user_pages()
    {
        var organization = await app.CreateOrganizationAsync();
        var coordinator = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var client = await app.SignInAsync(coordinator);

        var response = await client.GetAsync("/beheer/gebruikers");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/geen-toegang", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}

public sealed class IntakeRouteAdminTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    [Fact]
    public async Task Admin_changes_the_routing_and_new_requests_follow_it_while_a_forged_value_changes_nothing()
    {
        var organization = await app.CreateOrganizationAsync();
        var admin = await app.CreateStaffAsync(StaffRoles.Admin, organization.Id, twoFactor: true);
        var client = await app.SignInAsync(admin);
        var goes = app.WithDb(db => db.Municipalities.Single(m => m.Code == "GM0664").Id);

        var forged = await client.PostFormAsync("/beheer/aanmeldroutes", new() { ["Route"] = $"{goes}:{Guid.NewGuid()}" });
        Assert.Contains("Deze keuze bestaat niet", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, app.WithDb(db => db.IntakeRoutes.Count(r => r.MunicipalityId == goes)));

        var saved = await client.PostFormAsync("/beheer/aanmeldroutes", new() { ["Route"] = $"{goes}:{organization.Id}" });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        Assert.True(app.WithDb(db => db.IntakeRoutes.Any(r => r.MunicipalityId == goes && r.OrganizationId == organization.Id)));

        var form = MeedenkerFactory.ValidHelpRequestForm("GM0664");
        var html = await (await app.CreateBrowserlikeClient().PostFormAsync("/hulp-vragen", form)).Content.ReadAsStringAsync();
        var code = System.Text.RegularExpressions.Regex.Match(html, "MD-[2-9A-Z]{4}-[2-9A-Z]{4}").Value;
        var requestId = app.WithDb(db => db.HelpRequests.Single(h => h.ReferenceCode == code).Id);
        Assert.True(app.WithDb(db => db.IntakeAssignments.Any(a => a.HelpRequestId == requestId && a.OrganizationId == organization.Id)));
    }
}
