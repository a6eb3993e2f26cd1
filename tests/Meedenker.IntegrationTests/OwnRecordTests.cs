using System.Net;
using System.Text.RegularExpressions;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Meedenker.Web.Features.OwnRecord;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.IntegrationTests;

/// <summary>
/// The resident's own view: status link plus one-time code, exactly their own data and the access log about
/// them, the export, consent withdrawal, and correction/erasure requests handled by a coordinator.
/// </summary>
public sealed partial class OwnRecordTests(FakeClockFactory app) : IClassFixture<FakeClockFactory>
{
    private sealed record Person(string Token, Guid ResidentId, Guid RequestId, Guid CaseId, string Name, string Email, string Marker);

    private static readonly string[] Parts =
        ["Vraag", "Vraagtekst", "Doel", "Actie", "Buurman", "Netwerk", "Boodschappen", "Notitie", "Vertegenwoordiger", "Kompas", "Samenvatting", "Reden", "Doorgegeven", "Besluit", "Dorpsstraat"];

    /// <summary>A resident with a request (status link <see cref="Person.Token"/>) and a case holding every part of a record, each with the marker.</summary>
    private async Task<Person> PersonAsync(Guid organizationId, Guid supporterId, bool closed = false)
    {
        var unique = MeedenkerFactory.Unique("");
        var token = SecretToken.New();
        var name = "Inwonernaam" + unique;
        var email = $"inwoner.{unique}@voorbeeld.test";
        var marker = "M" + unique;
        var now = app.Clock.GetUtcNow();
        var received = now.AddDays(-60);
        var ids = await app.WithDbAsync(async db =>
        {
            var municipality = await db.Municipalities.OrderBy(m => m.Code).FirstAsync();
            var resident = new Resident
            {
                Id = Guid.NewGuid(),
                FirstName = name,
                LastName = "Achter" + unique,
                Email = email,
                Phone = "06" + unique[..8],
                Address = $"Dorpsstraat {marker}",
                BirthYear = 1960,
                MunicipalityId = municipality.Id,
                CreatedAt = received,
            };
            var request = new HelpRequest
            {
                Id = Guid.NewGuid(),
                ReferenceCode = ReferenceCode.New(),
                ReceivedAt = received,
                ResidentId = resident.Id,
                MunicipalityId = municipality.Id,
                Channel = RequestChannel.Self,
                LifeDomainCode = "wonen",
                Question = $"Vraag {marker}",
                StatusTokenHash = SecretToken.Hash(token),
                Status = HelpRequestStatus.Received,
                ContactPreferences = ContactPreferences.Email,
            };
            request.LifeDomains.Add(new HelpRequestLifeDomain { Code = "wonen" });
            var @case = Case.Offer(request, organizationId, supporterId, received);
            @case.Accept(request, received);
            db.AddRange(resident, request, @case);
            db.CaseQuestions.Add(@case.AddQuestion("wonen", [], $"Vraagtekst {marker}", supporterId, received));
            var goal = @case.AddGoal("wonen", $"Doel {marker}", supporterId, received);
            db.PlanGoals.Add(goal);
            db.PlanActions.Add(@case.AddAction(goal, $"Actie {marker}", PlanActionOwner.NetworkMember, $"Buurman {marker}", null, null, received));
            db.NetworkMembers.Add(@case.AddNetworkMember(NetworkMemberKind.Person, $"Netwerk {marker}", "buurman", $"Boodschappen {marker}", supporterId, received));
            db.Contacts.Add(new Contact { Id = Guid.NewGuid(), CaseId = @case.Id, At = received.AddDays(1), Mode = ContactMode.HomeVisit, DurationMinutes = 45, Note = $"Notitie {marker}" });
            db.SelfRelianceScores.Add(new SelfRelianceScore { Id = Guid.NewGuid(), CaseId = @case.Id, LifeDomainCode = "wonen", Moment = SelfRelianceMoment.Start, Score = 2, At = received.AddDays(1) });
            db.CaseConsents.Add(CaseConsent.Give(@case.Id, null, organizationId, SharedParts.Plan, [], $"Vertegenwoordiger {marker}", ConsentGivenHow.Verbal, supporterId, received));
            var reflection = new KompasReflection { Id = Guid.NewGuid(), CaseId = @case.Id, SupporterId = supporterId, Moment = SelfRelianceMoment.Start, At = received.AddDays(2) };
            reflection.Answers.Add(new KompasAnswer { ReflectionId = reflection.Id, QuestionCode = "wat-speelt", Answer = $"Kompas {marker}" });
            db.KompasReflections.Add(reflection);
            db.Handovers.Add(new Handover
            {
                Id = Guid.NewGuid(),
                CaseId = @case.Id,
                Direction = HandoverDirection.InformalToFormal,
                Reason = $"Reden {marker}",
                PassedOn = $"Doorgegeven {marker}",
                ToSupporterId = supporterId,
                ToOrganizationId = organizationId,
                PlannedOn = DateOnly.FromDateTime(received.UtcDateTime).AddDays(3),
                Status = HandoverStatus.Declined,
                CreatedAt = received.AddDays(2),
                CreatedById = supporterId,
                DecisionReason = $"Besluit {marker}",
            });
            @case.WriteSummaryForResident($"Samenvatting {marker}", received.AddDays(2));
            if (closed)
            {
                db.FollowUps.Add(@case.Close(request, CloseReason.QuestionAnswered, 4, DateOnly.FromDateTime(now.UtcDateTime).AddDays(30), [], now.AddDays(-1)));
                db.ResidentExperiences.Add(ResidentExperience.Record(@case.Id, 4, 4, 3, $"Ervaring {marker}", viaStatusLink: false, now.AddDays(-1)));
            }
            await db.SaveChangesAsync();
            return (resident.Id, request.Id, @case.Id);
        });
        return new Person(token, ids.Item1, ids.Item2, ids.Item3, name, email, marker);
    }

    private async Task<(MeedenkerFactory.Staff Coordinator, MeedenkerFactory.Staff Supporter, Guid OrganizationId)> TeamAsync()
    {
        var organization = await app.CreateOrganizationAsync();
        return (await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true), await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, SupporterKind.Professional, twoFactor: true), organization.Id);
    }

    [GeneratedRegex(@"\b(\d{6})\b")]
    private static partial Regex SixDigits();

    /// <summary>Asks for a code by e-mail and reads it from the mail sent to this resident.</summary>
    private async Task<string> MailedCodeAsync(HttpClient client, Person person)
    {
        var earlier = Directory.Exists(app.MailFolder) ? Directory.GetFiles(app.MailFolder, "*.eml").ToHashSet() : [];
        var response = await client.PostFormAsync($"/status/{person.Token}/mijn-gegevens?handler=SendCode", new() { ["channel"] = "Email" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var mail = Directory.GetFiles(app.MailFolder, "*.eml").Where(f => !earlier.Contains(f)).Select(File.ReadAllText)
            .Single(m => m.Contains(person.Email, StringComparison.OrdinalIgnoreCase));
        return SixDigits().Match(mail[mail.IndexOf("code", StringComparison.OrdinalIgnoreCase)..]).Groups[1].Value;
    }

    private async Task<HttpClient> OpenOwnViewAsync(Person person)
    {
        var client = app.CreateBrowserlikeClient();
        var code = await MailedCodeAsync(client, person);
        var verified = await client.PostFormAsync($"/status/{person.Token}/mijn-gegevens?handler=Verify", new() { ["Code"] = code });
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        return client;
    }

    [Fact]
    public async Task The_access_log_on_the_own_view_is_grouped_per_month_newest_first_with_counts_and_only_this_month_open()
    {
        var team = await TeamAsync();
        var anna = await PersonAsync(team.OrganizationId, team.Supporter.User.Id);
        var now = app.Clock.GetUtcNow();
        var thisMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        // Mid-month, so that no time zone moves a line to another month.
        var twoMonthsAgo = thisMonth.AddMonths(-2).AddDays(14).AddHours(12);
        var lastMonth = thisMonth.AddMonths(-1).AddDays(14).AddHours(12);
        await app.WithDbAsync(async db =>
        {
            var before = db.AccessLog.Count(a => a.ResidentId == anna.ResidentId && a.At < thisMonth);
            Assert.Equal(0, before);
            foreach (var at in new[] { twoMonthsAgo, twoMonthsAgo.AddHours(1), twoMonthsAgo.AddHours(2), lastMonth, lastMonth.AddHours(1) })
            {
                db.AccessLog.Add(AccessLogEntry.Record(at, team.Coordinator.User.Id, team.Coordinator.User.DisplayName, StaffRoles.Coordinator, team.OrganizationId,
                    anna.ResidentId, anna.CaseId, AccessAction.View, "case-file", "coordinator-supervision", AccessOutcome.Allowed, null, null));
            }
            await db.SaveChangesAsync();
            return 0;
        });

        var resident = await OpenOwnViewAsync(anna);
        var html = WebUtility.HtmlDecode(await resident.GetStringAsync($"/status/{anna.Token}/mijn-gegevens"));
        var section = html[html.IndexOf("id=\"wie-keek\"", StringComparison.Ordinal)..html.IndexOf("id=\"verzoeken\"", StringComparison.Ordinal)];
        var months = Regex.Matches(section, "<details class=\"md-month-fold\"( open=\"open\")?>\\s*<summary>([^<]+)</summary>(.*?)</details>", RegexOptions.Singleline);
        var dutch = System.Globalization.CultureInfo.GetCultureInfo("nl-NL");
        string Name(DateTimeOffset at) => at.ToLocalTime().ToString("MMMM yyyy", dutch);
        Assert.Equal(3, months.Count);
        // Newest first: this month (the code was asked for and the page read), open; then last month and the one before, closed.
        Assert.StartsWith(Name(now) + ": ", months[0].Groups[2].Value, StringComparison.Ordinal);
        Assert.Equal(" open=\"open\"", months[0].Groups[1].Value);
        var thisMonthLines = app.WithDb(db => db.AccessLog.Count(a => a.ResidentId == anna.ResidentId && a.At >= thisMonth));
        Assert.True(thisMonthLines > 0);
        Assert.Equal(Regex.Count(months[0].Groups[3].Value, "<li>"), int.Parse(Regex.Match(months[0].Groups[2].Value, @"(\d+) keer").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal($"{Name(lastMonth)}: 2 keer", months[1].Groups[2].Value);
        Assert.Equal("", months[1].Groups[1].Value);
        Assert.Equal(2, Regex.Count(months[1].Groups[3].Value, "<li>"));
        Assert.Equal($"{Name(twoMonthsAgo)}: 3 keer", months[2].Groups[2].Value);
        Assert.Equal("", months[2].Groups[1].Value);
        Assert.Equal(3, Regex.Count(months[2].Groups[3].Value, "<li>"));
    }

    [Fact]
    public async Task The_own_view_needs_the_code_and_shows_exactly_this_residents_data_and_who_looked()
    {
        var team = await TeamAsync();
        var anna = await PersonAsync(team.OrganizationId, team.Supporter.User.Id);
        var bert = await PersonAsync(team.OrganizationId, team.Supporter.User.Id);

        // A coordinator opens Anna's case: the resident will see that.
        var coordinator = await app.SignInAsync(team.Coordinator);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/werk/casussen/{anna.CaseId}")).StatusCode);

        // The link alone shows nothing of the record.
        var client = app.CreateBrowserlikeClient();
        var before = await client.GetStringAsync($"/status/{anna.Token}/mijn-gegevens");
        Assert.DoesNotContain(anna.Marker, before, StringComparison.Ordinal);
        Assert.DoesNotContain(anna.Email, before, StringComparison.Ordinal);

        var code = await MailedCodeAsync(client, anna);
        Assert.Equal(6, code.Length);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/status/{anna.Token}/mijn-gegevens?handler=Verify", new() { ["Code"] = code })).StatusCode);
        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/status/{anna.Token}/mijn-gegevens"));
        foreach (var part in Parts)
        {
            Assert.Contains($"{part} {anna.Marker}", html, StringComparison.Ordinal);
        }
        Assert.Contains(anna.Name, html, StringComparison.Ordinal);
        Assert.Contains(anna.Email, html, StringComparison.Ordinal);
        Assert.DoesNotContain(bert.Marker, html, StringComparison.Ordinal);
        Assert.DoesNotContain(bert.Name, html, StringComparison.Ordinal);
        // Who looked: the coordinator's visit, by role and organisation, never by name.
        var organization = app.WithDb(db => db.Organizations.Single(o => o.Id == team.OrganizationId).Name);
        Assert.Contains($"een coördinator van {organization}", html, StringComparison.Ordinal);
        Assert.DoesNotContain(team.Coordinator.Email, html, StringComparison.Ordinal);
        Assert.Contains("je eigen gegevens inzien", html, StringComparison.Ordinal);

        // The code works once.
        var again = app.CreateBrowserlikeClient();
        var reused = await again.PostFormAsync($"/status/{anna.Token}/mijn-gegevens?handler=Verify", new() { ["Code"] = code });
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);

        // Anna's proof does not open Bert's link, and the attempt is logged as denied for Bert.
        var other = await client.GetStringAsync($"/status/{bert.Token}/mijn-gegevens");
        Assert.DoesNotContain(bert.Marker, other, StringComparison.Ordinal);
        Assert.Contains(app.WithDb(db => db.AccessLog.Where(a => a.ResidentId == bert.ResidentId).ToList()),
            a => a.Outcome == AccessOutcome.Denied && a.Purpose == "own-record" && a.Reason == "no-proof-of-identity");
        // Bert sees that attempt in his own view, not as himself.
        var bertClient = await OpenOwnViewAsync(bert);
        Assert.Contains("iemand zonder de juiste code", WebUtility.HtmlDecode(await bertClient.GetStringAsync($"/status/{bert.Token}/mijn-gegevens")), StringComparison.Ordinal);
        // A guessed link shows the same code form, no data.
        var guessed = await client.GetAsync($"/status/{SecretToken.New()}/mijn-gegevens");
        Assert.Equal(HttpStatusCode.OK, guessed.StatusCode);
        Assert.DoesNotContain("Over jou", await guessed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Every view of the own record is in the log as the resident.
        Assert.Contains(app.WithDb(db => db.AccessLog.Where(a => a.ResidentId == anna.ResidentId).ToList()),
            a => a.UserName == "resident" && a.Outcome == AccessOutcome.Allowed && a.Purpose == "own-record");
    }

    [Fact]
    public async Task Three_wrong_codes_lock_the_route_and_every_refusal_reads_the_same()
    {
        var team = await TeamAsync();
        var anna = await PersonAsync(team.OrganizationId, team.Supporter.User.Id);
        var client = app.CreateBrowserlikeClient();
        var code = await MailedCodeAsync(client, anna);
        var wrong = code == "000000" ? "111111" : "000000";

        var messages = new List<string>();
        for (var i = 0; i < OwnViewAccess.MaxFailures; i++)
        {
            var response = await client.PostFormAsync($"/status/{anna.Token}/mijn-gegevens?handler=Verify", new() { ["Code"] = wrong });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            messages.Add(Message(await response.Content.ReadAsStringAsync()));
        }
        // Locked: even the right code is refused now, with the same words.
        var locked = await client.PostFormAsync($"/status/{anna.Token}/mijn-gegevens?handler=Verify", new() { ["Code"] = code });
        Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
        messages.Add(Message(await locked.Content.ReadAsStringAsync()));
        // A link that does not exist, and a malformed one, read exactly the same.
        var unknown = await client.PostFormAsync($"/status/{SecretToken.New()}/mijn-gegevens?handler=Verify", new() { ["Code"] = code }, $"/status/{anna.Token}/mijn-gegevens");
        messages.Add(Message(await unknown.Content.ReadAsStringAsync()));
        var malformed = await client.PostFormAsync("/status/kapot/mijn-gegevens?handler=Verify", new() { ["Code"] = "12" }, $"/status/{anna.Token}/mijn-gegevens");
        messages.Add(Message(await malformed.Content.ReadAsStringAsync()));
        Assert.Single(messages.Distinct());
        Assert.Contains("De code klopt niet", messages[0], StringComparison.Ordinal);
        Assert.DoesNotContain(anna.Marker, await (await client.GetAsync($"/status/{anna.Token}/mijn-gegevens")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // While locked no new code is sent.
        var mailsBefore = Directory.GetFiles(app.MailFolder, "*.eml").Length;
        await client.PostFormAsync($"/status/{anna.Token}/mijn-gegevens?handler=SendCode", new() { ["channel"] = "Email" });
        Assert.Equal(mailsBefore, Directory.GetFiles(app.MailFolder, "*.eml").Length);

        // After the lock a fresh code works.
        app.Clock.Advance(OwnViewAccess.LockFor + TimeSpan.FromMinutes(1));
        var fresh = await MailedCodeAsync(client, anna);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/status/{anna.Token}/mijn-gegevens?handler=Verify", new() { ["Code"] = fresh })).StatusCode);
        Assert.Contains(anna.Marker, await client.GetStringAsync($"/status/{anna.Token}/mijn-gegevens"), StringComparison.Ordinal);
        // The proof runs out after a while.
        app.Clock.Advance(OwnViewSession.Lifetime + TimeSpan.FromMinutes(1));
        Assert.DoesNotContain(anna.Marker, await client.GetStringAsync($"/status/{anna.Token}/mijn-gegevens"), StringComparison.Ordinal);
    }

    private static string Message(string html)
    {
        var match = Regex.Match(html, "<div class=\"utrecht-alert[^\"]*\" role=\"alert\">\\s*<div class=\"utrecht-alert__content\"><p class=\"utrecht-paragraph\">(.*?)</p>", RegexOptions.Singleline);
        Assert.True(match.Success, "No alert on the page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [Fact]
    public async Task Kompas_page_says_the_resident_can_read_the_reflections_the_own_view_shows()
    {
        var team = await TeamAsync();
        var anna = await PersonAsync(team.OrganizationId, team.Supporter.User.Id);
        var supporter = await app.SignInAsync(team.Supporter);

        var kompas = WebUtility.HtmlDecode(await supporter.GetStringAsync($"/werk/casussen/{anna.CaseId}/kompas"));
        Assert.Contains($"Kompas {anna.Marker}", kompas, StringComparison.Ordinal);
        Assert.DoesNotContain("de inwoner en andere meedenkers niet", kompas, StringComparison.Ordinal);
        Assert.Contains("De inwoner kan lezen wat je hier schrijft.", kompas, StringComparison.Ordinal);

        var client = await OpenOwnViewAsync(anna);
        var own = WebUtility.HtmlDecode(await client.GetStringAsync($"/status/{anna.Token}/mijn-gegevens"));
        Assert.Contains($"Kompas {anna.Marker}", own, StringComparison.Ordinal);
        Assert.Contains("Je meedenker schrijft hier over de eigen aanpak.", own, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_handed_over_by_the_meedenker_opens_the_own_view()
    {
        var team = await TeamAsync();
        var anna = await PersonAsync(team.OrganizationId, team.Supporter.User.Id);
        var supporter = await app.SignInAsync(team.Supporter);
        var page = await supporter.PostFormAsync($"/werk/casussen/{anna.CaseId}/voor-inwoner?handler=Code", [], $"/werk/casussen/{anna.CaseId}/voor-inwoner");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var code = Regex.Match(await page.Content.ReadAsStringAsync(), "<strong class=\"md-reference\">(\\d{6})</strong>").Groups[1].Value;
        Assert.Equal(6, code.Length);
        var client = app.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/status/{anna.Token}/mijn-gegevens?handler=Verify", new() { ["Code"] = code })).StatusCode);
        Assert.Contains(anna.Marker, await client.GetStringAsync($"/status/{anna.Token}/mijn-gegevens"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_holds_every_part_of_the_record_as_html_and_json_and_is_logged()
    {
        var team = await TeamAsync();
        var anna = await PersonAsync(team.OrganizationId, team.Supporter.User.Id, closed: true);
        var stranger = app.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.GetAsync($"/status/{anna.Token}/mijn-gegevens/download?handler=Json")).StatusCode);

        var client = await OpenOwnViewAsync(anna);
        var json = await client.GetAsync($"/status/{anna.Token}/mijn-gegevens/download?handler=Json");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", json.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        var html = await client.GetAsync($"/status/{anna.Token}/mijn-gegevens/download");
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        var jsonText = await json.Content.ReadAsStringAsync();
        var htmlText = WebUtility.HtmlDecode(await html.Content.ReadAsStringAsync());
        using var document = System.Text.Json.JsonDocument.Parse(jsonText);
        Assert.Equal(anna.Email, document.RootElement.GetProperty("person").GetProperty("email").GetString());
        foreach (var part in Parts.Append("Ervaring"))
        {
            Assert.Contains($"{part} {anna.Marker}", jsonText, StringComparison.Ordinal);
            Assert.Contains($"{part} {anna.Marker}", htmlText, StringComparison.Ordinal);
        }
        Assert.Equal(2, app.WithDb(db => db.AccessLog.Count(a => a.ResidentId == anna.ResidentId && a.Action == AccessAction.Export && a.UserName == "resident")));
    }

    [Fact]
    public async Task A_withdrawn_consent_hides_the_part_from_the_informal_meedenker_on_the_next_request()
    {
        var team = await TeamAsync();
        var anna = await PersonAsync(team.OrganizationId, team.Supporter.User.Id);
        var informalOrganization = await app.CreateOrganizationAsync(OrganizationKind.SupportB);
        var volunteer = await app.CreateStaffAsync(StaffRoles.Supporter, informalOrganization.Id, SupporterKind.Volunteer, twoFactor: true);
        var consentId = await app.WithDbAsync(async db =>
        {
            db.CaseParticipants.Add(new CaseParticipant
            {
                Id = Guid.NewGuid(),
                CaseId = anna.CaseId,
                SupporterId = volunteer.User.Id,
                OrganizationId = informalOrganization.Id,
                LifeDomainCodes = ["wonen"],
                HandoverId = Guid.NewGuid(),
                Since = app.Clock.GetUtcNow(),
            });
            var consent = CaseConsent.Give(anna.CaseId, volunteer.User.Id, informalOrganization.Id, SharedParts.Plan, ["wonen"], "inwoner", ConsentGivenHow.Verbal, team.Supporter.User.Id, app.Clock.GetUtcNow());
            db.CaseConsents.Add(consent);
            await db.SaveChangesAsync();
            return consent.Id;
        });
        var informal = await app.SignInAsync(volunteer);
        Assert.Contains($"Doel {anna.Marker}", WebUtility.HtmlDecode(await informal.GetStringAsync($"/werk/casussen/{anna.CaseId}/plan")), StringComparison.Ordinal);

        var resident = await OpenOwnViewAsync(anna);
        var ownPage = WebUtility.HtmlDecode(await resident.GetStringAsync($"/status/{anna.Token}/mijn-gegevens"));
        Assert.Contains(volunteer.User.DisplayName.Split(' ')[0], ownPage, StringComparison.Ordinal);
        // Someone else's consent id is refused and changes nothing.
        var foreign = await resident.PostFormAsync($"/status/{anna.Token}/mijn-gegevens?handler=WithdrawConsent", new() { ["consentId"] = Guid.NewGuid().ToString() }, $"/status/{anna.Token}/mijn-gegevens");
        Assert.Contains("hoort niet bij jou", WebUtility.HtmlDecode(await foreign.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var withdrawn = await resident.PostFormAsync($"/status/{anna.Token}/mijn-gegevens?handler=WithdrawConsent", new() { ["consentId"] = consentId.ToString() }, $"/status/{anna.Token}/mijn-gegevens");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        var stored = app.WithDb(db => db.CaseConsents.Single(c => c.Id == consentId));
        Assert.Equal(CaseConsent.ByResident, stored.WithdrawnBy);

        var plan = WebUtility.HtmlDecode(await informal.GetStringAsync($"/werk/casussen/{anna.CaseId}/plan"));
        Assert.DoesNotContain($"Doel {anna.Marker}", plan, StringComparison.Ordinal);
        // The responsible meedenker still sees it: withdrawal narrows sharing, it does not delete.
        var responsible = await app.SignInAsync(team.Supporter);
        Assert.Contains($"Doel {anna.Marker}", WebUtility.HtmlDecode(await responsible.GetStringAsync($"/werk/casussen/{anna.CaseId}/plan")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_erasure_request_becomes_a_task_due_in_a_month_and_erases_everywhere_while_the_monitor_stays()
    {
        var team = await TeamAsync();
        var anna = await PersonAsync(team.OrganizationId, team.Supporter.User.Id, closed: true);
        var resident = await OpenOwnViewAsync(anna);

        // A correction without text is refused and stores nothing.
        var empty = await resident.PostFormAsync($"/status/{anna.Token}/mijn-gegevens?handler=PrivacyRequest", new() { ["Kind"] = "Correction", ["RequestText"] = "  " }, $"/status/{anna.Token}/mijn-gegevens");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Schrijf op wat er niet klopt", WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, app.WithDb(db => db.PrivacyRequests.Count(p => p.ResidentId == anna.ResidentId)));

        var asked = await resident.PostFormAsync($"/status/{anna.Token}/mijn-gegevens?handler=PrivacyRequest", new() { ["Kind"] = "Erasure", ["RequestText"] = $"Wis alles van {anna.Name}" }, $"/status/{anna.Token}/mijn-gegevens");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var request = app.WithDb(db => db.PrivacyRequests.Single(p => p.ResidentId == anna.ResidentId));
        Assert.Equal(PrivacyRequestKind.Erasure, request.Kind);
        Assert.Equal(team.OrganizationId, request.OrganizationId);
        Assert.Equal(DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddMonths(1), request.DueOn);
        Assert.Contains("in behandeling", WebUtility.HtmlDecode(await resident.GetStringAsync($"/status/{anna.Token}/mijn-gegevens")), StringComparison.Ordinal);

        // Another organisation's coordinator does not see the task; this one's does.
        var otherOrganization = await app.CreateOrganizationAsync();
        var other = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Coordinator, otherOrganization.Id, twoFactor: true));
        Assert.DoesNotContain(anna.Name, await other.GetStringAsync("/werk/privacyverzoeken"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync($"/werk/privacyverzoeken?handler=Handle&id={request.Id}", new() { ["outcome"] = "Done" }, "/werk/privacyverzoeken")).StatusCode);
        var coordinator = await app.SignInAsync(team.Coordinator);
        Assert.Contains($"Wis alles van {anna.Name}", WebUtility.HtmlDecode(await coordinator.GetStringAsync("/werk/privacyverzoeken")), StringComparison.Ordinal);

        var figuresBefore = await app.MonitorFiguresAsync();
        var logBefore = app.WithDb(db => db.AccessLog.Count(a => a.ResidentId == anna.ResidentId));
        var handled = await coordinator.PostFormAsync($"/werk/privacyverzoeken?handler=Handle&id={request.Id}", new() { ["outcome"] = "Done", ["Answer"] = "Gewist." }, "/werk/privacyverzoeken");
        Assert.Equal(HttpStatusCode.Redirect, handled.StatusCode);

        Assert.Empty(await app.FindInDatabaseAsync(anna.Name));
        Assert.Empty(await app.FindInDatabaseAsync(anna.Email));
        Assert.Empty(await app.FindInDatabaseAsync(anna.Marker));
        Assert.Equal(figuresBefore, await app.MonitorFiguresAsync());
        // The access log keeps the fact of every access (and adds the erasure), not the content.
        Assert.True(app.WithDb(db => db.AccessLog.Count(a => a.ResidentId == anna.ResidentId)) > logBefore);
        Assert.NotNull(app.WithDb(db => db.PrivacyRequests.Single(p => p.Id == request.Id).HandledAt));
        // The status link no longer opens anything.
        Assert.DoesNotContain("Over jou", await app.CreateBrowserlikeClient().GetStringAsync($"/status/{anna.Token}/mijn-gegevens"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erasure_waits_for_an_open_case_to_be_closed_and_a_correction_gets_an_answer()
    {
        var team = await TeamAsync();
        var anna = await PersonAsync(team.OrganizationId, team.Supporter.User.Id);
        var resident = await OpenOwnViewAsync(anna);
        await resident.PostFormAsync($"/status/{anna.Token}/mijn-gegevens?handler=PrivacyRequest", new() { ["Kind"] = "Erasure" }, $"/status/{anna.Token}/mijn-gegevens");
        await resident.PostFormAsync($"/status/{anna.Token}/mijn-gegevens?handler=PrivacyRequest", new() { ["Kind"] = "Correction", ["RequestText"] = "Mijn geboortejaar is 1961." }, $"/status/{anna.Token}/mijn-gegevens");
        var requests = app.WithDb(db => db.PrivacyRequests.Where(p => p.ResidentId == anna.ResidentId).ToList());
        var coordinator = await app.SignInAsync(team.Coordinator);

        var erase = await coordinator.PostFormAsync($"/werk/privacyverzoeken?handler=Handle&id={requests.Single(r => r.Kind == PrivacyRequestKind.Erasure).Id}", new() { ["outcome"] = "Done" }, "/werk/privacyverzoeken");
        Assert.Contains("nog een open casus", WebUtility.HtmlDecode(await erase.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.NotEmpty(await app.FindInDatabaseAsync(anna.Email));
        Assert.Null(app.WithDb(db => db.PrivacyRequests.Single(p => p.Kind == PrivacyRequestKind.Erasure && p.ResidentId == anna.ResidentId).HandledAt));

        var correctionId = requests.Single(r => r.Kind == PrivacyRequestKind.Correction).Id;
        var refusedWithoutReason = await coordinator.PostFormAsync($"/werk/privacyverzoeken?handler=Handle&id={correctionId}", new() { ["outcome"] = "Refused" }, "/werk/privacyverzoeken");
        Assert.Contains("waarom het verzoek wordt geweigerd", WebUtility.HtmlDecode(await refusedWithoutReason.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await coordinator.PostFormAsync($"/werk/privacyverzoeken?handler=Handle&id={correctionId}", new() { ["outcome"] = "Done", ["Answer"] = "Aangepast naar 1961." }, "/werk/privacyverzoeken");
        var own = WebUtility.HtmlDecode(await resident.GetStringAsync($"/status/{anna.Token}/mijn-gegevens"));
        Assert.Contains("Aangepast naar 1961.", own, StringComparison.Ordinal);
    }
}
