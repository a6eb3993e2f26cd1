using System.IO.Compression;
using System.Text;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Meedenker.BrowserTests;

/// <summary>The pages that keep the social map up to date, in Dutch and English, by keyboard, checked with axe-core.</summary>
[Collection(BrowserSuite.Name)]
public sealed class DirectoryEditingPageTests(BrowserFixture browser)
{
    private async Task<IPage> SignedInAsync(MeedenkerFactory.Staff staff, string returnUrl, string language)
    {
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, staff, returnUrl);
        await page.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = browser.BaseUrl }]);
        await page.ReloadAsync();
        return page;
    }

    [Theory]
    [InlineData("nl", "Opslaan", "Geef de dienst een naam", "is opgeslagen")]
    [InlineData("en", "Save", "Give the service a name", "has been saved")]
    public async Task Coordinator_edits_an_own_service_and_a_supporter_profile_by_keyboard(string language, string save, string nameError, string saved)
    {
        var organization = await browser.App.CreateOrganizationAsync();
        var service = await browser.App.CreateServiceAsync(MeedenkerFactory.Unique("Bewerkbaar "), "Iets", organizationId: organization.Id, terms: [("leefgebied", "wonen")]);
        var supporter = await browser.App.CreateStaffAsync(StaffRoles.Supporter, organization.Id);
        var profile = await browser.App.CreateSupporterProfileAsync(supporter);
        var coordinator = await browser.App.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var page = await SignedInAsync(coordinator, "/werk/sociale-kaart", language);
        await browser.AssertAccessibleAsync(page);

        await page.FollowAsync(() => page.GetByRole(AriaRole.Link, new() { Name = service.Name }).ClickAsync(), browser.BaseUrl + $"/werk/sociale-kaart/dienst/{service.Id}");
        await browser.AssertAccessibleAsync(page);

        // Keyboard only: empty the name and press Enter in the field; the form comes back with the message.
        await page.Locator("#Input_Name").FocusAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.PressAsync("Delete");
        await page.FollowAsync(() => page.Keyboard.PressAsync("Enter"), browser.BaseUrl + $"/werk/sociale-kaart/dienst/{service.Id}");
        Assert.Contains(nameError, await page.Locator(".utrecht-alert--error").InnerTextAsync(), StringComparison.Ordinal);
        await browser.AssertAccessibleAsync(page);

        var name = MeedenkerFactory.Unique("Nieuwe naam ");
        await page.Locator("#Input_Name").FocusAsync();
        await page.Keyboard.TypeAsync(name);
        await page.FollowAsync(() => page.Keyboard.PressAsync("Enter"), browser.BaseUrl + "/werk/sociale-kaart");
        Assert.Contains(saved, await page.Locator("[role=status]").First.InnerTextAsync(), StringComparison.Ordinal);

        await page.GotoAsync(browser.BaseUrl + $"/werk/meedenkers/{profile.Id}");
        await browser.AssertAccessibleAsync(page);
        await page.Locator("#Input_Capacity").FillAsync("3");
        await page.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = save }).ClickAsync(), browser.BaseUrl + "/werk/meedenkers");
        await browser.AssertAccessibleAsync(page);
        await page.GotoAsync(browser.BaseUrl + $"/werk/sociale-kaart/locatie?organisatie={organization.Id}");
        await browser.AssertAccessibleAsync(page);
        await page.GotoAsync(browser.BaseUrl + "/werk/dekking");
        Assert.True(await page.Locator("figure.md-chart svg[role=img]").IsVisibleAsync());
        await browser.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("nl", "Inlezen", "Deze kolom ontbreekt in de kopregel.")]
    [InlineData("en", "Import", "This column is missing from the header row.")]
    public async Task Admin_imports_a_bad_file_sees_every_problem_and_edits_synonyms(string language, string import, string problem)
    {
        await browser.App.CreateServiceAsync(MeedenkerFactory.Unique("Export "), "Iets");
        var admin = await browser.App.CreateStaffAsync(StaffRoles.Admin, (await browser.App.CreateOrganizationAsync()).Id, twoFactor: true);
        var page = await SignedInAsync(admin, "/beheer/sociale-kaart/import", language);
        await browser.AssertAccessibleAsync(page);

        var file = Path.Combine(Path.GetTempPath(), $"hsds-{Guid.NewGuid():N}.zip");
        try
        {
            using (var zip = ZipFile.Open(file, ZipArchiveMode.Create))
            {
                using (var writer = new StreamWriter(zip.CreateEntry("organization.csv").Open(), new UTF8Encoding(false)))
                {
                    writer.Write("id,name\r\n");
                }
                using var service = new StreamWriter(zip.CreateEntry("service.csv").Open(), new UTF8Encoding(false));
                service.Write("id\r\nniet-een-uuid\r\n");
            }
            await page.Locator("#Upload").SetInputFilesAsync(file);
            await page.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = import }).ClickAsync(), browser.BaseUrl + "/beheer/sociale-kaart/import");
            Assert.Contains(problem, await page.Locator("#import-problems").InnerTextAsync(), StringComparison.Ordinal);
            await browser.AssertAccessibleAsync(page);
        }
        finally
        {
            File.Delete(file);
        }

        await page.GotoAsync(browser.BaseUrl + "/beheer/zoekwoorden");
        await browser.AssertAccessibleAsync(page);
        await page.Locator("#Words").FocusAsync();
        await page.Keyboard.TypeAsync("een");
        await page.FollowAsync(() => page.Keyboard.PressAsync("Enter"), url => url.Contains("/beheer/zoekwoorden", StringComparison.Ordinal));
        Assert.True(await page.Locator(".utrecht-alert--error").IsVisibleAsync());
        await browser.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }
}
