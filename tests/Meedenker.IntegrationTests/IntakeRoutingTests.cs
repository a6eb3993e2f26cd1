using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;

namespace Meedenker.IntegrationTests;

/// <summary>Issue 15, item 17: a help request that got a reference code always reaches a coordinator's queue, or the admins see it.</summary>
public sealed class IntakeFallbackRouteTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    internal static object ApiRequest(string municipalityCode, string question) => new
    {
        askedBy = "self",
        municipalityCode,
        lifeDomains = new[] { "wonen" },
        question,
        firstName = "Sem",
        contactPreferences = new[] { "phone" },
        phone = "06 1234 5678",
    };

    internal static async Task<string> PostAsync(HttpClient client, string municipalityCode)
    {
        var response = await client.PostAsJsonAsync("/api/help-requests", ApiRequest(municipalityCode, "Via de app " + Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("referenceCode").GetString()!;
    }

    [Fact]
    public async Task Api_requests_from_municipalities_without_their_own_route_reach_the_regions_fallback_queue()
    {
        var local = await app.CreateOrganizationAsync(OrganizationKind.SupportB);
        var regional = await app.CreateOrganizationAsync();
        var admin = await app.CreateStaffAsync(StaffRoles.Admin, regional.Id, twoFactor: true);
        var client = await app.SignInAsync(admin);
        var goes = app.WithDb(db => db.Municipalities.Single(m => m.Code == "GM0664").Id);

        var saved = await client.PostFormAsync("/beheer/aanmeldroutes", new() { ["Route[0]"] = $"{goes}:{local.Id}", ["Route[1]"] = $"regio:{regional.Id}" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var api = app.CreateClient();
        var codes = new Dictionary<string, string>();
        foreach (var municipality in app.WithDb(db => db.Municipalities.Select(m => m.Code).ToList()))
        {
            codes[await PostAsync(api, municipality)] = municipality;
        }

        var queues = app.WithDb(db => db.HelpRequests.Where(h => codes.Keys.Contains(h.ReferenceCode))
            .Select(h => new { h.ReferenceCode, Queues = db.IntakeAssignments.Where(a => a.HelpRequestId == h.Id).Select(a => a.OrganizationId).ToList() }).ToList());
        Assert.Equal(codes.Count, queues.Count);
        Assert.All(queues, q => Assert.Equal(codes[q.ReferenceCode] == "GM0664" ? [local.Id] : new[] { regional.Id }, q.Queues));
    }
}

public sealed class UnroutedRequestTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    [Fact]
    public async Task A_request_no_route_matches_is_kept_shown_to_admins_and_placed_in_a_queue_once_a_route_is_set()
    {
        var organization = await app.CreateOrganizationAsync();
        var admin = await app.CreateStaffAsync(StaffRoles.Admin, organization.Id, twoFactor: true);
        var client = await app.SignInAsync(admin);

        var code = await IntakeFallbackRouteTests.PostAsync(app.CreateClient(), "GM0664");

        // The admins hear of it by mail: the code and where to set a route, nothing of the resident.
        var alert = Directory.GetFiles(app.MailFolder, "*.eml").Select(File.ReadAllText)
            .Single(m => m.Contains(admin.Email, StringComparison.OrdinalIgnoreCase) && m.Contains(code, StringComparison.Ordinal));
        Assert.Contains("/beheer/aanmeldroutes", alert, StringComparison.Ordinal);
        var start = await client.GetStringAsync("/werk");
        Assert.Contains("1 hulpvraag staat in geen wachtrij", start, StringComparison.Ordinal);
        var routes = await client.GetStringAsync("/beheer/aanmeldroutes");
        Assert.Contains("1 hulpvraag staat in geen wachtrij", routes, StringComparison.Ordinal);
        Assert.Contains(code, routes, StringComparison.Ordinal);

        var saved = await client.PostFormAsync("/beheer/aanmeldroutes", new() { ["Route"] = $"regio:{organization.Id}" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await client.GetStringAsync("/beheer/aanmeldroutes");
        Assert.Contains("1 hulpvraag zonder wachtrij staat nu in een wachtrij", after, StringComparison.Ordinal);
        Assert.DoesNotContain(code, after, StringComparison.Ordinal);
        var requestId = app.WithDb(db => db.HelpRequests.Single(h => h.ReferenceCode == code).Id);
        Assert.True(app.WithDb(db => db.IntakeAssignments.Any(a => a.HelpRequestId == requestId && a.OrganizationId == organization.Id && a.Waiting)));
        Assert.DoesNotContain("in geen wachtrij", await client.GetStringAsync("/werk"), StringComparison.Ordinal);
    }
}
