using System.Net;
using System.Text.RegularExpressions;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.IntegrationTests;

public sealed partial class QueueTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    [GeneratedRegex("MD-[2-9A-Z]{4}-[2-9A-Z]{4}")]
    private static partial Regex Code();

    [GeneratedRegex("/verwijzing/([A-Za-z0-9_-]{43})")]
    private static partial Regex ReferrerLink();

    private async Task<(string Code, string ReferrerToken, Guid RequestId)> ReferAsync(string question)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Bram",
            ["Input.Phone"] = "0612121212",
            ["Input.MunicipalityCode"] = "GM0654",
            ["Input.Question"] = question,
            ["Input.ConsentConfirmed"] = "true",
            ["Input.ConsentGivenBy"] = "resident",
            ["Input.ConsentMethod"] = "verbal",
            ["Input.ConsentDate"] = TestClock.Day(),
            ["Input.ReferrerName"] = "Wijkverpleegkundige Ans",
            ["Input.ReferrerOrganization"] = "Wijkzorg Test",
            ["Input.ReferrerEmail"] = $"ans{Guid.NewGuid():N}@wijkzorg.test",
            ["Input.ReferrerKind"] = "wijkverpleging",
            ["Input.NotifyReferrer"] = "true",
        };
        var html = await (await app.CreateBrowserlikeClient().PostFormAsync("/verwijzen", form)).Content.ReadAsStringAsync();
        var code = Code().Match(html).Value;
        return (code, ReferrerLink().Match(html).Groups[1].Value, app.WithDb(db => db.HelpRequests.Single(h => h.ReferenceCode == code).Id));
    }

    [Fact]
    public async Task Coordinator_sees_routed_requests_without_content_and_declines_one_with_a_reason_the_referrer_sees()
    {
        var organization = await app.CreateOrganizationAsync();
        await app.RouteFirstMunicipalityToAsync(organization.Id);
        var coordinator = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var client = await app.SignInAsync(coordinator);
        var (code, token, requestId) = await ReferAsync("Meneer heeft schulden bij de zorgverzekeraar " + Guid.NewGuid());

        var queue = await client.GetStringAsync("/werk/wachtrij");
        Assert.Contains(code, queue, StringComparison.Ordinal);
        Assert.DoesNotContain("zorgverzekeraar", queue, StringComparison.Ordinal);
        Assert.DoesNotContain("Bram", queue, StringComparison.Ordinal);

        var detail = await client.GetStringAsync($"/werk/aanmeldingen/{requestId}");
        Assert.Contains("zorgverzekeraar", detail, StringComparison.Ordinal);
        Assert.True(app.WithDb(db => db.AccessLog.Any(a => a.UserId == coordinator.User.Id && a.Outcome == AccessOutcome.Allowed && a.Purpose == "intake-triage")));

        var empty = await client.PostFormAsync($"/werk/aanmeldingen/{requestId}?handler=Decline", new() { ["DeclineReason"] = " " }, $"/werk/aanmeldingen/{requestId}");
        Assert.Contains("Geef een reden", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HelpRequestStatus.Received, app.WithDb(db => db.HelpRequests.Single(h => h.Id == requestId).Status));

        var declined = await client.PostFormAsync($"/werk/aanmeldingen/{requestId}?handler=Decline",
            new() { ["DeclineReason"] = "Dit is langdurige begeleiding; we verwijzen naar het sociaal team." }, $"/werk/aanmeldingen/{requestId}");
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        var after = await client.GetStringAsync("/werk/wachtrij");
        Assert.Contains($"Vraag {code} is afgewezen.", after, StringComparison.Ordinal);
        Assert.DoesNotContain($"/werk/aanmeldingen/{requestId}", after, StringComparison.Ordinal);

        var status = await app.CreateClient().GetStringAsync($"/verwijzing/{token}");
        Assert.Contains("Afgewezen", status, StringComparison.Ordinal);
        Assert.Contains("langdurige begeleiding", status, StringComparison.Ordinal);
        var mail = Directory.GetFiles(app.MailFolder, "*.eml").Select(File.ReadAllText).Single(m => m.Contains(code, StringComparison.Ordinal));
        Assert.DoesNotContain("zorgverzekeraar", mail, StringComparison.Ordinal);

        var again = await client.PostFormAsync($"/werk/aanmeldingen/{requestId}?handler=Decline", new() { ["DeclineReason"] = "nog eens" }, $"/werk/aanmeldingen/{requestId}");
        Assert.Contains("Alleen een nieuwe vraag kan worden afgewezen.", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Coordinator_of_another_organisation_cannot_open_the_request_and_the_attempt_is_logged()
    {
        var organization = await app.CreateOrganizationAsync();
        await app.RouteFirstMunicipalityToAsync(organization.Id);
        var outsiderOrganization = await app.CreateOrganizationAsync();
        var outsider = await app.CreateStaffAsync(StaffRoles.Coordinator, outsiderOrganization.Id, twoFactor: true);
        var client = await app.SignInAsync(outsider);
        var (code, _, requestId) = await ReferAsync("Niet voor jou " + Guid.NewGuid());

        Assert.DoesNotContain(code, await client.GetStringAsync("/werk/wachtrij"), StringComparison.Ordinal);
        var response = await client.GetAsync($"/werk/aanmeldingen/{requestId}");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var decline = await client.PostFormAsync($"/werk/aanmeldingen/{requestId}?handler=Decline", new() { ["DeclineReason"] = "weg ermee" }, "/werk/wachtrij");
        Assert.Equal(HttpStatusCode.Forbidden, decline.StatusCode);
        Assert.Equal(HelpRequestStatus.Received, app.WithDb(db => db.HelpRequests.Single(h => h.Id == requestId).Status));
        Assert.Equal(2, app.WithDb(db => db.AccessLog.Count(a => a.UserId == outsider.User.Id && a.Outcome == AccessOutcome.Denied)));
    }

    [Fact]
    public async Task Unknown_filters_are_named_and_the_default_view_is_shown()
    {
        var organization = await app.CreateOrganizationAsync();
        var coordinator = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var client = await app.SignInAsync(coordinator);

        var response = await client.GetAsync("/werk/wachtrij?gemeente=GM9999&leefgebied=%3Cscript%3E&signaal=raar&pagina=-3&volgorde=x");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Onbekende gemeente in het filter", html, StringComparison.Ordinal);
        Assert.Contains("Onbekend leefgebied in het filter", html, StringComparison.Ordinal);
        Assert.Contains("Onbekend signaal in het filter", html, StringComparison.Ordinal);
    }
    /// <summary>Puts requests in the organisation's queue the way the intake does, received a minute apart.</summary>
    private async Task<List<string>> QueueRequestsAsync(Guid organizationId, int count, Func<int, (bool Urgent, bool Safety)> flags)
    {
        return await app.WithDbAsync(async db =>
        {
            var municipality = await db.Municipalities.OrderBy(m => m.Code).FirstAsync();
            var start = DateTimeOffset.UnixEpoch.AddYears(56);
            var codes = new List<string>();
            for (var i = 0; i < count; i++)
            {
                var resident = new Resident { Id = Guid.NewGuid(), FirstName = "Wachtrij", MunicipalityId = municipality.Id, CreatedAt = start };
                var (urgent, safety) = flags(i);
                var request = new HelpRequest
                {
                    Id = Guid.NewGuid(),
                    ReferenceCode = ReferenceCode.New(),
                    ReceivedAt = start.AddMinutes(i),
                    ResidentId = resident.Id,
                    MunicipalityId = municipality.Id,
                    Channel = RequestChannel.Self,
                    Question = "Wachtrijvraag",
                    Status = HelpRequestStatus.Received,
                    Urgent = urgent,
                    SafetyConcern = safety,
                };
                request.IntakeAssignments.Add(new IntakeAssignment { HelpRequestId = request.Id, OrganizationId = organizationId, Waiting = true });
                db.AddRange(resident, request);
                codes.Add(request.ReferenceCode);
            }
            await db.SaveChangesAsync();
            return codes;
        });
    }

    private static List<string> CodesInOrder(string html) => Code().Matches(html).Select(m => m.Value).Distinct().ToList();

    [Fact]
    public async Task Urgent_and_unsafe_requests_come_first_then_by_age_across_pages()
    {
        var organization = await app.CreateOrganizationAsync();
        var coordinator = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var client = await app.SignInAsync(coordinator);
        // 30 requests; numbers 5 (urgent), 20 (safety concern) and 29 (both) are flagged.
        var codes = await QueueRequestsAsync(organization.Id, 30, i => (i is 5 or 29, i is 20 or 29));
        int[] flagged = [5, 20, 29];
        var expected = flagged.Concat(Enumerable.Range(0, 30).Except(flagged)).Select(i => codes[i]).ToList();

        var first = await client.GetStringAsync("/werk/wachtrij");
        var second = await client.GetStringAsync("/werk/wachtrij?pagina=2");
        Assert.Contains("30 nieuwe vragen.", first, StringComparison.Ordinal);
        Assert.Contains("Pagina 1 van 2", first, StringComparison.Ordinal);
        Assert.Equal(expected.Take(25), CodesInOrder(first));
        Assert.Equal(expected.Skip(25), CodesInOrder(second));

        var newest = await client.GetStringAsync("/werk/wachtrij?volgorde=nieuwste");
        Assert.Equal(Enumerable.Range(0, 30).Reverse().Take(25).Select(i => codes[i]), CodesInOrder(newest));

        // A filter counts on the requests themselves: only the three flagged with "spoed" or "veiligheid".
        var urgent = await client.GetStringAsync("/werk/wachtrij?signaal=spoed");
        Assert.Contains("2 nieuwe vragen.", urgent, StringComparison.Ordinal);
        Assert.Equal([codes[5], codes[29]], CodesInOrder(urgent));
    }

    [Fact]
    public async Task A_request_leaves_the_queue_count_when_its_status_moves_on()
    {
        var organization = await app.CreateOrganizationAsync();
        await app.RouteFirstMunicipalityToAsync(organization.Id);
        var coordinator = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var client = await app.SignInAsync(coordinator);
        var (code, _, requestId) = await ReferAsync("Vraag over de huur " + Guid.NewGuid());
        var (other, _, _) = await ReferAsync("Vraag over de energierekening " + Guid.NewGuid());
        Assert.True(app.WithDb(db => db.IntakeAssignments.Single(a => a.HelpRequestId == requestId && a.OrganizationId == organization.Id).Waiting));
        Assert.Contains("2 nieuwe vragen.", await client.GetStringAsync("/werk/wachtrij"), StringComparison.Ordinal);

        await client.PostFormAsync($"/werk/aanmeldingen/{requestId}?handler=Decline", new() { ["DeclineReason"] = "Past beter bij het sociaal team." }, $"/werk/aanmeldingen/{requestId}");

        Assert.False(app.WithDb(db => db.IntakeAssignments.Single(a => a.HelpRequestId == requestId && a.OrganizationId == organization.Id).Waiting));
        await client.GetStringAsync("/werk/wachtrij"); // shows (and uses up) the message naming the declined request
        var queue = await client.GetStringAsync("/werk/wachtrij");
        Assert.Contains("1 nieuwe vragen.", queue, StringComparison.Ordinal);
        Assert.Equal([other], CodesInOrder(queue));
        Assert.DoesNotContain(code, queue, StringComparison.Ordinal);
    }
}
