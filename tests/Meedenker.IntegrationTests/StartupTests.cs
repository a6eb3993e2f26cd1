using System.Diagnostics;
using Meedenker.IntegrationTests.Infrastructure;

namespace Meedenker.IntegrationTests;

/// <summary>Starts the real app process with bad configuration: it must stop with one line that says what to fix.</summary>
public sealed class StartupTests
{
    private static async Task<(int ExitCode, string Output)> StartAppAsync(Dictionary<string, string> environment, params string[] arguments)
    {
        var dll = typeof(Web.Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("The app kept running with bad configuration.");
        }
        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task Unknown_database_provider_stops_start_up_with_one_clear_line()
    {
        var (exitCode, output) = await StartAppAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Database__Provider"] = "Oracle" });

        Assert.Equal(1, exitCode);
        Assert.Contains("Database:Provider 'Oracle' is unknown", output, StringComparison.Ordinal);
        Assert.Contains("'Sqlite' or 'Postgres'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Access_log_retention_under_five_years_stops_start_up_with_one_clear_line()
    {
        var (exitCode, output) = await StartAppAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Retention__AccessLogYears"] = "2" });

        Assert.Equal(1, exitCode);
        Assert.Contains("Retention:AccessLogYears must be at least 5", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_database_stops_start_up_with_one_clear_line()
    {
        var (exitCode, output) = await StartAppAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Meedenker"] = "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=3",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("Cannot reach or migrate the database (PostgreSQL at 127.0.0.1:1", output, StringComparison.Ordinal);
        Assert.Contains("Check ConnectionStrings:Meedenker", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reverse_proxy_without_known_proxies_stops_start_up_with_one_clear_line()
    {
        var (exitCode, output) = await StartAppAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["ReverseProxy__Enabled"] = "true" });

        Assert.Equal(1, exitCode);
        Assert.Contains("ReverseProxy:Enabled=true, but no proxy to trust X-Forwarded-For from is configured", output, StringComparison.Ordinal);
        Assert.Contains("ReverseProxy__KnownProxies=10.0.0.5", output, StringComparison.Ordinal);
        Assert.Contains("ReverseProxy__KnownNetworks=10.0.0.0/24", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_known_proxy_that_is_not_an_address_stops_start_up_with_one_clear_line()
    {
        var (exitCode, output) = await StartAppAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["ReverseProxy__Enabled"] = "true", ["ReverseProxy__KnownProxies"] = "10.0.0.5,proxy.intern" });

        Assert.Equal(1, exitCode);
        Assert.Contains("ReverseProxy:KnownProxies has 'proxy.intern', which is not an IP address", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_accounts_are_refused_in_production()
    {
        var (exitCode, output) = await StartAppAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Demo__Enabled"] = "true" });

        Assert.Equal(1, exitCode);
        Assert.Contains("Demo accounts are not allowed in Production", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_creates_the_first_administrator_from_the_command_line()
    {
        using var database = new TestDatabase();
        var environment = database.EnvironmentSettings();
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var (exitCode, output) = await StartAppAsync(environment, "create-admin", "--email", "eerste.beheerder@stichting.test", "--name", "Eerste Beheerder", "--organization", "Stichting Proef", "--url", "https://meedenker.test");
        var (again, secondOutput) = await StartAppAsync(environment, "create-admin", "--email", "eerste.beheerder@stichting.test", "--name", "Eerste Beheerder", "--organization", "Stichting Proef");

        Assert.Equal(0, exitCode);
        Assert.Contains("https://meedenker.test/account/wachtwoord-instellen?userId=", output, StringComparison.Ordinal);
        Assert.Equal(1, again);
        Assert.Contains("There is already an account for eerste.beheerder@stichting.test", secondOutput, StringComparison.Ordinal);
    }

    [PostgresFact("database roles are PostgreSQL's")]
    public async Task In_production_start_up_warns_when_the_apps_database_role_owns_the_tables()
    {
        using var database = new TestDatabase();
        // Today's single-role set-up: the app runs (and migrates) as the role that owns every table.
        var (exitCode, output) = await StartAppAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Meedenker"] = database.OwnerConnectionString,
        }, "migrate");

        Assert.Equal(0, exitCode);
        var warning = Assert.Single(output.Split('\n'), l => l.Contains("switch off the access log protection", StringComparison.Ordinal));
        Assert.Contains("\"LogLevel\":\"Warning\"", warning, StringComparison.Ordinal);
        Assert.Contains($"Database role {TestDatabase.OwnerRole} of ConnectionStrings:Meedenker owns (or may act as the owner of) ", warning, StringComparison.Ordinal);
        Assert.Contains("migrate with the owner role in ConnectionStrings:MeedenkerMigrations", warning, StringComparison.Ordinal);
    }

    [PostgresFact("database roles are PostgreSQL's")]
    public async Task In_production_start_up_is_quiet_when_the_owner_migrates_and_the_app_has_its_own_role()
    {
        using var database = new TestDatabase();
        var environment = database.EnvironmentSettings();
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var (exitCode, output) = await StartAppAsync(environment, "migrate");

        Assert.Equal(0, exitCode);
        Assert.Contains("Database migrated", output, StringComparison.Ordinal);
        Assert.DoesNotContain("switch off the access log protection", output, StringComparison.Ordinal);
    }
}
