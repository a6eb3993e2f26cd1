using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Verwijzen;

/// <summary>
/// Mails a referrer who asked for it when their referral's status changes: the code, the new status and a
/// decline reason, never case content. A mail problem is logged and never undoes the status change.
/// </summary>
public sealed class ReferrerNotifier(AppDbContext db, MailSender mail, ILogger<ReferrerNotifier> logger)
{
    public async Task NotifyAsync(Guid helpRequestId, CancellationToken cancellationToken)
    {
        var referral = await db.Referrals.AsNoTracking()
            .Where(r => r.HelpRequestId == helpRequestId && r.NotifyReferrer && r.ReferrerEmail != null)
            .Join(db.HelpRequests, r => r.HelpRequestId, h => h.Id, (r, h) => new { r.ReferrerEmail, r.ReferrerName, h.ReferenceCode, h.Status, h.DeclineReason })
            .SingleOrDefaultAsync(cancellationToken);
        if (referral is null)
        {
            return;
        }
        var (nl, en) = referral.Status switch
        {
            HelpRequestStatus.Matched => ("geaccepteerd: er is een meedenker gevonden", "accepted: a meedenker has been found"),
            HelpRequestStatus.InContact => ("er is contact geweest met de inwoner", "the resident has been contacted"),
            HelpRequestStatus.Closed or HelpRequestStatus.Withdrawn => ("afgesloten", "closed"),
            HelpRequestStatus.Declined => ($"afgewezen. Reden: {referral.DeclineReason}", $"declined. Reason: {referral.DeclineReason}"),
            _ => ("ontvangen", "received"),
        };
        try
        {
            await mail.SendAsync(referral.ReferrerEmail!, $"Verwijzing {referral.ReferenceCode}: {nl} / Referral {referral.ReferenceCode}: {en}",
                $"Beste {referral.ReferrerName},\n\nDe status van verwijzing {referral.ReferenceCode} is nu: {nl}.\n\n" +
                $"Dear {referral.ReferrerName},\n\nThe status of referral {referral.ReferenceCode} is now: {en}.\n", cancellationToken);
        }
#pragma warning disable CA1031 // The status change is stored; a mail problem is only logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogWarning(e, "Status mail for referral {ReferenceCode} could not be sent", referral.ReferenceCode);
        }
    }
}
