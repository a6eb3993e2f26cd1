using System.Diagnostics;

namespace Meedenker.Bench;

/// <summary>
/// Starts the built web app as an operator would (fresh data folder, demo region) and times the first page;
/// the baseline is a second start on the same data, which skips migrations and the generator.
/// </summary>
internal static class FirstStartBench
{
    public static async Task RunAsync()
    {
        var dll = typeof(Web.Program).Assembly.Location;
        var data = Path.Combine(Path.GetTempPath(), $"meedenker-first-start-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        try
        {
            var first = await TimeToFirstPageAsync(dll, data);
            var second = await TimeToFirstPageAsync(dll, data);
            Console.WriteLine($"first start (migrate + demo region) to first page: {first.TotalSeconds:0.00} s");
            Console.WriteLine($"baseline, second start on the same data: {second.TotalSeconds:0.00} s");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<TimeSpan> TimeToFirstPageAsync(string dll, string data)
    {
        const string url = "http://127.0.0.1:5099";
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\" --urls {url}")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Meedenker"] = $"Data Source={Path.Combine(data, "meedenker.db")}";
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            while (stopwatch.Elapsed < TimeSpan.FromSeconds(60))
            {
                try
                {
                    var response = await http.GetAsync(url + "/");
                    if (response.IsSuccessStatusCode)
                    {
                        return stopwatch.Elapsed;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                await Task.Delay(50);
            }
            throw new TimeoutException("The app did not serve its first page within 60 s.");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
