using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Meedenker.BrowserTests;

/// <summary>The sign-in page with "Inloggen via je organisatie" and the admin's SSO page, with and without messages, are accessible.</summary>
[Collection(BrowserSuite.Name)]
public sealed class SignOnPageTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("nl", "Opslaan", "De issuer moet met https:// beginnen")]
    [InlineData("en", "Save", "The issuer must start with https://")]
    public async Task The_sign_on_buttons_and_the_admin_page_are_accessible(string language, string save, string issuerMessage)
    {
        await using var idp = await TestIdentityProvider.StartAsync();
        var organization = await browser.App.CreateOrganizationAsync();
        await browser.App.UseIdentityProviderAsync(organization.Id, idp, "coordinatoren = Coordinator");
        var otherOrganization = await browser.App.CreateOrganizationAsync();
        var admin = await browser.App.CreateStaffAsync(StaffRoles.Admin, otherOrganization.Id, twoFactor: true);

        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, admin, "/beheer/inloggen-via-organisatie");
        await page.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = browser.BaseUrl }]);
        await page.GotoAsync(browser.BaseUrl + "/account/inloggen?sso=geen-rol");
        Assert.True(await page.Locator($"a[href='/account/sso/{organization.Id}']").IsVisibleAsync());
        Assert.True(await page.Locator("#sso-melding").IsVisibleAsync());
        await browser.AssertAccessibleAsync(page);

        await page.GotoAsync(browser.BaseUrl + "/beheer/inloggen-via-organisatie");
        await browser.AssertAccessibleAsync(page);
        await page.Locator("#Input_Issuer").FillAsync("http://login.gemeente.example/realms/medewerkers");
        await page.Locator("#Input_ClientId").FillAsync("meedenker");
        await page.Locator("#Input_RoleMapping").FillAsync("coordinatoren = Directeur");
        await page.GetByRole(AriaRole.Button, new() { Name = save }).ClickAsync();
        Assert.Contains(issuerMessage, await page.ContentAsync(), StringComparison.Ordinal);
        await browser.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }
}
