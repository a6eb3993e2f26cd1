using Meedenker.Web.Infrastructure;

namespace Meedenker.Web.Features.Privacy;

/// <summary>
/// How long personal data is kept (appsettings section <c>Retention</c>); the defaults and their legal basis are
/// explained in docs/privacy.md. After the term the retention job anonymises: the personal fields go, the
/// anonymous facts for the monitoring stay.
/// </summary>
public sealed class RetentionSettings
{
    public const int MinimumAccessLogYears = 5;

    /// <summary>A case's content, its request and — once nothing else is kept — its resident, counted from closing.</summary>
    public int CaseContentMonthsAfterClosing { get; set; } = 24;

    /// <summary>A request that never became a case (withdrawn, declined), counted from that moment.</summary>
    public int UnmatchedRequestMonths { get; set; } = 6;

    /// <summary>The access log; NEN 7513 practice and issue 7 ask for at least 5 years.</summary>
    public int AccessLogYears { get; set; } = MinimumAccessLogYears;

    /// <summary>When the nightly job runs (Quartz cron, server time).</summary>
    public string Schedule { get; set; } = "0 30 2 * * ?";

    public void Validate()
    {
        if (CaseContentMonthsAfterClosing is < 1 or > 240 || UnmatchedRequestMonths is < 1 or > 240)
        {
            throw new StartupConfigurationException("Retention:CaseContentMonthsAfterClosing and Retention:UnmatchedRequestMonths must be 1 to 240 months.");
        }
        if (AccessLogYears is < MinimumAccessLogYears or > 100)
        {
            throw new StartupConfigurationException($"Retention:AccessLogYears must be at least {MinimumAccessLogYears} (NEN 7513) and at most 100.");
        }
        try
        {
            _ = new Quartz.CronExpression(Schedule);
        }
        catch (FormatException e)
        {
            throw new StartupConfigurationException($"Retention:Schedule '{Schedule}' is not a valid Quartz cron expression, e.g. '0 30 2 * * ?' for 02:30 every night.", e);
        }
    }
}
