using System.Text.RegularExpressions;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Meedenker.BrowserTests;

/// <summary>The resident's journey from the status link to their own view, the export, withdrawing consent and asking for erasure.</summary>
[Collection(BrowserSuite.Name)]
public sealed partial class OwnRecordJourneyTests(BrowserFixture browser)
{
    [GeneratedRegex(@"code[^\d]*(\d{6})", RegexOptions.IgnoreCase)]
    private static partial Regex MailedCode();

    private async Task<(string Token, string Email, string Marker, Guid OrganizationId, MeedenkerFactory.Staff Supporter, Guid CaseId)> ResidentAsync()
    {
        var app = browser.App;
        var organization = await app.CreateOrganizationAsync();
        var supporter = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, SupporterKind.Professional, twoFactor: true);
        var unique = Guid.NewGuid().ToString("N")[..10];
        var token = SecretToken.New();
        var email = $"eigen.{unique}@voorbeeld.test";
        var marker = "Doel" + unique;
        var caseId = await app.WithDbAsync(async db =>
        {
            var municipality = await db.Municipalities.OrderBy(m => m.Code).FirstAsync();
            var now = TestClock.Now.AddDays(-10);
            var resident = new Resident { Id = Guid.NewGuid(), FirstName = "Fatima", LastName = "Eigen" + unique, Email = email, MunicipalityId = municipality.Id, CreatedAt = now };
            var request = new HelpRequest
            {
                Id = Guid.NewGuid(),
                ReferenceCode = ReferenceCode.New(),
                ReceivedAt = now,
                ResidentId = resident.Id,
                MunicipalityId = municipality.Id,
                Channel = RequestChannel.Self,
                Question = "Ik kom er niet uit met mijn huur.",
                StatusTokenHash = SecretToken.Hash(token),
                Status = HelpRequestStatus.Received,
            };
            var @case = Case.Offer(request, organization.Id, supporter.User.Id, now);
            @case.Accept(request, now);
            db.AddRange(resident, request, @case);
            db.PlanGoals.Add(@case.AddGoal("wonen", marker, supporter.User.Id, now));
            db.CaseConsents.Add(CaseConsent.Give(@case.Id, null, organization.Id, SharedParts.Plan, [], "inwoner", ConsentGivenHow.Verbal, supporter.User.Id, now));
            @case.WriteSummaryForResident("We zoeken samen uit hoe je de huur kunt betalen.", now);
            await db.SaveChangesAsync();
            return @case.Id;
        });
        return (token, email, marker, organization.Id, supporter, caseId);
    }

    [Theory]
    [InlineData("nl", 1280, "Naar mijn gegevens", "Stuur de code naar mijn e-mail", "Code (6 cijfers)", "Bekijk mijn gegevens", "Over jou", "Als document om te lezen of te printen (HTML)", "Trek deze toestemming in", "Mijn gegevens laten wissen", "Verstuur mijn verzoek", "We hebben je verzoek ontvangen")]
    [InlineData("en", 390, "To my data", "Send the code to my e-mail", "Code (6 digits)", "See my data", "About you", "As a document to read or print (HTML)", "Withdraw this consent", "Erase my data", "Send my request", "We have received your request")]
    public async Task Resident_opens_their_own_view_downloads_withdraws_consent_and_asks_for_erasure_by_keyboard(string language, int width, string toMyData, string sendCode,
        string codeLabel, string seeData, string aboutYou, string download, string withdraw, string erase, string send, string received)
    {
        var (token, email, marker, _, _, _) = await ResidentAsync();
        var page = await browser.NewPageAsync(language: language, width: width);
        await page.GotoAsync($"{browser.BaseUrl}/status/{token}");
        await page.GetByRole(AriaRole.Link, new() { Name = toMyData }).FocusAsync();
        await page.FollowAsync(() => page.Keyboard.PressAsync("Enter"), "**/mijn-gegevens");
        await browser.AssertAccessibleAsync(page);
        Assert.DoesNotContain(marker, await page.ContentAsync(), StringComparison.Ordinal);

        var earlier = Directory.Exists(browser.App.MailFolder) ? Directory.GetFiles(browser.App.MailFolder, "*.eml").ToHashSet() : [];
        await page.GetByRole(AriaRole.Button, new() { Name = sendCode }).FocusAsync();
        await page.FollowAsync(() => page.Keyboard.PressAsync("Enter"), "**/mijn-gegevens?handler=SendCode");
        await browser.AssertAccessibleAsync(page);
        var mail = Directory.GetFiles(browser.App.MailFolder, "*.eml").Where(f => !earlier.Contains(f)).Select(File.ReadAllText).Single(m => m.Contains(email, StringComparison.OrdinalIgnoreCase));
        var code = MailedCode().Match(mail).Groups[1].Value;

        await page.GetByLabel(codeLabel).FocusAsync();
        await page.Keyboard.TypeAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = seeData }).FocusAsync();
        await page.FollowAsync(() => page.Keyboard.PressAsync("Enter"), $"**/status/{token}/mijn-gegevens");
        await page.GetByRole(AriaRole.Heading, new() { Name = aboutYou, Exact = true }).WaitForAsync();
        Assert.Contains(marker, await page.ContentAsync(), StringComparison.Ordinal);
        await browser.AssertAccessibleAsync(page);
        // Usable on a phone: nothing sticks out sideways.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1"), "The own view scrolls sideways");

        var downloaded = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = download }).ClickAsync());
        Assert.EndsWith(".html", downloaded.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains(marker, await File.ReadAllTextAsync((await downloaded.PathAsync())!), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = withdraw }).FocusAsync();
        await page.FollowAsync(() => page.Keyboard.PressAsync("Enter"), $"**/status/{token}/mijn-gegevens#toestemming");
        await page.Locator("[role=status]").WaitForAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = withdraw }).CountAsync());
        await browser.AssertAccessibleAsync(page);

        await page.GetByLabel(erase).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.GetByRole(AriaRole.Button, new() { Name = send }).FocusAsync();
        await page.FollowAsync(() => page.Keyboard.PressAsync("Enter"), $"**/status/{token}/mijn-gegevens#verzoeken");
        Assert.Contains(received, await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        await browser.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Meedenker_hands_over_a_code_and_a_coordinator_answers_a_correction_request()
    {
        var (token, _, _, organizationId, supporter, caseId) = await ResidentAsync();
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, supporter, $"/werk/casussen/{caseId}/voor-inwoner");
        await browser.AssertAccessibleAsync(page);
        await page.GetByLabel("Samenvatting", new() { Exact = true }).FillAsync("We hebben een betalingsregeling aangevraagd.");
        await page.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Samenvatting opslaan" }).ClickAsync(), $"**/werk/casussen/{caseId}/voor-inwoner");
        await page.GetByRole(AriaRole.Button, new() { Name = "Maak een code voor de inwoner" }).ClickAsync();
        var code = await page.Locator("strong.md-reference").InnerTextAsync();
        await browser.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();

        var resident = await browser.NewPageAsync();
        await resident.GotoAsync($"{browser.BaseUrl}/status/{token}/mijn-gegevens");
        await resident.GetByLabel("Code (6 cijfers)").FillAsync(code);
        await resident.FollowAsync(() => resident.GetByRole(AriaRole.Button, new() { Name = "Bekijk mijn gegevens" }).ClickAsync(), $"**/status/{token}/mijn-gegevens");
        Assert.Contains("betalingsregeling", await resident.ContentAsync(), StringComparison.Ordinal);
        await resident.GetByLabel("Wat klopt er niet, of wat wil je laten wissen?").FillAsync("Mijn achternaam is verkeerd gespeld.");
        await resident.FollowAsync(() => resident.GetByRole(AriaRole.Button, new() { Name = "Verstuur mijn verzoek" }).ClickAsync(), $"**/status/{token}/mijn-gegevens#verzoeken");
        await resident.Context.CloseAsync();

        var coordinator = await browser.App.CreateStaffAsync(StaffRoles.Coordinator, organizationId, twoFactor: true);
        var work = await browser.NewPageAsync(width: 390);
        await browser.SignInAsync(work, coordinator, "/werk/privacyverzoeken");
        Assert.Contains("Mijn achternaam is verkeerd gespeld.", await work.ContentAsync(), StringComparison.Ordinal);
        await browser.AssertAccessibleAsync(work);
        await work.GetByLabel("Antwoord voor de inwoner").FillAsync("Verbeterd.");
        await work.FollowAsync(() => work.GetByRole(AriaRole.Button, new() { Name = "Verbeterd" }).ClickAsync(), "**/werk/privacyverzoeken");
        await work.GetByText("Het verzoek is afgehandeld").WaitForAsync();
        await browser.AssertAccessibleAsync(work);
        await work.Context.CloseAsync();
    }
}
