using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Meedenker.Data.Generation;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Meedenker.Bench;

/// <summary>
/// What the server-side session check costs per request (docs/decisions/0100-server-side-sessions.md): GET /werk
/// as the demo coordinator on two in-process instances of the app on one database, one with the per-request
/// session check and one without it (the baseline), measured in alternating blocks in the same run, one request
/// at a time so the figure is the added latency, not a throughput under contention.
/// </summary>
internal static partial class SessionBench
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    private sealed class App(string provider, string connection, bool check) : WebApplicationFactory<Web.Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Bench");
            builder.UseContentRoot(WebProjectFolder());
            builder.UseSetting("Database:Provider", provider);
            builder.UseSetting("ConnectionStrings:Meedenker", connection);
            builder.UseSetting("Demo:Enabled", "true");
            builder.UseSetting("RateLimits:LoginPerMinute", "10000");
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            builder.ConfigureTestServices(services => services.PostConfigure<StaffSessionOptions>(o => o.CheckEveryRequest = check));
        }
    }

    private static string WebProjectFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var web = Path.Combine(folder.FullName, "src", "Meedenker.Web");
            if (Directory.Exists(web))
            {
                return web;
            }
        }
        throw new InvalidOperationException("Run the benchmark from the repository: src/Meedenker.Web not found.");
    }

    public static async Task RunAsync(string provider, string? adminConnection, int rounds, int perRound)
    {
        var sqliteFile = Path.Combine(Path.GetTempPath(), $"meedenker-session-bench-{Guid.NewGuid():N}.db");
        var postgresName = $"meedenker_session_{Guid.NewGuid():N}";
        var connection = provider == "Postgres"
            ? new NpgsqlConnectionStringBuilder(adminConnection) { Database = postgresName }.ToString()
            : $"Data Source={sqliteFile}";
        try
        {
            await using var with = new App(provider, connection, check: true);
            _ = with.Services;
            await using var without = new App(provider, connection, check: false);
            _ = without.Services;
            using var withClient = await SignInAsync(with);
            using var withoutClient = await SignInAsync(without);
            var times = new Dictionary<string, List<double>> { ["with check"] = [], ["without (baseline)"] = [] };
            // Warm-up: compile queries and views, fill pools.
            await MeasureAsync(withClient, 300, []);
            await MeasureAsync(withoutClient, 300, []);
            for (var round = 0; round < rounds; round++)
            {
                await MeasureAsync(withClient, perRound, times["with check"]);
                await MeasureAsync(withoutClient, perRound, times["without (baseline)"]);
            }
            var withP50 = Median(times["with check"]);
            var withoutP50 = Median(times["without (baseline)"]);
            foreach (var (label, list) in times)
            {
                Console.WriteLine($"{provider} GET /werk {label}: {list.Count} requests, p50 {Median(list):0.000} ms, mean {list.Average():0.000} ms, p95 {Percentile(list, 0.95):0.000} ms");
            }
            Console.WriteLine($"{provider} session check per request: +{withP50 - withoutP50:0.000} ms at the median ({(withP50 - withoutP50) / withoutP50:P1}), +{times["with check"].Average() - times["without (baseline)"].Average():0.000} ms mean");
        }
        finally
        {
            if (provider == "Postgres")
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(adminConnection);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresName}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
            else
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                File.Delete(sqliteFile);
            }
        }
    }

    private static async Task<HttpClient> SignInAsync(WebApplicationFactory<Web.Program> app)
    {
        var client = app.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(new CookieContainer()));
        var login = await client.GetStringAsync("/account/inloggen");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "coordinator@demo.meedenker.test",
            ["Password"] = DemoAccounts.Password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(login).Groups[1].Value),
        });
        var response = await client.PostAsync("/account/inloggen", form);
        if (response.StatusCode != HttpStatusCode.Redirect || (await client.GetAsync("/werk")).StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException("Demo sign-in failed.");
        }
        return client;
    }

    private static async Task MeasureAsync(HttpClient client, int count, List<double> into)
    {
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync("/werk");
            await response.Content.ReadAsByteArrayAsync();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"/werk: {(int)response.StatusCode}");
            }
            into.Add(elapsed);
        }
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];
    }
}
