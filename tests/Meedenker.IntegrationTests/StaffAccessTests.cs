using System.Net;
using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.IntegrationTests;

public sealed class StaffAccessTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    [Fact]
    public async Task Staff_without_two_factor_cannot_reach_staff_pages_outside_demo_mode()
    {
        var organization = await app.CreateOrganizationAsync();
        var staff = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id);
        var client = app.CreateBrowserlikeClient();

        var login = await client.PostFormAsync("/account/inloggen", new() { ["Email"] = staff.Email, ["Password"] = MeedenkerFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.StartsWith("/account/tweestapsverificatie", login.Headers.Location?.OriginalString, StringComparison.Ordinal);

        var work = await client.GetAsync("/werk");
        Assert.Equal(HttpStatusCode.Redirect, work.StatusCode);
        Assert.StartsWith("https://localhost/account/geen-toegang", work.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var denied = await client.GetAsync(work.Headers.Location);
        Assert.StartsWith("/account/tweestapsverificatie", denied.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_member_enrols_an_authenticator_and_then_reaches_staff_pages()
    {
        var organization = await app.CreateOrganizationAsync();
        var staff = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id);
        var client = app.CreateBrowserlikeClient();
        await client.PostFormAsync("/account/inloggen", new() { ["Email"] = staff.Email, ["Password"] = MeedenkerFactory.Password });

        var enrolPage = await client.GetStringAsync("/account/tweestapsverificatie");
        Assert.Contains("data:image/svg", enrolPage, StringComparison.Ordinal);
        var key = app.WithDb(db => db.UserTokens.Single(t => t.UserId == staff.User.Id && t.Name == "AuthenticatorKey").Value!);

        var wrong = await client.PostFormAsync("/account/tweestapsverificatie", new() { ["Code"] = "000000" });
        Assert.Contains("Deze code klopt niet", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var enrolled = await client.PostFormAsync("/account/tweestapsverificatie", new() { ["Code"] = Totp.CodeNow(key) });
        var html = await enrolled.Content.ReadAsStringAsync();
        Assert.Contains("Bewaar je herstelcodes", html, StringComparison.Ordinal);
        Assert.True(app.WithDb(db => db.Users.Single(u => u.Id == staff.User.Id).TwoFactorEnabled));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/werk")).StatusCode);
    }

    [Fact]
    public async Task Staff_with_two_factor_must_give_the_code_at_sign_in()
    {
        var organization = await app.CreateOrganizationAsync();
        var staff = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var client = app.CreateBrowserlikeClient();

        var login = await client.PostFormAsync("/account/inloggen", new() { ["Email"] = staff.Email, ["Password"] = MeedenkerFactory.Password });
        Assert.StartsWith("/account/inloggen/code", login.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/werk")).StatusCode);

        var signedIn = await app.SignInAsync(staff);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/werk")).StatusCode);
    }

    [Fact]
    public async Task Wrong_password_gets_one_neutral_message_and_keeps_the_email()
    {
        var organization = await app.CreateOrganizationAsync();
        var staff = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id);
        var client = app.CreateBrowserlikeClient();

        var wrong = await client.PostFormAsync("/account/inloggen", new() { ["Email"] = staff.Email, ["Password"] = "not-the-password" });
        var unknown = await client.PostFormAsync("/account/inloggen", new() { ["Email"] = "nobody@nowhere.test", ["Password"] = "not-the-password" });

        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Het e-mailadres of wachtwoord klopt niet, of er is te vaak", wrongHtml, StringComparison.Ordinal);
        Assert.Contains(staff.Email, wrongHtml, StringComparison.Ordinal);
        Assert.Contains("Het e-mailadres of wachtwoord klopt niet, of er is te vaak", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Denied_access_to_a_resident_is_refused_and_logged_as_denied()
    {
        var organization = await app.CreateOrganizationAsync();
        var other = await app.CreateOrganizationAsync();
        var outsider = await app.CreateStaffAsync(StaffRoles.Supporter, other.Id, twoFactor: true);
        var resident = await app.CreateCaseAsync(organization.Id, supporterId: null);
        var client = await app.SignInAsync(outsider);

        var response = await client.GetAsync($"/werk/inwoners/{resident.ResidentId}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("Testinwoner", html, StringComparison.Ordinal);
        var entry = app.WithDb(db => db.AccessLog.AsNoTracking().Single(a => a.ResidentId == resident.ResidentId));
        Assert.Equal(AccessOutcome.Denied, entry.Outcome);
        Assert.Equal(outsider.User.Id, entry.UserId);
        Assert.Equal(other.Id, entry.OrganizationId);
        Assert.Equal(StaffRoles.Supporter, entry.Role);
        Assert.Equal(AccessAction.View, entry.Action);
        Assert.Equal("not-assigned", entry.Reason);
        Assert.False(string.IsNullOrEmpty(entry.RequestId));
    }

    [Fact]
    public async Task Assigned_supporter_sees_the_resident_and_the_view_is_logged_as_allowed()
    {
        var organization = await app.CreateOrganizationAsync();
        var supporter = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, twoFactor: true);
        var resident = await app.CreateCaseAsync(organization.Id, supporter.User.Id, firstName: "Gerrit");
        var client = await app.SignInAsync(supporter);

        var html = await client.GetStringAsync($"/werk/inwoners/{resident.ResidentId}");

        Assert.Contains("Gerrit Voorbeeld", html, StringComparison.Ordinal);
        var entry = app.WithDb(db => db.AccessLog.AsNoTracking().Single(a => a.ResidentId == resident.ResidentId));
        Assert.Equal(AccessOutcome.Allowed, entry.Outcome);
        Assert.Equal("case-work", entry.Purpose);
    }

    [Fact]
    public async Task Municipality_analyst_never_reads_a_resident_file()
    {
        var organization = await app.CreateOrganizationAsync();
        var municipality = await app.CreateOrganizationAsync(OrganizationKind.Municipality);
        var analyst = await app.CreateStaffAsync(StaffRoles.MunicipalityAnalyst, municipality.Id, twoFactor: true);
        var resident = await app.CreateCaseAsync(organization.Id, supporterId: null);
        var client = await app.SignInAsync(analyst);

        var response = await client.GetAsync($"/werk/inwoners/{resident.ResidentId}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var entry = app.WithDb(db => db.AccessLog.AsNoTracking().Single(a => a.ResidentId == resident.ResidentId));
        Assert.Equal(AccessOutcome.Denied, entry.Outcome);
        Assert.Equal("role-has-no-access", entry.Reason);
    }

    [Fact]
    public async Task Access_log_rows_cannot_be_changed_or_deleted()
    {
        var organization = await app.CreateOrganizationAsync();
        var staff = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var resident = await app.CreateCaseAsync(organization.Id, supporterId: null);
        var client = await app.SignInAsync(staff);
        await client.GetAsync($"/werk/inwoners/{resident.ResidentId}");
        var id = app.WithDb(db => db.AccessLog.Single(a => a.ResidentId == resident.ResidentId).Id);

        // As the owner of the table: the triggers hold even for the role that may do anything else with it. (The app's
        // own role on PostgreSQL has no right to try: DatabaseRoleTests.)
        async Task<Exception?> AsOwnerAsync(string sql) => await Record.ExceptionAsync(async () =>
        {
            var options = new DbContextOptionsBuilder<AppDbContext>();
            DatabaseSetup.Configure(options, app.Database.IsPostgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, app.Database.OwnerConnectionString);
            await using var db = new AppDbContext(options.Options);
            await db.Database.ExecuteSqlRawAsync(sql, id);
        });
        var update = await AsOwnerAsync("UPDATE \"AccessLog\" SET \"Outcome\" = 'Denied' WHERE \"Id\" = {0}");
        var delete = await AsOwnerAsync("DELETE FROM \"AccessLog\" WHERE \"Id\" = {0}");

        Assert.NotNull(update);
        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.NotNull(delete);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        Assert.Equal(AccessOutcome.Allowed, app.WithDb(db => db.AccessLog.AsNoTracking().Single(a => a.Id == id).Outcome));
    }
}
