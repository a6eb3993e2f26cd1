using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace Meedenker.BrowserTests;

/// <summary>The app with a 30-second staff session that warns 25 seconds before the end.</summary>
public sealed class ShortSessionFactory : MeedenkerFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder!.UseSetting("Security:SessionIdleMinutes", "0.5");
        builder.UseSetting("Security:SessionWarningSeconds", "25");
    }
}

public sealed class ShortSessionBrowserFixture : BrowserFixture
{
    protected override MeedenkerFactory CreateApp() => new ShortSessionFactory();
}

public sealed class SessionTimeoutTests(ShortSessionBrowserFixture browser) : IClassFixture<ShortSessionBrowserFixture>
{
    private static readonly LocatorWaitForOptions UpToTheEnd = new() { State = WaitForSelectorState.Visible, Timeout = 60_000 };

    [Fact]
    public async Task The_warning_takes_focus_lets_staff_stay_signed_in_and_otherwise_ends_the_session()
    {
        var organization = await browser.App.CreateOrganizationAsync();
        var staff = await browser.App.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, staff, "/werk");

        var dialog = page.GetByRole(AriaRole.Alertdialog, new() { Name = "Je wordt zo uitgelogd" });
        await dialog.WaitForAsync(UpToTheEnd);
        var stay = dialog.GetByRole(AriaRole.Button, new() { Name = "Blijf ingelogd" });
        Assert.True(await stay.EvaluateAsync<bool>("b => b === document.activeElement"), "the warning must put focus on 'Blijf ingelogd'");
        Assert.Matches(@"\d{2}:\d{2}", await dialog.Locator("[data-session-end]").InnerTextAsync());
        await browser.AssertAccessibleAsync(page);

        // By keyboard: Enter on the focused button extends the session in the background.
        await page.Keyboard.PressAsync("Enter");
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        await page.Locator("#md-session-status", new() { HasTextString = "Je blijft ingelogd." }).WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.EndsWith("/werk", page.Url, StringComparison.Ordinal);

        // Ignored, the warning comes back, and at the end the page goes to the sign-in page, which says why.
        await dialog.WaitForAsync(UpToTheEnd);
        await page.WaitForURLAsync("**/account/inloggen?**sessie=verlopen**", new() { Timeout = 60_000, WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Contains("Je bent automatisch uitgelogd", await page.Locator("#sessie-verlopen").InnerTextAsync(), StringComparison.Ordinal);
        await browser.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Without_JavaScript_nothing_shows_and_the_session_still_ends_on_the_server()
    {
        var organization = await browser.App.CreateOrganizationAsync();
        var staff = await browser.App.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var page = await browser.NewPageAsync(javaScript: false);
        await browser.SignInAsync(page, staff, "/werk");
        Assert.False(await page.GetByRole(AriaRole.Alertdialog).IsVisibleAsync());
        await page.Context.CloseAsync();
    }
}
