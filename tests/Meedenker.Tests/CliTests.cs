using Meedenker.Web.Infrastructure;

namespace Meedenker.Tests;

public sealed class CliTests
{
    [Fact]
    public void Generate_reads_its_options_and_passes_the_rest_to_the_web_host()
    {
        var (command, options) = Cli.Parse(["generate", "--cases", "1000000", "--seed", "7", "--urls", "http://localhost:6000"]);
        Assert.Equal(CliCommand.Generate, command);
        Assert.Equal(1_000_000, options.Cases);
        Assert.Equal(7, options.Seed);
        Assert.Equal(["--urls", "http://localhost:6000"], options.WebArgs);
    }

    [Fact]
    public void Generate_takes_a_nationwide_service_count()
    {
        var (_, options) = Cli.Parse(["generate", "--services", "50000"]);
        Assert.Equal(50_000, options.Services);
    }

    [Fact]
    public void Import_hsds_takes_the_zip_file_and_refuses_without_one()
    {
        var (command, options) = Cli.Parse(["import-hsds", "kaart.zip", "--urls", "http://localhost:6000"]);
        Assert.Equal(CliCommand.ImportHsds, command);
        Assert.Equal("kaart.zip", options.File);
        Assert.Equal(["--urls", "http://localhost:6000"], options.WebArgs);
        Assert.Contains("import-hsds needs the zip file", Assert.Throws<StartupConfigurationException>(() => Cli.Parse(["import-hsds"])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_command_runs_the_web_app()
    {
        var (command, options) = Cli.Parse(["--urls", "http://localhost:6000"]);
        Assert.Equal(CliCommand.Run, command);
        Assert.Null(options.Cases);
    }

    [Theory]
    [InlineData("many")]
    [InlineData("-5")]
    public void A_bad_number_is_refused_with_an_example(string value)
    {
        var error = Assert.Throws<StartupConfigurationException>(() => Cli.Parse(["generate", "--cases", value]));
        Assert.Contains("--cases 1000000", error.Message, StringComparison.Ordinal);
    }
}

public sealed class CreateAdminCliTests
{
    [Fact]
    public void Create_admin_reads_its_options()
    {
        var (command, options) = Cli.Parse(["create-admin", "--email", "a@b.nl", "--name", "Anna", "--organization", "Stichting X", "--url", "https://meedenker.example"]);
        Assert.Equal(CliCommand.CreateAdmin, command);
        Assert.Equal("a@b.nl", options.Email);
        Assert.Equal("Anna", options.Name);
        Assert.Equal("Stichting X", options.Organization);
        Assert.Equal("https://meedenker.example", options.BaseUrl);
    }

    [Fact]
    public void Create_admin_without_its_options_says_what_is_missing()
    {
        var error = Assert.Throws<StartupConfigurationException>(() => Cli.Parse(["create-admin", "--email", "a@b.nl"]));
        Assert.Contains("--email, --name and --organization", error.Message, StringComparison.Ordinal);
    }
}
