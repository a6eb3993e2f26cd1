using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Meedenker.Web.Infrastructure;

/// <summary>Sends mail over SMTP with MailKit, or drops it as .eml files in a folder (development, demo).</summary>
public sealed class MailSender(IOptions<MailSettings> settings, IHostEnvironment environment, ILogger<MailSender> logger)
{
    public async Task SendAsync(string to, string subject, string textBody, CancellationToken cancellationToken = default)
    {
        var config = settings.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(config.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = textBody };

        if (!string.IsNullOrWhiteSpace(config.Smtp.Host))
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(config.Smtp.Host, config.Smtp.Port, SecureSocketOptions.StartTlsWhenAvailable, cancellationToken);
            if (!string.IsNullOrEmpty(config.Smtp.UserName))
            {
                await client.AuthenticateAsync(config.Smtp.UserName, config.Smtp.Password, cancellationToken);
            }
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
            return;
        }
        if (!string.IsNullOrWhiteSpace(config.PickupDirectory))
        {
            var folder = Path.IsPathRooted(config.PickupDirectory) ? config.PickupDirectory : Path.Combine(environment.ContentRootPath, config.PickupDirectory);
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"{Guid.NewGuid():N}.eml");
            await message.WriteToAsync(file, cancellationToken);
            logger.LogInformation("Mail to {To} written to {File}", to, file);
            return;
        }
        logger.LogWarning("No mail transport configured (Mail:Smtp:Host or Mail:PickupDirectory); mail '{Subject}' was not sent", subject);
    }
}
