using System.Net;
using System.Text.RegularExpressions;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meedenker.IntegrationTests;

public sealed partial class CaseWorkTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    [GeneratedRegex("MD-[2-9A-Z]{4}-[2-9A-Z]{4}")]
    private static partial Regex Code();

    [GeneratedRegex("name=\"Version\" value=\"([^\"]+)\"")]
    private static partial Regex VersionField();

    private async Task<(Guid RequestId, string Code)> AskAsync(string question)
    {
        var form = MeedenkerFactory.ValidHelpRequestForm();
        form["Input.Question"] = question;
        var html = await (await app.CreateBrowserlikeClient().PostFormAsync("/hulp-vragen", form)).Content.ReadAsStringAsync();
        var code = Code().Match(html).Value;
        return (app.WithDb(db => db.HelpRequests.Single(h => h.ReferenceCode == code).Id), code);
    }

    [Fact]
    public async Task Triage_with_a_safety_concern_puts_the_request_first_and_ranks_formal_supporters_first()
    {
        var organization = await app.CreateOrganizationAsync();
        await app.RouteFirstMunicipalityToAsync(organization.Id);
        var coordinator = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var professional = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, SupporterKind.Professional, twoFactor: true);
        var volunteer = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, SupporterKind.Volunteer, twoFactor: true);
        var (_, older) = await AskAsync("Een oudere vraag " + Guid.NewGuid());
        var (requestId, code) = await AskAsync("Mijn buurman dreigt met geweld " + Guid.NewGuid());
        var client = await app.SignInAsync(coordinator);

        var saved = await client.PostFormAsync($"/werk/aanmeldingen/{requestId}?handler=Triage", new() { ["SafetyConcern"] = "true" }, $"/werk/aanmeldingen/{requestId}");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.True(app.WithDb(db => db.HelpRequests.Single(h => h.Id == requestId).SafetyConcern));

        var queue = await client.GetStringAsync("/werk/wachtrij");
        Assert.True(queue.IndexOf(code, StringComparison.Ordinal) < queue.IndexOf(older, StringComparison.Ordinal), "The unsafe situation comes first");
        Assert.Contains(code, await client.GetStringAsync("/werk/wachtrij?signaal=veiligheid"), StringComparison.Ordinal);
        Assert.DoesNotContain(older, await client.GetStringAsync("/werk/wachtrij?signaal=veiligheid"), StringComparison.Ordinal);
        var detail = await client.GetStringAsync($"/werk/aanmeldingen/{requestId}");
        Assert.True(detail.IndexOf($"candidate-{professional.User.Id}", StringComparison.Ordinal) < detail.IndexOf($"candidate-{volunteer.User.Id}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Coordinator_offers_a_volunteer_accepts_records_a_contact_and_a_score_and_the_status_follows()
    {
        var organization = await app.CreateOrganizationAsync();
        await app.RouteFirstMunicipalityToAsync(organization.Id);
        var coordinator = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var professional = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, SupporterKind.Professional, twoFactor: true);
        var volunteer = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, SupporterKind.Volunteer, twoFactor: true);
        var (requestId, code) = await AskAsync("Ik wil hulp bij mijn administratie " + Guid.NewGuid());
        var coordinatorClient = await app.SignInAsync(coordinator);

        var detail = await coordinatorClient.GetStringAsync($"/werk/aanmeldingen/{requestId}");
        // Informal where possible: the volunteer is ranked above the professional.
        Assert.True(detail.IndexOf($"candidate-{volunteer.User.Id}", StringComparison.Ordinal) < detail.IndexOf($"candidate-{professional.User.Id}", StringComparison.Ordinal));
        Assert.Contains("informeel waar het kan", detail, StringComparison.Ordinal);

        var offered = await coordinatorClient.PostFormAsync($"/werk/aanmeldingen/{requestId}?handler=Offer", new() { ["SupporterId"] = volunteer.User.Id.ToString() }, $"/werk/aanmeldingen/{requestId}");
        Assert.Equal(HttpStatusCode.Redirect, offered.StatusCode);
        var caseId = app.WithDb(db => db.Cases.Single(c => c.HelpRequestId == requestId).Id);

        var volunteerClient = await app.SignInAsync(volunteer);
        Assert.Contains(code, await volunteerClient.GetStringAsync("/werk/mijn-casussen"), StringComparison.Ordinal);
        var accepted = await volunteerClient.PostFormAsync($"/werk/mijn-casussen?handler=Accept&id={caseId}", [], "/werk/mijn-casussen");
        Assert.Equal($"/werk/casussen/{caseId}", accepted.Headers.Location?.OriginalString);
        Assert.Equal(HelpRequestStatus.Matched, app.WithDb(db => db.HelpRequests.Single(h => h.Id == requestId).Status));

        var file = await volunteerClient.GetStringAsync($"/werk/casussen/{caseId}");
        Assert.Contains("mijn administratie", file, StringComparison.Ordinal);
        var today = TestClock.Day();
        var contact = await volunteerClient.PostFormAsync($"/werk/casussen/{caseId}?handler=Contact",
            new() { ["Version"] = VersionField().Match(file).Groups[1].Value, ["Contact.Date"] = today, ["Contact.Time"] = "00:01", ["Contact.Mode"] = "Walk", ["Contact.Minutes"] = "45", ["Contact.Note"] = "Samen gewandeld" },
            $"/werk/casussen/{caseId}");
        Assert.Equal(HttpStatusCode.Redirect, contact.StatusCode);
        var request = app.WithDb(db => db.HelpRequests.Single(h => h.Id == requestId));
        Assert.Equal(HelpRequestStatus.InContact, request.Status);
        Assert.NotNull(request.FirstContactAt);

        file = await volunteerClient.GetStringAsync($"/werk/casussen/{caseId}");
        var score = await volunteerClient.PostFormAsync($"/werk/casussen/{caseId}?handler=Score",
            new() { ["Version"] = VersionField().Match(file).Groups[1].Value, ["Score.LifeDomain"] = "financien-inkomen", ["Score.Moment"] = "Start", ["Score.Score"] = "2" },
            $"/werk/casussen/{caseId}");
        Assert.Equal(HttpStatusCode.Redirect, score.StatusCode);
        Assert.Equal(2, app.WithDb(db => db.Cases.Single(c => c.Id == caseId).SelfRelianceStart));

        // The professional of the same organisation is not assigned: no access, and it is logged.
        var other = await app.SignInAsync(professional);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/werk/casussen/{caseId}")).StatusCode);
        Assert.True(app.WithDb(db => db.AccessLog.Any(a => a.UserId == professional.User.Id && a.CaseId == caseId && a.Outcome == AccessOutcome.Denied)));
    }

    [Fact]
    public async Task Spoed_set_at_triage_shows_on_the_offer_card_and_the_case_page_and_the_queue_says_to_whom_it_is_offered()
    {
        var organization = await app.CreateOrganizationAsync();
        await app.RouteFirstMunicipalityToAsync(organization.Id);
        var coordinator = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var volunteer = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, SupporterKind.Volunteer, twoFactor: true);
        var (requestId, code) = await AskAsync("Morgen wordt het gas afgesloten " + Guid.NewGuid());
        var client = await app.SignInAsync(coordinator);
        var page = $"/werk/aanmeldingen/{requestId}";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{page}?handler=Triage", new() { ["Urgent"] = "true" }, page)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{page}?handler=Offer", new() { ["SupporterId"] = volunteer.User.Id.ToString() }, page)).StatusCode);

        // The row of the request (the page's "is aangeboden aan" confirmation above the table does not count).
        var queue = await client.GetStringAsync("/werk/wachtrij");
        var row = queue[queue.IndexOf($"href=\"/werk/aanmeldingen/{requestId}\"", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains($"aangeboden aan {volunteer.User.DisplayName}", row, StringComparison.Ordinal);

        var volunteerClient = await app.SignInAsync(volunteer);
        var inbox = await volunteerClient.GetStringAsync("/werk/mijn-casussen");
        var card = inbox[inbox.IndexOf(code, StringComparison.Ordinal)..];
        card = card[..card.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains("Spoed: snel contact nodig", card, StringComparison.Ordinal);
        var caseId = app.WithDb(db => db.Cases.Single(c => c.HelpRequestId == requestId).Id);
        await volunteerClient.PostFormAsync($"/werk/mijn-casussen?handler=Accept&id={caseId}", [], "/werk/mijn-casussen");
        Assert.Contains("Spoed: snel contact nodig", await volunteerClient.GetStringAsync($"/werk/casussen/{caseId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_case_overview_folds_closing_and_the_other_side_forms_and_opens_the_closing_fold_again_after_a_refused_close()
    {
        var organization = await app.CreateOrganizationAsync();
        var supporter = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, SupporterKind.Volunteer, twoFactor: true);
        var @case = await app.CreateCaseAsync(organization.Id, supporter.User.Id);
        var client = await app.SignInAsync(supporter);
        var url = $"/werk/casussen/{@case.CaseId}";
        var html = await client.GetStringAsync(url);

        // Closing is behind its own button: a <details> that is closed, with the close form inside it.
        var fold = Regex.Match(html, "<details class=\"md-fold\" id=\"afsluiten\"([^>]*)>(.*?)</details>", RegexOptions.Singleline);
        Assert.True(fold.Success, "the closing form is not folded in a <details>");
        Assert.DoesNotContain("open", fold.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("handler=Close", fold.Groups[2].Value, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(html, "handler=Close"));
        // Adding a question and a score are folded too; recording a contact, the everyday task, stays open.
        Assert.Equal(3, Regex.Count(html, "<details class=\"md-fold\"(?: id=\"afsluiten\")?>"));
        Assert.DoesNotMatch(new Regex("<details[^>]*>(?:(?!</details>).)*handler=Contact", RegexOptions.Singleline), html);

        // A close without a reason comes back with the fold open, the message and nothing closed.
        var refused = await client.PostFormAsync(url + "?handler=Close", new() { ["Version"] = VersionField().Match(html).Groups[1].Value }, url);
        var again = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Matches("<details class=\"md-fold\" id=\"afsluiten\" open", again);
        Assert.Contains("Kies waarom je afsluit.", again, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Open, app.WithDb(db => db.Cases.Single(c => c.Id == @case.CaseId).Status));
    }

    [Fact]
    public async Task Bad_contact_input_and_a_stale_version_change_nothing()
    {
        var organization = await app.CreateOrganizationAsync();
        var supporter = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, twoFactor: true);
        var (requestId, _) = await AskAsync("Iets");
        var caseId = await app.WithDbAsync(async db =>
        {
            var request = await db.HelpRequests.Include(h => h.StatusChanges).SingleAsync(h => h.Id == requestId);
            var @case = Case.Offer(request, organization.Id, supporter.User.Id, TestClock.Now);
            @case.Accept(request, TestClock.Now);
            db.Cases.Add(@case);
            await db.SaveChangesAsync();
            return @case.Id;
        });
        var client = await app.SignInAsync(supporter);
        var file = await client.GetStringAsync($"/werk/casussen/{caseId}");
        var version = VersionField().Match(file).Groups[1].Value;
        var future = TestClock.Day(3);

        var inFuture = await client.PostFormAsync($"/werk/casussen/{caseId}?handler=Contact",
            new() { ["Version"] = version, ["Contact.Date"] = future, ["Contact.Mode"] = "Phone", ["Contact.Minutes"] = "10" }, $"/werk/casussen/{caseId}");
        Assert.Contains("Een contact kan niet in de toekomst liggen.", await inFuture.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var badScore = await client.PostFormAsync($"/werk/casussen/{caseId}?handler=Score",
            new() { ["Version"] = version, ["Score.LifeDomain"] = "wonen", ["Score.Moment"] = "Start", ["Score.Score"] = "7" }, $"/werk/casussen/{caseId}");
        Assert.Contains("De score is 1 tot en met 5.", await badScore.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var stale = await client.PostFormAsync($"/werk/casussen/{caseId}?handler=Contact",
            new() { ["Version"] = Guid.NewGuid().ToString(), ["Contact.Date"] = TestClock.Day(), ["Contact.Time"] = "00:01", ["Contact.Mode"] = "Phone", ["Contact.Minutes"] = "10", ["Contact.Note"] = "mijn notitie" },
            $"/werk/casussen/{caseId}");
        var staleHtml = await stale.Content.ReadAsStringAsync();
        Assert.Contains("Iemand anders heeft deze casus net gewijzigd.", staleHtml, StringComparison.Ordinal);
        Assert.Contains("mijn notitie", staleHtml, StringComparison.Ordinal);

        Assert.Equal(0, app.WithDb(db => db.Contacts.Count(c => c.CaseId == caseId)));
        Assert.Equal(0, app.WithDb(db => db.SelfRelianceScores.Count(s => s.CaseId == caseId)));
        Assert.Equal(HelpRequestStatus.Matched, app.WithDb(db => db.HelpRequests.Single(h => h.Id == requestId).Status));
    }

    [Fact]
    public async Task Declined_offer_returns_the_request_to_the_queue_with_the_reason()
    {
        var organization = await app.CreateOrganizationAsync();
        await app.RouteFirstMunicipalityToAsync(organization.Id);
        var coordinator = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var volunteer = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, SupporterKind.Volunteer, twoFactor: true);
        var (requestId, code) = await AskAsync("Aanbod afwijzen");
        var coordinatorClient = await app.SignInAsync(coordinator);
        await coordinatorClient.PostFormAsync($"/werk/aanmeldingen/{requestId}?handler=Offer", new() { ["SupporterId"] = volunteer.User.Id.ToString() }, $"/werk/aanmeldingen/{requestId}");
        var caseId = app.WithDb(db => db.Cases.Single(c => c.HelpRequestId == requestId).Id);

        var volunteerClient = await app.SignInAsync(volunteer);
        await volunteerClient.PostFormAsync($"/werk/mijn-casussen?handler=Decline&id={caseId}", new() { ["Reason"] = "Ik ben drie weken op vakantie" }, "/werk/mijn-casussen");

        Assert.Equal(CaseStatus.OfferDeclined, app.WithDb(db => db.Cases.Single(c => c.Id == caseId).Status));
        Assert.Contains(code, await coordinatorClient.GetStringAsync("/werk/wachtrij"), StringComparison.Ordinal);
        Assert.Contains("Ik ben drie weken op vakantie", await coordinatorClient.GetStringAsync($"/werk/aanmeldingen/{requestId}"), StringComparison.Ordinal);

        var again = await volunteerClient.PostFormAsync($"/werk/mijn-casussen?handler=Accept&id={caseId}", [], "/werk/mijn-casussen");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("Dit aanbod staat niet meer open.", await volunteerClient.GetStringAsync("/werk/mijn-casussen"), StringComparison.Ordinal);
    }
}

public sealed class MatchingTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    private async Task ProfileAsync(Guid userId, Guid organizationId, int capacity, string? language, bool worksInBorsele)
    {
        await app.WithDbAsync(async db =>
        {
            var profile = new SupporterProfile { Id = Guid.NewGuid(), UserId = userId, OrganizationId = organizationId, Kind = SupporterKind.Volunteer };
            profile.SetCapacity(capacity);
            if (language is not null)
            {
                profile.Terms.Add(new SupporterTerm { ProfileId = profile.Id, TaxonomyTermId = await db.TaxonomyTerms.Where(t => t.Taxonomy == TaxonomyKind.Language && t.Code == language).Select(t => t.Id).SingleAsync() });
            }
            if (worksInBorsele)
            {
                profile.Municipalities.Add(new SupporterMunicipality { ProfileId = profile.Id, MunicipalityId = await db.Municipalities.Where(m => m.Code == "GM0654").Select(m => m.Id).SingleAsync() });
            }
            db.SupporterProfiles.Add(profile);
            return await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task Matching_ranks_by_municipality_language_and_free_capacity_and_says_why()
    {
        var organization = await app.CreateOrganizationAsync();
        await app.RouteFirstMunicipalityToAsync(organization.Id);
        var coordinator = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var fitting = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, SupporterKind.Volunteer, twoFactor: true);
        var full = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, SupporterKind.Volunteer, twoFactor: true);
        var elsewhere = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, SupporterKind.Volunteer, twoFactor: true);
        await ProfileAsync(fitting.User.Id, organization.Id, 5, "tr", worksInBorsele: true);
        await ProfileAsync(full.User.Id, organization.Id, 0, "tr", worksInBorsele: true);
        await ProfileAsync(elsewhere.User.Id, organization.Id, 5, null, worksInBorsele: false);
        var form = MeedenkerFactory.ValidHelpRequestForm("GM0654");
        form["Input.LanguageCode"] = "tr";
        var html = await (await app.CreateBrowserlikeClient().PostFormAsync("/hulp-vragen", form)).Content.ReadAsStringAsync();
        var code = System.Text.RegularExpressions.Regex.Match(html, "MD-[2-9A-Z]{4}-[2-9A-Z]{4}").Value;
        var requestId = app.WithDb(db => db.HelpRequests.Single(h => h.ReferenceCode == code).Id);

        var detail = await (await app.SignInAsync(coordinator)).GetStringAsync($"/werk/aanmeldingen/{requestId}");

        var order = new[] { fitting, full, elsewhere }.Select(s => detail.IndexOf($"candidate-{s.User.Id}", StringComparison.Ordinal)).ToList();
        Assert.True(order[0] < order[1] && order[0] < order[2], "the fitting volunteer comes first");
        Assert.Contains("spreekt Turks", detail, StringComparison.Ordinal);
        Assert.Contains("werkt in Borsele", detail, StringComparison.Ordinal);
        Assert.Contains("vol: 0 van 0 casussen", detail, StringComparison.Ordinal);
        Assert.Contains("werkt niet in deze gemeente", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_volunteer_ranks_after_a_professional_with_room_and_offering_to_them_needs_a_second_confirmed_submit()
    {
        var organization = await app.CreateOrganizationAsync();
        await app.RouteFirstMunicipalityToAsync(organization.Id);
        var coordinator = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var full = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, SupporterKind.Volunteer, twoFactor: true);
        var room = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, SupporterKind.Professional, twoFactor: true);
        await ProfileAsync(full.User.Id, organization.Id, 1, null, worksInBorsele: true);
        await ProfileAsync(room.User.Id, organization.Id, 3, null, worksInBorsele: false);
        await app.CreateCaseAsync(organization.Id, full.User.Id);
        await app.CreateCaseAsync(organization.Id, full.User.Id);
        var form = MeedenkerFactory.ValidHelpRequestForm("GM0654");
        var html = await (await app.CreateBrowserlikeClient().PostFormAsync("/hulp-vragen", form)).Content.ReadAsStringAsync();
        var code = System.Text.RegularExpressions.Regex.Match(html, "MD-[2-9A-Z]{4}-[2-9A-Z]{4}").Value;
        var requestId = app.WithDb(db => db.HelpRequests.Single(h => h.ReferenceCode == code).Id);
        var client = await app.SignInAsync(coordinator);
        var page = $"/werk/aanmeldingen/{requestId}";

        var detail = await client.GetStringAsync(page);
        Assert.True(detail.IndexOf($"candidate-{room.User.Id}", StringComparison.Ordinal) < detail.IndexOf($"candidate-{full.User.Id}", StringComparison.Ordinal), "the supporter with room comes first");
        Assert.Contains("vol: 2 van 1 casussen, daarom onderaan", detail, StringComparison.Ordinal);

        var first = await client.PostFormAsync($"{page}?handler=Offer", new() { ["SupporterId"] = full.User.Id.ToString() }, page);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var asked = await first.Content.ReadAsStringAsync();
        Assert.Contains("is vol: 2 van 1 casussen", asked, StringComparison.Ordinal);
        Assert.Contains("name=\"ConfirmOverCapacity\"", asked, StringComparison.Ordinal);
        Assert.False(app.WithDb(db => db.Cases.Any(c => c.HelpRequestId == requestId)));

        var confirmed = await client.PostFormAsync($"{page}?handler=Offer",
            new() { ["SupporterId"] = full.User.Id.ToString(), ["ConfirmOverCapacity"] = full.User.Id.ToString() }, page);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.True(app.WithDb(db => db.Cases.Any(c => c.HelpRequestId == requestId && c.SupporterId == full.User.Id && c.Status == CaseStatus.Offered)));
    }
}

public sealed class ClosingTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    [Fact]
    public async Task Closing_plans_a_waakvlam_check_in_that_the_job_turns_into_a_task_on_its_date()
    {
        var organization = await app.CreateOrganizationAsync();
        var supporter = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, twoFactor: true);
        var form = MeedenkerFactory.ValidHelpRequestForm();
        var html = await (await app.CreateBrowserlikeClient().PostFormAsync("/hulp-vragen", form)).Content.ReadAsStringAsync();
        var code = Regex.Match(html, "MD-[2-9A-Z]{4}-[2-9A-Z]{4}").Value;
        var now = TestClock.Now;
        var caseId = await app.WithDbAsync(async db =>
        {
            var request = await db.HelpRequests.Include(h => h.StatusChanges).SingleAsync(h => h.ReferenceCode == code);
            var @case = Case.Offer(request, organization.Id, supporter.User.Id, now);
            @case.Accept(request, now);
            db.Cases.Add(@case);
            await db.SaveChangesAsync();
            return @case.Id;
        });
        var client = await app.SignInAsync(supporter);
        var file = await client.GetStringAsync($"/werk/casussen/{caseId}");
        var version = Regex.Match(file, "name=\"Version\" value=\"([^\"]+)\"").Groups[1].Value;

        var past = await client.PostFormAsync($"/werk/casussen/{caseId}?handler=Close",
            new() { ["Version"] = version, ["Closing.Reason"] = "QuestionAnswered", ["Closing.FollowUpOn"] = now.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, $"/werk/casussen/{caseId}");
        Assert.Contains("Plan het waakvlamcontact na vandaag", await past.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Open, app.WithDb(db => db.Cases.Single(c => c.Id == caseId).Status));

        var due = now.AddDays(90);
        var closed = await client.PostFormAsync($"/werk/casussen/{caseId}?handler=Close",
            new() { ["Version"] = version, ["Closing.Reason"] = "QuestionAnswered", ["Closing.FinalScore"] = "4", ["Closing.FollowUpOn"] = due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, $"/werk/casussen/{caseId}");
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal(HelpRequestStatus.Closed, app.WithDb(db => db.HelpRequests.Single(h => h.ReferenceCode == code).Status));
        Assert.Equal(4, app.WithDb(db => db.Cases.Single(c => c.Id == caseId).SelfRelianceClose));

        // Not due yet: no task. Time advanced past the date: the task appears, once.
        using (var scope = app.Services.CreateScope())
        {
            var job = scope.ServiceProvider.GetRequiredService<Meedenker.Web.Features.Cases.FollowUpJob>();
            Assert.Equal(0, await job.RunAsync(due.AddDays(-1), CancellationToken.None));
            Assert.DoesNotContain("Waakvlamcontacten om te doen", await client.GetStringAsync("/werk/mijn-casussen"), StringComparison.Ordinal);
            Assert.Equal(1, await job.RunAsync(due.AddHours(1), CancellationToken.None));
            Assert.Equal(0, await job.RunAsync(due.AddDays(2), CancellationToken.None));
        }
        var mine = await client.GetStringAsync("/werk/mijn-casussen");
        Assert.Contains("Waakvlamcontacten om te doen", mine, StringComparison.Ordinal);
        Assert.Contains(code, mine, StringComparison.Ordinal);
        Assert.Contains(Directory.GetFiles(app.MailFolder, "*.eml").Select(File.ReadAllText), m => m.Contains(code, StringComparison.Ordinal) && m.Contains("Waakvlamcontact", StringComparison.Ordinal));

        var followUpId = app.WithDb(db => db.FollowUps.Single(f => f.CaseId == caseId).Id);
        await client.PostFormAsync($"/werk/mijn-casussen?handler=FollowUpDone&id={followUpId}", [], "/werk/mijn-casussen");
        Assert.NotNull(app.WithDb(db => db.FollowUps.Single(f => f.Id == followUpId).DoneAt));
    }
}

public sealed class ReferrerMailTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    [Fact]
    public async Task Referrer_who_asked_gets_a_mail_on_accept_first_contact_and_closing_without_content()
    {
        var organization = await app.CreateOrganizationAsync();
        await app.RouteFirstMunicipalityToAsync(organization.Id);
        var coordinator = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var volunteer = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, SupporterKind.Volunteer, twoFactor: true);
        var today = TestClock.Day();
        var html = await (await app.CreateBrowserlikeClient().PostFormAsync("/verwijzen", new()
        {
            ["Input.FirstName"] = "Wim",
            ["Input.Phone"] = "0612000000",
            ["Input.MunicipalityCode"] = "GM0654",
            ["Input.Question"] = "Geheime inhoud over schulden",
            ["Input.ConsentConfirmed"] = "true",
            ["Input.ConsentGivenBy"] = "resident",
            ["Input.ConsentMethod"] = "verbal",
            ["Input.ConsentDate"] = today,
            ["Input.ReferrerName"] = "Praktijk",
            ["Input.ReferrerOrganization"] = "Praktijk Test",
            ["Input.ReferrerEmail"] = "praktijk@test.test",
            ["Input.ReferrerKind"] = "huisarts",
            ["Input.NotifyReferrer"] = "true",
        })).Content.ReadAsStringAsync();
        var code = Regex.Match(html, "MD-[2-9A-Z]{4}-[2-9A-Z]{4}").Value;
        var requestId = app.WithDb(db => db.HelpRequests.Single(h => h.ReferenceCode == code).Id);
        await (await app.SignInAsync(coordinator)).PostFormAsync($"/werk/aanmeldingen/{requestId}?handler=Offer", new() { ["SupporterId"] = volunteer.User.Id.ToString() }, $"/werk/aanmeldingen/{requestId}");
        var caseId = app.WithDb(db => db.Cases.Single(c => c.HelpRequestId == requestId).Id);
        var client = await app.SignInAsync(volunteer);

        await client.PostFormAsync($"/werk/mijn-casussen?handler=Accept&id={caseId}", [], "/werk/mijn-casussen");
        string Version(string page) => Regex.Match(page, "name=\"Version\" value=\"([^\"]+)\"").Groups[1].Value;
        var file = await client.GetStringAsync($"/werk/casussen/{caseId}");
        await client.PostFormAsync($"/werk/casussen/{caseId}?handler=Contact",
            new() { ["Version"] = Version(file), ["Contact.Date"] = today, ["Contact.Time"] = "00:01", ["Contact.Mode"] = "Phone", ["Contact.Minutes"] = "20" }, $"/werk/casussen/{caseId}");
        file = await client.GetStringAsync($"/werk/casussen/{caseId}");
        await client.PostFormAsync($"/werk/casussen/{caseId}?handler=Close",
            new() { ["Version"] = Version(file), ["Closing.Reason"] = "QuestionAnswered", ["Closing.FollowUpOn"] = TestClock.Day(30) },
            $"/werk/casussen/{caseId}");

        var mails = Directory.GetFiles(app.MailFolder, "*.eml").Select(File.ReadAllText).Where(m => m.Contains("praktijk@test.test", StringComparison.Ordinal) && m.Contains(code, StringComparison.Ordinal)).ToList();
        Assert.Contains(mails, m => m.Contains("geaccepteerd", StringComparison.Ordinal));
        Assert.Contains(mails, m => m.Contains("er is contact geweest", StringComparison.Ordinal));
        Assert.Contains(mails, m => m.Contains("afgesloten", StringComparison.Ordinal));
        Assert.DoesNotContain(mails, m => m.Contains("Geheime inhoud", StringComparison.Ordinal));
    }
}
