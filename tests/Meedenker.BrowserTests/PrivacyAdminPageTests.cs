using Meedenker.Domain;
using Microsoft.Playwright;

namespace Meedenker.BrowserTests;

[Collection(BrowserSuite.Name)]
public sealed class PrivacyAdminPageTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("nl", "Filteren", "Nu anonimiseren")]
    [InlineData("en", "Filter", "Anonymise now")]
    public async Task Access_log_audit_and_retention_pages_are_accessible(string language, string filter, string anonymise)
    {
        var organization = await browser.App.CreateOrganizationAsync();
        var admin = await browser.App.CreateStaffAsync(StaffRoles.Admin, organization.Id, twoFactor: true);
        var coordinator = await browser.App.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var resident = await browser.App.CreateCaseAsync(organization.Id, null);
        var client = await browser.App.SignInAsync(coordinator);
        await client.GetAsync($"/werk/inwoners/{resident.ResidentId}");

        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, admin, "/beheer/toegangslog");
        await page.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = browser.BaseUrl }]);
        await page.GotoAsync(browser.BaseUrl + "/beheer/toegangslog");
        await browser.AssertAccessibleAsync(page);

        // Filter by keyboard on the resident's reference code.
        await page.Locator("#inwoner").FillAsync(resident.ReferenceCode);
        await page.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = filter }).PressAsync("Enter"), u => u.Contains("inwoner=", StringComparison.Ordinal));
        Assert.Contains(resident.ResidentId.ToString(), await page.Locator("table").InnerTextAsync(), StringComparison.Ordinal);
        await browser.AssertAccessibleAsync(page);

        await page.GotoAsync(browser.BaseUrl + "/beheer/bewaartermijnen");
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = anonymise }).IsVisibleAsync());
        await browser.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }
}
