using System.Net;
using Meedenker.Data.Generation;
using Meedenker.IntegrationTests.Infrastructure;

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
    public async Task Login_page_lists_the_demo_accounts_in_demo_mode()
    {
        var html = await app.CreateClient().GetStringAsync("/account/inloggen");
        Assert.Contains(DemoAccounts.All[0].Email, html, StringComparison.Ordinal);
    }
}
