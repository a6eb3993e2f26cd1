using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Meedenker.Data;
using Meedenker.Data.Generation;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Meedenker.Bench;

/// <summary>
/// The queue (/werk/wachtrij, coordinator) and my cases (/werk/mijn-casussen, supporter) pages on PostgreSQL
/// with a generated region of about 1 M cases, through the real app process with real sign-in (password and
/// authenticator code), at N concurrent users; beside a raw Kestrel + Npgsql endpoint that runs the same
/// indexed queries and writes the rows out, in the same run.
/// </summary>
internal static partial class CaseWorkBench
{
    private const string Url = "http://127.0.0.1:5098";
    private const string RawUrl = "http://127.0.0.1:5097";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    private static readonly ConcurrentQueue<string> ServerLog = new();

    public static async Task RunAsync(string adminConnection, int cases, int clients, int seconds, string? keep, int warmUpSeconds = 30, IReadOnlyCollection<string>? pages = null)
    {
        var name = keep ?? $"meedenker_casework_{Guid.NewGuid():N}";
        var connection = new NpgsqlConnectionStringBuilder(adminConnection) { Database = name, MaxPoolSize = 100 }.ToString();
        Process? server = null;
        try
        {
            var options = new DbContextOptionsBuilder<AppDbContext>();
            DatabaseSetup.Configure(options, DatabaseProvider.Postgres, connection);
            Guid coordinatorOrganization;
            Guid supporterId;
            string coordinatorEmail;
            string supporterEmail;
            const string key = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
            await using (var db = new AppDbContext(options.Options))
            {
                db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
                var exists = keep is not null && await db.Database.CanConnectAsync() && await db.Cases.AnyAsync();
                await db.Database.MigrateAsync();
                var generate = exists ? TimeSpan.Zero : await Timing.MeasureAsync(() => new RegionGenerator(db, TimeProvider.System).GenerateAsync(new GeneratorOptions(Cases: cases)));
                Console.WriteLine($"generated {await db.Cases.CountAsync()} cases, {await db.Contacts.CountAsync()} contacts in {generate.TotalSeconds:0} s");
                // The busiest coordinator (largest intake queue) and the supporter with the most open cases.
                coordinatorOrganization = await db.IntakeAssignments.Join(db.HelpRequests, a => a.HelpRequestId, h => h.Id, (a, h) => new { a.OrganizationId, h.Status })
                    .Where(x => x.Status == HelpRequestStatus.Received).GroupBy(x => x.OrganizationId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
                var coordinatorRole = await db.Roles.Where(r => r.Name == StaffRoles.Coordinator).Select(r => r.Id).SingleAsync();
                var coordinator = await db.Users.Where(u => u.OrganizationId == coordinatorOrganization && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == coordinatorRole)).FirstAsync();
                supporterId = await db.Cases.Where(c => c.Status == CaseStatus.Open && c.SupporterId != null).GroupBy(c => c.SupporterId).OrderByDescending(g => g.Count()).Select(g => g.Key!.Value).FirstAsync();
                var supporter = await db.Users.SingleAsync(u => u.Id == supporterId);
                foreach (var user in new[] { coordinator, supporter })
                {
                    user.TwoFactorEnabled = true;
                    user.IsDemo = false;
                    user.PasswordHash = new Microsoft.AspNetCore.Identity.PasswordHasher<StaffUser>().HashPassword(user, DemoAccounts.Password);
                    user.SecurityStamp ??= Guid.NewGuid().ToString("N");
                    if (!await db.UserTokens.AnyAsync(t => t.UserId == user.Id && t.Name == "AuthenticatorKey"))
                    {
                        db.UserTokens.Add(new() { UserId = user.Id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = key });
                    }
                }
                await db.SaveChangesAsync();
                coordinatorEmail = coordinator.Email!;
                supporterEmail = supporter.Email!;
                var queueSize = await db.HelpRequests.CountAsync(h => h.Status == HelpRequestStatus.Received && db.IntakeAssignments.Any(a => a.HelpRequestId == h.Id && a.OrganizationId == coordinatorOrganization));
                var open = await db.Cases.CountAsync(c => c.SupporterId == supporterId && c.Status == CaseStatus.Open);
                Console.WriteLine($"coordinator queue: {queueSize} requests; supporter: {open} open cases");
            }

            server = IntakeBench.StartServer(connection, line =>
            {
                ServerLog.Enqueue(line);
                while (ServerLog.Count > 200)
                {
                    ServerLog.TryDequeue(out _);
                }
            });
            await IntakeBench.WaitReadyAsync();
            await WaitForStartupJobsAsync(connection);
            var coordinatorClient = await SignInAsync(coordinatorEmail, key);
            var supporterClient = await SignInAsync(supporterEmail, key);
            await using var raw = await StartRawAsync(connection, coordinatorOrganization, supporterId);

            foreach (var (label, client, path, rawPath) in new[]
            {
                ("queue /werk/wachtrij", coordinatorClient, "/werk/wachtrij", "/queue"),
                ("my cases /werk/mijn-casussen", supporterClient, "/werk/mijn-casussen", "/mine"),
                ("outreach /werk/bellijst (coordinator)", coordinatorClient, "/werk/bellijst", "/outreach"),
            }.Where(p => pages is null || pages.Contains(p.Item4.TrimStart('/'))))
            {
                var app = await LoadAsync(client, Url + path, clients, seconds, warmUpSeconds);
                using var rawClient = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients });
                var baseline = await LoadAsync(rawClient, RawUrl + rawPath, clients, seconds, warmUpSeconds);
                Console.WriteLine($"{label}: app {app.PerSecond:0}/s, p50 {app.P50:0.0} ms, p95 {app.P95:0.0} ms, errors {app.Errors} | raw Kestrel+Npgsql {baseline.PerSecond:0}/s, p50 {baseline.P50:0.0} ms, p95 {baseline.P95:0.0} ms | app/raw throughput {app.PerSecond / baseline.PerSecond:P0}");
            }
        }
        finally
        {
            if (server is { HasExited: false })
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }
            NpgsqlConnection.ClearAllPools();
            if (keep is null)
            {
                await using var admin = new NpgsqlConnection(adminConnection);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    /// <summary>
    /// The app runs its jobs once at start (the monitor's rebuild takes tens of seconds at this size); measure
    /// after they finished: no other statement active in the database for three seconds in a row (at most 3 min).
    /// </summary>
    private static async Task WaitForStartupJobsAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var busy = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()", db);
        var stopwatch = Stopwatch.StartNew();
        var quiet = 0;
        while (quiet < 3 && stopwatch.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            quiet = (long)(await busy.ExecuteScalarAsync())! == 0 ? quiet + 1 : 0;
        }
        Console.WriteLine($"start-up jobs done after {stopwatch.Elapsed.TotalSeconds:0} s");
    }

    private sealed record Result(double PerSecond, double P50, double P95, int Errors);

    private static async Task<Result> LoadAsync(HttpClient client, string url, int clients, int seconds, int warmUpSeconds)
    {
        // Warm up: first requests compile queries and fill caches.
        for (var i = 0; i < 20; i++)
        {
            var warm = await client.GetAsync(url);
            if (!warm.IsSuccessStatusCode)
            {
                Console.WriteLine(string.Join("\n", ServerLog));
                throw new InvalidOperationException($"{url}: {(int)warm.StatusCode}");
            }
        }
        // Then the same load, unmeasured, until the runtime has finished optimising the hot code (tiered JIT works
        // in the background and is slow to catch up when the two cores are busy).
        if (warmUpSeconds > 0)
        {
            await MeasureAsync(client, url, clients, warmUpSeconds);
        }
        return await MeasureAsync(client, url, clients, seconds);
    }

    private static async Task<Result> MeasureAsync(HttpClient client, string url, int clients, int seconds)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var stopwatch = Stopwatch.StartNew();
        var end = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (stopwatch.Elapsed < end)
            {
                var started = stopwatch.Elapsed;
                using var response = await client.GetAsync(url);
                await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    latencies.Add((stopwatch.Elapsed - started).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var sorted = latencies.Order().ToList();
        return new Result(sorted.Count / stopwatch.Elapsed.TotalSeconds, sorted[sorted.Count / 2], sorted[(int)(sorted.Count * 0.95)], errors);
    }

    /// <summary>Signs in through the pages like a browser: password, then the authenticator code.</summary>
    private static async Task<HttpClient> SignInAsync(string email, string key)
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true, MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(Url) };
        var login = await client.GetStringAsync("/account/inloggen");
        using var password = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = DemoAccounts.Password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(login).Groups[1].Value),
        });
        var codePage = await (await client.PostAsync("/account/inloggen", password)).Content.ReadAsStringAsync();
        using var code = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = Totp.Code(key, TimeProvider.System.GetUtcNow()),
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(codePage).Groups[1].Value),
        });
        var landed = await client.PostAsync("/account/inloggen/code", code);
        if (landed.RequestMessage?.RequestUri?.AbsolutePath.StartsWith("/account", StringComparison.Ordinal) != false)
        {
            throw new InvalidOperationException($"Sign-in failed for {email}: ended at {landed.RequestMessage?.RequestUri}");
        }
        return client;
    }

    /// <summary>The baseline: Kestrel with one endpoint per page that runs the page's main indexed query with Npgsql and writes the rows.</summary>
    private static async Task<WebApplication> StartRawAsync(string connection, Guid organization, Guid supporter)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(RawUrl);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var source = NpgsqlDataSource.Create(DatabaseSetup.PostgresConnectionString(connection));
        // The queue page's statements as EF Core sends them for the default view (first page, triage order): the
        // total and flagged count in one statement, then the flagged requests (only when there are any) and the
        // rest, each walking the queue index in order, with their life domains.
        const string Counts = """
            SELECT (SELECT count(*)::int FROM "IntakeAssignments" AS i WHERE i."OrganizationId" = $1 AND i."Waiting"),
                (SELECT count(*)::int FROM "HelpRequests" AS h WHERE h."Status" = 'Received'
                    AND EXISTS (SELECT 1 FROM "IntakeAssignments" AS i0 WHERE i0."HelpRequestId" = h."Id" AND i0."OrganizationId" = $1)
                    AND (h."SafetyConcern" OR h."Urgent"))
            FROM "Organizations" AS o WHERE o."Id" = $1 LIMIT 1
            """;
        static string Rows(string flag) => $"""
            SELECT h1."Id", h1."ReferenceCode", h1."ReceivedAt", h1."MunicipalityId", h1."Channel", h0."Code", h1."PossibleDuplicate", h1."NeedsInterpreter", h1."LanguageCode", h1."EasyLanguage", h1."Urgent", h1."SafetyConcern"
            FROM (
                SELECT h."Id", h."ReferenceCode", h."ReceivedAt", h."MunicipalityId", h."Channel", h."PossibleDuplicate", h."NeedsInterpreter", h."LanguageCode", h."EasyLanguage", h."Urgent", h."SafetyConcern"
                FROM "HelpRequests" AS h
                WHERE h."Status" = 'Received' AND EXISTS (SELECT 1 FROM "IntakeAssignments" AS i WHERE i."HelpRequestId" = h."Id" AND i."OrganizationId" = $1) AND {flag}
                ORDER BY h."ReceivedAt", h."Id"
                LIMIT $2 OFFSET 0
            ) AS h1
            LEFT JOIN "HelpRequestLifeDomains" AS h0 ON h1."Id" = h0."HelpRequestId"
            ORDER BY h1."ReceivedAt", h1."Id", h0."HelpRequestId"
            """;
        app.MapGet("/queue", async (HttpContext context) =>
        {
            int flagged;
            await using (var count = source.CreateCommand(Counts))
            {
                count.Parameters.Add(new NpgsqlParameter { Value = organization });
                await using var reader = await count.ExecuteReaderAsync();
                await reader.ReadAsync();
                await context.Response.WriteAsync($"{reader.GetInt32(0)}\t{reader.GetInt32(1)}\n");
                flagged = reader.GetInt32(1);
            }
            if (flagged > 0)
            {
                await using var first = source.CreateCommand(Rows("(h.\"SafetyConcern\" OR h.\"Urgent\")"));
                first.Parameters.Add(new NpgsqlParameter { Value = organization });
                first.Parameters.Add(new NpgsqlParameter { Value = 25 });
                await WriteAsync(context, first);
            }
            if (flagged < 25)
            {
                await using var rest = source.CreateCommand(Rows("NOT (h.\"SafetyConcern\") AND NOT (h.\"Urgent\")"));
                rest.Parameters.Add(new NpgsqlParameter { Value = organization });
                rest.Parameters.Add(new NpgsqlParameter { Value = 25 - flagged });
                await WriteAsync(context, rest);
            }
        });
        app.MapGet("/mine", async (HttpContext context) =>
        {
            await using var command = source.CreateCommand(
                "SELECT c.\"Id\", h.\"ReferenceCode\", c.\"OpenedAt\", c.\"FirstContactAt\", (SELECT max(k.\"At\") FROM \"Contacts\" k WHERE k.\"CaseId\" = c.\"Id\") FROM \"Cases\" c JOIN \"HelpRequests\" h ON h.\"Id\" = c.\"HelpRequestId\" WHERE c.\"SupporterId\" = $1 AND c.\"Status\" = 'Open' ORDER BY c.\"OpenedAt\" LIMIT 200");
            command.Parameters.Add(new NpgsqlParameter { Value = supporter });
            await WriteAsync(context, command);
        });
        // The outreach list's ranking for the coordinator's organisation: every known resident's points from their
        // network, self-reliance and last contact, the first 25 by points, and the total.
        app.MapGet("/outreach", async (HttpContext context) =>
        {
            await using var command = source.CreateCommand("""
                SELECT x."Id", x.score, x.last FROM (
                    SELECT c."Id",
                        (CASE WHEN c."LivesAlone" THEN 3 ELSE 0 END)
                        + (CASE WHEN p.n = 0 THEN 3 WHEN p.n <= 2 THEN 1 ELSE 0 END)
                        + (CASE WHEN s.lowest <= 2 THEN 3 WHEN s.lowest = 3 THEN 1 ELSE 0 END)
                        + (CASE WHEN k.last <= $2 - interval '91 days' THEN 2 WHEN k.last <= $2 - interval '31 days' THEN 1 ELSE 0 END)
                        + (CASE WHEN c."Status" = 'Open' THEN 1 ELSE 0 END) AS score, k.last
                    FROM "Cases" c
                    CROSS JOIN LATERAL (SELECT count(*) AS n FROM "NetworkMembers" m WHERE m."CaseId" = c."Id" AND m."RemovedAt" IS NULL AND m."Kind" = 'Person') p
                    CROSS JOIN LATERAL (SELECT COALESCE(min(r."Score"), c."SelfRelianceClose", c."SelfRelianceStart") AS lowest FROM "SelfRelianceScores" r WHERE r."CaseId" = c."Id") s
                    CROSS JOIN LATERAL (SELECT COALESCE(max(k."At"), c."OpenedAt") AS last FROM "Contacts" k WHERE k."CaseId" = c."Id") k
                    WHERE c."OrganizationId" = $1 AND (c."Status" = 'Open' OR (c."Status" = 'Closed' AND c."ClosedAt" >= $2 - interval '1 year'))
                ) x ORDER BY x.score DESC, x.last, x."Id" LIMIT 25
                """);
            var now = TimeProvider.System.GetUtcNow();
            command.Parameters.Add(new NpgsqlParameter { Value = organization });
            command.Parameters.Add(new NpgsqlParameter { Value = now });
            await using var count = source.CreateCommand("""
                SELECT count(*) FROM "Cases" c WHERE c."OrganizationId" = $1 AND (c."Status" = 'Open' OR (c."Status" = 'Closed' AND c."ClosedAt" >= $2 - interval '1 year'))
                """);
            count.Parameters.Add(new NpgsqlParameter { Value = organization });
            count.Parameters.Add(new NpgsqlParameter { Value = now });
            await WriteAsync(context, count);
            await WriteAsync(context, command);
        });
        await app.StartAsync();
        return app;
    }

    private static async Task WriteAsync(HttpContext context, NpgsqlCommand command)
    {
        if (!context.Response.HasStarted)
        {
            context.Response.ContentType = "text/html; charset=utf-8";
        }
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    await context.Response.WriteAsync(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) + "\t");
                }
                await context.Response.WriteAsync("\n");
            }
        }
        while (await reader.NextResultAsync());
    }
}
