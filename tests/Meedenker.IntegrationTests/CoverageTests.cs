using System.Net;
using System.Text.RegularExpressions;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.IntegrationTests;

public sealed class CoverageTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    [Fact]
    public async Task Coverage_counts_services_and_supporters_with_room_per_cell_and_marks_gaps()
    {
        var organization = await app.CreateOrganizationAsync();
        var coordinator = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var volunteer = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, SupporterKind.Volunteer);
        await app.CreateServiceAsync(MeedenkerFactory.Unique("Ouderenhulp "), "Wonen voor ouderen", "GM0678", terms: [("doelgroep", "ouderen"), ("leefgebied", "wonen")]);
        await app.WithDbAsync(async db =>
        {
            var profile = new SupporterProfile { Id = Guid.NewGuid(), UserId = volunteer.User.Id, OrganizationId = organization.Id, Kind = SupporterKind.Volunteer };
            profile.SetCapacity(2);
            profile.Municipalities.Add(new SupporterMunicipality { ProfileId = profile.Id, MunicipalityId = await db.Municipalities.Where(m => m.Code == "GM0678").Select(m => m.Id).SingleAsync() });
            profile.Expertise.Add(new SupporterExpertise
            {
                ProfileId = profile.Id,
                TargetGroupTermId = await db.TaxonomyTerms.Where(t => t.Taxonomy == TaxonomyKind.TargetGroup && t.Code == "ouderen").Select(t => t.Id).SingleAsync(),
                LifeDomainTermId = await db.TaxonomyTerms.Where(t => t.Taxonomy == TaxonomyKind.LifeDomain && t.Code == "wonen").Select(t => t.Id).SingleAsync(),
            });
            db.SupporterProfiles.Add(profile);
            return await db.SaveChangesAsync();
        });
        var client = await app.SignInAsync(coordinator);

        var kapelle = await client.GetStringAsync("/werk/dekking?gemeente=GM0678");
        var tholen = await client.GetStringAsync("/werk/dekking?gemeente=GM0716");

        var row = Regex.Match(kapelle, "<th[^>]*scope=\"row\">Ouderen \\(ook dementie\\)</th>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        var cells = Regex.Matches(row, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline).Select(m => Regex.Replace(m.Groups[1].Value, "<[^>]+>", "").Trim()).ToList();
        Assert.StartsWith("1 · 0/1/0", cells[0], StringComparison.Ordinal);
        Assert.Contains("geen aanbod", tholen, StringComparison.Ordinal);
        Assert.Contains("90 van de 90 vakken hebben geen aanbod", tholen, StringComparison.Ordinal);
        Assert.Contains("Onbekende gemeente", await client.GetStringAsync("/werk/dekking?gemeente=XX"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Referrers_do_not_see_the_coverage_matrix()
    {
        var practice = await app.CreateOrganizationAsync(OrganizationKind.Referrer);
        var referrer = await app.CreateStaffAsync(StaffRoles.Referrer, practice.Id, twoFactor: true);
        var response = await (await app.SignInAsync(referrer)).GetAsync("/werk/dekking");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task A_chart_beside_the_table_tells_per_target_group_how_many_life_domains_are_covered_thin_or_empty()
    {
        var organization = await app.CreateOrganizationAsync();
        var coordinator = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        for (var i = 0; i < 3; i++)
        {
            await app.CreateServiceAsync(MeedenkerFactory.Unique("Jongerenwerk "), "Werk voor jongeren", "GM1695", terms: [("doelgroep", "jongeren"), ("leefgebied", "werk-dagbesteding")]);
        }
        await app.CreateServiceAsync(MeedenkerFactory.Unique("Jongerenhuis "), "Wonen voor jongeren", "GM1695", terms: [("doelgroep", "jongeren"), ("leefgebied", "wonen")]);
        var client = await app.SignInAsync(coordinator);

        var html = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/werk/dekking?gemeente=GM1695"));

        var svg = Regex.Match(html, "<svg[^>]*role=\"img\"[^>]*>.*?</svg>", RegexOptions.Singleline).Value;
        Assert.NotEmpty(svg);
        var desc = Regex.Match(svg, "<desc[^>]*>(.*?)</desc>", RegexOptions.Singleline).Groups[1].Value;
        var domains = await app.WithDbAsync(db => db.TaxonomyTerms.CountAsync(t => t.Taxonomy == TaxonomyKind.LifeDomain));
        var jongeren = await app.WithDbAsync(db => db.TaxonomyTerms.Where(t => t.Taxonomy == TaxonomyKind.TargetGroup && t.Code == "jongeren").Select(t => t.NameNl).SingleAsync());
        Assert.Contains($"{jongeren}: 1 gedekt, 1 dun, {domains - 2} zonder aanbod", desc, StringComparison.Ordinal);
        Assert.Contains("class=\"md-chart-covered\"", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", svg, StringComparison.Ordinal);
        Assert.Contains("md-chart-legend", html, StringComparison.Ordinal);
    }
}
