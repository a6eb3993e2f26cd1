using Meedenker.Data;
using Meedenker.Domain;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Hulpvraag;

public sealed record IntakeReceipt(Guid RequestId, string ReferenceCode, bool IsNew);

/// <summary>
/// Writes a help request (and a referral) in one transaction, and only then lets the caller show the
/// reference code. The status token doubles as the idempotency key: the same form posted twice finds the
/// request it already created. New requests land in the intake queues of the organisations routed for the
/// municipality; possible duplicates are flagged for the coordinator, never merged or dropped.
/// </summary>
public sealed class Intake(AppDbContext db, TimeProvider time)
{
    public const int DuplicateWindowDays = 30;

    /// <summary>Finds what an earlier post with the same token created: a resident's request, or a referral.</summary>
    public async Task<IntakeReceipt?> FindAsync(string token, bool referral, CancellationToken cancellationToken)
    {
        var hash = SecretToken.Hash(token);
        var requests = referral
            ? db.Referrals.Where(r => r.ReferrerTokenHash == hash).Join(db.HelpRequests, r => r.HelpRequestId, h => h.Id, (_, h) => h)
            : db.HelpRequests.Where(h => h.StatusTokenHash == hash);
        return await requests.AsNoTracking().Select(h => new IntakeReceipt(h.Id, h.ReferenceCode, false)).SingleOrDefaultAsync(cancellationToken);
    }

    /// <param name="token">The status link's token for a resident; for a referral the referrer's token (the request then has no resident link).</param>
    public async Task<IntakeReceipt> SubmitAsync(ValidHelpRequest request, string token, Func<HelpRequest, Referral>? referral = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await FindAsync(token, referral is not null, cancellationToken) is { } existing)
        {
            return existing;
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteAsync(request, token, referral, cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
                // A double submit that raced us stored the same token: that request is the answer.
                if (await FindAsync(token, referral is not null, cancellationToken) is { } raced)
                {
                    return raced;
                }
                // Otherwise the random reference code collided; try again with a new one.
            }
        }
    }

    private async Task<IntakeReceipt> WriteAsync(ValidHelpRequest request, string statusToken, Func<HelpRequest, Referral>? referral, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var resident = new Resident
        {
            Id = Guid.NewGuid(),
            FirstName = request.FirstName,
            LastName = request.LastName,
            Email = request.Email,
            Phone = request.Phone,
            Address = request.Address,
            MunicipalityId = request.MunicipalityId,
            NeighbourhoodId = request.NeighbourhoodId,
            CreatedAt = now,
        };
        var helpRequest = new HelpRequest
        {
            Id = Guid.NewGuid(),
            ReferenceCode = ReferenceCode.New(),
            StatusTokenHash = referral is null ? SecretToken.Hash(statusToken) : null,
            ReceivedAt = now,
            ResidentId = resident.Id,
            MunicipalityId = request.MunicipalityId,
            NeighbourhoodId = request.NeighbourhoodId,
            Postcode = request.Postcode,
            Channel = request.Channel,
            SourceCode = request.SourceCode,
            LifeDomainCode = request.LifeDomains.Count > 0 ? request.LifeDomains[0] : null,
            Question = request.Question,
            Status = HelpRequestStatus.Received,
            ContactPreferences = request.ContactPreferences,
            ContactTimes = request.ContactTimes,
            ContactTimeNote = request.ContactTimeNote,
            LanguageCode = request.LanguageCode,
            NeedsInterpreter = request.NeedsInterpreter,
            EasyLanguage = request.EasyLanguage,
            AccessibilityNeeds = request.AccessibilityNeeds,
            RelativeName = request.RelativeName,
        };
        helpRequest.LifeDomains.AddRange(request.LifeDomains.Select(code => new HelpRequestLifeDomain { HelpRequestId = helpRequest.Id, Code = code }));
        helpRequest.StatusChanges.Add(new HelpRequestStatusChange { Id = Guid.NewGuid(), HelpRequestId = helpRequest.Id, Status = HelpRequestStatus.Received, At = now });

        var duplicateOf = await FindPossibleDuplicateAsync(request, now, cancellationToken);
        helpRequest.PossibleDuplicate = duplicateOf is not null;
        helpRequest.PossibleDuplicateOfId = duplicateOf;

        var routes = await db.IntakeRoutes.Where(r => r.MunicipalityId == request.MunicipalityId).Select(r => r.OrganizationId).ToListAsync(cancellationToken);
        db.Residents.Add(resident);
        db.HelpRequests.Add(helpRequest);
        db.IntakeAssignments.AddRange(routes.Select(o => new IntakeAssignment { HelpRequestId = helpRequest.Id, OrganizationId = o, Waiting = true }));
        if (referral is not null)
        {
            db.Referrals.Add(referral(helpRequest));
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new IntakeReceipt(helpRequest.Id, helpRequest.ReferenceCode, true);
    }

    /// <summary>The same e-mail address or phone number on a request in the last 30 days.</summary>
    private async Task<Guid?> FindPossibleDuplicateAsync(ValidHelpRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (request.Email is null && request.Phone is null)
        {
            return null;
        }
        var since = now.AddDays(-DuplicateWindowDays);
        var candidates = db.Residents.Where(r => (request.Email != null && r.Email == request.Email) || (request.Phone != null && r.Phone == request.Phone));
        return await db.HelpRequests
            .Where(h => h.ReceivedAt >= since && candidates.Any(r => r.Id == h.ResidentId))
            .OrderByDescending(h => h.ReceivedAt)
            .Select(h => (Guid?)h.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
