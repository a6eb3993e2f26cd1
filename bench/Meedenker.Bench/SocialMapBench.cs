using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Meedenker.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Meedenker.Bench;

/// <summary>
/// The social map at national scale on PostgreSQL: builds a fresh database with <c>generate --services N</c>
/// (bulk inserts), starts the app as its own process, and measures <c>/api/hsds/services?search=…</c> and
/// <c>/sociale-kaart?q=…</c> at <c>clients</c> concurrent connections. In the same run, a raw Kestrel + Npgsql
/// endpoint in this process runs the same queries (synonyms, expanded LIKE patterns, count and one page) with
/// no EF Core, no Razor and no middleware: the baseline.
/// </summary>
internal static class SocialMapBench
{
    // Ports of their own, so that this bench can run beside the case-work and intake benches (5097, 5098).
    private const string AppUrl = "http://127.0.0.1:5196";
    private const string RawUrl = "http://127.0.0.1:5197";

    public static async Task RunAsync(string adminConnection, int services, int clients, int seconds, string[] searches, string? existingDatabase)
    {
        var name = existingDatabase ?? $"meedenker_socialmap_{Guid.NewGuid():N}";
        var connection = new NpgsqlConnectionStringBuilder(adminConnection) { Database = name, MaxPoolSize = 100 }.ToString();
        if (existingDatabase is null)
        {
            await using (var admin = new NpgsqlConnection(adminConnection))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
                await create.ExecuteNonQueryAsync();
            }
            var generation = Stopwatch.StartNew();
            using var generate = Start(connection, ["generate", "--services", services.ToString(CultureInfo.InvariantCulture)]);
            await generate.WaitForExitAsync();
            if (generate.ExitCode != 0)
            {
                throw new InvalidOperationException("generate failed with exit code " + generate.ExitCode);
            }
            Console.WriteLine($"generated the nationwide directory ({services} services) in {generation.Elapsed.TotalSeconds:0.0} s (migrations, demo region and bulk inserts)");
        }
        await using (var db = new NpgsqlConnection(connection))
        {
            await db.OpenAsync();
            await using var analyze = new NpgsqlCommand("ANALYZE", db);
            await analyze.ExecuteNonQueryAsync();
            await using var count = new NpgsqlCommand("SELECT (SELECT count(*) FROM \"Services\"), (SELECT count(*) FROM \"Organizations\"), (SELECT count(*) FROM \"Municipalities\")", db);
            await using var reader = await count.ExecuteReaderAsync();
            await reader.ReadAsync();
            Console.WriteLine($"directory: {reader.GetInt64(0)} services, {reader.GetInt64(1)} organisations, {reader.GetInt64(2)} municipalities");
        }

        using var server = Start(connection, ["--urls", AppUrl]);
        await using var raw = RawServer(connection);
        try
        {
            await raw.StartAsync();
            await WaitReadyAsync(AppUrl + "/health/ready");
            var runs = searches.SelectMany(search =>
            {
                var q = Uri.EscapeDataString(search);
                return new[]
                {
                    (Label: "raw Kestrel + Npgsql, API query", Search: search, Url: $"{RawUrl}/raw/api?search={q}"),
                    (Label: "/api/hsds/services", Search: search, Url: $"{AppUrl}/api/hsds/services?search={q}"),
                    (Label: "raw Kestrel + Npgsql, page query", Search: search, Url: $"{RawUrl}/raw/page?search={q}"),
                    (Label: "/sociale-kaart", Search: search, Url: $"{AppUrl}/sociale-kaart?q={q}"),
                };
            }).ToList();
            // Warm both servers on every endpoint first (JIT tiering, connection pools), so the first line measured
            // is not the one that pays for it.
            foreach (var run in runs)
            {
                await LoadAsync(run.Url, clients, 2);
            }
            Console.WriteLine($"| endpoint | search | requests/s | p50 ms | p95 ms | failures |");
            Console.WriteLine($"|---|---|---|---|---|---|");
            double rawThroughput = 0;
            foreach (var run in runs)
            {
                var result = await LoadAsync(run.Url, clients, seconds);
                var isRaw = run.Url.StartsWith(RawUrl, StringComparison.Ordinal);
                var share = isRaw || rawThroughput == 0 ? "" : $" ({result.Throughput / rawThroughput:0%} of raw)";
                rawThroughput = isRaw ? result.Throughput : rawThroughput;
                Console.WriteLine($"| {run.Label} | {run.Search} | {result.Throughput:0}{share} | {result.P50:0.0} | {result.P95:0.0} | {result.Failures} |");
            }
        }
        finally
        {
            await raw.StopAsync();
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }
            NpgsqlConnection.ClearAllPools();
            if (existingDatabase is null)
            {
                await using var admin = new NpgsqlConnection(adminConnection);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    private sealed record Load(double Throughput, double P50, double P95, int Failures);

    /// <summary>One second of warm-up, then <paramref name="seconds"/> of requests from <paramref name="clients"/> loops.</summary>
    private static async Task<Load> LoadAsync(string url, int clients, int seconds)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { Timeout = TimeSpan.FromSeconds(30) };
        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        async Task RunAsync(TimeSpan length, bool record)
        {
            var stopwatch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
            {
                while (stopwatch.Elapsed < length)
                {
                    var started = stopwatch.Elapsed;
                    using var response = await http.GetAsync(url);
                    await response.Content.ReadAsByteArrayAsync();
                    if (!record)
                    {
                        continue;
                    }
                    if (response.IsSuccessStatusCode)
                    {
                        latencies.Add((stopwatch.Elapsed - started).TotalMilliseconds);
                    }
                    else
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
            }));
        }
        await RunAsync(TimeSpan.FromSeconds(1), record: false);
        var measured = Stopwatch.StartNew();
        await RunAsync(TimeSpan.FromSeconds(seconds), record: true);
        var elapsed = measured.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToList();
        return sorted.Count == 0
            ? new Load(0, 0, 0, failures)
            : new Load(sorted.Count / elapsed, sorted[sorted.Count / 2], sorted[(int)(sorted.Count * 0.95)], failures);
    }

    /// <summary>
    /// The baseline: the same SQL the app's EF Core queries send (synonym groups, the vocabulary words of each query
    /// word, count, one page ordered by name through the word index), written by hand with Npgsql and a
    /// Utf8JsonWriter, on a bare Kestrel. It caches the synonyms, vocabulary words, counts and first ids exactly as the app does (the
    /// app's own <see cref="Web.Features.Directory.SearchCache"/>, same keys and lifetime), so it is no cheaper.
    /// </summary>
    private static WebApplication RawServer(string connection)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(RawUrl);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var dataSource = NpgsqlDataSource.Create(Meedenker.Data.DatabaseSetup.PostgresConnectionString(connection));
        var cache = new Web.Features.Directory.SearchCache();
        app.MapGet("/raw/api", (string? search) => QueryAsync(dataSource, cache, search, activeOnly: false, pageSize: 50));
        app.MapGet("/raw/page", (string? search) => QueryAsync(dataSource, cache, search, activeOnly: true, pageSize: 10));
        return app;
    }

    private static async Task<IResult> QueryAsync(NpgsqlDataSource dataSource, Web.Features.Directory.SearchCache cache, string? search, bool activeOnly, int pageSize)
    {
        await using var db = await dataSource.OpenConnectionAsync();
        // The synonym groups, cached as the app caches them.
        var groups = await cache.GetOrAddAsync("synonyms", async () =>
        {
            var read = new List<IReadOnlyList<string>>();
            await using var synonyms = new NpgsqlCommand("SELECT \"Words\" FROM \"SearchSynonymGroups\"", db);
            await using var reader = await synonyms.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                read.Add(reader.GetString(0).Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
            return read;
        });
        var where = new StringBuilder(activeOnly ? "WHERE s.\"Status\" = 'Active'" : "WHERE TRUE");
        var parameters = new List<NpgsqlParameter>();
        var key = new List<string>();
        foreach (var term in Search.Terms(search))
        {
            var patterns = Search.Expand(term, groups).Order(StringComparer.Ordinal).ToList();
            var words = await cache.GetOrAddAsync("words:" + string.Join(',', patterns), async () =>
            {
                var likes = string.Join(" OR ", patterns.Select((_, i) => $"\"Word\" LIKE ${i + 1}"));
                await using var vocabulary = new NpgsqlCommand($"SELECT \"Word\" FROM \"SearchWords\" WHERE {likes} LIMIT {Web.Features.Directory.ServiceSearch.MaxWords + 1}", db);
                vocabulary.Parameters.AddRange(patterns.Select(p => new NpgsqlParameter { Value = $"%{p}%" }).ToArray());
                var found = new List<string>();
                await using var reader = await vocabulary.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    found.Add(reader.GetString(0));
                }
                return (IReadOnlyList<string>)found.Order(StringComparer.Ordinal).ToList();
            });
            key.Add(string.Join(',', words));
            parameters.Add(new NpgsqlParameter { Value = words.ToArray() });
            where.Append(CultureInfo.InvariantCulture, $" AND EXISTS (SELECT 1 FROM \"ServiceWords\" w WHERE w.\"ServiceId\" = s.\"Id\" AND w.\"Word\" = ANY(${parameters.Count}))");
        }
        var prefix = activeOnly ? "page" : "api";
        // As the app: the count and the first ids in name order, cached per normalised search; then the page by id.
        var head = await cache.GetOrAddAsync($"{prefix}|{string.Join('|', key)}", async () =>
        {
            await using var count = new NpgsqlCommand($"SELECT count(*)::int FROM \"Services\" s {where}", db);
            count.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
            var total = (int)(await count.ExecuteScalarAsync())!;
            var few = parameters.Count > 0 && total <= Web.Features.Directory.ServiceSearch.ManyMatches;
            await using var first = new NpgsqlCommand($"SELECT s.\"Id\" FROM \"Services\" s {where} ORDER BY s.\"Name\"{(few ? " || ''" : "")}, s.\"Id\" LIMIT {Web.Features.Directory.ServiceSearch.HeadIds}", db);
            first.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
            var ids = new List<Guid>();
            await using var reader = await first.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0));
            }
            return new Web.Features.Directory.ServiceSearch.Head(total, [.. ids]);
        }, size: 1 + Web.Features.Directory.ServiceSearch.HeadIds / 64);
        var pageIds = head.Ids.Take(pageSize).ToArray();
        var columns = activeOnly
            ? "s.\"Id\", s.\"Name\", o.\"Name\", s.\"Description\", s.\"IsFree\", (SELECT string_agg(m.\"Name\", ', ' ORDER BY m.\"Name\") FROM (SELECT m.\"Name\" FROM \"ServiceAreas\" a JOIN \"Municipalities\" m ON m.\"Id\" = a.\"MunicipalityId\" WHERE a.\"ServiceId\" = s.\"Id\" ORDER BY m.\"Name\" LIMIT 8) m)"
            : "s.\"Id\", s.\"Name\", s.\"OrganizationId\", s.\"Description\", s.\"Status\", s.\"LastModified\", s.\"Url\", s.\"Email\", s.\"ApplicationProcess\", s.\"FeesDescription\", s.\"IsFree\"";
        await using var page = new NpgsqlCommand(
            $"SELECT {columns} FROM \"Services\" s JOIN \"Organizations\" o ON o.\"Id\" = s.\"OrganizationId\" WHERE s.\"Id\" = ANY($1) ORDER BY array_position($1, s.\"Id\")", db);
        page.Parameters.Add(new NpgsqlParameter { Value = pageIds });
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("total_items", head.Total);
            json.WriteStartArray("contents");
            await using var reader = await page.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                json.WriteStartObject();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    json.WriteString(reader.GetName(i) + i.ToString(CultureInfo.InvariantCulture), reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture));
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Results.Bytes(buffer.ToArray(), "application/json");
    }

    private static Process Start(string connection, string[] arguments)
    {
        var dll = typeof(Web.Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments]) { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Postgres";
        start.Environment["ConnectionStrings__Meedenker"] = connection;
        start.Environment["Demo__Enabled"] = "false";
        start.Environment["RateLimits__HsdsPerMinute"] = "100000000";
        start.Environment["RateLimits__PublicFormsPerMinute"] = "100000000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitReadyAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if ((await http.GetAsync(url)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Still starting.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The server did not become ready in 60 s.");
    }
}
