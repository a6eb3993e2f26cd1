using Meedenker.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Meedenker.BrowserTests;

[Collection(BrowserSuite.Name)]
public sealed class SocialMapPageTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("nl", "Sociale kaart", "Zoeken", true)]
    [InlineData("en", "Social map", "Search", true)]
    [InlineData("nl", "Sociale kaart", "Zoeken", false)]
    public async Task Resident_searches_filters_and_opens_a_result(string language, string heading, string button, bool javaScript)
    {
        var word = MeedenkerFactory.Unique("kaart");
        var service = await browser.App.CreateServiceAsync($"Geldhulp {word}", "Hulp bij geldzorgen.", municipalityCode: "GM0703", terms: [("leefgebied", "financien-inkomen")]);
        var page = await browser.NewPageAsync(javaScript: javaScript, language: language);
        // axe-core itself needs JavaScript; the run without it proves the journey works on plain HTML.
        async Task CheckAsync()
        {
            if (javaScript)
            {
                await browser.AssertAccessibleAsync(page);
            }
        }
        await page.GotoAsync(browser.BaseUrl + "/sociale-kaart");
        Assert.Equal(heading, (await page.Locator("h1").InnerTextAsync()).Trim());
        await CheckAsync();

        await page.Locator("#Text").FillAsync($"schulden {word}");
        await page.Locator("#Municipality").SelectOptionAsync("GM0703");
        await page.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync(), url => url.Contains("gemeente=GM0703", StringComparison.Ordinal));
        await CheckAsync();

        await page.FollowAsync(() => page.GetByRole(AriaRole.Link, new() { Name = service.Name }).ClickAsync(), browser.BaseUrl + $"/sociale-kaart/{service.Id}");
        Assert.Equal(service.Name, (await page.Locator("h1").InnerTextAsync()).Trim());
        await CheckAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Keyboard_user_searches_with_Enter_and_reaches_the_result_link()
    {
        var word = MeedenkerFactory.Unique("toets");
        var service = await browser.App.CreateServiceAsync($"Taalcafé {word}", "Oefen Nederlands.");
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/sociale-kaart");

        await page.Locator("#Text").FocusAsync();
        await page.Keyboard.TypeAsync(word);
        await page.FollowAsync(() => page.Keyboard.PressAsync("Enter"), url => url.Contains("q=" + word, StringComparison.Ordinal));

        var target = $"/sociale-kaart/{service.Id}";
        const string Focused = "() => document.activeElement?.getAttribute('href') ?? ''";
        for (var i = 0; i < 40 && await page.EvaluateAsync<string>(Focused) != target; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Equal(target, await page.EvaluateAsync<string>(Focused));
        await page.FollowAsync(() => page.Keyboard.PressAsync("Enter"), browser.BaseUrl + $"/sociale-kaart/{service.Id}");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/sociale-kaart")]
    [InlineData("/sociale-kaart?q=geldzorgen")]
    public async Task Page_has_no_horizontal_scroll_at_320_pixels(string path)
    {
        await browser.App.CreateServiceAsync(MeedenkerFactory.Unique("Heelergroteonafgebrokenwoordzondersprongen") + "Ditgaatdoorentoch", "Hulp bij geldzorgen.");
        var page = await browser.NewPageAsync(width: 320, height: 640);
        await page.GotoAsync(browser.BaseUrl + path);
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");
        Assert.False(overflow, "The page scrolls sideways at 320 px");
        await page.Context.CloseAsync();
    }
}
