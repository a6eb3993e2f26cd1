using Meedenker.Domain;
using Microsoft.Playwright;

namespace Meedenker.BrowserTests;

[Collection(BrowserSuite.Name)]
public sealed class ShellPageTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("/", "nl", "Kom je er zelf niet uit? Schakel een meedenker in.")]
    [InlineData("/", "en", "Stuck? Ask a meedenker to think along.")]
    [InlineData("/account/inloggen", "nl", "Inloggen voor medewerkers")]
    [InlineData("/account/inloggen", "en", "Staff sign-in")]
    [InlineData("/toegankelijkheid", "nl", "Toegankelijkheidsverklaring")]
    [InlineData("/privacy", "en", "Privacy statement")]
    [InlineData("/contact", "nl", "Contact")]
    [InlineData("/bestaat-niet", "nl", "Deze pagina bestaat niet")]
    public async Task Page_passes_axe_in_each_language(string path, string language, string heading)
    {
        var page = await browser.NewPageAsync(language: language);
        await page.GotoAsync(browser.BaseUrl + path);

        Assert.Equal(heading, (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        await browser.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Language_switch_works_without_JavaScript()
    {
        var page = await browser.NewPageAsync(javaScript: false);
        await page.GotoAsync(browser.BaseUrl + "/contact");
        Assert.Equal("nl", await page.Locator("html").GetAttributeAsync("lang"));

        await page.FollowAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync(), browser.BaseUrl + "/contact");

        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Contains("Get in touch", await page.ContentAsync(), StringComparison.Ordinal);
        await page.FollowAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Nederlands" }).ClickAsync(), browser.BaseUrl + "/contact");
        Assert.Equal("nl", await page.Locator("html").GetAttributeAsync("lang"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Keyboard_user_reaches_the_skip_link_first_and_it_moves_focus_to_the_content()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Naar de inhoud", (await page.EvaluateAsync<string>("() => document.activeElement.textContent")).Trim());
        await page.Keyboard.PressAsync("Enter");

        Assert.EndsWith("#inhoud", page.Url, StringComparison.Ordinal);
        Assert.Equal("inhoud", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Staff_sign_in_by_keyboard_shows_field_errors_and_keeps_the_input()
    {
        var organization = await browser.App.CreateOrganizationAsync();
        var staff = await browser.App.CreateStaffAsync(StaffRoles.Coordinator, organization.Id);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/account/inloggen");

        await page.GetByLabel("E-mailadres").FocusAsync();
        await page.Keyboard.TypeAsync(staff.Email);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("fout-wachtwoord");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync(".utrecht-form-field-error-message");

        Assert.Equal(staff.Email, await page.GetByLabel("E-mailadres").InputValueAsync());
        Assert.Contains("Inloggen is niet gelukt. Het e-mailadres of wachtwoord klopt niet", await page.Locator("[role=alert]").InnerTextAsync(), StringComparison.Ordinal);
        await browser.AssertAccessibleAsync(page);

        await page.GetByLabel("Wachtwoord").FillAsync(IntegrationTests.Infrastructure.MeedenkerFactory.Password);
        await page.FollowAsync(() => page.GetByLabel("Wachtwoord").PressAsync("Enter"), "**/account/tweestapsverificatie**");
        Assert.Equal("Tweestapsverificatie instellen", (await page.Locator("h1").InnerTextAsync()).Trim());
        await browser.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(320, 256)]
    public async Task Home_page_has_no_horizontal_scroll_on_a_phone_or_at_400_percent_zoom(int width, int height)
    {
        var page = await browser.NewPageAsync(width: width, height: height);
        await page.GotoAsync(browser.BaseUrl + "/");

        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");

        Assert.False(overflow, $"The page scrolls sideways at {width}x{height} px");
        await page.Context.CloseAsync();
    }
}

[Collection(BrowserSuite.Name)]
public sealed class AxeCheckTests(BrowserFixture browser)
{
    [Fact]
    public async Task Axe_check_reports_a_real_violation()
    {
        var page = await browser.NewPageAsync();
        await page.SetContentAsync("<!DOCTYPE html><html lang=\"nl\"><head><title>t</title></head><body><main><img src=\"x.png\"></main></body></html>");

        var violations = await browser.AxeViolationsAsync(page);

        Assert.Contains(violations, v => v.StartsWith("image-alt", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }
}
