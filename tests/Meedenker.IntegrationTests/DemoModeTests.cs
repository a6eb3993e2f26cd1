using System.Net;
using Meedenker.Data.Generation;
using Meedenker.IntegrationTests.Infrastructure;
using Meedenker.Web.Features.Monitoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meedenker.IntegrationTests;

public sealed class DemoFactory : MeedenkerFactory
{
    public DemoFactory() : base(demo: true, environment: "Development")
    {
    }
}

public sealed class DemoModeTests(DemoFactory app) : IClassFixture<DemoFactory>
{
    [Fact]
    public void Demo_history_looks_like_a_region_contacts_in_working_hours_services_of_fitting_organisations_referrals_and_case_work()
    {
        // Contacts at 01:30 and 04:55 looked made up: nearly all fall in the working day (Dutch time).
        var hours = app.WithDb(db => db.Contacts.Select(c => c.At).ToList()).Select(at => at.ToOffset(TimeSpan.FromHours(1)).Hour).ToList();
        var atNight = hours.Count(h => h is < 7 or >= 19);
        Assert.True(atNight * 200 < hours.Count, $"{atNight} of {hours.Count} demo contacts are at night");
        // A dementia service comes from the dementia case managers, not from a special-education partnership.
        var dementia = app.WithDb(db => db.Services.Where(s => s.Name.StartsWith("Casemanagement dementie")).Select(s => s.Organization!.Name).Distinct().ToList());
        Assert.Equal(["Casemanagement Dementie De Kreek"], dementia);
        // The referrer organisations have a history of referrals, and cases have questions (with laws), plans, a network and experiences.
        Assert.True(app.WithDb(db => db.Referrals.Count(r => r.ReferrerOrganizationId != null && db.Organizations.Any(o => o.Id == r.ReferrerOrganizationId && o.Kind == Domain.OrganizationKind.Referrer))) > 100);
        Assert.True(app.WithDb(db => db.CaseQuestions.Count()) > 100);
        Assert.Contains(app.WithDb(db => db.CaseQuestions.Select(q => q.LawCodes).Take(500).ToList()), laws => laws.Contains("wgs") || laws.Contains("awir") || laws.Contains("wmo"));
        Assert.True(app.WithDb(db => db.PlanActions.Count()) > 100);
        Assert.True(app.WithDb(db => db.NetworkMembers.Count()) > 100);
        Assert.True(app.WithDb(db => db.ResidentExperiences.Count()) > 100);
        Assert.True(app.WithDb(db => db.TaxonomyTerms.Count(t => t.Taxonomy == Domain.TaxonomyKind.Law && (t.Code == "wgs" || t.Code == "awir"))) == 2);
    }

    [Fact]
    public async Task Demo_region_is_loaded_and_demo_accounts_sign_in_with_password_only()
    {
        Assert.Equal(7, app.WithDb(db => db.Municipalities.Count()));
        Assert.InRange(app.WithDb(db => db.Organizations.Count()), 25, 60);
        Assert.True(app.WithDb(db => db.HelpRequests.Count()) > 5000);

        foreach (var account in DemoAccounts.All)
        {
            var client = app.CreateBrowserlikeClient();
            var login = await client.PostFormAsync("/account/inloggen", new() { ["Email"] = account.Email, ["Password"] = DemoAccounts.Password });
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            Assert.Equal("/werk", login.Headers.Location?.OriginalString);
            var work = await client.GetAsync("/werk");
            Assert.Equal(HttpStatusCode.OK, work.StatusCode);
            Assert.Contains("alle mensen en organisaties op deze site zijn verzonnen", await work.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Demo_caseloads_stay_within_or_near_each_supporters_capacity_and_every_municipality_has_a_queue()
    {
        var loads = app.WithDb(db => db.SupporterProfiles
            .Select(p => new { p.Capacity, Open = db.Cases.Count(c => c.SupporterId == p.UserId && (c.Status == Domain.CaseStatus.Open || c.Status == Domain.CaseStatus.Offered)) })
            .ToList());
        Assert.NotEmpty(loads);
        Assert.All(loads, l => Assert.True(l.Open <= l.Capacity + 1, $"{l.Open} open cases for a capacity of {l.Capacity}"));
        Assert.True(loads.Sum(l => l.Open) > 100, "the supporters still have real work");
        Assert.True(app.WithDb(db => db.IntakeRoutes.Any(r => r.MunicipalityId == null)), "the region has a fallback route");
    }

    /// <summary>Demo mode lets only the demo accounts skip two-factor: an invited real account must set it up first.</summary>
    [Fact]
    public async Task Real_account_in_demo_mode_must_set_up_two_factor_before_any_staff_page()
    {
        var org = await app.CreateOrganizationAsync();
        var staff = await app.CreateStaffAsync(Domain.StaffRoles.Coordinator, org.Id);
        var client = app.CreateBrowserlikeClient();

        var login = await client.PostFormAsync("/account/inloggen", new() { ["Email"] = staff.Email, ["Password"] = MeedenkerFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.StartsWith("/account/tweestaps", login.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);

        // Going around the enrolment page does not work either.
        var work = await client.GetAsync("/werk");
        Assert.Equal(HttpStatusCode.Redirect, work.StatusCode);
        Assert.Contains("/account/geen-toegang", work.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        var denied = await client.GetAsync(work.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/account/tweestaps", denied.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_page_lists_the_demo_accounts_in_demo_mode()
    {
        var html = await app.CreateClient().GetStringAsync("/account/inloggen");
        Assert.Contains(DemoAccounts.All[0].Email, html, StringComparison.Ordinal);
    }
}

public sealed class MonitorTests(DemoFactory app) : IClassFixture<DemoFactory>
{
    private async Task<HttpClient> AnalystAsync()
    {
        var client = app.CreateBrowserlikeClient();
        await client.PostFormAsync("/account/inloggen", new() { ["Email"] = "analist@demo.meedenker.test", ["Password"] = DemoAccounts.Password });
        return client;
    }

    [Fact]
    public async Task Demo_shock_is_flagged_on_the_monitor_with_suppressed_small_counts()
    {
        var start = RegionGenerator.ShockStart(TestClock.Now);
        var client = await AnalystAsync();
        var url = $"/monitor?van={start.AddDays(-21):yyyy-MM-dd}&tot={start.AddDays(56):yyyy-MM-dd}";

        var html = await client.GetStringAsync(url);

        Assert.Contains("Monitor cliëntondersteuning: Goes", html, StringComparison.Ordinal);
        Assert.Contains("Plotselinge daling van het aantal hulpvragen", html, StringComparison.Ordinal);
        Assert.Contains("&lt; 5", html, StringComparison.Ordinal);
        // The demo has three years of history: the signal is season-aware, and says so.
        Assert.Contains("dezelfde weken van vorige jaren", html, StringComparison.Ordinal);
    }

    /// <summary>On whatever day the demo is made (MEEDENKER_TEST_NOW), the weekly check finds its shock once.</summary>
    [Fact]
    public async Task Weekly_check_flags_the_demo_shock_at_its_start_and_no_noise()
    {
        var now = TestClock.Now;
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ShockAlertJob>().RunAsync(now, CancellationToken.None);
        }
        var start = RegionGenerator.ShockStart(now);

        var alerts = app.WithDb(db => db.MonitorAlerts.AsNoTracking().ToList());

        // Exactly one alert for the region, in the shock's first calendar week or the next; all others inside the shock.
        var region = Assert.Single(alerts, a => a.ScopeKind == ShockAlertJob.RegionScope);
        Assert.InRange(region.WeekStart, start, start.AddDays(7));
        Assert.True(region.SeasonAware);
        Assert.All(alerts, a => Assert.InRange(a.WeekStart, start, start.AddDays(7 * (IntakePlan.ShockLengthWeeks - 1))));

        var html = await (await AnalystAsync()).GetStringAsync($"/monitor?van={start.AddDays(-21):yyyy-MM-dd}&tot={start.AddDays(56):yyyy-MM-dd}");
        Assert.Contains(ShockAlertJob.Explain(region.Count, region.Expected, true, false), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyst_of_one_municipality_cannot_see_another_ones_figures()
    {
        var client = await AnalystAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/monitor?gemeente=GM0664")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/monitor?gemeente=GM0716")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/monitor?handler=csv&gemeente=GM0716")).StatusCode);
    }

    [Theory]
    [InlineData("van=2030-01-01&tot=2030-02-01")]
    [InlineData("van=2026-05-01&tot=2026-01-01")]
    [InlineData("van=gisteren")]
    [InlineData("van=2019-01-01&tot=2026-01-01")]
    public async Task Impossible_periods_get_a_message_and_the_default_view(string query)
    {
        var response = await (await AnalystAsync()).GetAsync("/monitor?" + query);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Je ziet nu de laatste 26 weken.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_analysts_open_the_monitor()
    {
        var client = app.CreateBrowserlikeClient();
        await client.PostFormAsync("/account/inloggen", new() { ["Email"] = "coordinator@demo.meedenker.test", ["Password"] = DemoAccounts.Password });
        var response = await client.GetAsync("/monitor");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/geen-toegang", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
