using Meedenker.Domain;

namespace Meedenker.Tests;

/// <summary>The rules of an organisation's IdP settings: which claims mean multi-factor, the role mapping, the issuer.</summary>
public sealed class IdentityProviderRuleTests
{
    private static IdentityProviderSettings Settings(string mapping = "coordinatoren = Coordinator\nmedewerkers = Meedenker", string acr = "")
    {
        var settings = IdentityProviderSettings.For(Guid.NewGuid());
        settings.Configure(true, "https://sso.gemeente.example/realms/medewerkers", "meedenker", null, false, "groups", "email", mapping, acr, Guid.Empty, DateTimeOffset.UnixEpoch);
        return settings;
    }

    [Theory]
    [InlineData("mfa", true)]
    [InlineData("mca", true)]
    [InlineData("pwd otp", true)]
    [InlineData("pwd hwk", true)]
    [InlineData("pin fpt", true)]
    [InlineData("pwd", false)]
    [InlineData("otp", false)]
    [InlineData("hwk", false)]
    [InlineData("pwd kba", false)]
    [InlineData("", false)]
    public void Only_amr_values_that_name_two_factors_count_as_multi_factor(string amr, bool multiFactor) =>
        Assert.Equal(multiFactor, Settings().SaysMultiFactor(amr.Split(' ', StringSplitOptions.RemoveEmptyEntries), null));

    [Fact]
    public void An_acr_value_counts_only_when_the_admin_named_it()
    {
        var settings = Settings(acr: "http://eidas.europa.eu/LoA/substantial  http://eidas.europa.eu/LoA/high");
        Assert.True(settings.SaysMultiFactor([], "http://eidas.europa.eu/LoA/high"));
        Assert.False(settings.SaysMultiFactor([], "http://eidas.europa.eu/LoA/low"));
        Assert.False(Settings().SaysMultiFactor([], "http://eidas.europa.eu/LoA/high"));
        Assert.Equal("http://eidas.europa.eu/LoA/substantial http://eidas.europa.eu/LoA/high", settings.MultiFactorAcrValues);
    }

    [Fact]
    public void The_first_matching_mapping_line_gives_the_role_and_no_match_gives_none()
    {
        var settings = Settings("# coordinatoren eerst\ncoordinatoren = Coördinator\nmedewerkers = meedenker\ncn=beheer,ou=groepen = Beheerder");
        Assert.Equal(StaffRoles.Coordinator, settings.RoleFor(["medewerkers", "coordinatoren"]));
        Assert.Equal(StaffRoles.Supporter, settings.RoleFor(["medewerkers"]));
        Assert.Equal(StaffRoles.Admin, settings.RoleFor(["cn=beheer,ou=groepen"]));
        Assert.Null(settings.RoleFor(["Medewerkers"]));
        Assert.Null(settings.RoleFor([]));
    }

    [Theory]
    [InlineData("medewerkers = Directeur", "Regel 1")]
    [InlineData("coordinatoren = Coordinator\n= Meedenker", "Regel 2")]
    [InlineData("alleen-een-waarde", "Regel 1")]
    public void A_mapping_line_it_cannot_read_is_refused_with_its_number(string mapping, string line)
    {
        var error = Assert.Throws<DomainException>(() => IdentityProviderSettings.ParseMappings(mapping));
        Assert.StartsWith(line, error.Dutch, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://login.microsoftonline.com/5f3c/v2.0", true)]
    [InlineData("http://localhost:8080/realms/test", true)]
    [InlineData("http://127.0.0.1:5000/", true)]
    [InlineData("http://sso.gemeente.example/realms/medewerkers", false)]
    [InlineData("https://sso.gemeente.example/?tenant=1", false)]
    [InlineData("sso.gemeente.example", false)]
    [InlineData("ftp://sso.gemeente.example", false)]
    [InlineData("", false)]
    public void The_issuer_is_https_except_on_this_machine(string issuer, bool accepted) =>
        Assert.Equal(accepted, IdentityProviderSettings.IssuerProblem(issuer) is null);

    [Fact]
    public void Switching_on_needs_a_role_line_and_every_save_changes_the_version()
    {
        var settings = Settings();
        var version = settings.Version;
        Assert.Throws<DomainException>(() => settings.Configure(true, "https://sso.example", "c", null, false, null, null, "", "", Guid.Empty, DateTimeOffset.UnixEpoch));
        settings.Configure(false, "https://sso.example", "c", null, false, null, null, "", "", Guid.Empty, DateTimeOffset.UnixEpoch);
        Assert.NotEqual(version, settings.Version);
        Assert.Equal("roles", settings.RoleClaim);
    }
}
