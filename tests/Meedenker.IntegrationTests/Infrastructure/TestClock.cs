using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace Meedenker.IntegrationTests.Infrastructure;

/// <summary>
/// The one clock of the tests, so that no test depends on the day it runs. It starts at
/// <c>MEEDENKER_TEST_NOW</c> (an ISO date-time such as <c>2027-03-15T10:00:00Z</c>) or, without it, at
/// <see cref="DefaultStart"/>, and then runs at the real pace (timers and timeouts behave as usual). The test
/// factory gives it to the app (so the demo generator, the jobs, the cookies and the access log read it), and
/// every <see cref="FakeTimeProvider"/> in the tests starts from it.
/// <para>Only the authenticator codes come from the wall clock: ASP.NET Core Identity checks them against it.</para>
/// </summary>
public sealed class TestClock : TimeProvider
{
    public const string Variable = "MEEDENKER_TEST_NOW";
    public static readonly DateTimeOffset DefaultStart = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset Start { get; } = ReadStart();
    public static TestClock Instance { get; } = new();

    private static readonly long StartedAt = Stopwatch.GetTimestamp();

    private TestClock()
    {
    }

    /// <summary>The tests' now.</summary>
    public static DateTimeOffset Now => Instance.GetUtcNow();

    /// <summary>The tests' today plus <paramref name="days"/>, as the yyyy-MM-dd a form field takes.</summary>
    public static string Day(int days = 0) => Now.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A clock the test moves by hand, starting at the tests' now.</summary>
    public static FakeTimeProvider NewFake() => new(Now);

    public override DateTimeOffset GetUtcNow() => Start + Stopwatch.GetElapsedTime(StartedAt);

    private static DateTimeOffset ReadStart()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return DefaultStart;
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start)
            ? start
            : throw new InvalidOperationException($"{Variable} must be an ISO date-time such as 2027-03-15T10:00:00Z, not '{value}'.");
    }
}
