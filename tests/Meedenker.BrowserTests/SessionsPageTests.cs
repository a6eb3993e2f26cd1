using Meedenker.Domain;
using Microsoft.Playwright;

namespace Meedenker.BrowserTests;

/// <summary>"Mijn sessies" (issue 16, finding 1) and the admin's role change: accessible, and usable by keyboard.</summary>
[Collection(BrowserSuite.Name)]
public sealed class SessionsPageTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("nl", "Deze sessie", "Beëindig", "De sessie is beëindigd.", "Rol wijzigen")]
    [InlineData("en", "This session", "End", "The session has ended.", "Change role")]
    public async Task Staff_see_their_sessions_and_end_another_by_keyboard(string language, string thisOne, string end, string ended, string changeRole)
    {
        var organization = await browser.App.CreateOrganizationAsync();
        var admin = await browser.App.CreateStaffAsync(StaffRoles.Admin, organization.Id, twoFactor: true);
        // Someone whose role the admin can change (not their own).
        await browser.App.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        // Another device of the same admin.
        var phone = await browser.App.SignInAsync(admin);

        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, admin, "/account/sessies");
        await page.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = browser.BaseUrl }]);
        await page.GotoAsync(browser.BaseUrl + "/account/sessies");
        Assert.Contains(thisOne, await page.Locator("table").InnerTextAsync(), StringComparison.Ordinal);
        await browser.AssertAccessibleAsync(page);

        await page.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = end }).First.PressAsync("Enter"), u => u.EndsWith("/account/sessies", StringComparison.Ordinal));
        Assert.Contains(ended, await page.Locator(".utrecht-alert").InnerTextAsync(), StringComparison.Ordinal);
        // The other device is sent to the sign-in page (this client follows redirects).
        var refused = await phone.GetAsync("/werk");
        Assert.Contains("/account/inloggen", refused.StatusCode == System.Net.HttpStatusCode.Redirect
            ? refused.Headers.Location!.OriginalString : refused.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        await browser.AssertAccessibleAsync(page);

        await page.GotoAsync(browser.BaseUrl + "/beheer/gebruikers");
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = changeRole }).First.IsVisibleAsync());
        await browser.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }
}
