using System.Net;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Meedenker.IntegrationTests;

/// <summary>
/// Every staff route × every role and relation to one case. The matrix is data: a staff route without a row
/// fails the test, so nobody adds a page without deciding who may open it. Every attempt on a route with a
/// resident's data leaves an access-log entry, a denied attempt as denied. Staff signed in through their
/// organisation's IdP (single sign-on, a real OpenID Connect server) get exactly the rights of the same role
/// signed in with a password.
/// </summary>
public sealed class AuthorizationMatrixTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    private const string GoalMarker = "Doel-marker-plan";
    private const string NoteMarker = "Notitie-marker-contact";

    /// <summary>The viewers, in the order of the matrix columns.</summary>
    private enum Viewer
    {
        Responsible,
        SameOrganizationSupporter,
        Coordinator,
        OtherOrganizationSupporter,
        OtherCoordinator,
        InformalWithoutConsent,
        InformalWithPartialConsent,
        Referrer,
        MunicipalityAnalyst,
        Admin,
        /// <summary>Signed in through the IdP of the responsible supporter's organisation, mapped to coordinator: as C.</summary>
        SignOnCoordinator,
        /// <summary>Signed in through that IdP, mapped to (professional) supporter: as S.</summary>
        SignOnSupporter,
        /// <summary>Signed in through the other organisation's IdP, mapped to admin: as A.</summary>
        SignOnAdmin,
    }

    /// <summary>The matrix has a column for each viewer with a password; a viewer signed in through an IdP reads the column of the same role.</summary>
    private const int PasswordViewers = 10;

    private static Viewer ColumnOf(Viewer viewer) => viewer switch
    {
        Viewer.SignOnCoordinator => Viewer.Coordinator,
        Viewer.SignOnSupporter => Viewer.SameOrganizationSupporter,
        Viewer.SignOnAdmin => Viewer.Admin,
        _ => viewer,
    };

    private const string Everyone = "RSCOXNPFMA";
    private const string CaseWork = "RSCOXNP---";
    private const string CaseRelation = "R-C--NP---";
    private const string CaseOwners = "R-C-------";

    /// <summary>
    /// Route template → who may open it, one letter per viewer in enum order (a dash is denied):
    /// R responsible supporter, S same-organisation supporter, C coordinator, O other-organisation supporter,
    /// X other organisation's coordinator, N informal on a part without consent, P informal on a part with consent
    /// for the plan, F referrer, M municipality analyst, A admin.
    /// </summary>
    private static readonly Dictionary<string, string> Matrix = new(StringComparer.Ordinal)
    {
        ["werk"] = Everyone,
        ["werk/wachtrij"] = "--C-X-----",
        ["werk/mijn-casussen"] = CaseWork,
        ["werk/bellijst"] = CaseWork,
        ["werk/dekking"] = "--C-X---MA",
        ["werk/casussen/{id:guid}"] = CaseRelation,
        ["werk/casussen/{id:guid}/plan"] = CaseRelation,
        ["werk/casussen/{id:guid}/netwerk"] = CaseRelation,
        ["werk/casussen/{id:guid}/overdragen"] = CaseOwners,
        ["werk/casussen/{id:guid}/toestemming"] = CaseOwners,
        ["werk/casussen/{id:guid}/kompas"] = CaseOwners,
        ["werk/casussen/{id:guid}/voor-inwoner"] = CaseOwners,
        ["werk/privacyverzoeken"] = "--C-X-----",
        ["werk/zoeken"] = "--C-X-----",
        ["werk/aanmeldingen/{id:guid}"] = CaseOwners,
        ["werk/inwoners/{id:guid}"] = CaseOwners,
        ["beheer/gebruikers"] = "---------A",
        ["beheer/gebruikers/uitnodigen"] = "---------A",
        ["beheer/api-sleutels"] = "---------A",
        ["beheer/aanmeldroutes"] = "---------A",
        ["beheer/toegangslog"] = "---------A",
        ["beheer/inloggen-via-organisatie"] = "---------A",
        ["beheer/zoekwoorden"] = "---------A",
        ["beheer/referentiecijfers"] = "---------A",
        ["beheer/sociale-kaart/import"] = "---------A",
        ["werk/sociale-kaart"] = "--C-X----A",
        ["werk/sociale-kaart/dienst/{id:guid?}"] = "--C-X----A",
        ["werk/sociale-kaart/locatie/{id:guid?}"] = "--C-X----A",
        ["werk/meedenkers"] = "--C-X----A",
        // The responsible volunteer's profile: their own coordinator and admins; another organisation's coordinator gets 404.
        ["werk/meedenkers/{id:guid}"] = "--C------A",
        ["beheer/bewaartermijnen"] = "---------A",
        ["verwijzer"] = "-------F--",
        ["monitor"] = "--------M-",
        ["account/sessies"] = Everyone,
    };

    private static readonly string[] StaffAreas = ["werk", "beheer", "verwijzer", "monitor", "account/sessies"];

    [Fact]
    public void Every_staff_route_has_a_row_in_the_matrix()
    {
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText?.TrimStart('/') ?? "")
            .Where(r => StaffAreas.Any(a => r == a || r.StartsWith(a + "/", StringComparison.Ordinal)))
            .ToHashSet(StringComparer.Ordinal);
        var missing = routes.Except(Matrix.Keys).Order(StringComparer.Ordinal).ToList();
        var stale = Matrix.Keys.Except(routes).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Staff routes without a row in the authorization matrix: " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "Matrix rows for routes that do not exist: " + string.Join(", ", stale));
        Assert.All(Matrix.Values, row => Assert.Equal(PasswordViewers, row.Length));
    }

    [Fact]
    public async Task Only_the_allowed_cells_succeed_and_every_attempt_on_a_residents_data_is_logged()
    {
        var world = await BuildAsync();
        await using var idp = await TestIdentityProvider.StartAsync();
        const string mapping = "coordinatoren = Coordinator\nmedewerkers = Meedenker\nbeheer = Beheerder";
        await app.UseIdentityProviderAsync(world.SupportOrganizationId, idp, mapping);
        await app.UseIdentityProviderAsync(world.OtherOrganizationId, idp, mapping);
        var failures = new List<string>();
        foreach (var viewer in Enum.GetValues<Viewer>())
        {
            var (get, userId) = await SignInAsync(viewer, world, idp);
            foreach (var (route, row) in Matrix)
            {
                var allowed = row[(int)ColumnOf(viewer)] != '-';
                var residentRoute = route.StartsWith("werk/casussen/", StringComparison.Ordinal) || route.StartsWith("werk/aanmeldingen/", StringComparison.Ordinal)
                    || route.StartsWith("werk/inwoners/", StringComparison.Ordinal);
                var url = "/" + route.Replace("/{id:guid?}", "", StringComparison.Ordinal).Replace("{id:guid}", route.StartsWith("werk/aanmeldingen", StringComparison.Ordinal) ? world.RequestId.ToString()
                    : route.StartsWith("werk/inwoners", StringComparison.Ordinal) ? world.ResidentId.ToString()
                    : route.StartsWith("werk/meedenkers", StringComparison.Ordinal) ? world.ProfileId.ToString() : world.CaseId.ToString(), StringComparison.Ordinal);
                var before = residentRoute ? app.WithDb(db => db.AccessLog.Count(a => a.UserId == userId && a.ResidentId == world.ResidentId)) : 0;

                var response = await get(url);
                var succeeded = response.StatusCode == HttpStatusCode.OK;
                var refused = response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/account/geen-toegang", StringComparison.Ordinal) == true);
                if (allowed ? !succeeded : !refused)
                {
                    failures.Add($"{viewer} {url}: expected {(allowed ? "allowed" : "denied")}, got {(int)response.StatusCode} {response.Headers.Location}");
                    continue;
                }
                if (residentRoute)
                {
                    var entries = app.WithDb(db => db.AccessLog.Where(a => a.UserId == userId && a.ResidentId == world.ResidentId).OrderBy(a => a.Id).ToList());
                    if (entries.Count <= before)
                    {
                        failures.Add($"{viewer} {url}: no access-log entry");
                    }
                    else if (entries[^1].Outcome != (allowed ? AccessOutcome.Allowed : AccessOutcome.Denied))
                    {
                        failures.Add($"{viewer} {url}: logged as {entries[^1].Outcome}");
                    }
                }
                if (succeeded && route == "werk/casussen/{id:guid}/plan")
                {
                    var html = await response.Content.ReadAsStringAsync();
                    var seesPlan = html.Contains(GoalMarker, StringComparison.Ordinal);
                    var shouldSeePlan = viewer is not Viewer.InformalWithoutConsent;
                    if (seesPlan != shouldSeePlan)
                    {
                        failures.Add($"{viewer} {url}: plan {(seesPlan ? "shown" : "hidden")}");
                    }
                }
                if (succeeded && route == "werk/casussen/{id:guid}")
                {
                    var html = await response.Content.ReadAsStringAsync();
                    var seesNote = html.Contains(NoteMarker, StringComparison.Ordinal);
                    var seesPhone = html.Contains("06 9876 5432", StringComparison.Ordinal);
                    var full = ColumnOf(viewer) is Viewer.Responsible or Viewer.Coordinator;
                    if (seesNote != full || seesPhone != full)
                    {
                        failures.Add($"{viewer} {url}: contact note {(seesNote ? "shown" : "hidden")}, phone {(seesPhone ? "shown" : "hidden")}");
                    }
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_signed_out_attempt_on_a_case_is_logged_as_denied()
    {
        var world = await BuildAsync();
        var response = await app.CreateBrowserlikeClient().GetAsync($"/werk/casussen/{world.CaseId}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var entry = app.WithDb(db => db.AccessLog.Where(a => a.CaseId == world.CaseId && a.UserId == null).OrderBy(a => a.Id).Last());
        Assert.Equal(AccessOutcome.Denied, entry.Outcome);
        Assert.Equal(world.ResidentId, entry.ResidentId);
    }

    private sealed record World(Dictionary<Viewer, MeedenkerFactory.Staff> Staff, Guid CaseId, Guid RequestId, Guid ResidentId, Guid ProfileId,
        Guid SupportOrganizationId, Guid OtherOrganizationId);

    /// <summary>Signs the viewer in: with password and TOTP, or with one click through the organisation's IdP (which did multi-factor).</summary>
    private async Task<(Func<string, Task<HttpResponseMessage>> Get, Guid UserId)> SignInAsync(Viewer viewer, World world, TestIdentityProvider idp)
    {
        if (world.Staff.TryGetValue(viewer, out var staff))
        {
            var client = await app.SignInAsync(staff);
            return (client.GetAsync, staff.User.Id);
        }
        var (organizationId, group) = viewer switch
        {
            Viewer.SignOnCoordinator => (world.SupportOrganizationId, "coordinatoren"),
            Viewer.SignOnSupporter => (world.SupportOrganizationId, "medewerkers"),
            _ => (world.OtherOrganizationId, "beheer"),
        };
        var subject = Guid.NewGuid().ToString("N");
        var email = $"{subject[..12]}@sso.meedenker.test";
        var browser = await app.SignInThroughOrganisationAsync(organizationId, idp, new IdpUser(subject, email, "SSO " + viewer, [group], ["pwd", "otp"]));
        Assert.Equal("/werk", browser.LandedPath);
        var user = app.WithDb(db => db.Users.Single(u => u.Email == email));
        Assert.Equal(organizationId, user.OrganizationId);
        return (url => browser.GoAsync(url, follow: false), user.Id);
    }

    private async Task<World> BuildAsync()
    {
        var volunteerOrganization = await app.CreateOrganizationAsync(OrganizationKind.SupportC);
        var formalOrganization = await app.CreateOrganizationAsync(OrganizationKind.SupportA);
        var otherOrganization = await app.CreateOrganizationAsync(OrganizationKind.SupportA);
        var referrerOrganization = await app.CreateOrganizationAsync(OrganizationKind.Referrer);
        var municipalityOrganization = await app.CreateOrganizationAsync(OrganizationKind.Municipality);
        var staff = new Dictionary<Viewer, MeedenkerFactory.Staff>
        {
            [Viewer.Responsible] = await app.CreateStaffAsync(StaffRoles.Supporter, volunteerOrganization.Id, SupporterKind.Volunteer, twoFactor: true),
            [Viewer.SameOrganizationSupporter] = await app.CreateStaffAsync(StaffRoles.Supporter, volunteerOrganization.Id, SupporterKind.Professional, twoFactor: true),
            [Viewer.Coordinator] = await app.CreateStaffAsync(StaffRoles.Coordinator, volunteerOrganization.Id, twoFactor: true),
            [Viewer.OtherOrganizationSupporter] = await app.CreateStaffAsync(StaffRoles.Supporter, otherOrganization.Id, SupporterKind.Professional, twoFactor: true),
            [Viewer.OtherCoordinator] = await app.CreateStaffAsync(StaffRoles.Coordinator, otherOrganization.Id, twoFactor: true),
            [Viewer.InformalWithoutConsent] = await app.CreateStaffAsync(StaffRoles.Supporter, formalOrganization.Id, SupporterKind.Volunteer, twoFactor: true),
            [Viewer.InformalWithPartialConsent] = await app.CreateStaffAsync(StaffRoles.Supporter, formalOrganization.Id, SupporterKind.PeerExpert, twoFactor: true),
            [Viewer.Referrer] = await app.CreateStaffAsync(StaffRoles.Referrer, referrerOrganization.Id, twoFactor: true),
            [Viewer.MunicipalityAnalyst] = await app.CreateStaffAsync(StaffRoles.MunicipalityAnalyst, municipalityOrganization.Id, twoFactor: true),
            [Viewer.Admin] = await app.CreateStaffAsync(StaffRoles.Admin, otherOrganization.Id, twoFactor: true),
        };
        var caseRef = await app.CreateCaseAsync(volunteerOrganization.Id, staff[Viewer.Responsible].User.Id);
        var requestId = Guid.Empty;
        await app.WithDbAsync(async db =>
        {
            var @case = db.Cases.Single(c => c.Id == caseRef.CaseId);
            requestId = @case.HelpRequestId;
            db.Residents.Single(r => r.Id == caseRef.ResidentId).Phone = "06 9876 5432";
            var now = DateTimeOffset.UnixEpoch.AddYears(56).AddDays(1);
            var goal = @case.AddGoal("wonen", GoalMarker, staff[Viewer.Responsible].User.Id, now);
            db.PlanGoals.Add(goal);
            db.Contacts.Add(new Contact { Id = Guid.NewGuid(), CaseId = @case.Id, At = now, Mode = ContactMode.Phone, DurationMinutes = 20, Note = NoteMarker });
            foreach (var viewer in new[] { Viewer.InformalWithoutConsent, Viewer.InformalWithPartialConsent })
            {
                db.CaseParticipants.Add(new CaseParticipant
                {
                    Id = Guid.NewGuid(),
                    CaseId = @case.Id,
                    SupporterId = staff[viewer].User.Id,
                    OrganizationId = formalOrganization.Id,
                    LifeDomainCodes = ["wonen"],
                    HandoverId = Guid.NewGuid(),
                    Since = now,
                });
            }
            db.CaseConsents.Add(CaseConsent.Give(@case.Id, staff[Viewer.InformalWithPartialConsent].User.Id, formalOrganization.Id, SharedParts.Plan, ["wonen"],
                "inwoner", ConsentGivenHow.Verbal, staff[Viewer.Responsible].User.Id, now));
            await db.SaveChangesAsync();
            return 0;
        });
        var profile = await app.CreateSupporterProfileAsync(staff[Viewer.Responsible]);
        return new World(staff, caseRef.CaseId, requestId, caseRef.ResidentId, profile.Id, volunteerOrganization.Id, otherOrganization.Id);
    }
}
