using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Features.Shared;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.OwnRecord;

/// <summary>
/// The resident's own view: reached from the status link plus a one-time code. It shows what is recorded about
/// them, who looked at it, their consents (to withdraw), and lets them ask for a correction or erasure. Every
/// failure (wrong link, wrong or old code, locked) gets the same neutral message.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.PublicForms)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class MyDataModel(AppDbContext db, OwnViewSession session, OwnRecordReader reader, TimeProvider time,
    MailSender mail, TextMessageSender sms, ILogger<MyDataModel> logger) : FormPageModel
{
    public string Token { get; private set; } = "";
    public OwnRecordView? Record { get; private set; }
    public bool PhoneOffered => sms.IsConfigured;
    public string? Message { get; private set; }
    public bool MessageIsError { get; private set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public PrivacyRequestKind? Kind { get; set; }

    [BindProperty]
    public string? RequestText { get; set; }

    public static string NeutralRefusal => Lang.Pick(
        "Dit lukt niet. De code klopt niet, is verlopen of is te vaak verkeerd ingevuld, of de link werkt niet meer. Vraag een nieuwe code aan of probeer het over een half uur opnieuw.",
        "This did not work. The code is wrong, has expired or was entered wrongly too often, or the link no longer works. Ask for a new code or try again in half an hour.");

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Token = token;
        if (TempData["own-message"] is string message)
        {
            Message = message;
        }
        await LoadAsync(AccessAction.View, "own-record", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSendCodeAsync(string token, OwnViewCodeChannel channel, CancellationToken cancellationToken)
    {
        Token = token;
        var requestId = await session.RequestIdAsync(token, cancellationToken);
        if (requestId is { } id && channel is OwnViewCodeChannel.Email or OwnViewCodeChannel.Phone && (channel != OwnViewCodeChannel.Phone || sms.IsConfigured))
        {
            var contact = await db.HelpRequests.Where(h => h.Id == id).Join(db.Residents, h => h.ResidentId, r => r.Id, (h, r) => new { r.Email, r.Phone }).SingleAsync(cancellationToken);
            var to = channel == OwnViewCodeChannel.Email ? contact.Email : contact.Phone;
            var gate = await session.GateAsync(id, cancellationToken);
            var now = time.GetUtcNow();
            if (!string.IsNullOrWhiteSpace(to) && gate.MaySend(now))
            {
                var code = gate.Issue(channel, now);
                await db.SaveChangesAsync(cancellationToken);
                await SendAsync(channel, to, code, cancellationToken);
            }
        }
        // The same words whether or not anything was sent: they do not tell whether a request or address exists.
        Message = channel == OwnViewCodeChannel.Phone
            ? Lang.Pick("Staat er een telefoonnummer bij je vraag? Dan hebben we de code nu per sms gestuurd. De code werkt 15 minuten.",
                "Is there a phone number with your request? Then we have sent the code by text message. The code works for 15 minutes.")
            : Lang.Pick("Staat er een e-mailadres bij je vraag? Dan hebben we de code nu gemaild. Kijk ook in je map met ongewenste mail. De code werkt 15 minuten.",
                "Is there an e-mail address with your request? Then we have e-mailed the code. Also check your spam folder. The code works for 15 minutes.");
        return Page();
    }

    public async Task<IActionResult> OnPostVerifyAsync(string token, CancellationToken cancellationToken)
    {
        Token = token;
        var requestId = await session.RequestIdAsync(token, cancellationToken);
        if (requestId is { } id)
        {
            var gate = await session.GateAsync(id, cancellationToken);
            var result = gate.Verify(Code, time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            if (result == OwnViewCodeResult.Accepted)
            {
                session.Start(HttpContext, id);
                return Redirect($"/status/{token}/mijn-gegevens");
            }
            if (result == OwnViewCodeResult.Locked)
            {
                logger.LogInformation("Own-view code route locked for help request {HelpRequestId} after {Failures} wrong codes", id, OwnViewAccess.MaxFailures);
            }
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Message = NeutralRefusal;
        MessageIsError = true;
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawConsentAsync(string token, Guid consentId, CancellationToken cancellationToken)
    {
        Token = token;
        var residentId = (await session.ResidentAsync(HttpContext, token, AccessAction.Change, "own-consent", cancellationToken))?.ResidentId;
        if (residentId is null)
        {
            return Refused();
        }
        var consent = await db.CaseConsents.Where(c => c.Id == consentId && db.Cases.Any(k => k.Id == c.CaseId && k.ResidentId == residentId)).SingleOrDefaultAsync(cancellationToken);
        if (consent is null)
        {
            Message = Lang.Pick("Deze toestemming hoort niet bij jou of bestaat niet meer.", "This consent is not yours or no longer exists.");
            MessageIsError = true;
        }
        else
        {
            try
            {
                consent.Withdraw(CaseConsent.ByResident, time.GetUtcNow());
                await db.SaveChangesAsync(cancellationToken);
                TempData["own-message"] = Lang.Pick("Je hebt je toestemming ingetrokken. Vanaf nu ziet die meedenker of organisatie dit deel niet meer.",
                    "You have withdrawn your consent. From now on that meedenker or organisation no longer sees this part.");
                return Redirect($"/status/{token}/mijn-gegevens#toestemming");
            }
            catch (DomainException e)
            {
                Message = Lang.Pick(e.Dutch, e.English);
                MessageIsError = true;
            }
        }
        await LoadAsync(AccessAction.View, "own-record", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostPrivacyRequestAsync(string token, CancellationToken cancellationToken)
    {
        Token = token;
        var proof = await session.ResidentAsync(HttpContext, token, AccessAction.Create, "own-privacy-request", cancellationToken);
        if (proof is null)
        {
            return Refused();
        }
        var (requestId, residentId) = (proof.HelpRequestId, proof.ResidentId);
        var organizationId = await db.Cases.Where(c => c.ResidentId == residentId && c.Status != CaseStatus.OfferDeclined).OrderByDescending(c => c.OpenedAt).Select(c => (Guid?)c.OrganizationId).FirstOrDefaultAsync(cancellationToken)
            ?? await db.IntakeAssignments.Where(a => a.HelpRequestId == requestId).Select(a => (Guid?)a.OrganizationId).FirstOrDefaultAsync(cancellationToken);
        if (organizationId is null)
        {
            Message = Lang.Pick("Je verzoek kan nu niet worden doorgestuurd. Bel of mail ons; dan regelen we het met je.", "Your request cannot be passed on right now. Call or e-mail us and we will sort it out with you.");
            MessageIsError = true;
        }
        else
        {
            try
            {
                var text = InputText.Clean(RequestText, multiline: true);
                var request = PrivacyRequest.Submit(residentId, requestId, organizationId.Value, Kind ?? 0, text, time.GetUtcNow());
                db.PrivacyRequests.Add(request);
                await db.SaveChangesAsync(cancellationToken);
                TempData["own-message"] = Lang.Pick($"We hebben je verzoek ontvangen. Je krijgt uiterlijk {request.DueOn:d MMMM yyyy} antwoord. Je ziet het antwoord hier.",
                    $"We have received your request. You will get an answer by {request.DueOn:d MMMM yyyy} at the latest. You will see the answer here.");
                return Redirect($"/status/{token}/mijn-gegevens#verzoeken");
            }
            catch (DomainException e)
            {
                ModelState.AddModelError(nameof(RequestText), Lang.Pick(e.Dutch, e.English));
            }
        }
        await LoadAsync(AccessAction.View, "own-record", cancellationToken);
        return Page();
    }

    public IActionResult OnPostSignOut(string token)
    {
        session.End(HttpContext);
        return Redirect($"/status/{token}");
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Message = NeutralRefusal;
        MessageIsError = true;
        Record = null;
        return Page();
    }

    private async Task LoadAsync(AccessAction action, string resource, CancellationToken cancellationToken)
    {
        var proof = await session.ResidentAsync(HttpContext, Token, action, resource, cancellationToken);
        Record = proof is null ? null : await reader.ReadAsync(proof.ResidentId, OwnRecordReader.PageAccessLines, cancellationToken);
    }

    private async Task SendAsync(OwnViewCodeChannel channel, string to, string code, CancellationToken cancellationToken)
    {
        try
        {
            if (channel == OwnViewCodeChannel.Phone)
            {
                await sms.SendAsync(to, $"Je code voor Meedenker: {code}. De code werkt 15 minuten. / Your Meedenker code: {code}.", cancellationToken);
            }
            else
            {
                await mail.SendAsync(to, "Je code om je gegevens te bekijken / Your code",
                    $"Hallo,\n\nJe code om je gegevens bij Meedenker te bekijken is: {code}\n\nDe code werkt 15 minuten. Heb je niet om een code gevraagd? Dan kun je deze mail negeren.\n\n"
                    + $"Your code to see your data at Meedenker is: {code}\nThe code works for 15 minutes. Did not ask for a code? Then ignore this e-mail.\n\nMeedenker", cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or MailKit.Net.Smtp.SmtpCommandException or MailKit.ServiceNotConnectedException or MailKit.Security.AuthenticationException)
        {
            logger.LogWarning(e, "Could not send an own-view code by {Channel}", channel);
        }
    }
}
