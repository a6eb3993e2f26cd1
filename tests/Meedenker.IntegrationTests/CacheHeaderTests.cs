using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;

namespace Meedenker.IntegrationTests;

/// <summary>What a signed-in staff member sees is never stored by the browser: the back button on a shared computer shows nothing after signing out.</summary>
public sealed class CacheHeaderTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    [Fact]
    public async Task Staff_pages_are_sent_with_no_store_and_static_files_stay_cacheable()
    {
        var organization = await app.CreateOrganizationAsync();
        var coordinator = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var client = await app.SignInAsync(coordinator);

        foreach (var path in new[] { "/werk", "/werk/wachtrij", "/account/sessies" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{path} is sent without Cache-Control: no-store ({response.StatusCode})");
        }
        var css = await client.GetAsync("/css/site.css");
        Assert.NotEqual(true, css.Headers.CacheControl?.NoStore);
    }
}
