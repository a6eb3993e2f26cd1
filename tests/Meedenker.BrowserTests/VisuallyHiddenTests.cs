using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Meedenker.BrowserTests;

/// <summary>
/// Text for screen readers only (.md-visually-hidden) stays out of sight, and what is left in sight reads as a
/// whole: no label that says "Status van" before its field, no name that reads "Uitschakelen : Anna".
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class VisuallyHiddenTests(BrowserFixture browser)
{
    /// <summary>Every visually hidden element that takes up more than one pixel or is not clipped, as "text (why)".</summary>
    private static Task<string[]> VisibleHiddenTextAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => [...document.querySelectorAll('.md-visually-hidden')].flatMap(e => {
            const box = e.getBoundingClientRect();
            const style = getComputedStyle(e);
            const clipped = (style.clipPath !== 'none' && style.clipPath !== '') || style.clip.startsWith('rect(0');
            const problems = [];
            if (box.width > 1 || box.height > 1) problems.push(`${box.width}x${box.height}px`);
            if (!clipped) problems.push('not clipped');
            if (style.position !== 'absolute') problems.push(`position ${style.position}`);
            return problems.length === 0 ? [] : [`"${e.textContent.trim()}" (${problems.join(', ')})`];
        })
        """);

    /// <summary>The text a sighted user sees in an element: its text without the visually hidden parts.</summary>
    private static Task<string> VisibleTextAsync(ILocator element) => element.EvaluateAsync<string>("""
        e => { const copy = e.cloneNode(true); copy.querySelectorAll('.md-visually-hidden').forEach(h => h.remove()); return copy.textContent.replace(/\s+/g, ' ').trim(); }
        """);

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task Visually_hidden_labels_stay_hidden_and_what_shows_reads_as_a_whole(int width)
    {
        var organization = await browser.App.CreateOrganizationAsync();
        var supporter = await browser.App.CreateStaffAsync(StaffRoles.Supporter, organization.Id, SupporterKind.Professional, twoFactor: true);
        var colleague = await browser.App.CreateStaffAsync(StaffRoles.Supporter, organization.Id, SupporterKind.Volunteer);
        var admin = await browser.App.CreateStaffAsync(StaffRoles.Admin, organization.Id, twoFactor: true);
        var @case = await browser.App.CreateCaseAsync(organization.Id, supporter.User.Id);
        await browser.App.WithDbAsync(async db =>
        {
            var now = TestClock.Now;
            var c = await db.Cases.SingleAsync(x => x.Id == @case.CaseId);
            var goal = c.AddGoal("wonen", "Een woning dichter bij mijn dochter", supporter.User.Id, now);
            db.PlanGoals.Add(goal);
            db.PlanActions.Add(c.AddAction(goal, "Samen de brieven van de corporatie lezen", PlanActionOwner.Resident, null, null, null, now));
            db.CaseConsents.Add(CaseConsent.Give(@case.CaseId, colleague.User.Id, organization.Id, SharedParts.Plan, ["wonen"], "inwoner", ConsentGivenHow.Verbal, supporter.User.Id, now));
            await db.SaveChangesAsync();
            return 0;
        });

        var problems = new List<string>();
        var page = await browser.NewPageAsync(width: width);
        var plan = $"/werk/casussen/{@case.CaseId}/plan";
        await browser.SignInAsync(page, supporter, plan);
        var status = page.Locator("label[for^='Status-']");
        Assert.Equal(1, await status.CountAsync());
        var statusText = await VisibleTextAsync(status);
        if (statusText != "Status")
        {
            problems.Add($"{plan}: the status label shows \"{statusText}\"");
        }
        foreach (var path in new[] { plan, $"/werk/casussen/{@case.CaseId}/toestemming", "/werk/mijn-casussen" })
        {
            await page.GotoAsync(browser.BaseUrl + path);
            problems.AddRange((await VisibleHiddenTextAsync(page)).Select(p => $"{path}: {p}"));
            problems.AddRange(OrphanPunctuation(await page.Locator("main").AriaSnapshotAsync()).Select(p => $"{path}: {p}"));
        }
        await page.Context.CloseAsync();

        page = await browser.NewPageAsync(width: width);
        await browser.SignInAsync(page, admin, "/beheer/gebruikers");
        foreach (var path in new[] { "/beheer/gebruikers", "/beheer/api-sleutels", "/beheer/zoekwoorden" })
        {
            await page.GotoAsync(browser.BaseUrl + path);
            problems.AddRange((await VisibleHiddenTextAsync(page)).Select(p => $"{path}: {p}"));
            problems.AddRange(OrphanPunctuation(await page.Locator("main").AriaSnapshotAsync()).Select(p => $"{path}: {p}"));
        }
        await page.Context.CloseAsync();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Names in which hidden text begins with a colon read "Uitschakelen : Anna" (browsers set the hidden part apart by a space).</summary>
    private static IEnumerable<string> OrphanPunctuation(string snapshot) =>
        snapshot.Split('\n').Where(line => line.Contains(" : ", StringComparison.Ordinal) || line.Contains(" :\"", StringComparison.Ordinal)).Select(line => $"name with a loose colon: {line.Trim()}");
}
