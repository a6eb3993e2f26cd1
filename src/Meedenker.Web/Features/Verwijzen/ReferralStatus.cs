using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;

namespace Meedenker.Web.Features.Verwijzen;

/// <summary>What a referrer may know about a referral: the status and its dates, never the case content.</summary>
public sealed record ReferralStatusRow(
    Guid ReferralId,
    string ReferenceCode,
    string? ResidentInitial,
    DateTimeOffset ReceivedAt,
    HelpRequestStatus Status,
    DateTimeOffset? MatchedAt,
    DateTimeOffset? FirstContactAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? DeclinedAt,
    string? DeclineReason)
{
    public string StatusText => Status switch
    {
        HelpRequestStatus.Received => Lang.Pick("Ontvangen", "Received"),
        HelpRequestStatus.Matched => Lang.Pick("Geaccepteerd", "Accepted"),
        HelpRequestStatus.InContact => Lang.Pick("Eerste contact gehad", "First contact made"),
        HelpRequestStatus.Closed or HelpRequestStatus.Withdrawn => Lang.Pick("Afgesloten", "Closed"),
        HelpRequestStatus.Declined => Lang.Pick("Afgewezen", "Declined"),
        _ => Status.ToString(),
    };

    public DateTimeOffset StatusAt => Status switch
    {
        HelpRequestStatus.Matched => MatchedAt ?? ReceivedAt,
        HelpRequestStatus.InContact => FirstContactAt ?? ReceivedAt,
        HelpRequestStatus.Closed or HelpRequestStatus.Withdrawn => ClosedAt ?? ReceivedAt,
        HelpRequestStatus.Declined => DeclinedAt ?? ReceivedAt,
        _ => ReceivedAt,
    };

    /// <summary>No first contact within the target number of working days after receipt.</summary>
    public bool IsOverdue(DateTimeOffset now, int targetWorkingDays) =>
        Status is HelpRequestStatus.Received or HelpRequestStatus.Matched && WorkingDays.Between(ReceivedAt, now) > targetWorkingDays;

    public static IQueryable<ReferralStatusRow> Query(AppDbContext db, IQueryable<Referral> referrals) =>
        referrals.Join(db.HelpRequests, r => r.HelpRequestId, h => h.Id, (r, h) => new { r, h })
            .Join(db.Residents, x => x.h.ResidentId, p => p.Id, (x, p) => new ReferralStatusRow(
                x.r.Id, x.h.ReferenceCode, p.FirstName, x.h.ReceivedAt, x.h.Status, x.h.MatchedAt, x.h.FirstContactAt,
                x.h.ClosedAt ?? x.h.WithdrawnAt, x.h.DeclinedAt, x.h.DeclineReason));
}
