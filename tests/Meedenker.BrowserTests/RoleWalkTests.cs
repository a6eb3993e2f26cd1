using System.Text.RegularExpressions;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Meedenker.BrowserTests;

/// <summary>
/// The walk of issue 15 repeated at desktop and phone width: the analyst's monitor, the coordinator's coverage table
/// and a supporter's profile, the supporter's case overview and the resident's own view. Each page is axe-clean,
/// nothing scrolls sideways, and a full-page screenshot is written to <c>screenshots/</c> next to the test binaries
/// for a person to look at.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed partial class RoleWalkTests(BrowserFixture browser)
{
    [GeneratedRegex(@"code[^\d]*(\d{6})", RegexOptions.IgnoreCase)]
    private static partial Regex MailedCode();

    private static readonly string Shots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private async Task CheckAsync(IPage page, string name, int width, List<string> problems)
    {
        var violations = await browser.AxeViolationsAsync(page);
        problems.AddRange(violations.Select(v => $"{name} @{width}: {v}"));
        var sideways = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        if (sideways > 1)
        {
            problems.Add($"{name} @{width}: the page scrolls {sideways}px sideways");
        }
        Directory.CreateDirectory(Shots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, $"walk-{name}-{width}.png"), FullPage = true });
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task Monitor_coverage_profile_case_overview_and_own_view_hold_at_desktop_and_phone_width(int width)
    {
        var app = browser.App;
        var organization = await app.CreateOrganizationAsync();
        var supporter = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, SupporterKind.Professional, twoFactor: true);
        var profile = await app.CreateSupporterProfileAsync(supporter);
        var coordinator = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var municipality = await app.CreateOrganizationAsync(OrganizationKind.Municipality);
        var analyst = await app.CreateStaffAsync(StaffRoles.MunicipalityAnalyst, municipality.Id, twoFactor: true);
        var unique = Guid.NewGuid().ToString("N")[..10];
        var token = SecretToken.New();
        var email = $"wandel.{unique}@voorbeeld.test";
        var caseId = await app.WithDbAsync(async db =>
        {
            var place = await db.Municipalities.OrderBy(m => m.Code).FirstAsync();
            var start = TestClock.Now.AddDays(-20);
            var resident = new Resident { Id = Guid.NewGuid(), FirstName = "Samira", LastName = "Wandel" + unique, Email = email, MunicipalityId = place.Id, CreatedAt = start };
            var request = new HelpRequest
            {
                Id = Guid.NewGuid(),
                ReferenceCode = ReferenceCode.New(),
                ReceivedAt = start,
                ResidentId = resident.Id,
                MunicipalityId = place.Id,
                Channel = RequestChannel.Self,
                Question = "Ik krijg brieven over een huurachterstand en weet niet wat ik moet doen.",
                StatusTokenHash = SecretToken.Hash(token),
                Status = HelpRequestStatus.Received,
            };
            var @case = Case.Offer(request, organization.Id, supporter.User.Id, start);
            @case.Accept(request, start);
            db.AddRange(resident, request, @case);
            db.CaseQuestions.Add(@case.AddQuestion("financien-inkomen", ["participatiewet"], "Hoe los ik de huurachterstand op?", supporter.User.Id, start));
            var goal = @case.AddGoal("wonen", "In mijn huis blijven wonen", supporter.User.Id, start);
            db.PlanGoals.Add(goal);
            db.PlanActions.Add(@case.AddAction(goal, "Samen de verhuurder bellen over een betalingsregeling", PlanActionOwner.Supporter, null, supporter.User.Id, DateOnly.FromDateTime(start.UtcDateTime).AddDays(30), start));
            db.NetworkMembers.Add(@case.AddNetworkMember(NetworkMemberKind.Person, "Ria", "zus", "Gaat mee naar afspraken", supporter.User.Id, start));
            db.Contacts.Add(@case.RecordContact(request, start.AddDays(1), ContactMode.HomeVisit, 45, "Kennismaking thuis; brieven samen gesorteerd.", supporter.User.Id, start.AddDays(1)));
            @case.WriteSummaryForResident("We zoeken samen uit hoe je de huur kunt betalen.", start.AddDays(1));
            await db.SaveChangesAsync();
            return @case.Id;
        });
        var problems = new List<string>();

        var page = await browser.NewPageAsync(width: width);
        await browser.SignInAsync(page, analyst, "/monitor");
        await CheckAsync(page, "monitor", width, problems);
        await page.Context.CloseAsync();

        page = await browser.NewPageAsync(width: width);
        await browser.SignInAsync(page, coordinator, "/werk/dekking");
        await CheckAsync(page, "coverage", width, problems);
        await page.GotoAsync($"{browser.BaseUrl}/werk/meedenkers/{profile.Id}");
        await CheckAsync(page, "profile", width, problems);
        await page.Context.CloseAsync();

        page = await browser.NewPageAsync(width: width);
        await browser.SignInAsync(page, supporter, $"/werk/casussen/{caseId}");
        Assert.Contains("Hoe los ik de huurachterstand op?", await page.ContentAsync(), StringComparison.Ordinal);
        await CheckAsync(page, "case-overview", width, problems);
        await page.GotoAsync($"{browser.BaseUrl}/werk/casussen/{caseId}/plan");
        Assert.Contains("In mijn huis blijven wonen", await page.ContentAsync(), StringComparison.Ordinal);
        await CheckAsync(page, "case-plan", width, problems);
        await page.Context.CloseAsync();

        page = await browser.NewPageAsync(width: width);
        await page.GotoAsync($"{browser.BaseUrl}/status/{token}/mijn-gegevens");
        var earlier = Directory.Exists(app.MailFolder) ? Directory.GetFiles(app.MailFolder, "*.eml").ToHashSet() : [];
        await page.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Stuur de code naar mijn e-mail" }).ClickAsync(), "**/mijn-gegevens?handler=SendCode");
        var mail = Directory.GetFiles(app.MailFolder, "*.eml").Where(f => !earlier.Contains(f)).Select(File.ReadAllText).Single(m => m.Contains(email, StringComparison.OrdinalIgnoreCase));
        await page.GetByLabel("Code (6 cijfers)").FillAsync(MailedCode().Match(mail).Groups[1].Value);
        await page.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Bekijk mijn gegevens" }).ClickAsync(), $"**/status/{token}/mijn-gegevens");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Over jou", Exact = true }).WaitForAsync();
        Assert.Contains("In mijn huis blijven wonen", await page.ContentAsync(), StringComparison.Ordinal);
        await CheckAsync(page, "own-view", width, problems);
        await page.Context.CloseAsync();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
