using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Meedenker.Domain;
using Npgsql;

namespace Meedenker.Bench;

/// <summary>
/// Intake on PostgreSQL through the real app process:
/// <c>intake</c> measures acknowledged help requests per second at 16 concurrent clients beside a raw Npgsql
/// insert of the same rows in the same run; <c>durability</c> kills the server with SIGKILL in the middle of
/// the load, restarts it, and checks that every reference code a client received exists.
/// </summary>
internal static class IntakeBench
{
    private const string Url = "http://127.0.0.1:5098";

    public static async Task RunAsync(string adminConnection, int clients, int seconds, bool kill)
    {
        var name = $"meedenker_intake_{Guid.NewGuid():N}";
        var connection = new NpgsqlConnectionStringBuilder(adminConnection) { Database = name, MaxPoolSize = 100 }.ToString();
        var server = StartServer(connection);
        try
        {
            await WaitReadyAsync();
            var acknowledged = new ConcurrentBag<string>();
            var latencies = new ConcurrentBag<double>();
            var failures = 0;
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(10) };
            var stopwatch = Stopwatch.StartNew();
            var end = TimeSpan.FromSeconds(seconds);
            var workers = Enumerable.Range(0, clients).Select(async worker =>
            {
                var n = 0;
                while (stopwatch.Elapsed < end)
                {
                    var started = stopwatch.Elapsed;
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/help-requests") { Content = JsonContent.Create(Body(worker, n++)) };
                        request.Headers.Add("Idempotency-Key", SecretToken.New());
                        using var response = await http.SendAsync(request);
                        if ((int)response.StatusCode is 200 or 201)
                        {
                            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
                            acknowledged.Add(json.GetProperty("referenceCode").GetString()!);
                            latencies.Add((stopwatch.Elapsed - started).TotalMilliseconds);
                        }
                        else
                        {
                            Interlocked.Increment(ref failures);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        // The server is down (durability run): not acknowledged, so it may be absent.
                        Interlocked.Increment(ref failures);
                        await Task.Delay(20);
                    }
                }
            }).ToList();

            if (kill)
            {
                await Task.Delay(TimeSpan.FromSeconds(seconds / 3.0));
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
                Console.WriteLine($"killed the server with SIGKILL at {stopwatch.Elapsed.TotalSeconds:0.0} s after {acknowledged.Count} acknowledgements");
                server = StartServer(connection);
                await WaitReadyAsync();
                Console.WriteLine($"server back at {stopwatch.Elapsed.TotalSeconds:0.0} s");
            }
            await Task.WhenAll(workers);
            var elapsed = stopwatch.Elapsed.TotalSeconds;

            if (kill)
            {
                var codes = acknowledged.ToHashSet();
                await using var db = new NpgsqlConnection(connection);
                await db.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT \"ReferenceCode\" FROM \"HelpRequests\" WHERE \"ReferenceCode\" = ANY(@codes)", db);
                command.Parameters.AddWithValue("codes", codes.ToArray());
                var found = new HashSet<string>();
                await using (var reader = await command.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        found.Add(reader.GetString(0));
                    }
                }
                Console.WriteLine($"durability: acknowledged {codes.Count}, found {found.Count}, lost {codes.Count - found.Count}, not acknowledged (errors during the outage) {failures}");
                return;
            }

            var sorted = latencies.Order().ToList();
            Console.WriteLine($"app: {acknowledged.Count / elapsed:0} acknowledged intakes/s at {clients} clients over {elapsed:0.0} s; p50 {sorted[sorted.Count / 2]:0.0} ms, p95 {sorted[(int)(sorted.Count * 0.95)]:0.0} ms; failures {failures}");
            var baseline = await RawInsertAsync(connection, clients, seconds);
            Console.WriteLine($"baseline raw Npgsql insert (resident + request in one transaction): {baseline:0} rows/s at {clients} connections");
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(adminConnection);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static object Body(int worker, int n) => new
    {
        askedBy = "self",
        municipalityCode = "GM0664",
        lifeDomains = new[] { "financien-inkomen" },
        question = $"Ik heb vragen over mijn rekeningen ({worker}-{n}).",
        firstName = "Bench",
        contactPreferences = new[] { "phone" },
        phone = $"06{worker:00}{n % 1_000_000:000000}",
    };

    /// <summary>The same two rows per intake, written with plain Npgsql commands: the floor of what the database allows.</summary>
    private static async Task<double> RawInsertAsync(string connection, int clients, int seconds)
    {
        await using var source = NpgsqlDataSource.Create(Meedenker.Data.DatabaseSetup.PostgresConnectionString(connection));
        Guid municipality;
        await using (var c = await source.OpenConnectionAsync())
        await using (var cmd = new NpgsqlCommand("SELECT \"Id\" FROM \"Municipalities\" LIMIT 1", c))
        {
            municipality = (Guid)(await cmd.ExecuteScalarAsync())!;
        }
        var count = 0;
        var stopwatch = Stopwatch.StartNew();
        var end = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (stopwatch.Elapsed < end)
            {
                await using var c = await source.OpenConnectionAsync();
                await using var tx = await c.BeginTransactionAsync();
                var resident = Guid.NewGuid();
                await using (var r = new NpgsqlCommand("INSERT INTO \"Residents\" (\"Id\", \"FirstName\", \"Phone\", \"MunicipalityId\", \"CreatedAt\") VALUES (@id, 'Raw', '0600000000', @m, now())", c, tx))
                {
                    r.Parameters.AddWithValue("id", resident);
                    r.Parameters.AddWithValue("m", municipality);
                    await r.ExecuteNonQueryAsync();
                }
                await using (var h = new NpgsqlCommand("INSERT INTO \"HelpRequests\" (\"Id\", \"ReferenceCode\", \"StatusTokenHash\", \"ReceivedAt\", \"ResidentId\", \"MunicipalityId\", \"Channel\", \"Status\", \"Question\", \"ContactPreferences\", \"ContactTimes\", \"NeedsInterpreter\", \"EasyLanguage\", \"PossibleDuplicate\") VALUES (@id, @code, @hash, now(), @r, @m, 'Self', 'Received', 'raw', 1, 0, false, false, false)", c, tx))
                {
                    h.Parameters.AddWithValue("id", Guid.NewGuid());
                    h.Parameters.AddWithValue("code", ReferenceCode.New());
                    h.Parameters.AddWithValue("hash", SecretToken.Hash(SecretToken.New()));
                    h.Parameters.AddWithValue("r", resident);
                    h.Parameters.AddWithValue("m", municipality);
                    await h.ExecuteNonQueryAsync();
                }
                await tx.CommitAsync();
                Interlocked.Increment(ref count);
            }
        }));
        return count / stopwatch.Elapsed.TotalSeconds;
    }

    internal static Process StartServer(string connection, Action<string>? log = null)
    {
        var dll = typeof(Web.Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", Url]) { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Postgres";
        start.Environment["ConnectionStrings__Meedenker"] = connection;
        start.Environment["Demo__Enabled"] = "false";
        start.Environment["RateLimits__PublicFormsPerMinute"] = "100000000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => log?.Invoke(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => log?.Invoke(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static async Task WaitReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if ((await http.GetAsync(Url + "/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Still starting.
            }
            catch (TaskCanceledException)
            {
                // Still starting, slowly (a busy machine): ask again.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The server did not become ready in 60 s.");
    }
}
