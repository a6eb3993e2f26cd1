using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Meedenker.BrowserTests;

/// <summary>
/// No table header is squeezed narrower than its longest word ("D o el g r o e p", one letter a line): a table
/// that does not fit scrolls sideways inside its own frame instead.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class TableHeaderTests(BrowserFixture browser)
{
    /// <summary>Every header cell with a word (a line may break after a hyphen) wider than the cell's content box, as "text (word: px > px)".</summary>
    private static Task<string[]> SqueezedHeadersAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => {
            const problems = [];
            for (const th of document.querySelectorAll('table th')) {
                const style = getComputedStyle(th);
                const room = th.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
                for (const word of th.innerText.split(/\s+|(?<=-)/).filter(w => w.length > 0)) {
                    const probe = document.createElement('span');
                    probe.textContent = word;
                    probe.style.cssText = `position:absolute;visibility:hidden;white-space:nowrap;font:${style.font};letter-spacing:${style.letterSpacing}`;
                    document.body.appendChild(probe);
                    const width = probe.getBoundingClientRect().width;
                    probe.remove();
                    if (width > room + 1) {
                        problems.push(`${th.innerText.replace(/\s+/g, ' ')} (${word}: ${width.toFixed(0)}px > ${room.toFixed(0)}px)`);
                    }
                }
            }
            return problems;
        }
        """);

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task Table_headers_are_never_narrower_than_their_longest_word(int width)
    {
        var organization = await browser.App.CreateOrganizationAsync();
        var supporter = await browser.App.CreateStaffAsync(StaffRoles.Supporter, organization.Id);
        var profile = await browser.App.CreateSupporterProfileAsync(supporter);
        var coordinator = await browser.App.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var municipality = await browser.App.CreateOrganizationAsync(OrganizationKind.Municipality);
        var analyst = await browser.App.CreateStaffAsync(StaffRoles.MunicipalityAnalyst, municipality.Id, twoFactor: true);

        var problems = new List<string>();
        var page = await browser.NewPageAsync(width: width);
        await browser.SignInAsync(page, coordinator, "/werk/dekking");
        foreach (var path in new[] { "/werk/dekking", $"/werk/meedenkers/{profile.Id}", "/werk/meedenkers" })
        {
            await page.GotoAsync(browser.BaseUrl + path);
            Assert.True(await page.Locator("table th").CountAsync() > 0, $"{path} has a table");
            problems.AddRange((await SqueezedHeadersAsync(page)).Select(p => $"{path}: {p}"));
        }
        await page.Context.CloseAsync();

        page = await browser.NewPageAsync(width: width);
        await browser.SignInAsync(page, analyst, "/monitor");
        Assert.True(await page.Locator("table th").CountAsync() > 0, "/monitor has tables");
        problems.AddRange((await SqueezedHeadersAsync(page)).Select(p => $"/monitor: {p}"));
        await page.Context.CloseAsync();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
