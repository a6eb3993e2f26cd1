namespace Meedenker.BrowserTests;

[Collection(BrowserSuite.Name)]
public sealed class PrivacyPageTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("/privacy", "nl", "Privacyverklaring", "Hoe lang bewaren we het?")]
    [InlineData("/privacy", "en", "Privacy statement", "How long do we keep it?")]
    [InlineData("/privacy/register", "nl", "Verwerkingsregister", "Doelen en grondslagen")]
    [InlineData("/privacy/register", "en", "Processing register", "Purposes and legal bases")]
    public async Task Privacy_statement_and_register_are_accessible_in_each_language(string path, string language, string heading, string section)
    {
        var page = await browser.NewPageAsync(language: language);
        await page.GotoAsync(browser.BaseUrl + path);

        Assert.Equal(heading, (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Contains(section, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await browser.AssertAccessibleAsync(page);
        await page.SetViewportSizeAsync(390, 844);
        await browser.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }
}
