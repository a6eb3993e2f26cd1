using System.Text.RegularExpressions;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Meedenker.BrowserTests;

[Collection(BrowserSuite.Name)]
public sealed partial class HelpRequestJourneyTests(BrowserFixture browser)
{
    [GeneratedRegex("MD-[2-9A-Z]{4}-[2-9A-Z]{4}")]
    private static partial Regex Code();

    [Theory]
    [InlineData("nl", "Voor mezelf", "Gemeente", "Je vraag", "Hoe mogen we je noemen?", "Bellen", "Telefoonnummer", "Vraag versturen", "Je vraag is ontvangen", "Hoe staat het met je vraag?", "Ontvangen")]
    [InlineData("en", "For myself", "Municipality", "Your question", "What may we call you?", "Phone call", "Phone number", "Send request", "Your request was received", "How is your request going?", "Received")]
    public async Task Resident_asks_for_help_by_keyboard_and_follows_the_status(
        string language, string forMyself, string municipality, string question, string name, string phoneCall, string phone, string send, string received, string statusHeading, string receivedStep)
    {
        var page = await browser.NewPageAsync(language: language);
        await page.GotoAsync(browser.BaseUrl + "/hulp-vragen");
        await browser.AssertAccessibleAsync(page);

        // Only the keyboard: focus a field, then type, tick with Space and choose with the arrow keys.
        await page.GetByLabel(forMyself).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.GetByLabel(municipality, new() { Exact = true }).FocusAsync();
        await page.Keyboard.TypeAsync("Goes");
        await page.GetByLabel(question, new() { Exact = true }).FocusAsync();
        await page.Keyboard.TypeAsync("Ik snap de brieven van de gemeente niet.");
        await page.GetByLabel(name).FocusAsync();
        await page.Keyboard.TypeAsync("Henk");
        await page.GetByLabel(phoneCall, new() { Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.GetByLabel(phone, new() { Exact = true }).FocusAsync();
        await page.Keyboard.TypeAsync("0612345678");
        await page.GetByRole(AriaRole.Button, new() { Name = send }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForSelectorAsync("text=" + received);
        var code = Code().Match(await page.ContentAsync()).Value;
        Assert.NotEmpty(code);
        await browser.AssertAccessibleAsync(page);

        await page.Locator("a[href*='/status/']").FocusAsync();
        await page.FollowAsync(() => page.Keyboard.PressAsync("Enter"), "**/status/**");
        Assert.Equal(statusHeading, (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Contains(code, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Contains(receivedStep, await page.Locator("[aria-current=step]").InnerTextAsync(), StringComparison.Ordinal);
        await browser.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Form_with_mistakes_shows_a_summary_linked_to_the_fields_without_JavaScript()
    {
        var page = await browser.NewPageAsync(javaScript: false);
        await page.GotoAsync(browser.BaseUrl + "/hulp-vragen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vraag versturen" }).ClickAsync();
        await page.WaitForSelectorAsync("[role=alert]");

        var summary = page.Locator("[role=alert] a[href='#Input_Question']");
        Assert.Equal("Vertel in een paar woorden waar je hulp bij wilt.", (await summary.InnerTextAsync()).Trim());
        Assert.Contains("Input_Question-error", await page.GetByLabel("Je vraag", new() { Exact = true }).GetAttributeAsync("aria-describedby"), StringComparison.Ordinal);
        await page.Context.CloseAsync();

        var checkedPage = await browser.NewPageAsync();
        await checkedPage.GotoAsync(browser.BaseUrl + "/hulp-vragen");
        await checkedPage.GetByRole(AriaRole.Button, new() { Name = "Vraag versturen" }).ClickAsync();
        await checkedPage.WaitForSelectorAsync("[role=alert]");
        await browser.AssertAccessibleAsync(checkedPage);
        await checkedPage.Context.CloseAsync();
    }

    [Fact]
    public async Task Referrer_refers_a_resident_with_consent_and_sees_the_status()
    {
        var practice = await browser.App.CreateOrganizationAsync(OrganizationKind.Referrer);
        var referrer = await browser.App.CreateStaffAsync(StaffRoles.Referrer, practice.Id, twoFactor: true);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/account/inloggen?ReturnUrl=%2Fverwijzen");
        await page.GetByLabel("E-mailadres").FillAsync(referrer.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(IntegrationTests.Infrastructure.MeedenkerFactory.Password);
        await page.FollowAsync(() => page.GetByLabel("Wachtwoord").PressAsync("Enter"), "**/account/inloggen/code**");
        await page.GetByLabel("Code").FillAsync(IntegrationTests.Infrastructure.Totp.CodeNow(referrer.AuthenticatorKey!));
        await page.FollowAsync(() => page.GetByLabel("Code").PressAsync("Enter"), "**/verwijzen");
        await browser.AssertAccessibleAsync(page);

        await page.GetByLabel("Voornaam").FillAsync("Truus");
        await page.GetByLabel("Telefoonnummer van de inwoner").FillAsync("0113 456789");
        await page.GetByLabel("Gemeente van de inwoner").SelectOptionAsync(new SelectOptionValue { Label = "Kapelle" });
        await page.GetByLabel("Waarom denk je dat een meedenker kan helpen?").FillAsync("Mevrouw vereenzaamt sinds haar man overleed.");
        await page.GetByLabel("De inwoner weet van deze verwijzing", new() { Exact = false }).CheckAsync();
        await page.GetByLabel("De inwoner zelf").CheckAsync();
        await page.GetByLabel("De inwoner is nu bij mij").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Verwijzing versturen" }).ClickAsync();
        await page.WaitForSelectorAsync("text=Verwijzing ontvangen");
        var code = Code().Match(await page.ContentAsync()).Value;

        await page.FollowAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Naar mijn verwijzingen" }).ClickAsync(), "**/verwijzer");
        var row = page.Locator("tr", new() { HasText = code });
        Assert.Contains("Ontvangen", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("vereenzaamt", await page.ContentAsync(), StringComparison.Ordinal);
        await browser.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Coordinator_triages_from_the_queue_on_a_phone()
    {
        var organization = await browser.App.CreateOrganizationAsync();
        await browser.App.RouteFirstMunicipalityToAsync(organization.Id);
        var coordinator = await browser.App.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var form = IntegrationTests.Infrastructure.MeedenkerFactory.ValidHelpRequestForm();
        var html = await (await browser.App.CreateBrowserlikeClient().PostFormAsync("/hulp-vragen", form)).Content.ReadAsStringAsync();
        var code = Code().Match(html).Value;
        var page = await browser.NewPageAsync(width: 390, height: 844);
        await browser.SignInAsync(page, coordinator, "/werk/wachtrij");
        await browser.AssertAccessibleAsync(page);

        await page.FollowAsync(() => page.GetByRole(AriaRole.Link, new() { Name = code }).ClickAsync(), "**/werk/aanmeldingen/**");
        Assert.Contains(code, await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        await browser.AssertAccessibleAsync(page);
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
        Assert.False(overflow, "The request page scrolls sideways on a phone");

        await page.GetByLabel("Reden").FillAsync("Dit past beter bij schuldhulp; we hebben de inwoner gebeld.");
        await page.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Vraag afwijzen" }).ClickAsync(), "**/werk/wachtrij");
        Assert.Contains($"Vraag {code} is afgewezen.", await page.Locator("[role=status]").First.InnerTextAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/hulp-vragen")]
    [InlineData("/verwijzen")]
    public async Task Forms_have_no_horizontal_scroll_at_400_percent_zoom(string path)
    {
        var page = await browser.NewPageAsync(width: 320, height: 256);
        await page.GotoAsync(browser.BaseUrl + path);
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
        Assert.False(overflow, $"{path} scrolls sideways at 320 px");
        await page.Context.CloseAsync();
    }
}

[Collection(BrowserSuite.Name)]
public sealed class MonitorPageTests(BrowserFixture browser)
{
    private static readonly SemaphoreSlim Seeded = new(1, 1);
    private static bool _seeded;

    /// <summary>
    /// Borsele's intake as in the demo region: about 40 requests a week with noise, and a six-week drop to
    /// 40 % starting 16 weeks before the last full week; then the aggregates and the weekly check run.
    /// </summary>
    private async Task SeedShockAsync()
    {
        await Seeded.WaitAsync();
        try
        {
            if (_seeded)
            {
                return;
            }
            var now = TestClock.Now;
            var lastWeek = Meedenker.Web.Features.Monitoring.MonitorModel.Monday(DateOnly.FromDateTime(now.UtcDateTime)).AddDays(-7);
            var shock = lastWeek.AddDays(-7 * 16);
            var random = new Random(8);
            var times = new List<DateTimeOffset>();
            for (var w = 80; w >= 0; w--)
            {
                var monday = lastWeek.AddDays(-7 * w);
                var level = monday >= shock && monday < shock.AddDays(42) ? 16 : 40;
                var count = level + (int)Math.Round(Math.Sqrt(level) * (random.NextDouble() * 2 - 1));
                times.AddRange(Enumerable.Range(0, count).Select(i => new DateTimeOffset(monday.AddDays(i % 7).ToDateTime(new TimeOnly(8 + i % 10, 0)), TimeSpan.Zero)));
            }
            await browser.App.CreateRequestsAsync("GM0654", times, targetGroup: "ouderen", lifeDomain: "wonen", sourceCode: "website");
            using var scope = browser.App.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<Meedenker.Web.Features.Monitoring.MonitorAggregator>().RefreshAsync(now, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<Meedenker.Web.Features.Monitoring.ShockAlertJob>().RunAsync(now, CancellationToken.None);
            _seeded = true;
        }
        finally
        {
            Seeded.Release();
        }
    }

    [Theory]
    [InlineData(true, 1280, 900)]
    [InlineData(false, 320, 256)]
    public async Task Monitor_is_accessible_shows_the_drop_alert_and_is_complete_without_JavaScript(bool javaScript, int width, int height)
    {
        await SeedShockAsync();
        var municipality = await browser.App.CreateOrganizationAsync(OrganizationKind.Municipality);
        var analyst = await browser.App.CreateStaffAsync(StaffRoles.MunicipalityAnalyst, municipality.Id, twoFactor: true);
        var page = await browser.NewPageAsync(javaScript: true, width: width, height: height);
        await browser.SignInAsync(page, analyst, "/monitor");
        if (!javaScript)
        {
            // Same session, scripts off: the tables are the whole page.
            var cookies = await page.Context.CookiesAsync();
            var noScript = await browser.NewPageAsync(javaScript: false, width: width, height: height);
            await noScript.Context.AddCookiesAsync(cookies.Select(c => new Microsoft.Playwright.Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path }));
            await noScript.GotoAsync(browser.BaseUrl + "/monitor");
            Assert.True(await noScript.Locator("table").CountAsync() >= 8);
            Assert.Equal(1, await noScript.Locator("figure svg").CountAsync());
            Assert.Contains("Plotselinge daling", await noScript.Locator("[role=alert]").InnerTextAsync(), StringComparison.Ordinal);
            var overflow = await noScript.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
            Assert.False(overflow, "The monitor scrolls sideways at 320 px");
            await noScript.Context.CloseAsync();
        }
        else
        {
            Assert.Contains("Monitor cliëntondersteuning: Borsele", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
            var alert = await page.Locator("[role=alert]").InnerTextAsync();
            Assert.Contains("Plotselinge daling", alert, StringComparison.Ordinal);
            Assert.Contains("gemeente Borsele", alert, StringComparison.Ordinal);
            Assert.Equal("/werk/bellijst", await page.GetByRole(AriaRole.Link, new() { Name = "Naar de bellijst" }).GetAttributeAsync("href"));
            await browser.AssertAccessibleAsync(page);
            // A filter through the form: the same page, narrowed, still accessible.
            await page.SelectOptionAsync("#doelgroep", "ouderen");
            await page.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Toon" }).ClickAsync(), "**/monitor?**doelgroep=ouderen**");
            Assert.Equal(0, await page.Locator(".utrecht-alert--warning").CountAsync());
            await browser.AssertAccessibleAsync(page);
        }
        await page.Context.CloseAsync();
    }
}

[Collection(BrowserSuite.Name)]
public sealed class CaseJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Volunteer_accepts_an_offer_and_records_a_contact_and_a_score_on_a_phone()
    {
        var organization = await browser.App.CreateOrganizationAsync();
        await browser.App.RouteFirstMunicipalityToAsync(organization.Id);
        var coordinator = await browser.App.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var volunteer = await browser.App.CreateStaffAsync(StaffRoles.Supporter, organization.Id, SupporterKind.Volunteer, twoFactor: true);
        var form = MeedenkerFactory.ValidHelpRequestForm();
        var html = await (await browser.App.CreateBrowserlikeClient().PostFormAsync("/hulp-vragen", form)).Content.ReadAsStringAsync();
        var code = System.Text.RegularExpressions.Regex.Match(html, "MD-[2-9A-Z]{4}-[2-9A-Z]{4}").Value;
        var requestId = browser.App.WithDb(db => db.HelpRequests.Single(h => h.ReferenceCode == code).Id);
        var coordinatorClient = await browser.App.SignInAsync(coordinator);
        await coordinatorClient.PostFormAsync($"/werk/aanmeldingen/{requestId}?handler=Offer", new() { ["SupporterId"] = volunteer.User.Id.ToString() }, $"/werk/aanmeldingen/{requestId}");

        var page = await browser.NewPageAsync(width: 390, height: 844);
        await browser.SignInAsync(page, volunteer, "/werk/mijn-casussen");
        await browser.AssertAccessibleAsync(page);
        await page.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = $"Aannemen {code}", Exact = true }).ClickAsync(), "**/werk/casussen/**");
        await browser.AssertAccessibleAsync(page);

        await page.GetByLabel("Tijd (niet verplicht)").FillAsync("00:05");
        await page.GetByLabel("Contactvorm").SelectOptionAsync(new SelectOptionValue { Label = "wandelafspraak" });
        await page.GetByLabel("Duur in minuten").FillAsync("40");
        await page.GetByLabel("Korte notitie (niet verplicht)").FillAsync("Rustig gesprek tijdens een wandeling.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Contact opslaan" }).ClickAsync();
        await page.WaitForSelectorAsync("text=Het contact is vastgelegd.");
        Assert.Contains("wandelafspraak", await page.Locator(".md-timeline").InnerTextAsync(), StringComparison.Ordinal);

        // The score form is folded away until asked for (it is not the task at hand on every visit).
        await page.Locator("summary", new() { HasTextString = "Score vastleggen…" }).ClickAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Score vastleggen" }).GetByLabel("Leefgebied").SelectOptionAsync("financien-inkomen");
        await page.Locator("label[for='Moment-Start']").ClickAsync();
        await page.Locator("label[for='Score-3']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Score opslaan" }).ClickAsync();
        await page.WaitForSelectorAsync("text=De score is vastgelegd.");
        await browser.AssertAccessibleAsync(page);
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
        Assert.False(overflow, "The case file scrolls sideways on a phone");
        Assert.Equal(HelpRequestStatus.InContact, browser.App.WithDb(db => db.HelpRequests.Single(h => h.Id == requestId).Status));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Volunteer_scales_part_of_the_case_up_the_professional_accepts_and_the_waakvlam_task_appears_after_closing()
    {
        var organization = await browser.App.CreateOrganizationAsync(OrganizationKind.SupportC);
        var formal = await browser.App.CreateOrganizationAsync(OrganizationKind.SupportA);
        var volunteer = await browser.App.CreateStaffAsync(StaffRoles.Supporter, organization.Id, SupporterKind.Volunteer, twoFactor: true);
        var professional = await browser.App.CreateStaffAsync(StaffRoles.Supporter, formal.Id, SupporterKind.Professional, twoFactor: true);
        var caseRef = await browser.App.CreateCaseAsync(organization.Id, volunteer.User.Id, "Fenna");
        await browser.App.WithDbAsync(async db =>
        {
            var request = await db.Cases.Where(c => c.Id == caseRef.CaseId).Join(db.HelpRequests.Include(h => h.LifeDomains), c => c.HelpRequestId, h => h.Id, (c, h) => h).SingleAsync();
            request.LifeDomains.Add(new HelpRequestLifeDomain { HelpRequestId = request.Id, Code = "financien-inkomen" });
            return await db.SaveChangesAsync();
        });
        var file = $"/werk/casussen/{caseRef.CaseId}";

        // On a phone: the plan and the network.
        var page = await browser.NewPageAsync(width: 390, height: 844);
        await browser.SignInAsync(page, volunteer, file + "/plan");
        await page.GetByLabel("Leefgebied").SelectOptionAsync("financien-inkomen");
        await page.GetByLabel("Doel in de woorden van de inwoner").FillAsync("Rust in de post");
        await page.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Doel opslaan" }).ClickAsync(), "**/plan");
        await page.WaitForSelectorAsync("text=Het doel is toegevoegd.");
        await browser.AssertAccessibleAsync(page);
        await page.FollowAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Netwerk", Exact = true }).ClickAsync(), "**/netwerk");
        await page.Locator("label[for='Kind-Person']").ClickAsync();
        await page.GetByLabel("Naam", new() { Exact = true }).FillAsync("Sanne");
        await page.GetByLabel("Relatie (bijvoorbeeld dochter, buurman, huisarts)").FillAsync("dochter");
        await page.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Toevoegen" }).ClickAsync(), "**/netwerk");
        await page.WaitForSelectorAsync("svg.md-network-drawing");
        await browser.AssertAccessibleAsync(page);
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"), "The network page scrolls sideways on a phone");

        // Scale the money part up to a professional of another organisation, with a warm handover.
        await page.FollowAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Op- en afschalen" }).ClickAsync(), "**/overdragen");
        await page.Locator("label[for='Direction-InformalToFormal']").ClickAsync();
        await page.GetByLabel("Organisatie van de ontvanger").SelectOptionAsync(formal.Id.ToString());
        await page.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Toon criteria en meedenkers" }).ClickAsync(), "**/overdragen?**");
        await browser.AssertAccessibleAsync(page);
        await page.Locator("label[for='Criterion-bezwaar']").ClickAsync();
        await page.Locator("label[for='Scope-deel']").ClickAsync();
        await page.Locator("label[for='Scope-domain-financien-inkomen']").ClickAsync();
        await page.Locator($"label[for='Receiver-{professional.User.Id}']").ClickAsync();
        await page.Locator("label[for='Input_ResidentPresent']").ClickAsync();
        await page.Locator("label[for='Part-Plan']").ClickAsync();
        await page.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Overdracht voorstellen" }).ClickAsync(), "**/overdragen**");
        await page.WaitForSelectorAsync("text=De overdracht is voorgesteld.");

        // The professional, at 400 % zoom, accepts and then sees the shared plan.
        var receiver = await browser.NewPageAsync(width: 320, height: 256);
        await browser.SignInAsync(receiver, professional, "/werk/mijn-casussen");
        await browser.AssertAccessibleAsync(receiver);
        await receiver.FollowAsync(() => receiver.GetByRole(AriaRole.Button, new() { Name = $"Overdracht accepteren {caseRef.ReferenceCode}", Exact = true }).ClickAsync(), "**/werk/casussen/**");
        await browser.AssertAccessibleAsync(receiver);
        Assert.False(await receiver.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"), "The case file scrolls sideways at 400 % zoom");
        await receiver.FollowAsync(() => receiver.GetByRole(AriaRole.Link, new() { Name = "Plan", Exact = true }).ClickAsync(), "**/plan");
        Assert.Contains("Rust in de post", await receiver.ContentAsync(), StringComparison.Ordinal);
        await receiver.Context.CloseAsync();
        Assert.Equal(professional.User.Id, browser.App.WithDb(db => db.CaseParticipants.Single(p => p.CaseId == caseRef.CaseId).SupporterId));

        // The professional's part is finished first (a case with an open part cannot be closed: decision 0090);
        // then the volunteer closes with a waakvlam date; when the job runs on that date the task appears.
        await page.GotoAsync(browser.BaseUrl + file);
        await page.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Deel afronden", Exact = false }).ClickAsync(), "**/werk/casussen/**");
        Assert.NotNull(browser.App.WithDb(db => db.CaseParticipants.Single(p => p.CaseId == caseRef.CaseId).EndedAt));
        await page.GotoAsync(browser.BaseUrl + file);
        // Closing is folded away until asked for.
        await page.Locator("summary", new() { HasTextString = "Casus afsluiten…" }).ClickAsync();
        await page.Locator("label[for='Reason-QuestionAnswered']").ClickAsync();
        var due = DateOnly.Parse(await page.GetByLabel("Datum waakvlamcontact").InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await page.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Casus afsluiten" }).ClickAsync(), "**/werk/casussen/**");
        await page.WaitForSelectorAsync("text=De casus is afgesloten.");
        await browser.AssertAccessibleAsync(page);
        using (var scope = browser.App.Services.CreateScope())
        {
            var job = scope.ServiceProvider.GetRequiredService<Meedenker.Web.Features.Cases.FollowUpJob>();
            Assert.Equal(1, await job.RunAsync(new DateTimeOffset(due.ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero), CancellationToken.None));
        }
        await page.GotoAsync(browser.BaseUrl + "/werk/mijn-casussen");
        Assert.Contains(caseRef.ReferenceCode, await page.Locator("text=Waakvlamcontacten om te doen >> xpath=following-sibling::ul[1]").InnerTextAsync(), StringComparison.Ordinal);
        await browser.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }
}

[Collection(BrowserSuite.Name)]
public sealed class WegwijzerPageTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("nl", "Geld en inkomen", "Ik heb brieven die ik niet open of niet begrijp.", "Bekijk mijn advies", "Vraag een meedenker")]
    [InlineData("en", "Money and income", "I have letters I do not open or do not understand.", "See my advice", "Ask a meedenker")]
    public async Task Self_check_by_keyboard_ends_in_the_request_form_with_the_domain_ticked(string language, string legend, string question, string submit, string ask)
    {
        var page = await browser.NewPageAsync(language: language);
        await page.GotoAsync(browser.BaseUrl + "/zelfcheck");
        Assert.Contains(legend, await page.ContentAsync(), StringComparison.Ordinal);
        await browser.AssertAccessibleAsync(page);

        await page.GetByLabel(question).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.GetByRole(AriaRole.Button, new() { Name = submit }).FocusAsync();
        await page.FollowAsync(() => page.Keyboard.PressAsync("Enter"), "**klaar=1**");
        await browser.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = ask }).FocusAsync();
        await page.FollowAsync(() => page.Keyboard.PressAsync("Enter"), "**/hulp-vragen?leefgebied=**");
        Assert.True(await page.Locator("#LifeDomain-financien-inkomen").IsCheckedAsync());
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("nl", "Iemand verwijzen")]
    [InlineData("en", "Refer someone")]
    public async Task Red_flag_page_passes_axe(string language, string link)
    {
        var page = await browser.NewPageAsync(language: language);
        await page.GotoAsync(browser.BaseUrl + "/rode-vlaggen");
        await browser.AssertAccessibleAsync(page);
        await page.FollowAsync(() => page.Locator("#inhoud").GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync(), "**/verwijzen");
        await page.Context.CloseAsync();
    }
}

[Collection(BrowserSuite.Name)]
public sealed class CoveragePageTests(BrowserFixture browser)
{
    [Fact]
    public async Task Coverage_matrix_passes_axe()
    {
        var organization = await browser.App.CreateOrganizationAsync();
        var coordinator = await browser.App.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, coordinator, "/werk/dekking");
        Assert.Equal(10, await page.Locator("tbody tr").CountAsync());
        await browser.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }
}
