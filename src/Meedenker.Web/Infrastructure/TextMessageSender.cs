using Microsoft.Extensions.Options;

namespace Meedenker.Web.Infrastructure;

public sealed class TextMessageSettings
{
    /// <summary>Drops text messages as .txt files here (development, demo, tests). Empty: no text messages.</summary>
    public string PickupDirectory { get; set; } = "";
}

/// <summary>
/// Text messages (SMS) to a resident's phone, for the one-time code of their own view. Only a pickup folder is
/// built in; a region that wants real SMS connects its provider here. When nothing is configured, the phone
/// option is not offered.
/// </summary>
public sealed class TextMessageSender(IOptions<TextMessageSettings> settings, IHostEnvironment environment, ILogger<TextMessageSender> logger)
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(settings.Value.PickupDirectory);

    public async Task SendAsync(string phone, string text, CancellationToken cancellationToken = default)
    {
        if (!IsConfigured)
        {
            logger.LogWarning("No text-message transport configured (Sms:PickupDirectory); a message was not sent");
            return;
        }
        var configured = settings.Value.PickupDirectory;
        var folder = Path.IsPathRooted(configured) ? configured : Path.Combine(environment.ContentRootPath, configured);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, $"{Guid.NewGuid():N}.txt"), $"To: {phone}\n\n{text}\n", cancellationToken);
    }
}
