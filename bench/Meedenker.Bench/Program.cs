using System.Diagnostics;
using System.Globalization;
using Meedenker.Bench;

// Macro benchmarks that need a whole database or process; each prints its figure beside a baseline
// measured in the same run. Usage:
//   dotnet run -c Release --project bench/Meedenker.Bench -- generator --provider Sqlite|Postgres [--connection CS] [--cases N]
//   dotnet run -c Release --project bench/Meedenker.Bench -- first-start
//   dotnet run -c Release --project bench/Meedenker.Bench -- retention --provider Sqlite|Postgres [--connection CS] [--cases N]
//   dotnet run -c Release --project bench/Meedenker.Bench -- monitor --connection CS [--cases 1000000] [--contacts-per-case 5.6] [--database existing] [--repeats 3]
//   dotnet run -c Release --project bench/Meedenker.Bench -- intake|durability --connection CS [--clients 16] [--seconds N]
//   dotnet run -c Release --project bench/Meedenker.Bench -- casework --connection CS [--cases 1000000] [--clients 16] [--seconds 15] [--warmup 30] [--database keep] [--pages queue,mine,outreach]
//   dotnet run -c Release --project bench/Meedenker.Bench -- social-map --connection CS [--services 50000] [--clients 16] [--seconds N] [--search "schulden,taalcafe"] [--database existing]
//   dotnet run -c Release --project bench/Meedenker.Bench -- sessions --provider Sqlite|Postgres [--connection CS] [--rounds 10] [--requests 300]
var command = args.FirstOrDefault() ?? "help";
string Option(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

switch (command)
{
    case "generator":
        await GeneratorBench.RunAsync(
            Option("--provider", "Sqlite"),
            Option("--connection", ""),
            int.Parse(Option("--cases", "0"), CultureInfo.InvariantCulture));
        return 0;
    case "intake":
    case "durability":
        await IntakeBench.RunAsync(
            Option("--connection", "Host=127.0.0.1;Port=5432;Username=postgres"),
            int.Parse(Option("--clients", "16"), CultureInfo.InvariantCulture),
            int.Parse(Option("--seconds", command == "durability" ? "12" : "20"), CultureInfo.InvariantCulture),
            kill: command == "durability");
        return 0;
    case "casework":
        await CaseWorkBench.RunAsync(
            Option("--connection", "Host=127.0.0.1;Port=5432;Username=postgres"),
            int.Parse(Option("--cases", "1000000"), CultureInfo.InvariantCulture),
            int.Parse(Option("--clients", "16"), CultureInfo.InvariantCulture),
            int.Parse(Option("--seconds", "15"), CultureInfo.InvariantCulture),
            args.Contains("--database") ? Option("--database", "") : null,
            int.Parse(Option("--warmup", "30"), CultureInfo.InvariantCulture),
            args.Contains("--pages") ? Option("--pages", "").Split(',', StringSplitOptions.RemoveEmptyEntries) : null);
        return 0;
    case "retention":
        await RetentionBench.RunAsync(
            Option("--provider", "Sqlite"),
            Option("--connection", ""),
            int.Parse(Option("--cases", "0"), CultureInfo.InvariantCulture));
        return 0;
    case "social-map":
        await SocialMapBench.RunAsync(
            Option("--connection", "Host=127.0.0.1;Port=5432;Username=postgres"),
            int.Parse(Option("--services", "50000"), CultureInfo.InvariantCulture),
            int.Parse(Option("--clients", "16"), CultureInfo.InvariantCulture),
            int.Parse(Option("--seconds", "10"), CultureInfo.InvariantCulture),
            Option("--search", "schulden,taalcafe").Split(',', StringSplitOptions.RemoveEmptyEntries),
            Option("--database", "") is { Length: > 0 } existing ? existing : null);
        return 0;
    case "monitor":
        await MonitorBench.RunAsync(
            Option("--connection", "Host=127.0.0.1;Port=5432;Username=postgres"),
            int.Parse(Option("--cases", "1000000"), CultureInfo.InvariantCulture),
            args.Contains("--database") ? Option("--database", "") : null,
            int.Parse(Option("--repeats", "3"), CultureInfo.InvariantCulture),
            double.Parse(Option("--contacts-per-case", "5"), CultureInfo.InvariantCulture));
        return 0;
    case "sessions":
        await SessionBench.RunAsync(
            Option("--provider", "Sqlite"),
            Option("--connection", "Host=127.0.0.1;Port=5432;Username=postgres"),
            int.Parse(Option("--rounds", "10"), CultureInfo.InvariantCulture),
            int.Parse(Option("--requests", "300"), CultureInfo.InvariantCulture));
        return 0;
    case "first-start":
        await FirstStartBench.RunAsync();
        return 0;
    default:
        Console.WriteLine("Commands: monitor --connection CS [--cases N] [--database NAME] | generator [--provider Sqlite|Postgres] [--connection CS] [--cases N] | first-start | sessions [--provider Sqlite|Postgres] [--connection CS] [--rounds 10] [--requests 300] | retention [--provider …] [--cases N] | intake|durability --connection CS [--clients 16] [--seconds N] | casework --connection CS [--cases N] [--clients 16] [--seconds 15] [--warmup 30] [--database keep] | social-map --connection CS [--services 50000] [--clients 16] [--seconds N] [--search a,b] [--database existing]");
        return command == "help" ? 0 : 1;
}

namespace Meedenker.Bench
{
    internal static class Timing
    {
        public static async Task<TimeSpan> MeasureAsync(Func<Task> action)
        {
            var stopwatch = Stopwatch.StartNew();
            await action();
            return stopwatch.Elapsed;
        }
    }
}
