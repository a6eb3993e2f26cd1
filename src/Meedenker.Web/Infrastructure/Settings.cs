namespace Meedenker.Web.Infrastructure;

/// <summary>Start-up problems an operator can fix; the message says what to change.</summary>
public sealed class StartupConfigurationException(string message, Exception? inner = null) : Exception(message, inner);

public sealed class DemoSettings
{
    public bool Enabled { get; set; }
}

public sealed class RateLimitSettings
{
    public int PublicFormsPerMinute { get; set; } = 10;
    public int LoginPerMinute { get; set; } = 20;
    /// <summary>Requests per minute per client on the anonymous HSDS API.</summary>
    public int HsdsPerMinute { get; set; } = 600;
}

public sealed class SecuritySettings
{
    /// <summary>A staff session ends after this many minutes without a request (fractions allowed, for tests).</summary>
    public double SessionIdleMinutes { get; set; } = 20;
    /// <summary>How long before the end the page warns and offers to stay signed in (WCAG 2.2.1: at least 20 seconds).</summary>
    public int SessionWarningSeconds { get; set; } = 120;
    /// <summary>A staff session ends this many hours after sign-in, however active (a working day and a bit).</summary>
    public double SessionAbsoluteHours { get; set; } = 12;

    public TimeSpan SessionIdle => TimeSpan.FromMinutes(Math.Clamp(SessionIdleMinutes, 0.25, 24 * 60));
    public TimeSpan SessionAbsolute => TimeSpan.FromHours(Math.Clamp(SessionAbsoluteHours, 1, 7 * 24));
    public TimeSpan SessionWarning => TimeSpan.FromSeconds(Math.Min(Math.Max(SessionWarningSeconds, 20), Math.Max(1, SessionIdle.TotalSeconds - 5)));
}

public sealed class MailSettings
{
    public string From { get; set; } = "Meedenker <noreply@meedenker.test>";
    public string PickupDirectory { get; set; } = "";
    public SmtpSettings Smtp { get; set; } = new();
}

public sealed class SmtpSettings
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
}
