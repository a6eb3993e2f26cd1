using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.IntegrationTests;

/// <summary>Op/afschalen, consent-scoped sharing, concurrency, reopening and the outreach list through the pages.</summary>
public sealed partial class HandoverTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    [GeneratedRegex("name=\"Version\" value=\"([^\"]+)\"")]
    private static partial Regex VersionField();

    private static string Today(int days = 0) => TestClock.Now.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record Setup(MeedenkerFactory.Staff Volunteer, MeedenkerFactory.Staff Coordinator, MeedenkerFactory.Staff Professional, Guid FormalOrganization, MeedenkerFactory.CaseRef Case);

    private async Task<Setup> SetupAsync()
    {
        var volunteerOrganization = await app.CreateOrganizationAsync(OrganizationKind.SupportC);
        var formalOrganization = await app.CreateOrganizationAsync(OrganizationKind.SupportA);
        var volunteer = await app.CreateStaffAsync(StaffRoles.Supporter, volunteerOrganization.Id, SupporterKind.Volunteer, twoFactor: true);
        var coordinator = await app.CreateStaffAsync(StaffRoles.Coordinator, volunteerOrganization.Id, twoFactor: true);
        var professional = await app.CreateStaffAsync(StaffRoles.Supporter, formalOrganization.Id, SupporterKind.Professional, twoFactor: true);
        var @case = await app.CreateCaseAsync(volunteerOrganization.Id, volunteer.User.Id);
        return new Setup(volunteer, coordinator, professional, formalOrganization.Id, @case);
    }

    private static async Task<string> VersionAsync(HttpClient client, string url) => VersionField().Match(await client.GetStringAsync(url)).Groups[1].Value;

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string> fields, string page)
    {
        fields["Version"] = await VersionAsync(client, page);
        return await client.PostFormAsync(url, fields, page);
    }

    private static async Task<HttpResponseMessage> PostPairsAsync(HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, string page)
    {
        var html = await client.GetStringAsync(page);
        var all = fields.Append(new("Version", VersionField().Match(html).Groups[1].Value)).Append(new("__RequestVerificationToken", HttpClientFormExtensions.AntiforgeryToken(html)));
        using var content = new FormUrlEncodedContent(all);
        return await client.PostAsync(url, content);
    }

    [Fact]
    public async Task A_volunteer_scales_part_of_a_case_up_and_the_professional_sees_only_what_the_resident_agreed_to_share()
    {
        var s = await SetupAsync();
        var volunteer = await app.SignInAsync(s.Volunteer);
        var plan = $"/werk/casussen/{s.Case.CaseId}/plan";
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(volunteer, plan + "?handler=Goal", new() { ["Goal.LifeDomain"] = "financien-inkomen", ["Goal.Text"] = "Rust in de post" }, plan)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(volunteer, plan + "?handler=Goal", new() { ["Goal.LifeDomain"] = "wonen", ["Goal.Text"] = "Een woning dichter bij mijn dochter" }, plan)).StatusCode);
        var goalId = app.WithDb(db => db.PlanGoals.Single(g => g.CaseId == s.Case.CaseId && g.LifeDomainCode == "financien-inkomen").Id);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(volunteer, plan + "?handler=Action",
            new() { ["NewAction.GoalId"] = goalId.ToString(), ["NewAction.Text"] = "Bezwaar maken tegen de terugvordering", ["NewAction.Owner"] = "Resident", ["NewAction.DueOn"] = Today(14) }, plan)).StatusCode);
        var actionId = app.WithDb(db => db.PlanActions.Single(a => a.CaseId == s.Case.CaseId).Id);

        var handoverPage = $"/werk/casussen/{s.Case.CaseId}/overdragen?richting=InformalToFormal&organisatie={s.FormalOrganization}";
        // A part that is not in the case is refused and nothing is proposed.
        var wrong = await PostPairsAsync(volunteer, handoverPage, Handover(s, ["veiligheid"], actionId), handoverPage);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Een gekozen deel hoort niet bij deze casus.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, app.WithDb(db => db.Handovers.Count(h => h.CaseId == s.Case.CaseId)));

        var page = await volunteer.GetStringAsync(handoverPage);
        Assert.Contains($"Receiver-{s.Professional.User.Id}", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostPairsAsync(volunteer, handoverPage, Handover(s, ["financien-inkomen"], actionId), handoverPage)).StatusCode);
        var handover = app.WithDb(db => db.Handovers.Single(h => h.CaseId == s.Case.CaseId));
        Assert.Equal(HandoverStatus.Proposed, handover.Status);

        // The receiver sees the handover, and of the case only the shared plan of the life domain in scope.
        var professional = await app.SignInAsync(s.Professional);
        var inbox = await professional.GetStringAsync("/werk/mijn-casussen");
        Assert.Contains("Overdracht accepteren", inbox, StringComparison.Ordinal);
        Assert.Contains($"Van {s.Volunteer.User.DisplayName}", inbox, StringComparison.Ordinal);
        Assert.DoesNotContain("Casussen waar je aan een deel werkt", inbox, StringComparison.Ordinal);
        var shared = await professional.GetStringAsync(plan);
        Assert.Contains("Rust in de post", shared, StringComparison.Ordinal);
        Assert.DoesNotContain("Een woning dichter bij mijn dochter", shared, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await professional.GetAsync($"/werk/casussen/{s.Case.CaseId}/overdragen")).StatusCode);

        var accepted = await professional.PostFormAsync($"/werk/mijn-casussen?handler=AcceptHandover&id={handover.Id}", [], "/werk/mijn-casussen");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        app.WithDb(db =>
        {
            Assert.Equal(HandoverStatus.Accepted, db.Handovers.Single(h => h.Id == handover.Id).Status);
            Assert.Equal(s.Volunteer.User.Id, db.Cases.Single(c => c.Id == s.Case.CaseId).SupporterId);
            var participant = db.CaseParticipants.Single(p => p.CaseId == s.Case.CaseId);
            Assert.Equal(s.Professional.User.Id, participant.SupporterId);
            Assert.Equal(["financien-inkomen"], participant.LifeDomainCodes);
            Assert.Equal(s.Professional.User.Id, db.PlanActions.Single(a => a.Id == actionId).OwnerSupporterId);
            return 0;
        });

        // Accepting it again is an invalid transition: a clear message, nothing changes.
        var again = await professional.PostFormAsync($"/werk/mijn-casussen?handler=AcceptHandover&id={handover.Id}", [], "/werk/mijn-casussen");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var mine = await professional.GetStringAsync("/werk/mijn-casussen");
        Assert.Contains("niet meer open", mine, StringComparison.Ordinal);
        Assert.Contains("Casussen waar je aan een deel werkt", mine, StringComparison.Ordinal);
        Assert.Contains(s.Case.ReferenceCode, mine, StringComparison.Ordinal);
        Assert.DoesNotContain("Overdracht accepteren", mine, StringComparison.Ordinal);
        Assert.Equal(1, app.WithDb(db => db.CaseParticipants.Count(p => p.CaseId == s.Case.CaseId)));

        // The participant updates their own action.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(professional, plan + $"?handler=Status&actionId={actionId}", new() { ["Status"] = "Done" }, plan)).StatusCode);
        Assert.Equal(PlanActionStatus.Done, app.WithDb(db => db.PlanActions.Single(a => a.Id == actionId).Status));

        // The resident withdraws consent: from the next read the plan is hidden, apart from the action that is the professional's own.
        var consentId = app.WithDb(db => db.CaseConsents.Single(c => c.CaseId == s.Case.CaseId && c.WithdrawnAt == null).Id);
        var consents = $"/werk/casussen/{s.Case.CaseId}/toestemming";
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(volunteer, consents + $"?handler=Withdraw&consentId={consentId}", [], consents)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(volunteer, plan + "?handler=Goal", new() { ["Goal.LifeDomain"] = "financien-inkomen", ["Goal.Text"] = "Schulden op een rij" }, plan)).StatusCode);
        var after = await professional.GetStringAsync(plan);
        Assert.DoesNotContain("Schulden op een rij", after, StringComparison.Ordinal);
        Assert.Contains("Rust in de post", after, StringComparison.Ordinal);
    }

    private static List<KeyValuePair<string, string>> Handover(Setup s, IEnumerable<string> domains, Guid actionId)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.Criteria", "complex"),
            new("Input.Criteria", "bezwaar"),
            new("Input.Reason", "Bezwaar tegen de terugvordering vraagt een beroepskracht."),
            new("Input.Scope", "deel"),
            new("Input.Actions", actionId.ToString()),
            new("Input.Receiver", s.Professional.User.Id.ToString()),
            new("Input.PlannedOn", Today(3)),
            new("Input.ResidentPresent", "true"),
            new("Input.PassedOn", "Brief van 12 november over terugvordering."),
            new("Input.Parts", "Plan"),
            new("Input.ConsentHow", "Verbal"),
        };
        fields.AddRange(domains.Select(d => new KeyValuePair<string, string>("Input.LifeDomains", d)));
        return fields;
    }

    [Fact]
    public async Task A_meedenker_on_a_part_sees_not_shared_instead_of_empty_sections_and_the_plan_names_whose_action_it_is()
    {
        var s = await SetupAsync();
        var volunteer = await app.SignInAsync(s.Volunteer);
        var file = $"/werk/casussen/{s.Case.CaseId}";
        var plan = file + "/plan";
        var network = file + "/netwerk";
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(volunteer, file + "?handler=Contact",
            new() { ["Contact.Date"] = Today(), ["Contact.Time"] = "00:01", ["Contact.Mode"] = "Phone", ["Contact.Minutes"] = "20", ["Contact.Note"] = "Eerste gesprek" }, file)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(volunteer, network + "?handler=Add",
            new() { ["Member.Kind"] = "Person", ["Member.Name"] = "Dochter Sanne", ["Member.Relation"] = "dochter" }, network)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(volunteer, plan + "?handler=Goal", new() { ["Goal.LifeDomain"] = "financien-inkomen", ["Goal.Text"] = "Rust in de post" }, plan)).StatusCode);
        var goalId = app.WithDb(db => db.PlanGoals.Single(g => g.CaseId == s.Case.CaseId).Id);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(volunteer, plan + "?handler=Action",
            new() { ["NewAction.GoalId"] = goalId.ToString(), ["NewAction.Text"] = "Bezwaar maken tegen de terugvordering", ["NewAction.Owner"] = "Supporter" }, plan)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(volunteer, plan + "?handler=Action",
            new() { ["NewAction.GoalId"] = goalId.ToString(), ["NewAction.Text"] = "Samen de brieven sorteren", ["NewAction.Owner"] = "Supporter" }, plan)).StatusCode);
        var handedOver = app.WithDb(db => db.PlanActions.Single(a => a.CaseId == s.Case.CaseId && a.Text.StartsWith("Bezwaar")).Id);
        var handoverPage = $"/werk/casussen/{s.Case.CaseId}/overdragen?richting=InformalToFormal&organisatie={s.FormalOrganization}";
        Assert.Equal(HttpStatusCode.Redirect, (await PostPairsAsync(volunteer, handoverPage, Handover(s, ["financien-inkomen"], handedOver), handoverPage)).StatusCode);
        var handover = app.WithDb(db => db.Handovers.Single(h => h.CaseId == s.Case.CaseId));
        var professional = await app.SignInAsync(s.Professional);
        Assert.Equal(HttpStatusCode.Redirect, (await professional.PostFormAsync($"/werk/mijn-casussen?handler=AcceptHandover&id={handover.Id}", [], "/werk/mijn-casussen")).StatusCode);

        // Only the plan was shared: the contacts and the network exist but are not shared, so they do not look empty.
        var overview = await professional.GetStringAsync(file);
        Assert.DoesNotContain("Nog geen contact", overview, StringComparison.Ordinal);
        Assert.DoesNotContain("Eerste gesprek", overview, StringComparison.Ordinal);
        Assert.Contains("De contactmomenten zijn niet met jou gedeeld.", overview, StringComparison.Ordinal);
        var drawing = await professional.GetStringAsync(network);
        Assert.DoesNotContain("Nog niemand vastgelegd", drawing, StringComparison.Ordinal);
        Assert.DoesNotContain("Dochter Sanne", drawing, StringComparison.Ordinal);
        Assert.Contains("Het netwerk is niet met jou gedeeld.", drawing, StringComparison.Ordinal);

        // The plan says whose action it is: "(jij)" only on the viewer's own action, the other meedenker by name.
        var professionalsPlan = WebUtility.HtmlDecode(await professional.GetStringAsync(plan));
        Assert.Contains($"Bezwaar maken tegen de terugvordering</span> — de meedenker ({s.Professional.User.DisplayName}) (jij)", professionalsPlan, StringComparison.Ordinal);
        Assert.Contains($"Samen de brieven sorteren</span> — de meedenker ({s.Volunteer.User.DisplayName}),", professionalsPlan, StringComparison.Ordinal);
        var volunteersPlan = WebUtility.HtmlDecode(await volunteer.GetStringAsync(plan));
        Assert.Contains($"Bezwaar maken tegen de terugvordering</span> — de meedenker ({s.Professional.User.DisplayName}),", volunteersPlan, StringComparison.Ordinal);
        Assert.Contains($"Samen de brieven sorteren</span> — de meedenker ({s.Volunteer.User.DisplayName}) (jij)", volunteersPlan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_save_of_the_plan_from_an_old_version_gets_a_message_and_its_input_back()
    {
        var s = await SetupAsync();
        var volunteer = await app.SignInAsync(s.Volunteer);
        var coordinator = await app.SignInAsync(s.Coordinator);
        var plan = $"/werk/casussen/{s.Case.CaseId}/plan";
        var stale = await VersionAsync(volunteer, plan);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, plan + "?handler=Goal", new() { ["Goal.LifeDomain"] = "wonen", ["Goal.Text"] = "Doel van de coördinator" }, plan)).StatusCode);

        var refused = await volunteer.PostFormAsync(plan + "?handler=Goal", new() { ["Version"] = stale, ["Goal.LifeDomain"] = "wonen", ["Goal.Text"] = "Doel van de vrijwilliger" }, plan);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Iemand anders heeft deze casus net gewijzigd", html, StringComparison.Ordinal);
        Assert.Contains("Doel van de vrijwilliger</textarea>", html, StringComparison.Ordinal);
        Assert.Equal(["Doel van de coördinator"], app.WithDb(db => db.PlanGoals.Where(g => g.CaseId == s.Case.CaseId).Select(g => g.Text).ToList()));
    }

    [Fact]
    public async Task Closing_while_a_professional_works_on_an_accepted_part_is_refused_until_that_part_is_finished()
    {
        var s = await SetupAsync();
        var volunteer = await app.SignInAsync(s.Volunteer);
        var plan = $"/werk/casussen/{s.Case.CaseId}/plan";
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(volunteer, plan + "?handler=Goal", new() { ["Goal.LifeDomain"] = "wonen", ["Goal.Text"] = "Een woning dichter bij mijn dochter" }, plan)).StatusCode);
        var goalId = app.WithDb(db => db.PlanGoals.Single(g => g.CaseId == s.Case.CaseId).Id);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(volunteer, plan + "?handler=Action",
            new() { ["NewAction.GoalId"] = goalId.ToString(), ["NewAction.Text"] = "Urgentie aanvragen", ["NewAction.Owner"] = "Resident", ["NewAction.DueOn"] = Today(14) }, plan)).StatusCode);
        var actionId = app.WithDb(db => db.PlanActions.Single(a => a.CaseId == s.Case.CaseId).Id);
        var handoverPage = $"/werk/casussen/{s.Case.CaseId}/overdragen?richting=InformalToFormal&organisatie={s.FormalOrganization}";
        Assert.Equal(HttpStatusCode.Redirect, (await PostPairsAsync(volunteer, handoverPage, Handover(s, ["wonen"], actionId), handoverPage)).StatusCode);
        var handoverId = app.WithDb(db => db.Handovers.Single(h => h.CaseId == s.Case.CaseId).Id);
        var professional = await app.SignInAsync(s.Professional);
        Assert.Equal(HttpStatusCode.Redirect, (await professional.PostFormAsync($"/werk/mijn-casussen?handler=AcceptHandover&id={handoverId}", [], "/werk/mijn-casussen")).StatusCode);

        var file = $"/werk/casussen/{s.Case.CaseId}";
        var close = new Dictionary<string, string> { ["Closing.Reason"] = "QuestionAnswered", ["Closing.FollowUpOn"] = Today(91) };
        var refused = await PostAsync(volunteer, file + "?handler=Close", new(close), file);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains($"Je kunt de casus nog niet afsluiten. {s.Professional.User.DisplayName} werkt nog aan een deel ervan.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Open, app.WithDb(db => db.Cases.Single(c => c.Id == s.Case.CaseId).Status));
        Assert.Equal(0, app.WithDb(db => db.FollowUps.Count(f => f.CaseId == s.Case.CaseId)));

        // The professional finishes their part; then the volunteer can close.
        var partId = app.WithDb(db => db.CaseParticipants.Single(p => p.CaseId == s.Case.CaseId).Id);
        Assert.Contains("Deel afronden", await professional.GetStringAsync(file), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(professional, file + "?handler=FinishPart", new() { ["PartId"] = partId.ToString() }, file)).StatusCode);
        Assert.NotNull(app.WithDb(db => db.CaseParticipants.Single(p => p.Id == partId).EndedAt));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(volunteer, file + "?handler=Close", new(close), file)).StatusCode);
        Assert.Equal(CaseStatus.Closed, app.WithDb(db => db.Cases.Single(c => c.Id == s.Case.CaseId).Status));
    }

    [Fact]
    public async Task Closing_twice_is_refused_and_help_again_reopens_the_case_with_the_same_meedenker()
    {
        var s = await SetupAsync();
        var token = SecretToken.New();
        await app.WithDbAsync(async db =>
        {
            var request = await db.Cases.Where(c => c.Id == s.Case.CaseId).Join(db.HelpRequests, c => c.HelpRequestId, h => h.Id, (c, h) => h).SingleAsync();
            request.StatusTokenHash = SecretToken.Hash(token);
            return await db.SaveChangesAsync();
        });
        var volunteer = await app.SignInAsync(s.Volunteer);
        var file = $"/werk/casussen/{s.Case.CaseId}";
        var version = await VersionAsync(volunteer, file);
        var close = new Dictionary<string, string>
        {
            ["Version"] = version,
            ["Closing.Reason"] = "QuestionAnswered",
            ["Closing.FollowUpOn"] = Today(91),
            ["Closing.Heard"] = "5",
            ["Closing.Helped"] = "4",
            ["Closing.Manages"] = "4",
        };
        Assert.Equal(HttpStatusCode.Redirect, (await volunteer.PostFormAsync(file + "?handler=Close", new(close), file)).StatusCode);
        Assert.Equal(1, app.WithDb(db => db.ResidentExperiences.Count(x => x.CaseId == s.Case.CaseId)));
        // The same form again (back button): the case is closed, so nothing changes and no 500.
        var twice = await volunteer.PostFormAsync(file + "?handler=Close", new(close), file);
        Assert.NotEqual(HttpStatusCode.InternalServerError, twice.StatusCode);
        Assert.Equal(1, app.WithDb(db => db.FollowUps.Count(f => f.CaseId == s.Case.CaseId)));

        var status = app.CreateBrowserlikeClient();
        var statusPage = await status.GetStringAsync($"/status/{token}");
        Assert.Contains("Hoe was de hulp?", statusPage, StringComparison.Ordinal);
        var again = await status.PostFormAsync($"/status/{token}?handler=HelpAgain", [], $"/status/{token}");
        Assert.Contains("je meedenker van eerder", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        app.WithDb(db =>
        {
            var @case = db.Cases.Single(c => c.Id == s.Case.CaseId);
            Assert.Equal(CaseStatus.Open, @case.Status);
            Assert.Equal(s.Volunteer.User.Id, @case.SupporterId);
            Assert.NotNull(@case.ReopenedAt);
            return 0;
        });
    }

    [Fact]
    public async Task The_outreach_list_puts_the_most_vulnerable_first_and_records_the_call_as_a_contact()
    {
        var s = await SetupAsync();
        var calm = await app.CreateCaseAsync(s.Volunteer.User.OrganizationId, s.Volunteer.User.Id, "Rustig");
        await app.WithDbAsync(async db =>
        {
            var vulnerable = await db.Cases.SingleAsync(c => c.Id == s.Case.CaseId);
            vulnerable.LivesAlone = true;
            db.SelfRelianceScores.Add(new SelfRelianceScore { Id = Guid.NewGuid(), CaseId = vulnerable.Id, LifeDomainCode = "wonen", Moment = SelfRelianceMoment.Start, Score = 1, At = DateTimeOffset.UnixEpoch.AddYears(56) });
            var other = await db.Cases.SingleAsync(c => c.Id == calm.CaseId);
            other.LivesAlone = false;
            for (var n = 0; n < 3; n++)
            {
                db.NetworkMembers.Add(new NetworkMember { Id = Guid.NewGuid(), CaseId = other.Id, Kind = NetworkMemberKind.Person, Name = "Buur " + n, Relation = "buurman", CreatedAt = DateTimeOffset.UnixEpoch.AddYears(56) });
            }
            db.Contacts.Add(new Contact { Id = Guid.NewGuid(), CaseId = other.Id, At = TestClock.Now.AddDays(-2), Mode = ContactMode.Phone, DurationMinutes = 5 });
            return await db.SaveChangesAsync();
        });
        var coordinator = await app.SignInAsync(s.Coordinator);
        var list = await coordinator.GetStringAsync("/werk/bellijst");
        Assert.True(list.IndexOf(s.Case.ReferenceCode, StringComparison.Ordinal) < list.IndexOf(calm.ReferenceCode, StringComparison.Ordinal), "The vulnerable resident comes first");
        Assert.Contains("woont alleen", list, StringComparison.Ordinal);

        var call = await coordinator.PostFormAsync($"/werk/bellijst?handler=Call&id={s.Case.CaseId}", new() { ["Minutes"] = "12", ["Note"] = "Gaat redelijk, boodschappen geregeld" }, "/werk/bellijst");
        Assert.Equal(HttpStatusCode.Redirect, call.StatusCode);
        Assert.True(app.WithDb(db => db.Contacts.Any(k => k.CaseId == s.Case.CaseId && k.IsOutreach && k.DurationMinutes == 12)));
        var bad = await coordinator.PostFormAsync($"/werk/bellijst?handler=Call&id={s.Case.CaseId}", new() { ["Minutes"] = "0" }, "/werk/bellijst");
        Assert.Equal(HttpStatusCode.Redirect, bad.StatusCode);
        Assert.Contains("De duur is 1 tot 600 minuten.", await coordinator.GetStringAsync("/werk/bellijst"), StringComparison.Ordinal);
        Assert.Equal(1, app.WithDb(db => db.Contacts.Count(k => k.CaseId == s.Case.CaseId && k.IsOutreach)));
    }

    [Fact]
    public async Task The_outreach_list_ranks_by_the_vulnerability_points_and_leaves_out_older_and_other_cases()
    {
        var organization = await app.CreateOrganizationAsync(OrganizationKind.SupportA);
        var coordinator = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var supporter = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, SupporterKind.Professional, twoFactor: true);
        var a = await app.CreateCaseAsync(organization.Id, supporter.User.Id, "Anna");
        var b = await app.CreateCaseAsync(organization.Id, supporter.User.Id, "Bram");
        var c = await app.CreateCaseAsync(organization.Id, supporter.User.Id, "Cas");
        var d = await app.CreateCaseAsync(organization.Id, supporter.User.Id, "Dewi");
        var old = await app.CreateCaseAsync(organization.Id, supporter.User.Id, "Oud");
        var elsewhere = await app.CreateCaseAsync((await app.CreateOrganizationAsync()).Id, null, "Elders");
        var now = TestClock.Now;
        await app.WithDbAsync(async db =>
        {
            void People(Guid caseId, int count)
            {
                for (var n = 0; n < count; n++)
                {
                    db.NetworkMembers.Add(new NetworkMember { Id = Guid.NewGuid(), CaseId = caseId, Kind = NetworkMemberKind.Person, Name = "Naaste " + n, Relation = "vriend", CreatedAt = now });
                }
            }
            void Score(Guid caseId, int score) =>
                db.SelfRelianceScores.Add(new SelfRelianceScore { Id = Guid.NewGuid(), CaseId = caseId, LifeDomainCode = "wonen", Moment = SelfRelianceMoment.Start, Score = score, At = now });
            void Contact(Guid caseId, int daysAgo) =>
                db.Contacts.Add(new Contact { Id = Guid.NewGuid(), CaseId = caseId, At = now.AddDays(-daysAgo), Mode = ContactMode.Phone, DurationMinutes = 5 });
            var cases = await db.Cases.Where(x => new[] { a.CaseId, b.CaseId, c.CaseId, d.CaseId, old.CaseId }.Contains(x.Id)).ToDictionaryAsync(x => x.Id);
            // Anna: alone 3, no network 3, self-reliance 1 gives 3, 100 days 2, open 1 = 12.
            cases[a.CaseId].LivesAlone = true;
            Score(a.CaseId, 1);
            Contact(a.CaseId, 100);
            // Bram: one person 1, self-reliance 3 gives 1, 40 days 1, open 1 = 4.
            cases[b.CaseId].LivesAlone = false;
            People(b.CaseId, 1);
            Score(b.CaseId, 3);
            Contact(b.CaseId, 40);
            // Cas: three people, self-reliance 4, 2 days, open 1 = 1.
            cases[c.CaseId].LivesAlone = false;
            People(c.CaseId, 3);
            Score(c.CaseId, 4);
            Contact(c.CaseId, 2);
            // Dewi: closed two months ago, three people, self-reliance 5, 60 days 1 = 1; longer ago than Cas, so first.
            cases[d.CaseId].LivesAlone = false;
            cases[d.CaseId].Status = CaseStatus.Closed;
            cases[d.CaseId].ClosedAt = now.AddDays(-60);
            People(d.CaseId, 3);
            Score(d.CaseId, 5);
            Contact(d.CaseId, 60);
            // Closed more than a year ago: not on the list.
            cases[old.CaseId].Status = CaseStatus.Closed;
            cases[old.CaseId].ClosedAt = now.AddDays(-400);
            return await db.SaveChangesAsync();
        });

        var list = await (await app.SignInAsync(coordinator)).GetStringAsync("/werk/bellijst");
        Assert.Contains("4 inwoners", list, StringComparison.Ordinal);
        var order = new[] { a, b, d, c }.Select(x => list.IndexOf(x.ReferenceCode, StringComparison.Ordinal)).ToList();
        Assert.All(order, position => Assert.True(position > 0));
        Assert.Equal(order.Order().ToList(), order);
        Assert.DoesNotContain(old.ReferenceCode, list, StringComparison.Ordinal);
        Assert.DoesNotContain(elsewhere.ReferenceCode, list, StringComparison.Ordinal);
        var bram = list[list.IndexOf(b.ReferenceCode, StringComparison.Ordinal)..list.IndexOf(d.ReferenceCode, StringComparison.Ordinal)];
        Assert.Contains("klein netwerk · zelfredzaamheid 3 · 40 dagen geen contact", bram, StringComparison.Ordinal);

        // The meedenker sees their own cases, in the same order.
        var own = await (await app.SignInAsync(supporter)).GetStringAsync("/werk/bellijst");
        Assert.Contains("4 inwoners", own, StringComparison.Ordinal);
        Assert.True(own.IndexOf(a.ReferenceCode, StringComparison.Ordinal) < own.IndexOf(c.ReferenceCode, StringComparison.Ordinal));
    }
}
