using System.Net;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;

namespace Meedenker.IntegrationTests;

public sealed class AccessLogAuditTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    private sealed record Scene(MeedenkerFactory.Staff Admin, MeedenkerFactory.Staff CoordinatorA, MeedenkerFactory.Staff CoordinatorB,
        Organization OrganizationA, MeedenkerFactory.CaseRef ResidentA, MeedenkerFactory.CaseRef ResidentB);

    /// <summary>Coordinator A reads resident A twice; coordinator B reads resident B and is refused resident A.</summary>
    private async Task<Scene> SceneAsync()
    {
        var organizationA = await app.CreateOrganizationAsync();
        var organizationB = await app.CreateOrganizationAsync();
        var admin = await app.CreateStaffAsync(StaffRoles.Admin, organizationA.Id, twoFactor: true);
        var coordinatorA = await app.CreateStaffAsync(StaffRoles.Coordinator, organizationA.Id, twoFactor: true);
        var coordinatorB = await app.CreateStaffAsync(StaffRoles.Coordinator, organizationB.Id, twoFactor: true);
        var residentA = await app.CreateCaseAsync(organizationA.Id, null);
        var residentB = await app.CreateCaseAsync(organizationB.Id, null);
        var a = await app.SignInAsync(coordinatorA);
        await a.GetAsync($"/werk/inwoners/{residentA.ResidentId}");
        await a.GetAsync($"/werk/inwoners/{residentA.ResidentId}");
        var b = await app.SignInAsync(coordinatorB);
        await b.GetAsync($"/werk/inwoners/{residentB.ResidentId}");
        await b.GetAsync($"/werk/inwoners/{residentA.ResidentId}");
        return new Scene(admin, coordinatorA, coordinatorB, organizationA, residentA, residentB);
    }

    [Fact]
    public async Task Only_admins_reach_the_audit_and_its_export()
    {
        var organization = await app.CreateOrganizationAsync();
        foreach (var role in new[] { StaffRoles.Coordinator, StaffRoles.Supporter, StaffRoles.Referrer, StaffRoles.MunicipalityAnalyst })
        {
            var client = await app.SignInAsync(await app.CreateStaffAsync(role, organization.Id, twoFactor: true));
            foreach (var url in new[] { "/beheer/toegangslog", "/beheer/toegangslog?handler=Csv" })
            {
                var response = await client.GetAsync(url);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(response.Headers.Location)).StatusCode);
            }
        }
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlikeClient().GetAsync("/beheer/toegangslog")).StatusCode);
    }

    /// <summary>The Dutch audit page showed internal codes ("bekeken: resident-summary", "toegestaan (coordinator-of-organization)").</summary>
    [Fact]
    public async Task Audit_lines_use_words_not_internal_codes()
    {
        var scene = await SceneAsync();
        var admin = await app.SignInAsync(scene.Admin);

        var html = await admin.GetStringAsync($"/beheer/toegangslog?inwoner={scene.ResidentA.ResidentId}");

        Assert.Contains("bekeken: overzicht van de inwoner", html, StringComparison.Ordinal);
        Assert.Contains("werk aan de casus", html, StringComparison.Ordinal);
        Assert.DoesNotContain(": resident-summary", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">case-work<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("(coordinator-of-organization)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("(no-case-in-organization)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_return_exactly_the_matching_entries()
    {
        var scene = await SceneAsync();
        var admin = await app.SignInAsync(scene.Admin);
        var today = DateOnly.FromDateTime(TestClock.Now.UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var tomorrow = DateOnly.FromDateTime(TestClock.Now.UtcDateTime).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        async Task<string> Audit(string query) => await admin.GetStringAsync("/beheer/toegangslog?" + query);

        var byResident = await Audit($"inwoner={scene.ResidentA.ResidentId}");
        Assert.Contains("3 regels gevonden", byResident, StringComparison.Ordinal);
        Assert.DoesNotContain(scene.ResidentB.ResidentId.ToString(), byResident, StringComparison.Ordinal);

        // The reference code of a help request finds its resident too; the admin's first look is now in the log as well.
        Assert.Contains("4 regels gevonden", await Audit($"inwoner={scene.ResidentA.ReferenceCode.ToLowerInvariant()}"), StringComparison.Ordinal);

        var byUser = await Audit($"gebruiker={Uri.EscapeDataString(scene.CoordinatorB.Email.ToUpperInvariant())}");
        Assert.Contains("2 regels gevonden", byUser, StringComparison.Ordinal);
        Assert.Contains("geweigerd", byUser, StringComparison.Ordinal);

        // The admin belongs to organisation A too: their two looks at the audit of resident A count.
        Assert.Contains("4 regels gevonden", await Audit($"organisatie={scene.OrganizationA.Id}&inwoner={scene.ResidentA.ResidentId}"), StringComparison.Ordinal);
        Assert.Contains("2 regels gevonden", await Audit($"gebruiker={Uri.EscapeDataString(scene.CoordinatorA.Email)}&van={today}&tot={today}"), StringComparison.Ordinal);
        Assert.Contains("0 regels gevonden", await Audit($"gebruiker={Uri.EscapeDataString(scene.CoordinatorA.Email)}&van={tomorrow}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_filters_get_a_clear_message_and_no_rows()
    {
        var organization = await app.CreateOrganizationAsync();
        var admin = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Admin, organization.Id, twoFactor: true));

        var unknown = await admin.GetAsync("/beheer/toegangslog?inwoner=MD-XXXXXX");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Deze kennen we niet", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var badDate = await admin.GetAsync("/beheer/toegangslog?van=31-01-2026x");
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("Vul een datum in als 2026-01-31.", await badDate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var reversed = await admin.GetAsync("/beheer/toegangslog?van=2026-02-01&tot=2026-01-01");
        Assert.Contains("De einddatum ligt voor de begindatum.", await reversed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewing_and_exporting_the_audit_are_logged_and_the_export_holds_the_matching_rows()
    {
        var scene = await SceneAsync();
        var admin = await app.SignInAsync(scene.Admin);

        await admin.GetStringAsync($"/beheer/toegangslog?inwoner={scene.ResidentA.ResidentId}");
        var export = await admin.GetAsync($"/beheer/toegangslog?handler=Csv&inwoner={scene.ResidentA.ResidentId}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var lines = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("tijdstip;gebruiker;rol", lines[0], StringComparison.Ordinal);
        // Three reads by coordinators and the admin's own view of the audit just before.
        Assert.Equal(4, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Contains(scene.ResidentA.ResidentId.ToString(), l, StringComparison.Ordinal));

        var audit = app.WithDb(db => db.AccessLog.Where(a => a.UserId == scene.Admin.User.Id).OrderBy(a => a.Id)
            .Select(a => new { a.Action, a.Resource, a.ResidentId, a.Outcome, a.Reason }).ToList());
        Assert.Equal([AccessAction.View, AccessAction.Export], audit.Select(a => a.Action));
        Assert.All(audit, a =>
        {
            Assert.Equal("access-log", a.Resource);
            Assert.Equal(scene.ResidentA.ResidentId, a.ResidentId);
            Assert.Equal(AccessOutcome.Allowed, a.Outcome);
            Assert.Contains($"inwoner={scene.ResidentA.ResidentId}", a.Reason, StringComparison.Ordinal);
        });
    }
}
