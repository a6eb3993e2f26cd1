using Meedenker.Web.Infrastructure;

namespace Meedenker.Web.Features.Hulpvraag;

/// <summary>
/// The mail a resident gets when their request is stored: the reference code and the status link. Sent for a
/// request the resident made (when they ticked "send me a confirmation") and for a referral that gave the
/// resident's e-mail address, so a referred resident can follow their request too. The request is stored first;
/// a mail problem is logged and never turns the confirmation into an error.
/// </summary>
public sealed class ResidentConfirmation(MailSender mail, ILogger<ResidentConfirmation> logger)
{
    public async Task SendAsync(string email, string firstName, string referenceCode, string statusUrl, bool referred, CancellationToken cancellationToken)
    {
        var (openingNl, openingEn) = referred
            ? ("Je bent met jouw toestemming aangemeld bij een meedenker.", "You were referred to a meedenker, with your consent.")
            : ("We hebben je vraag ontvangen.", "We received your request.");
        try
        {
            await mail.SendAsync(email, $"Je vraag is ontvangen ({referenceCode}) / Your request was received",
                $"Beste {firstName},\n\n{openingNl} Je code is {referenceCode}.\nBekijk hier hoe het met je vraag staat: {statusUrl}\n" +
                "Binnen 5 werkdagen neemt een meedenker contact met je op.\n\n" +
                $"Dear {firstName},\n\n{openingEn} Your code is {referenceCode}.\nSee how your request is going: {statusUrl}\n" +
                "A meedenker will contact you within 5 working days.\n", cancellationToken);
        }
#pragma warning disable CA1031 // The request is stored; a mail problem must not turn the confirmation into an error.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogWarning(e, "Confirmation mail for {ReferenceCode} could not be sent", referenceCode);
        }
    }
}
