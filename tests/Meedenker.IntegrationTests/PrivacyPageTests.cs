using Meedenker.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Meedenker.IntegrationTests;

/// <summary>An app whose privacy configuration names a controller and a shorter case term.</summary>
public sealed class ConfiguredPrivacyFactory : MeedenkerFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder!.UseSetting("Privacy:Controllers:0:Name", "Stichting Zorgzaam Zeeland");
        builder.UseSetting("Privacy:Controllers:0:Email", "privacy@zorgzaam.test");
        builder.UseSetting("Privacy:Controllers:0:DataProtectionOfficer", "Fenna de FG, fg@zorgzaam.test");
        builder.UseSetting("Privacy:Controllers:0:Purposes:0:Purpose:Nl", "Alleen voor deze stichting: maatjesprojecten koppelen.");
        builder.UseSetting("Privacy:Controllers:0:Purposes:0:Purpose:En", "Only for this foundation: matching buddy projects.");
        builder.UseSetting("Privacy:Controllers:0:Purposes:0:LegalBasis:Nl", "Toestemming.");
        builder.UseSetting("Privacy:Controllers:1:Name", "Welzijn Walcheren");
        builder.UseSetting("Retention:CaseContentMonthsAfterClosing", "18");
    }
}

public sealed class PrivacyPageTests(ConfiguredPrivacyFactory app) : IClassFixture<ConfiguredPrivacyFactory>
{
    [Fact]
    public async Task The_statement_and_register_come_from_the_configuration_in_both_languages()
    {
        var client = app.CreateClient();

        var statement = await client.GetStringAsync("/privacy");
        Assert.Contains("Stichting Zorgzaam Zeeland", statement, StringComparison.Ordinal);
        Assert.Contains("Fenna de FG", statement, StringComparison.Ordinal);
        Assert.Contains("18 maanden nadat de hulp is afgesloten", statement, StringComparison.Ordinal);
        Assert.Contains("De gemeente: alleen anonieme aantallen", statement, StringComparison.Ordinal);

        var register = await client.GetStringAsync("/privacy/register");
        Assert.Contains("Welzijn Walcheren", register, StringComparison.Ordinal);
        Assert.Contains("Alleen voor deze stichting: maatjesprojecten koppelen.", register, StringComparison.Ordinal);
        // Walcheren has no purposes of its own: it gets the shared ones.
        Assert.Contains("Cliëntondersteuning geven", register, StringComparison.Ordinal);
        Assert.Contains("18 maanden", register, StringComparison.Ordinal);
        Assert.Contains("5 jaar", register, StringComparison.Ordinal);

        var english = await client.GetStringAsync("/privacy/register?culture=en&ui-culture=en");
        Assert.Contains("Only for this foundation: matching buddy projects.", english, StringComparison.Ordinal);
        Assert.Contains("18 months after the support has ended", english, StringComparison.Ordinal);
    }
}
